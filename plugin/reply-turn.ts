import type { FastifyReply, FastifyRequest } from 'fastify'
import type { ChatResponse } from '../schemas/chat.js'
import { SseEvent } from '../schemas/events.js'
import { ClientClosedError, streamErrorBody } from './errors.js'
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
 * Streams the turn as Server-Sent Events over the raw response. The reply is hijacked first,
 * so Fastify never tries to send it again; from here every failure is an `error` event.
 */
export async function streamTurn (request: FastifyRequest, reply: FastifyReply, run: TurnRun, responseId: string, serialize: ResponseSerializer, heartbeatMs: number): Promise<void> {
  const startedAt = performance.now()
  reply.hijack()
  const writer = new SseWriter(reply.raw, heartbeatMs)
  writer.open(reply.getHeaders(), request.raw.httpVersion)
  let outcome = 'done'
  try {
    let step = await run.next()
    while (step.done !== true) {
      await writer.write(formatDelta(responseId, step.value))
      step = await run.next()
    }
    writer.end(formatEvent(SseEvent.done, serialize(checkId(step.value, responseId))))
  } catch (error) {
    if (isClientClosed(error)) {
      outcome = 'client_closed'
    } else {
      const body = streamErrorBody(error)
      outcome = body.error.code
      if (outcome === 'stream_error') request.log.error({ err: error }, 'engine failed during a stream')
      writer.end(formatEvent(SseEvent.error, JSON.stringify(body)))
    }
  } finally {
    run.dispose()
  }
  // Fastify logs no completion for a hijacked reply, so every stream's outcome is logged here.
  request.log.info({ stream: { outcome, events: writer.events, duration_ms: Math.round(performance.now() - startedAt) } }, 'stream ended')
}
