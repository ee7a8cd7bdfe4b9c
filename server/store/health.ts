import type { FastifyBaseLogger } from 'fastify'
import { StoreUnavailableError, type ConversationRecord, type ConversationStore, type LeaseResult } from './types.js'

function always (): boolean {
  return true
}

function never (): boolean {
  return false
}

/**
 * A store whose faults are reported once: the first `StoreUnavailableError` after a healthy
 * spell is logged at error level with its cause (a fault's later symptoms are not: a file
 * deleted says "moved", then "cannot open"), the first write that succeeds after it at info: reads go on working on a full disk, so only a
 * write proves the store serves again. Every call passes through unchanged; requests refused
 * in between are logged by the error handler, below error level and without the cause.
 */
export class HealthReportingStore implements ConversationStore {
  readonly #store: ConversationStore
  readonly #log: FastifyBaseLogger
  /** A fault was reported and no write has succeeded since. */
  #faulty = false

  constructor (store: ConversationStore, log: FastifyBaseLogger) {
    this.#store = store
    this.#log = log
  }

  /** `wrote` says whether a result shows a write that was kept. */
  async #watch<T> (pending: Promise<T>, wrote: (result: T) => boolean): Promise<T> {
    try {
      const result = await pending
      if (this.#faulty && wrote(result)) {
        this.#faulty = false
        this.#log.info('the conversation store serves again')
      }
      return result
    } catch (error) {
      if (error instanceof StoreUnavailableError) this.#report(error)
      throw error
    }
  }

  #report (error: StoreUnavailableError): void {
    if (this.#faulty) return
    this.#faulty = true
    this.#log.error({ err: error.cause }, 'the conversation store cannot serve; requests that need it get 503 until it can')
  }

  create (record: ConversationRecord): Promise<void> {
    return this.#watch(this.#store.create(record), always)
  }

  get (tenant: string, id: string): Promise<ConversationRecord | undefined> {
    return this.#watch(this.#store.get(tenant, id), never)
  }

  acquireLease (tenant: string, id: string, holder: string, ttlMs: number): Promise<LeaseResult> {
    return this.#watch(this.#store.acquireLease(tenant, id, holder, ttlMs), (lease) => lease.status === 'acquired')
  }

  commitTurn (record: ConversationRecord, holder: string): Promise<boolean> {
    return this.#watch(this.#store.commitTurn(record, holder), (committed) => committed)
  }

  releaseLease (tenant: string, id: string, holder: string): Promise<void> {
    return this.#watch(this.#store.releaseLease(tenant, id, holder), never)
  }

  ping (): Promise<void> {
    return this.#watch(this.#store.ping(), always)
  }

  close (): Promise<void> {
    return this.#store.close()
  }
}
