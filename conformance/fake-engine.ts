import { setImmediate as nextTurn } from 'node:timers/promises'
import {
  ConversationBusyError, ConversationCompleteError, ConversationNotFoundError, emptyConversation,
  type ChatEngine, type ChatTurn, type EngineCapabilities, type EngineContext, type NewConversation, type TurnContext, type TurnRequest
} from 'fastify-medical-chats'
import type { ChatResponse, Conversation, DiagnosisOutput, Finding } from 'fastify-medical-chats/schemas'

/** What the next turn does; by default the reply is `reply` split into the given chunks. */
export interface Script {
  /** The reply's pieces, streamed in order. */
  chunks?: string[]
  /** Answer with this diagnosis instead of a message. */
  diagnosis?: DiagnosisOutput
  /** Throw this after yielding `failAfter` chunks. */
  failAfter?: number
  failWith?: Error
  /** Never produce the piece at this index (a stalled engine). */
  stallAt?: number
  /** Fields the schema does not know, to prove they never reach a client. */
  extraField?: boolean
  /** Return a response whose id is not the turn's. */
  wrongId?: boolean
}

export const HEADACHE_FINDING: Finding = {
  concept: { id: '25064002', term: 'Headache', description: 'Pain in the head' },
  status: 'present',
  is_chief: true
}

export const DIAGNOSIS: DiagnosisOutput = {
  type: 'diagnosis',
  diseases: [
    { concept: { id: '37796009', term: 'Migraine', description: '' }, likelihood: 0.6, icd10: 'G43.9' },
    { concept: { id: '398057008', term: 'Tension-type headache', description: '' }, likelihood: 0.3 }
  ],
  recommendation: {
    triage: 'consultation',
    urgency: 'See a doctor',
    specialist: 'General Practitioner',
    self_management: 'Rest in a dark room.',
    red_flags: []
  }
}

interface Stored {
  tenant: string
  conversation: Conversation
  busy: boolean
}

/** Observations a test can assert on. */
export interface FakeEngineProbe {
  /** startTurn calls, refused ones included. */
  calls: number
  started: number
  /** True while a turn waits at its `stallAt` piece. */
  stalled: boolean
  finallyRan: number
  aborted: unknown[]
  committed: number
}

/**
 * An in-memory engine whose turns follow a script, for testing an app that registers the
 * plugin without the real engine: replies split into chosen pieces, a diagnosis, a failure
 * after N pieces, a stall, a response the plugin must refuse. It keeps its promise to the
 * plugin: a turn takes effect only when its generator returns, and aborts are observed through
 * the signal. `probe` counts what happened.
 */
export class FakeEngine implements ChatEngine {
  readonly capabilities: EngineCapabilities
  readonly probe: FakeEngineProbe = { calls: 0, started: 0, stalled: false, finallyRan: 0, aborted: [], committed: 0 }
  readonly #conversations = new Map<string, Stored>()
  /** What the next turn does; change it between turns. */
  script: Script

  constructor (options: { script?: Script, capabilities?: EngineCapabilities } = {}) {
    this.script = options.script ?? { chunks: ['Where is', ' your headache', ' located?'] }
    this.capabilities = options.capabilities ?? { personalities: ['professional', 'friendly'], languages: ['en'], codingSystems: ['snomed'] }
  }

  #resume: ((value?: unknown) => void) | undefined
  /** When set, startTurn waits for this before answering. */
  startGate: Promise<void> | undefined

  /** Lets a stalled turn go on. */
  resume (): void {
    this.#resume?.()
  }

  async createConversation (request: NewConversation, context: EngineContext): Promise<Conversation> {
    const conversation = emptyConversation(request, 1774530618)
    this.#conversations.set(conversation.id, { tenant: context.tenant, conversation, busy: false })
    return conversation
  }

  async getConversation (conversationId: string, context: EngineContext): Promise<Conversation | undefined> {
    const stored = this.#conversations.get(conversationId)
    return stored?.tenant === context.tenant ? stored.conversation : undefined
  }

  async startTurn (request: TurnRequest, context: TurnContext): Promise<ChatTurn> {
    this.probe.calls++
    if (this.startGate !== undefined) await this.startGate
    const stored = this.#conversations.get(request.conversation_id)
    if (stored === undefined || stored.tenant !== context.tenant) throw new ConversationNotFoundError()
    if (stored.conversation.is_complete) throw new ConversationCompleteError()
    if (stored.busy) throw new ConversationBusyError()
    stored.busy = true
    this.probe.started++
    const release = () => {
      this.probe.aborted.push(context.signal.reason)
      stored.busy = false
    }
    if (context.signal.aborted) release()
    else context.signal.addEventListener('abort', release, { once: true })
    return this.#run(stored, request, context, { ...this.script })
  }

  async * #run (stored: Stored, request: TurnRequest, context: TurnContext, script: Script): ChatTurn {
    try {
      const chunks = script.diagnosis === undefined ? script.chunks ?? [] : []
      for (let i = 0; i < chunks.length; i++) {
        if (script.failAfter === i) throw script.failWith ?? new Error('engine exploded at /secret/path with patient text')
        if (script.stallAt === i) {
          this.probe.stalled = true
          await new Promise((resolve) => {
            this.#resume = resolve
            context.signal.addEventListener('abort', resolve, { once: true })
          })
          this.probe.stalled = false
        }
        if (context.signal.aborted) return await Promise.reject(context.signal.reason)
        await nextTurn()
        yield chunks[i] as string
      }
      if (script.failAfter === chunks.length) throw script.failWith ?? new Error('engine exploded')
      const findings = [HEADACHE_FINDING]
      const output = script.diagnosis ?? { type: 'message' as const, content: chunks.join(''), media: [] }
      const response: ChatResponse = {
        id: script.wrongId === true ? 'resp_000000000000' : request.response_id,
        created_at: 1774530618,
        is_complete: script.diagnosis !== undefined,
        conversation_id: stored.conversation.id,
        output,
        findings,
        ...(script.extraField === true ? { internal_score: 0.42 } : {})
      }
      const conversation = stored.conversation
      const now = 1774530618
      if (request.input !== undefined) conversation.messages.push({ role: 'user', content: request.input, created_at: now })
      conversation.messages.push({ role: 'assistant', content: output.type === 'message' ? output.content : 'Diagnosis given.', created_at: now })
      conversation.findings = findings
      conversation.usage = { turns: conversation.usage.turns + 1, questions_asked: conversation.usage.questions_asked + (output.type === 'message' ? 1 : 0) }
      if (output.type === 'diagnosis') {
        conversation.is_complete = true
        conversation.diagnosis = output
      }
      this.probe.committed++
      return response
    } finally {
      stored.busy = false
      this.probe.finallyRan++
    }
  }
}
