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
 * Where conversations live. One turn at a time per conversation: a turn takes a lease
 * (`acquireLease`), and either commits everything it changed at once (`commitTurn`) or lets
 * go (`releaseLease`). A lease that is not let go (a crashed process) expires.
 */
export interface ConversationStore {
  create (record: ConversationRecord): Promise<void>
  /** The tenant's conversation, or undefined (also for another tenant's). */
  get (tenant: string, id: string): Promise<ConversationRecord | undefined>
  acquireLease (tenant: string, id: string, holder: string, ttlMs: number): Promise<LeaseResult>
  /** Stores the turn's result and frees the conversation; false if `holder` no longer held it. */
  commitTurn (record: ConversationRecord, holder: string): Promise<boolean>
  releaseLease (id: string, holder: string): Promise<void>
  /** Throws if the store cannot serve. */
  ping (): Promise<void>
  close (): Promise<void>
}
