/**
 * `npm run bench:auth [-- --tokens 10000 --requests 2000 --rounds 7]`
 *
 * The CPU a request with a wrong bearer token costs the reference server, with one token
 * configured and with `--tokens` of them, side by side in the same run (rounds interleaved).
 * The ratio says whether the cost of checking a token grows with the number of tokens. The
 * failed-attempt throttle is set out of reach, so every request is the full 401 path.
 * Requests go through `inject`: the figure is the server's own work, with no socket.
 */
import { parseArgs } from 'node:util'
import Fastify, { type FastifyInstance } from 'fastify'
import serverApp, { type AppConfig } from '../server/app.js'
import { loadConfig } from '../server/config.js'
import { createReferenceInterviewer } from '../server/interview/index.js'
import { MemoryStore } from '../server/store/memory.js'
import { TokenRegistry } from '../server/tokens.js'
import { median } from './stats.js'

const { values: flags } = parseArgs({
  options: {
    tokens: { type: 'string', default: '10000' },
    requests: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '7' }
  }
})
const MANY = Number(flags.tokens)
const REQUESTS = Number(flags.requests)
const ROUNDS = Number(flags.rounds)

// The server's defaults, with the limits out of the way: the benchmark measures authentication.
const CONFIG: AppConfig = {
  ...loadConfig([], {}).config,
  RATE_LIMIT_PER_MINUTE: 1_000_000,
  AUTH_FAILURES_PER_MINUTE: 1_000_000_000,
  OVERLOAD_EVENT_LOOP_DELAY_MS: 0
}

const WRONG = { authorization: 'Bearer wrong-token-0123456789abcdef' }

async function serverWith (count: number): Promise<FastifyInstance> {
  const pairs = Array.from({ length: count }, (_, i): [string, string] => [`tenant${i % 100}`, `token-${i}-${'x'.repeat(32)}`])
  const app = Fastify()
  await app.register(serverApp, { config: CONFIG, tokens: new TokenRegistry(pairs), store: new MemoryStore(), interviewer: await createReferenceInterviewer() })
  await app.ready()
  return app
}

/** CPU microseconds (user + system) per wrong-token request. */
async function cpuPerRequest (app: FastifyInstance): Promise<number> {
  const start = process.cpuUsage()
  for (let i = 0; i < REQUESTS; i++) {
    const response = await app.inject({ url: '/v1/conversations/conv_000000000000', headers: WRONG })
    if (response.statusCode !== 401) throw new Error(`expected 401, got ${response.statusCode}`)
  }
  const used = process.cpuUsage(start)
  return (used.user + used.system) / REQUESTS
}

const one = await serverWith(1)
const many = await serverWith(MANY)
await cpuPerRequest(one)
await cpuPerRequest(many)
const results = { one: [] as number[], many: [] as number[], ratio: [] as number[] }
for (let round = 0; round < ROUNDS; round++) {
  const a = await cpuPerRequest(one)
  const b = await cpuPerRequest(many)
  results.one.push(a)
  results.many.push(b)
  results.ratio.push(b / a)
}
await one.close()
await many.close()
const us = (value: number): string => `${value.toFixed(1)} µs`
process.stdout.write([
  `wrong-token request, CPU per request (median of ${ROUNDS} rounds of ${REQUESTS}):`,
  `  1 token:        ${us(median(results.one))}`,
  `  ${String(MANY).padEnd(6)} tokens:  ${us(median(results.many))}`,
  `  ratio ${MANY}/1: ${median(results.ratio).toFixed(2)} (paired by round)`,
  ''
].join('\n'))
