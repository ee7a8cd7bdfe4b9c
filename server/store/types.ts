import type { Conversation } from 'fastify-medical-chats/schemas'

/** A conversation as stored: the public document and the engine's private state. */
export interface ConversationRecord {
  tenant: string
  conversation: Conversation
  /** The interview's own state (JSON): what the engine needs to take the next turn. */
  state: unknown
}

export type LeaseResult =
  | { status: 'acquired', record: ConversationRecord }
  | { status: 'not_found' | 'busy' | 'complete' }

/**
 * The store cannot serve because its medium failed: disk full, read-only file or folder,
 * permission denied, the file deleted or replaced, a corrupt file, the database locked past
 * the busy timeout, an I/O error, a lost connection. Nothing of the failed call was kept, and
 * the same call can succeed once the fault is gone: the API answers 503 `unavailable` with
 * Retry-After (the plugin's error handler reads `statusCode`), and readiness fails.
 * `cause` is the driver's error, for the log only: it may name files and hosts.
 */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError'
  readonly code = 'STORE_UNAVAILABLE'
  readonly statusCode = 503

  constructor (cause: unknown) {
    super('The conversation store cannot serve right now.', { cause })
  }
}

/**
 * Where conversations live. One turn at a time per conversation: a turn takes a lease
 * (`acquireLease`), and either commits everything it changed at once (`commitTurn`) or lets
 * go (`releaseLease`). A lease that is not let go (a crashed process) expires.
 *
 * Faults: every method throws `StoreUnavailableError` (the driver's error as its `cause`)
 * when the medium fails, and only then; any other error is a bug. A write reports failure
 * only once it is known not to have been kept: a call that resolves was committed.
 */
export interface ConversationStore {
  create (record: ConversationRecord): Promise<void>
  /** The tenant's conversation, or undefined (also for another tenant's). */
  get (tenant: string, id: string): Promise<ConversationRecord | undefined>
  acquireLease (tenant: string, id: string, holder: string, ttlMs: number): Promise<LeaseResult>
  /** Stores the turn's result and frees the conversation; false if `holder` no longer held it. */
  commitTurn (record: ConversationRecord, holder: string): Promise<boolean>
  releaseLease (tenant: string, id: string, holder: string): Promise<void>
  /**
   * Resolves only if the store can take a write now (a read would succeed on a full disk or
   * a read-only file); throws `StoreUnavailableError` otherwise. Backs `/readyz`, so it is
   * cheap, and it is where a store that lost its medium tries to get it back.
   */
  ping (): Promise<void>
  close (): Promise<void>
}
