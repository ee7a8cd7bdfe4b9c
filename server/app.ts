import cors from '@fastify/cors'
import createError from '@fastify/error'
import rateLimit from '@fastify/rate-limit'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import type { Redis } from 'ioredis'
import fastifyChats, { buildOpenApiDocument, openApiRoutes, OPENAPI_INFO, replyWithApiError, unknownRoutes, type OpenApiOptions } from 'fastify-medical-chats'
import bearerTokens from './auth.js'
import type { Config } from './config.js'
import { ConversationEngine } from './conversation-engine.js'
import { corsOptions } from './cors.js'
import { demo } from './demo.js'
import type { Interviewer } from './interview/types.js'
import { REQUEST_ID_HEADER } from './logger.js'
import overload from './overload.js'
import { SCENARIOS_DESCRIPTION, ScenarioEngine, scenarios } from './scenarios.js'
import { HealthReportingStore } from './store/health.js'
import { StoreUnavailableError, type ConversationStore } from './store/types.js'
import type { TokenRegistry } from './tokens.js'
import unusedConnections from './unused-connections.js'

export type AppConfig = Pick<Config,
  'STREAM_CHUNK_DELAY_MS' | 'ENGINE_TIMEOUT_MS' | 'HEARTBEAT_MS' | 'RATE_LIMIT_PER_MINUTE' | 'AUTH_FAILURES_PER_MINUTE' | 'OVERLOAD_EVENT_LOOP_DELAY_MS' | 'OVERLOAD_EVENT_LOOP_UTILIZATION' | 'OVERLOAD_HEAP_USED_BYTES' | 'MAX_CONCURRENT_REQUESTS' | 'BODY_LIMIT_BYTES' | 'SHUTDOWN_GRACE_MS' | 'LEASE_TTL_MS'> &
  Partial<Pick<Config, 'SCENARIOS' | 'CORS_ORIGINS'>>

export interface AppOptions {
  config: AppConfig
  tokens: TokenRegistry
  store: ConversationStore
  interviewer: Interviewer
  /**
   * Where rate limits are counted, shared by every instance that uses the same Redis
   * (server/redis.ts connects it); without it, each instance counts alone, in its memory.
   * Closed with the app. While it is not connected, API requests are refused 503 and
   * /readyz fails: a limit that cannot be counted is not silently lifted.
   */
  redis?: Redis
}

/** What the reference server's OpenAPI documents say beyond the plugin's: its authentication. */
export const REFERENCE_OPENAPI: OpenApiOptions = {
  securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'A token of API_TOKENS (RFC 6750)' } }
}

/** Redis is not connected, so a request cannot be counted against its token's shared limit. */
const RateLimitUnavailableError = createError('RATE_LIMIT_UNAVAILABLE', 'The shared rate limit cannot be reached.', 503)

/**
 * The reference server as a plugin: health checks and the API reference in the open, the
 * Conversations API behind bearer tokens, a per-token rate limit and a per-address limit
 * on failed authentication. The process entry
 * (main.ts) only adds the logger, the listener and the signals.
 */
export default async function serverApp (fastify: FastifyInstance, { config, tokens, store: rawStore, interviewer, redis }: AppOptions): Promise<void> {
  const store = new HealthReportingStore(rawStore, fastify.log)
  fastify.addHook('onRequest', async function echoRequestId (request, reply) {
    reply.header(REQUEST_ID_HEADER, request.id)
  })
  if (config.CORS_ORIGINS !== undefined) await fastify.register(cors, corsOptions(config.CORS_ORIGINS))
  fastify.addHook('onClose', async function closeStore () {
    await store.close()
    redis?.disconnect()
  })
  // The server's own routes (health, docs) answer errors in the API's shape too.
  fastify.setErrorHandler(replyWithApiError)
  await fastify.register(unknownRoutes)

  fastify.get('/healthz', { schema: { hide: true } }, async function healthz () {
    return { status: 'ok' }
  })
  // Not ready from the moment the server starts to close, though it still answers during the
  // grace: a load balancer then stops sending what the API would refuse with 503. This app's
  // preClose runs before the plugin's, which waits out the grace.
  let draining = false
  fastify.addHook('preClose', function drain (done) {
    draining = true
    done()
  })

  // Ready means able to serve the API: not closing, and the store takes a write now (its
  // faults are logged by the store's health report; anything else that fails here is a bug).
  fastify.get('/readyz', { schema: { hide: true } }, async function readyz (request, reply) {
    if (draining) return reply.code(503).header('retry-after', '5').send({ error: { code: 'unavailable', message: 'The server is shutting down.' } })
    try {
      await store.ping()
      await redis?.ping()
      return { status: 'ok' }
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) request.log.error({ err: error }, 'the readiness check failed')
      return reply.code(503).header('retry-after', '5').send({ error: { code: 'unavailable', message: 'The conversation store cannot serve.' } })
    }
  })

  await fastify.register(demo, { scenarios: config.SCENARIOS === 'on' })
  // The API reference is open; the API it describes takes bearer tokens.
  const subject = { capabilities: interviewer.capabilities }
  const scenariosOn = config.SCENARIOS === 'on'
  const openapi = scenariosOn ? { ...REFERENCE_OPENAPI, info: { description: `${OPENAPI_INFO.description}\n\n${SCENARIOS_DESCRIPTION}` } } : REFERENCE_OPENAPI
  await fastify.register(openApiRoutes, { ...openapi, subject })
  await fastify.register(swagger, { mode: 'static', specification: { document: buildOpenApiDocument('3.1.0', subject, openapi) as never } })
  await fastify.register(swaggerUi, { routePrefix: '/docs' })

  const conversations = new ConversationEngine({
    store,
    interviewer,
    chunkDelayMs: config.STREAM_CHUNK_DELAY_MS,
    leaseTtlMs: config.LEASE_TTL_MS
  })
  const engine = scenariosOn ? new ScenarioEngine(conversations) : conversations
  await fastify.register(async function conversationsApi (api) {
    // Refusing under overload comes first: the cheapest answer, before any other work.
    await api.register(overload, {
      maxEventLoopDelayMs: config.OVERLOAD_EVENT_LOOP_DELAY_MS,
      maxEventLoopUtilization: config.OVERLOAD_EVENT_LOOP_UTILIZATION,
      maxHeapUsedBytes: config.OVERLOAD_HEAP_USED_BYTES,
      maxConcurrentRequests: config.MAX_CONCURRENT_REQUESTS
    })
    // The rate limit first: its store also counts the failed attempts of each address.
    await api.register(rateLimit, {
      max: config.RATE_LIMIT_PER_MINUTE,
      timeWindow: 60_000,
      keyGenerator: (request) => request.tokenId,
      ...(redis === undefined
        ? {}
        : {
            redis,
            nameSpace: 'medical-chats:rate-limit:',
            // Redis lost while a request was being counted (the check above saw it connected):
            // that one request passes uncounted rather than failing as a 500.
            skipOnError: true
          })
    })
    await api.register(bearerTokens, { tokens, failuresPerMinute: config.AUTH_FAILURES_PER_MINUTE })
    if (redis !== undefined) {
      api.addHook('onRequest', async function sharedRateLimitReachable () {
        if (redis.status !== 'ready') throw new RateLimitUnavailableError()
      })
    }
    if (scenariosOn) await api.register(scenarios, { rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE })
    await api.register(fastifyChats, {
      engine,
      getTenant: (request) => request.tenant,
      engineTimeoutMs: config.ENGINE_TIMEOUT_MS,
      heartbeatMs: config.HEARTBEAT_MS,
      closeGraceMs: Math.max(config.SHUTDOWN_GRACE_MS, 1),
      bodyLimit: config.BODY_LIMIT_BYTES
    })
  })
  // After the API, so a shutdown ends the never-used connections once its live turns are over.
  await fastify.register(unusedConnections)
}
