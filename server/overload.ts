import type { ServerResponse } from 'node:http'
import underPressure from '@fastify/under-pressure'
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'
import { ErrorCode } from 'fastify-medical-chats/schemas'
import fp from 'fastify-plugin'

export interface OverloadOptions {
  /** Mean event-loop delay over a sample, in ms, past which new requests are refused; 0: not checked. */
  maxEventLoopDelayMs: number
  /** Event-loop utilisation over a sample (0 to 1) past which new requests are refused; 0: not checked. */
  maxEventLoopUtilization: number
  /** V8 heap in use, in bytes, past which new requests are refused; 0: not checked. */
  maxHeapUsedBytes: number
  /** Requests in flight (a stream counts until it ends) past which a new one is refused; 0: no cap. */
  maxConcurrentRequests: number
  /** How often the process is sampled, in ms. @default 500 */
  sampleIntervalMs?: number
}

/** Seconds a refused client is asked to wait: long enough for a sample to see the load fall. */
export const OVERLOAD_RETRY_AFTER_SECONDS = 2
const DEFAULT_SAMPLE_INTERVAL_MS = 500
/** Built once: a refusal must cost as little as possible, since it happens when there is least to spare. */
const OVERLOADED_BODY = JSON.stringify({ error: { code: ErrorCode.unavailable, message: 'The server is at capacity; retry shortly.' } })

/**
 * Refuses new requests with 503 `unavailable` and `Retry-After` while the process is under
 * pressure, so the requests already in flight (live streams above all) keep their pace instead
 * of every stream slowing down together and the listen queue filling. Pressure is the event
 * loop's delay or utilisation, or the heap, sampled by `@fastify/under-pressure`; or a cap on
 * requests in flight, counted here (a hijacked stream is in flight until its response closes).
 *
 * Refusals are answered directly, not thrown: the error handler would log each at error level,
 * the costliest thing to do when overloaded. One warning a second says how many were refused.
 * The first samples after start-up measure the start-up itself, so pressure counts only from
 * two sample intervals after the server is ready.
 */
async function overload (fastify: FastifyInstance, options: OverloadOptions): Promise<void> {
  const sampleIntervalMs = options.sampleIntervalMs ?? DEFAULT_SAMPLE_INTERVAL_MS
  let armedAt = Infinity
  let refused = 0
  let lastWarning = 0

  function refuse (request: FastifyRequest, reply: FastifyReply, cause: string): void {
    refused++
    const now = Date.now()
    if (now - lastWarning >= 1000) {
      request.log.warn({ overload: { cause, refused } }, 'overloaded: refusing new requests')
      lastWarning = now
      refused = 0
    }
    reply.code(503).header('retry-after', String(OVERLOAD_RETRY_AFTER_SECONDS)).type('application/json; charset=utf-8').send(OVERLOADED_BODY)
  }

  fastify.addHook('onReady', async function armOverload () {
    armedAt = Date.now() + 2 * sampleIntervalMs
  })

  await fastify.register(underPressure, {
    maxEventLoopDelay: options.maxEventLoopDelayMs,
    maxEventLoopUtilization: options.maxEventLoopUtilization,
    eventLoopUtilizationMode: 'interval',
    maxHeapUsedBytes: options.maxHeapUsedBytes,
    sampleInterval: sampleIntervalMs,
    // A reply sent here ends the request (Fastify goes no further once a hook has replied); none lets it through.
    pressureHandler (request, reply, type) {
      if (Date.now() >= armedAt) refuse(request, reply, type)
    }
  })

  if (options.maxConcurrentRequests === 0) return
  const max = options.maxConcurrentRequests
  let inFlight = 0
  function release (this: ServerResponse): void {
    inFlight--
  }
  fastify.addHook('onRequest', function capConcurrentRequests (request, reply, done: HookHandlerDoneFunction) {
    if (inFlight >= max) {
      refuse(request, reply, 'concurrentRequests')
      return
    }
    inFlight++
    reply.raw.once('close', release)
    done()
  })
}

export default fp(overload, { name: 'overload', fastify: '5.x' })
