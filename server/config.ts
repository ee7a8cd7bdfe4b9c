import { isIP } from 'node:net'
import { parseArgs } from 'node:util'
import { Type, type Static } from '@sinclair/typebox'
import envSchema from 'env-schema'

/**
 * The server's configuration: environment variables, validated once at start. Every variable
 * has a working default, so `npm start` runs on a fresh clone with none set.
 */
export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000, description: 'TCP port to listen on' }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1', description: 'Address to listen on' }),
  API_TOKENS: Type.Optional(Type.String({ description: 'Comma-separated tenant:token pairs' })),
  API_TOKENS_FILE: Type.Optional(Type.String({ description: 'A file of tenant:token pairs, one per line (# comments allowed)' })),
  DATABASE_URL: Type.String({ pattern: '^(postgres(ql)?://.+|sqlite:.+|memory:)$', default: 'sqlite:./data/conversations.db', description: 'postgres://user@host:5432/db (several instances on several machines); sqlite:<path> (one machine); sqlite::memory: or memory: for a database that lives as long as the process' }),
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, default: 10, description: 'With PostgreSQL: most connections this instance opens' }),
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://.+', description: 'redis://host:6379: count rate limits in Redis, across every instance that names it (otherwise each instance counts alone)' })),
  LOG_LEVEL: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)), { default: 'info', description: 'Pino log level; pretty on a terminal, JSON lines otherwise' }),
  STREAM_CHUNK_DELAY_MS: Type.Integer({ minimum: 0, maximum: 10_000, default: 0, description: 'Pause between streamed words, so a demo types like a model' }),
  ENGINE_TIMEOUT_MS: Type.Integer({ minimum: 1, default: 30_000, description: 'How long the engine may go without progress before the turn is abandoned' }),
  HEARTBEAT_MS: Type.Integer({ minimum: 1, default: 15_000, description: 'A comment is written to a silent stream this often' }),
  RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 120, description: 'Requests a minute for each token' }),
  AUTH_FAILURES_PER_MINUTE: Type.Integer({ minimum: 1, default: 20, description: 'Failed authentication attempts a minute for each client address; past it, 429 for every request from there until the minute ends' }),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1, default: 1_048_576, description: 'Largest request body' }),
  OVERLOAD_EVENT_LOOP_DELAY_MS: Type.Integer({ minimum: 0, default: 200, description: 'New API requests are refused (503 unavailable, Retry-After) while the event loop\'s mean delay over half a second is above this; 0: not checked' }),
  OVERLOAD_EVENT_LOOP_UTILIZATION: Type.Number({ minimum: 0, maximum: 1, default: 0, description: 'New API requests are refused while the event loop is busier than this fraction of half a second (e.g. 0.9); 0: not checked' }),
  OVERLOAD_HEAP_USED_BYTES: Type.Integer({ minimum: 0, default: 0, description: 'New API requests are refused while the V8 heap in use is above this; 0: not checked' }),
  MAX_CONCURRENT_REQUESTS: Type.Integer({ minimum: 0, default: 0, description: 'New API requests are refused while this many are in flight (a stream counts until it ends); 0: no cap' }),
  TRUST_PROXY: Type.Optional(Type.String({ minLength: 1, description: 'Behind a proxy or load balancer: whose X-Forwarded-For to believe for the client\'s address (per-address limits, logs): the proxies\' addresses and CIDR ranges, comma-separated (loopback, linklocal, uniquelocal name those ranges), or true for any; unset: the connection\'s own address' })),
  REQUEST_TIMEOUT_MS: Type.Integer({ minimum: 1, default: 30_000, description: 'A request\'s headers and body must arrive within this, or it is answered 408 and its connection closed (a stream\'s response is not bounded)' }),
  SHUTDOWN_GRACE_MS: Type.Integer({ minimum: 0, default: 10_000, description: 'On SIGTERM/SIGINT, how long live streams may finish before they are ended' }),
  ENGINE_KB: Type.String({ pattern: '^(builtin|ddxplus:.+)$', default: 'builtin', description: 'The knowledge base: builtin (the starter knowledge base), or ddxplus:<dir> (a DDXPlus release folder)' }),
  DDXPLUS_DIFFERENTIALS: Type.Optional(Type.String({ minLength: 1, description: 'With ENGINE_KB=ddxplus:<dir>: a DDXPlus patients file (CSV) whose reference differentials teach the engine which conditions a differential keeps beside its leader' })),
  SCENARIOS: Type.Union([Type.Literal('on'), Type.Literal('off')], { default: 'off', description: 'on: requests may ask for unhappy paths with the Prefer header (for client developers; never in production)' }),
  CORS_ORIGINS: Type.Optional(Type.String({ minLength: 1, description: 'Origins browsers may call from: comma-separated, or * for any (development)' })),
  LEASE_TTL_MS: Type.Integer({ minimum: 1000, default: 120_000, description: 'A turn\'s hold on its conversation expires after this (a crashed process\'s hold too)' })
}, { additionalProperties: true })

export type Config = Static<typeof ConfigSchema>

/** A configuration that cannot start the server: one line naming what is wrong. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

const FLAGS = {
  help: { type: 'boolean', short: 'h' },
  port: { type: 'string' },
  host: { type: 'string' }
} as const

export interface StartOptions {
  help: boolean
  config: Config
}

/** Reads flags (`--port`, `--host` win over the environment) and the environment. */
export function loadConfig (argv: string[], env: NodeJS.ProcessEnv): StartOptions {
  let flags
  try {
    flags = parseArgs({ args: argv, options: FLAGS, strict: true }).values
  } catch (error) {
    throw new ConfigError((error as Error).message)
  }
  const data: Record<string, unknown> = { ...env }
  if (flags.port !== undefined) data.PORT = flags.port
  if (flags.host !== undefined) data.HOST = flags.host
  for (const [key, value] of Object.entries(data)) {
    if (value === '') delete data[key]
  }
  try {
    const config = envSchema<Config>({ schema: ConfigSchema, data, env: false })
    if (config.API_TOKENS !== undefined && config.API_TOKENS_FILE !== undefined) {
      throw new ConfigError('set API_TOKENS or API_TOKENS_FILE, not both')
    }
    parseTrustProxy(config.TRUST_PROXY)
    return { help: flags.help === true, config }
  } catch (error) {
    if (error instanceof ConfigError) throw error
    // env-schema says e.g. "env/PORT must be <= 65535"; one line, naming the variable.
    throw new ConfigError((error as Error).message.replace(/^env\//, '').replace(/, env\//g, '; '))
  }
}

/** The names proxy-addr gives to address ranges: 127.0.0.0/8 and ::1, 169.254.0.0/16 and fe80::/10, private ranges. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal'])

/**
 * Fastify's `trustProxy` from `TRUST_PROXY`: unset or `false`, the client's address is the
 * connection's, so a forged X-Forwarded-For cannot dodge a per-address limit; `true` believes
 * any X-Forwarded-For (only where every connection comes through the proxy); otherwise the
 * proxies' addresses and CIDR ranges, comma-separated, as proxy-addr reads them. A hop count is
 * refused: Fastify 5 cannot check the peer with one, so it ignores X-Forwarded-For altogether.
 * @throws ConfigError naming the entry that is not an address, a range or a range's name.
 */
export function parseTrustProxy (value: string | undefined): boolean | string {
  if (value === undefined || value === 'false') return false
  if (value === 'true') return true
  for (const entry of value.split(',').map((part) => part.trim())) {
    const [address = '', prefix, extra] = entry.split('/')
    const family = isIP(address)
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32))
    if (NAMED_RANGES.has(entry) || (family !== 0 && prefixOk && extra === undefined)) continue
    throw new ConfigError(`TRUST_PROXY: "${entry}" is not an address, a CIDR range, loopback, linklocal or uniquelocal`)
  }
  return value
}

export function helpText (): string {
  const lines = [
    'Usage: medical-chats-server [--port N] [--host ADDR] [--help]  (in the repository: npm start -- [options])',
    '',
    'Runs the reference Conversations API server. Configuration, from the environment:',
    ''
  ]
  const entries = Object.entries(ConfigSchema.properties)
  const width = Math.max(...entries.map(([name]) => name.length))
  for (const [name, schema] of entries) {
    const fallback = 'default' in schema ? ` (default: ${String(schema.default)})` : ''
    lines.push(`  ${name.padEnd(width)}  ${String(schema.description)}${fallback}`)
  }
  lines.push('', 'With neither API_TOKENS nor API_TOKENS_FILE, a development token is generated and printed.')
  return lines.join('\n') + '\n'
}
