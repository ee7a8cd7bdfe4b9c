import { MemoryStore } from './memory.js'
import { SqliteStore } from './sqlite.js'
import type { ConversationStore } from './types.js'

/**
 * The store a DATABASE_URL names: `sqlite:<path>` (a file, created with its folder),
 * `sqlite::memory:` (SQLite in memory) or `memory:` (plain process memory, for tests).
 */
export function openStore (url: string): ConversationStore {
  if (url === 'memory:') return new MemoryStore()
  if (url.startsWith('sqlite:') && url.length > 'sqlite:'.length) return new SqliteStore(url.slice('sqlite:'.length))
  throw new Error(`DATABASE_URL must be sqlite:<path>, sqlite::memory: or memory:, not ${JSON.stringify(url)}`)
}
