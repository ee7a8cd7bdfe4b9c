import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import {
  ConversationBusyError, ConversationCompleteError, ConversationNotFoundError, emptyConversation, logFailure,
  type ChatEngine, type ChatTurn, type EngineContext, type NewConversation, type TurnContext, type TurnRequest
} from 'fastify-medical-chats'
import type { ChatResponse, Conversation, Message } from 'fastify-medical-chats/schemas'
import type { Interviewer, InterviewOutcome } from './interview/types.js'
import type { ConversationRecord, ConversationStore, LeaseResult } from './store/types.js'

export interface ConversationEngineOptions {
  store: ConversationStore
  interviewer: Interviewer
  /** Pause between streamed words. @default 0 */
  chunkDelayMs?: number
  /** How long a turn holds its conversation before the hold expires. @default 120000 */
  leaseTtlMs?: number
  /** Unix milliseconds; injectable for tests. */
  now?: () => number
}

export const DEFAULT_LEASE_TTL_MS = 120_000

/** A reply's text as word-sized pieces, each word with the white space before it. */
export function wordChunks (text: string): string[] {
  return text.match(/\s*\S+/g) ?? []
}

/**
 * A turn refused as busy by an abandoned turn of this process waits this long to learn of the
 * abandonment (a client's close is read within a turn or two of the event loop), then up to
 * RELEASE_WAIT_MS for the lease to be let go (one store write).
 */
export const ABANDON_NOTICE_MS = 100
export const RELEASE_WAIT_MS = 2000

/** A turn of this process holding its conversation: aborted when abandoned, `released` once it let go. */
interface HeldTurn {
  signal: AbortSignal
  released: Promise<void>
}

/** True if `signal` aborts within `ms` (at once if it has); no timer or listener is left behind. */
function abortedWithin (signal: AbortSignal, ms: number): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(function notAborted () {
      signal.removeEventListener('abort', aborted)
      resolve(false)
    }, ms)
    function aborted (): void {
      clearTimeout(timer)
      resolve(true)
    }
    signal.addEventListener('abort', aborted, { once: true })
  })
}

/** True if `pending` resolves within `ms`; no timer is left behind. */
async function resolvedWithin (pending: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<boolean>((resolve) => { timer = setTimeout(resolve, ms, false) })
  try {
    return await Promise.race([pending.then(() => true), late])
  } finally {
    clearTimeout(timer)
  }
}

/** The turn's lease was lost (it expired and another turn took the conversation): nothing was saved. */
export class LeaseLostError extends Error {
  override name = 'LeaseLostError'
}

/**
 * The reference server's engine: conversations in a store, replies from an interviewer.
 * A turn holds a lease on its conversation from `startTurn` until it commits; everything the
 * turn changed is written in one commit, after the last word was produced, so a turn that
 * fails, times out or is abandoned leaves the conversation exactly as it was.
 */
export class ConversationEngine implements ChatEngine {
  readonly capabilities
  readonly #store: ConversationStore
  readonly #interviewer: Interviewer
  readonly #chunkDelayMs: number
  readonly #leaseTtlMs: number
  readonly #now: () => number
  /** The turns this process runs, by conversation id, until their lease is let go. */
  readonly #held = new Map<string, HeldTurn>()

  constructor (options: ConversationEngineOptions) {
    this.#store = options.store
    this.#interviewer = options.interviewer
    this.capabilities = options.interviewer.capabilities
    this.#chunkDelayMs = options.chunkDelayMs ?? 0
    this.#leaseTtlMs = options.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS
    this.#now = options.now ?? Date.now
  }

  #seconds (): number {
    return Math.floor(this.#now() / 1000)
  }

  async createConversation (request: NewConversation, context: EngineContext): Promise<Conversation> {
    const conversation = emptyConversation(request, this.#seconds())
    const state = this.#interviewer.begin({
      patient: request.patient,
      personality: request.personality,
      language: request.language,
      codingSystem: request.coding_system,
      ...(request.max_questions === undefined ? {} : { maxQuestions: request.max_questions })
    })
    await this.#store.create({ tenant: context.tenant, conversation, state })
    return conversation
  }

  async getConversation (conversationId: string, context: EngineContext): Promise<Conversation | undefined> {
    return (await this.#store.get(context.tenant, conversationId))?.conversation
  }

  /**
   * Takes the conversation's lease. Refused as busy by a turn of this process that has been
   * abandoned (its client gone, its time out), it waits for that turn to let go: a client that
   * aborts a stream and sends its next turn at once can reach the server before the abort does
   * (a closed socket is reported after a new request read in the same turn of the event loop).
   * Bounded twice: the holder must be abandoned within ABANDON_NOTICE_MS and have let go within
   * RELEASE_WAIT_MS, else the refusal stands. A holder still serving its client is not waited
   * for beyond the notice: the answer stays 409 `conversation_busy`.
   */
  async #acquireLease (tenant: string, id: string, holder: string): Promise<LeaseResult> {
    const lease = await this.#store.acquireLease(tenant, id, holder, this.#leaseTtlMs)
    const held = lease.status === 'busy' ? this.#held.get(id) : undefined
    if (held === undefined || !await abortedWithin(held.signal, ABANDON_NOTICE_MS) || !await resolvedWithin(held.released, RELEASE_WAIT_MS)) return lease
    return this.#store.acquireLease(tenant, id, holder, this.#leaseTtlMs)
  }

  async startTurn (request: TurnRequest, context: TurnContext): Promise<ChatTurn> {
    const holder = randomUUID()
    const id = request.conversation_id
    const lease = await this.#acquireLease(context.tenant, id, holder)
    if (lease.status !== 'acquired') {
      if (lease.status === 'not_found') throw new ConversationNotFoundError()
      if (lease.status === 'complete') throw new ConversationCompleteError()
      throw new ConversationBusyError()
    }

    let letGo!: () => void
    const held: HeldTurn = { signal: context.signal, released: new Promise<void>((resolve) => { letGo = resolve }) }
    this.#held.set(id, held)
    let settled = false
    const over = (): void => {
      if (this.#held.get(id) === held) this.#held.delete(id)
      letGo()
    }
    const release = (): void => {
      if (settled) return
      settled = true
      this.#store.releaseLease(context.tenant, id, holder).catch((error: unknown) => {
        logFailure(context.log, error, 'could not release a conversation lease; it will expire')
      }).finally(over)
    }
    // Whatever ends the turn early (client gone, timeout, shutdown), the conversation is let go.
    if (context.signal.aborted) release()
    else context.signal.addEventListener('abort', release, { once: true })

    let outcome: InterviewOutcome<unknown>
    try {
      outcome = this.#interviewer.answer(lease.record.state, {
        ...(request.input === undefined ? {} : { input: request.input }),
        forceDiagnose: request.force_diagnose
      })
    } catch (error) {
      release()
      throw error
    }
    const next = this.#nextRecord(lease.record, request, outcome)
    return this.#play(next, holder, context, () => {
      settled = true
      over()
    }, release)
  }

  #nextRecord (record: ConversationRecord, request: TurnRequest, outcome: InterviewOutcome<unknown>): { record: ConversationRecord, response: ChatResponse } {
    const now = this.#seconds()
    const before = record.conversation
    const { reply } = outcome
    const messages: Message[] = [...before.messages]
    if (request.input !== undefined) messages.push({ role: 'user', content: request.input, created_at: now })
    messages.push({ role: 'assistant', content: reply.type === 'message' ? reply.content : reply.summary, created_at: now })
    const output = reply.type === 'message'
      ? { type: 'message' as const, content: reply.content, media: [] }
      : reply.diagnosis
    const conversation: Conversation = {
      ...before,
      is_complete: reply.type === 'diagnosis',
      messages,
      findings: outcome.findings,
      usage: {
        turns: before.usage.turns + 1,
        questions_asked: before.usage.questions_asked + (reply.type === 'message' ? 1 : 0)
      },
      ...(reply.type === 'diagnosis' ? { diagnosis: reply.diagnosis } : {})
    }
    const response: ChatResponse = {
      id: request.response_id,
      created_at: now,
      is_complete: conversation.is_complete,
      conversation_id: conversation.id,
      output,
      findings: outcome.findings
    }
    return { record: { ...record, conversation, state: outcome.state }, response }
  }

  async * #play (next: { record: ConversationRecord, response: ChatResponse }, holder: string, context: TurnContext,
    committed: () => void, release: () => void): ChatTurn {
    try {
      const { output } = next.response
      if (output.type === 'message') {
        let first = true
        for (const chunk of wordChunks(output.content)) {
          if (!first && this.#chunkDelayMs > 0) await sleep(this.#chunkDelayMs, undefined, { signal: context.signal })
          context.signal.throwIfAborted()
          first = false
          yield chunk
        }
      }
      context.signal.throwIfAborted()
      if (!await this.#store.commitTurn(next.record, holder)) throw new LeaseLostError('the turn\'s hold on the conversation expired')
      committed()
      return next.response
    } finally {
      release()
    }
  }
}
