import { MemoryStore } from './memory.js'
import { SqliteStore } from './sqlite.js'
import type { ConversationStore } from './types.js'

export interface OpenStoreOptions {
  /** PostgreSQL only: most connections this process opens. @default 10 */
  poolSize?: number
}

/**
 * The store a DATABASE_URL names: `postgres://…` or `postgresql://…` (PostgreSQL, migrated
 * before this resolves), `sqlite:<path>` (a file, created with its folder), `sqlite::memory:`
 * (SQLite in memory) or `memory:` (plain process memory, for tests).
 */
export async function openStore (url: string, options: OpenStoreOptions = {}): Promise<ConversationStore> {
  if (url === 'memory:') return new MemoryStore()
  if (url.startsWith('sqlite:') && url.length > 'sqlite:'.length) return new SqliteStore(url.slice('sqlite:'.length))
  if (/^postgres(ql)?:\/\/./.test(url)) {
    // Loaded only when asked for: a server on SQLite never loads the PostgreSQL driver.
    const { PostgresStore } = await import('./postgres.js')
    return await PostgresStore.open({ connectionString: url, ...options })
  }
  throw new Error('DATABASE_URL must be postgres://…, sqlite:<path>, sqlite::memory: or memory:')
}
