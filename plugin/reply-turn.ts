import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify'
import type { ChatResponse } from '../schemas/chat.js'
import { SseEvent } from '../schemas/events.js'
import { ClientClosedError, logFailure, streamErrorBody } from './errors.js'
import { SseWriter, formatDelta, formatEvent } from './sse.js'
import type { TurnRun } from './turn.js'

export type ResponseSerializer = (response: ChatResponse) => string

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8'

export function isClientClosed (error: unknown): boolean {
  return error instanceof ClientClosedError
}

/** A reply whose client has gone: nothing can be sent, so Fastify is told not to try. */
export function abandon (request: FastifyRequest, reply: FastifyReply): void {
  request.log.info('client closed the connection before the reply; turn abandoned')
  reply.hijack()
}

/** The engine's response must carry the id the plugin gave the turn: the deltas already used it. */
function checkId (response: ChatResponse, responseId: string): ChatResponse {
  if (response.id !== responseId) throw new Error('the engine returned a response with another id than the turn\'s')
  return response
}

/** Runs the turn to its end and sends the ChatResponse as JSON. */
export async function replyJson (request: FastifyRequest, reply: FastifyReply, run: TurnRun, responseId: string, serialize: ResponseSerializer): Promise<void> {
  try {
    let step = await run.next()
    while (step.done !== true) step = await run.next()
    const payload = serialize(checkId(step.value, responseId))
    await reply.type(JSON_CONTENT_TYPE).send(payload)
  } catch (error) {
    if (!isClientClosed(error)) throw error
    abandon(request, reply)
  } finally {
    run.dispose()
  }
}

/**
 * One turn streamed as Server-Sent Events over the raw response. The reply is hijacked first,
 * so Fastify never tries to send it again; from here every failure is an `error` event.
 *
 * The loop pulls the engine's generator directly, with no race per piece: an abort (client
 * gone, timeout, shutdown) reaches `onTurnAbort`, which ends the stream at once even if the
 * engine is stalled; the loop then finds the stream ended and stops.
 */
class EventStream {
  readonly #log: FastifyBaseLogger
  readonly #run: TurnRun
  readonly #writer: SseWriter
  readonly #startedAt = performance.now()
  #outcome: string | undefined

  constructor (request: FastifyRequest, reply: FastifyReply, run: TurnRun, heartbeatMs: number) {
    this.#log = request.log
    this.#run = run
    reply.hijack()
    this.#writer = new SseWriter(reply.raw, heartbeatMs)
    this.#writer.open(reply.getHeaders())
    run.listen(this)
  }

  async play (responseId: string, serialize: ResponseSerializer): Promise<void> {
    const run = this.#run
    try {
      const turn = run.turn
      let step = await turn.next()
      while (this.#outcome === undefined && step.done !== true) {
        run.progress()
        const backpressure = this.#writer.write(formatDelta(responseId, step.value))
        if (backpressure !== undefined) await backpressure
        step = await turn.next()
      }
      if (this.#outcome === undefined) this.#finish('done', formatEvent(SseEvent.done, serialize(checkId(step.value as ChatResponse, responseId))), true)
    } catch (error) {
      this.onTurnAbort(error)
    }
  }

  onSweep (now: number): void {
    this.#writer.beat(now)
  }

  /** The turn was aborted, or the engine failed: the stream ends with an `error` event, or quietly if the client is gone. */
  onTurnAbort (reason: unknown): void {
    if (this.#outcome !== undefined) return
    if (isClientClosed(reason)) return this.#finish('client_closed', undefined, false)
    const body = streamErrorBody(reason)
    if (body.error.code === 'stream_error') logFailure(this.#log, reason, 'engine failed during a stream')
    this.#finish(body.error.code, formatEvent(SseEvent.error, JSON.stringify(body)), false)
  }

  #finish (outcome: string, frame: string | undefined, finished: boolean): void {
    this.#outcome = outcome
    if (frame !== undefined) this.#writer.end(frame)
    this.#run.dispose(finished)
    // Fastify logs a completion only for a stream that ends whole, and not its outcome: every
    // stream's outcome is logged here.
    this.#log.info({ stream: { outcome, events: this.#writer.events, duration_ms: Math.round(performance.now() - this.#startedAt) } }, 'stream ended')
  }
}

/**
 * Streams the turn as Server-Sent Events. Returns once the stream is open: the reply is
 * hijacked, so Fastify has nothing left to do, and not making it wait lets the request and
 * reply objects go while a long stream lives on. `play` settles every outcome itself.
 */
export function streamTurn (request: FastifyRequest, reply: FastifyReply, run: TurnRun, responseId: string, serialize: ResponseSerializer, heartbeatMs: number): void {
  new EventStream(request, reply, run, heartbeatMs).play(responseId, serialize)
}
