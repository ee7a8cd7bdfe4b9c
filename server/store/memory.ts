import type { ConversationRecord, ConversationStore, LeaseResult } from './types.js'

interface Entry {
  record: string
  tenant: string
  complete: boolean
  lease?: { holder: string, expiresAt: number }
}

/**
 * Conversations in this process's memory: for tests and for embedding where nothing needs to
 * survive a restart. Records are kept serialized, as the database keeps them, so no caller
 * can change a stored conversation by holding on to an object.
 */
export class MemoryStore implements ConversationStore {
  readonly #entries = new Map<string, Entry>()
  readonly #now: () => number

  constructor (now: () => number = Date.now) {
    this.#now = now
  }

  async create (record: ConversationRecord): Promise<void> {
    this.#entries.set(record.conversation.id, { record: JSON.stringify(record), tenant: record.tenant, complete: record.conversation.is_complete })
  }

  async get (tenant: string, id: string): Promise<ConversationRecord | undefined> {
    const entry = this.#entries.get(id)
    return entry?.tenant === tenant ? JSON.parse(entry.record) : undefined
  }

  async acquireLease (tenant: string, id: string, holder: string, ttlMs: number): Promise<LeaseResult> {
    const entry = this.#entries.get(id)
    if (entry?.tenant !== tenant) return { status: 'not_found' }
    if (entry.complete) return { status: 'complete' }
    const now = this.#now()
    if (entry.lease !== undefined && entry.lease.expiresAt > now) return { status: 'busy' }
    entry.lease = { holder, expiresAt: now + ttlMs }
    return { status: 'acquired', record: JSON.parse(entry.record) }
  }

  async commitTurn (record: ConversationRecord, holder: string): Promise<boolean> {
    const entry = this.#entries.get(record.conversation.id)
    if (entry?.tenant !== record.tenant || entry.lease?.holder !== holder) return false
    entry.record = JSON.stringify(record)
    entry.complete = record.conversation.is_complete
    entry.lease = undefined
    return true
  }

  async releaseLease (tenant: string, id: string, holder: string): Promise<void> {
    const entry = this.#entries.get(id)
    if (entry?.tenant === tenant && entry.lease?.holder === holder) entry.lease = undefined
  }

  async ping (): Promise<void> {}

  async close (): Promise<void> {
    this.#entries.clear()
  }
}
