import type { FastifyRequest } from 'fastify'
import type { ChatEngine } from './engine.js'
import { InvalidOptionError } from './errors.js'
import type { OpenApiOptions } from './openapi.js'

export const DEFAULT_ENGINE_TIMEOUT_MS = 30_000
export const DEFAULT_HEARTBEAT_MS = 15_000
export const DEFAULT_CLOSE_GRACE_MS = 5_000
export const DEFAULT_BODY_LIMIT = 1_048_576
export const DEFAULT_TENANT = 'default'

export interface FastifyChatsOptions {
  /** Produces the replies: conversations, turns and their storage. Required. */
  engine: ChatEngine
  /**
   * Reads the caller's tenant from the request, as the host's authentication left it.
   * Return `undefined` to refuse the request with 401 `unauthorized`.
   * @default () => 'default' (one tenant)
   */
  getTenant?: (request: FastifyRequest) => string | undefined
  /**
   * How long the engine may go without progress (starting a turn, or the next piece of text)
   * before the turn is abandoned: `engine_timeout` on a stream, 503 on a JSON reply. Checked
   * every quarter of the shorter of this and `heartbeatMs` (at most every second).
   * @default 30000
   */
  engineTimeoutMs?: number
  /**
   * A `: ping` comment is written to a stream that has been silent this long, so proxies
   * (which cut idle connections after about 60 s) keep it open.
   * @default 15000
   */
  heartbeatMs?: number
  /**
   * On `close()`, how long live turns may run on before they are ended with `shutting_down`.
   * @default 5000
   */
  closeGraceMs?: number
  /**
   * Largest request body in bytes; larger is 413 `payload_too_large`.
   * @default 1048576
   */
  bodyLimit?: number
  /**
   * Serve the OpenAPI documents of these routes: 3.1 at `GET /v1/openapi.json`, 3.2 (each
   * stream event described) at `GET /v1/openapi-3.2.json`. `true`, or the document's servers,
   * security schemes and info: the plugin assumes no authentication scheme, your auth declares it.
   * @default false
   */
  openapi?: boolean | OpenApiOptions
}

export interface NormalizedOptions {
  readonly engine: ChatEngine
  readonly getTenant: (request: FastifyRequest) => string | undefined
  readonly engineTimeoutMs: number
  readonly heartbeatMs: number
  readonly closeGraceMs: number
  readonly bodyLimit: number
  /** False, or the documents' options. */
  readonly openapi: false | OpenApiOptions
}

function positiveInteger (name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new InvalidOptionError(name, `expected a positive integer, got ${JSON.stringify(value)}`)
  }
  return value
}

function defaultTenant (): string {
  return DEFAULT_TENANT
}

const ENGINE_METHODS = ['createConversation', 'getConversation', 'startTurn'] as const

/** Checks the caller's options once, at registration, and returns a new frozen object. */
export function normalizeOptions (options: Partial<FastifyChatsOptions>): NormalizedOptions {
  const engine = options.engine
  if (engine === null || typeof engine !== 'object') {
    throw new InvalidOptionError('engine', 'pass an object implementing ChatEngine (createConversation, getConversation, startTurn)')
  }
  for (const method of ENGINE_METHODS) {
    if (typeof engine[method] !== 'function') {
      throw new InvalidOptionError('engine', `engine.${method} must be a function`)
    }
  }
  const capabilities = engine.capabilities
  if (capabilities === null || typeof capabilities !== 'object' ||
    ![capabilities.personalities, capabilities.languages, capabilities.codingSystems].every((list) => Array.isArray(list) && list.length > 0)) {
    throw new InvalidOptionError('engine', 'engine.capabilities must list at least one of each: personalities, languages, codingSystems')
  }
  if (options.getTenant !== undefined && typeof options.getTenant !== 'function') {
    throw new InvalidOptionError('getTenant', 'expected a function (request) => string | undefined')
  }
  const openapi = options.openapi ?? false
  if (typeof openapi !== 'boolean' && (openapi === null || typeof openapi !== 'object')) {
    throw new InvalidOptionError('openapi', `expected a boolean or { servers, securitySchemes, info }, got ${JSON.stringify(openapi)}`)
  }
  return Object.freeze({
    engine,
    getTenant: options.getTenant ?? defaultTenant,
    engineTimeoutMs: positiveInteger('engineTimeoutMs', options.engineTimeoutMs, DEFAULT_ENGINE_TIMEOUT_MS),
    heartbeatMs: positiveInteger('heartbeatMs', options.heartbeatMs, DEFAULT_HEARTBEAT_MS),
    closeGraceMs: positiveInteger('closeGraceMs', options.closeGraceMs, DEFAULT_CLOSE_GRACE_MS),
    bodyLimit: positiveInteger('bodyLimit', options.bodyLimit, DEFAULT_BODY_LIMIT),
    openapi: openapi === true ? {} : openapi
  })
}
