import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { Redis } from 'ioredis'
import type { Test } from 'tap'
import serverApp, { type AppConfig } from '../../server/app.js'
import type { Interviewer } from '../../server/interview/types.js'
import { createReferenceInterviewer } from '../../server/interview/index.js'
import { MemoryStore } from '../../server/store/memory.js'
import type { ConversationStore } from '../../server/store/types.js'
import { TokenRegistry } from '../../server/tokens.js'

export const TOKEN_A = 'token-of-tenant-a-0123456789'
export const TOKEN_B = 'token-of-tenant-b-0123456789'
export const AUTH_A = { authorization: `Bearer ${TOKEN_A}` }
export const AUTH_B = { authorization: `Bearer ${TOKEN_B}` }

export const TEST_CONFIG: AppConfig = {
  STREAM_CHUNK_DELAY_MS: 0,
  ENGINE_TIMEOUT_MS: 30_000,
  HEARTBEAT_MS: 15_000,
  RATE_LIMIT_PER_MINUTE: 1000,
  AUTH_FAILURES_PER_MINUTE: 1000,
  OVERLOAD_EVENT_LOOP_DELAY_MS: 0,
  OVERLOAD_EVENT_LOOP_UTILIZATION: 0,
  OVERLOAD_HEAP_USED_BYTES: 0,
  MAX_CONCURRENT_REQUESTS: 0,
  BODY_LIMIT_BYTES: 1_048_576,
  SHUTDOWN_GRACE_MS: 1000,
  LEASE_TTL_MS: 120_000
}

export interface ServerOptions {
  config?: Partial<AppConfig>
  store?: ConversationStore
  redis?: Redis
  /** tenant:token pairs. @default tenant a with TOKEN_A, tenant b with TOKEN_B */
  tokens?: Array<[string, string]>
  interviewer?: Interviewer
  fastify?: FastifyServerOptions
}

/** The reference interviewer over the built-in knowledge base: it keeps no state, so tests share one. */
let builtinInterviewer: Promise<Interviewer> | undefined

/** The reference server app over an in-memory store, two tenants, closed when the test ends. */
export async function buildServer (t: Test, options: ServerOptions = {}): Promise<{ app: FastifyInstance, store: ConversationStore }> {
  const store = options.store ?? new MemoryStore()
  const app = Fastify(options.fastify ?? {})
  await app.register(serverApp, {
    config: { ...TEST_CONFIG, ...options.config },
    tokens: new TokenRegistry(options.tokens ?? [['a', TOKEN_A], ['b', TOKEN_B]]),
    store,
    interviewer: options.interviewer ?? await (builtinInterviewer ??= createReferenceInterviewer()),
    ...(options.redis === undefined ? {} : { redis: options.redis })
  })
  t.teardown(() => app.close())
  await app.ready()
  return { app, store }
}
