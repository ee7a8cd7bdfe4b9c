import { AsyncLocalStorage } from 'node:async_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'
import {
  ConversationBusyError, EngineTimeoutError, ShuttingDownError, UnavailableError,
  type ChatEngine, type ChatTurn, type EngineContext, type NewConversation, type TurnContext, type TurnRequest
} from 'fastify-medical-chats'
import type { Conversation } from 'fastify-medical-chats/schemas'

/**
 * Scenarios on demand, for client developers: a request asks with the `Prefer` header
 * (RFC 7240) for an unhappy path the server then produces through its real code paths, so
 * every reply is exactly what the real failure sends, and a failed turn leaves the
 * conversation as a real failure does. Off unless `SCENARIOS=on`; never in production.
 */

export const SCENARIO_STATUSES = [409, 429, 500, 503] as const
export const SCENARIO_STREAM_ERRORS = ['stream_error', 'engine_timeout', 'shutting_down'] as const
/** The longest per-word delay a request may ask for (ms). */
export const MAX_WORD_DELAY_MS = 10_000

export interface Scenario {
  /** Answer with this status exactly as the real error is answered. */
  status?: typeof SCENARIO_STATUSES[number]
  /** End the stream with this `error` event after `after` deltas. */
  streamError?: { code: typeof SCENARIO_STREAM_ERRORS[number], after: number }
  /** Stop producing after `after` deltas until the engine timeout abandons the turn. */
  stall?: { after: number }
  /** Pause this long (ms) before each word. */
  wordDelayMs?: number
  /** Answer this turn with the diagnosis, as `force_diagnose` does. */
  diagnose?: boolean
  /** The preferences honoured, as `Preference-Applied` names them. */
  applied: string[]
}

interface Preference {
  name: string
  value: string | undefined
  params: Map<string, string | undefined>
}

/** `token [= word] *(; parameter)`, preferences separated by commas (RFC 7240 §2); quoted strings unquoted. */
function parsePreferences (header: string): Preference[] {
  const preferences: Preference[] = []
  const unquote = (word: string | undefined): string | undefined => word?.trim().replace(/^"(.*)"$/s, '$1').replace(/\\(.)/g, '$1')
  for (const item of header.match(/(?:"(?:[^"\\]|\\.)*"|[^,])+/g) ?? []) {
    const [head = '', ...rest] = item.match(/(?:"(?:[^"\\]|\\.)*"|[^;])+/g) ?? []
    const [name = '', value] = head.split('=', 2).map((part) => part.trim())
    if (name === '') continue
    const params = new Map<string, string | undefined>()
    for (const param of rest) {
      const [key = '', paramValue] = param.split('=', 2)
      params.set(key.trim().toLowerCase(), unquote(paramValue))
    }
    preferences.push({ name: name.toLowerCase(), value: unquote(value), params })
  }
  return preferences
}

function count (value: string | undefined, fallback: number): number | undefined {
  if (value === undefined) return fallback
  return /^\d{1,5}$/.test(value) ? Number(value) : undefined
}

/**
 * The scenario a request's `Prefer` headers ask for. Only the first instance of a preference
 * counts (RFC 7240 §2); unknown preferences and values out of range are ignored, as the RFC
 * lets a server ignore any preference.
 */
export function scenarioOf (prefer: string | string[] | undefined): Scenario {
  const scenario: Scenario = { applied: [] }
  const seen = new Set<string>()
  const header = Array.isArray(prefer) ? prefer.join(',') : prefer ?? ''
  for (const { name, value, params } of parsePreferences(header)) {
    if (seen.has(name)) continue
    seen.add(name)
    if (name === 'status') {
      const status = SCENARIO_STATUSES.find((candidate) => String(candidate) === value)
      if (status === undefined) continue
      scenario.status = status
    } else if (name === 'stream-error') {
      const code = SCENARIO_STREAM_ERRORS.find((candidate) => candidate === value)
      const after = count(params.get('after'), 1)
      if (code === undefined || after === undefined) continue
      scenario.streamError = { code, after }
    } else if (name === 'stall') {
      const after = count(params.get('after'), 1)
      if (value !== undefined || after === undefined) continue
      scenario.stall = { after }
    } else if (name === 'word-delay') {
      const delay = count(value, -1)
      if (delay === undefined || delay < 0 || delay > MAX_WORD_DELAY_MS) continue
      scenario.wordDelayMs = delay
    } else if (name === 'diagnose') {
      if (value !== undefined) continue
      scenario.diagnose = true
    } else continue
    scenario.applied.push(value === undefined ? name : `${name}=${value}`)
  }
  return scenario
}

/** What the OpenAPI document says of scenarios when they are on (Markdown, for its `info.description`). */
export const SCENARIOS_DESCRIPTION = `## Scenarios on demand

This server has scenarios on (\`SCENARIOS=on\`; never in production). A request asks for an unhappy path with the
\`Prefer\` header (RFC 7240), produced through the real code paths; the reply names what it applied in
\`Preference-Applied\`. Unknown preferences and values out of range are ignored.

| Prefer | what happens | what the client should do |
|---|---|---|
| \`status=409\` (POST /v1/chats) | 409 \`conversation_busy\` | wait for the turn in flight, then retry |
| \`status=429\` | 429 \`rate_limited\` with \`Retry-After: 60\` | wait \`Retry-After\` seconds |
| \`status=503\` | 503 \`unavailable\` with \`Retry-After\` | retry after \`Retry-After\` seconds |
| \`status=500\` | 500 \`internal_error\` | report it with the request id |
| \`stream-error=stream_error\`, \`engine_timeout\` or \`shutting_down\`; \`after=N\` (default 1) | N deltas, then that \`error\` event; the turn is not kept | show the reply as failed; send it again |
| \`stall; after=N\` (default 1) | N deltas, then silence until the engine timeout: \`engine_timeout\` | keep a timeout of your own; resend |
| \`word-delay=MS\` (0 to 10000) | a pause before each word | render deltas as they arrive |
| \`diagnose\` | this turn is the diagnosis, a lone \`done\` | show the diagnosis |
`

const current = new AsyncLocalStorage<Scenario>()

/** A 429 as `@fastify/rate-limit` sends it: its error, and its headers. */
function rateLimited (reply: FastifyReply, limit: number): Error {
  reply.header('x-ratelimit-limit', String(limit)).header('x-ratelimit-remaining', '0').header('x-ratelimit-reset', '60').header('retry-after', '60')
  return Object.assign(new Error('Rate limit exceeded, retry in 1 minute'), { statusCode: 429 })
}

/**
 * Registers the scenarios in the API's scope, after authentication and rate limiting: a request
 * that would be refused anyway is refused as usual, and no preference is applied to it.
 */
async function scenarioHook (fastify: FastifyInstance, options: { rateLimitPerMinute: number }): Promise<void> {
  fastify.addHook('preHandler', function applyScenario (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) {
    const scenario = scenarioOf(request.headers.prefer)
    if (scenario.status === 409 && request.routeOptions.url !== '/v1/chats') {
      // Only a chat can find its conversation busy.
      delete scenario.status
      scenario.applied = scenario.applied.filter((preference) => preference !== 'status=409')
    }
    if (scenario.applied.length === 0) return done()
    reply.header('preference-applied', scenario.applied.join(', '))
    switch (scenario.status) {
      case 409: return done(new ConversationBusyError())
      case 429: return done(rateLimited(reply, options.rateLimitPerMinute))
      case 503: return done(new UnavailableError())
      case 500: return done(new Error('a failure asked for with Prefer: status=500'))
    }
    // The engine's turn runs inside this context, and finds the scenario there.
    current.run(scenario, done)
  })
}

/** Not encapsulated: the hook applies to the routes registered beside it, in the API's scope. */
export const scenarios = fp(scenarioHook, { fastify: '5.x', name: 'medical-chats-scenarios' })

function streamError (code: typeof SCENARIO_STREAM_ERRORS[number]): Error {
  if (code === 'engine_timeout') return new EngineTimeoutError()
  if (code === 'shutting_down') return new ShuttingDownError()
  return new Error('a stream error asked for with Prefer: stream-error')
}

/** Waits until the turn is abandoned (the engine timeout, the client, the shutdown), then fails with the reason. */
async function stallUntilAbandoned (signal: AbortSignal): Promise<never> {
  await new Promise((resolve) => { signal.addEventListener('abort', resolve, { once: true }) })
  throw signal.reason
}

/**
 * The reply's pieces as the scenario shapes them. Failing or stalling closes the real turn
 * first (`return()`), which lets go of the conversation and keeps nothing, as a real failure
 * does; the final piece is only pulled when the turn is to succeed, since pulling it commits.
 */
async function * shaped (turn: ChatTurn, scenario: Scenario, signal: AbortSignal): ChatTurn {
  let delivered = 0
  try {
    while (true) {
      if (scenario.streamError !== undefined && delivered >= scenario.streamError.after) throw streamError(scenario.streamError.code)
      if (scenario.stall !== undefined && delivered >= scenario.stall.after) await stallUntilAbandoned(signal)
      if (scenario.wordDelayMs !== undefined && scenario.wordDelayMs > 0) await sleep(scenario.wordDelayMs, undefined, { signal })
      const next = await turn.next()
      if (next.done === true) return next.value
      delivered++
      yield next.value
    }
  } finally {
    await turn.return(undefined as never)
  }
}

/** The engine with scenarios: each turn shaped by the scenario its request asked for, if any. */
export class ScenarioEngine implements ChatEngine {
  readonly capabilities
  readonly #engine: ChatEngine

  constructor (engine: ChatEngine) {
    this.#engine = engine
    this.capabilities = engine.capabilities
  }

  async createConversation (request: NewConversation, context: EngineContext): Promise<Conversation> {
    return await this.#engine.createConversation(request, context)
  }

  async getConversation (conversationId: string, context: EngineContext): Promise<Conversation | undefined> {
    return await this.#engine.getConversation(conversationId, context)
  }

  async startTurn (request: TurnRequest, context: TurnContext): Promise<ChatTurn> {
    const scenario = current.getStore()
    if (scenario === undefined) return await this.#engine.startTurn(request, context)
    const turn = await this.#engine.startTurn(scenario.diagnose === true ? { ...request, force_diagnose: true } : request, context)
    return shaped(turn, scenario, context.signal)
  }
}
