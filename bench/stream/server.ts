/**
 * One benchmark server in its own process: `tsx bench/stream/server.ts <kind>`. Prints
 * `listening <port>` when ready. Every kind answers POST /v1/chats with the same stream
 * (20 deltas and a done of about 1 KB); an idle stream that never ends is POST /idle (the
 * plugin: its chat route with input "idle"). GET
 * /__stats reports the process's RSS and CPU time so the orchestrator can measure the server
 * alone.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import Fastify, { type FastifyInstance } from 'fastify'
import { fastifySSE } from '@fastify/sse'
import fastifyChats, { type ChatEngine, type ChatTurn, type TurnContext, type TurnRequest } from 'fastify-medical-chats'
import { formatDelta, formatEvent } from '../../plugin/sse.js'
import { CONVERSATION_ID, RESPONSE_ID, WORDS, doneResponse } from './payload.js'

const kind = process.argv[2] as string

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
  connection: 'keep-alive'
}
const DELTA_FRAMES = WORDS.map((word) => formatDelta(RESPONSE_ID, word))
const DONE_FRAME = formatEvent('done', JSON.stringify(doneResponse(RESPONSE_ID, CONVERSATION_ID)))
const WHOLE_STREAM = DELTA_FRAMES.join('') + DONE_FRAME

function stats (res: ServerResponse): void {
  if (typeof global.gc === 'function') global.gc()
  const cpu = process.cpuUsage()
  res.writeHead(200, { 'content-type': 'application/json' })
  res.end(JSON.stringify({ rss: process.memoryUsage().rss, cpu_us: cpu.user + cpu.system }))
}

/** Reads and drops a request body, then calls back. */
function drain (req: IncomingMessage, then: () => void): void {
  req.resume()
  req.on('end', then)
}

function rawServer (whole: boolean) {
  return createServer((req, res) => {
    if (req.url === '/__stats') return stats(res)
    drain(req, () => {
      res.writeHead(200, SSE_HEADERS)
      if (req.url === '/idle') return res.write(': open\n\n')
      if (whole) return res.end(WHOLE_STREAM)
      for (const frame of DELTA_FRAMES) res.write(frame)
      res.end(DONE_FRAME)
    })
  })
}

/** A zero-cost engine: 20 word pieces, then the response; `/idle` turns never finish. */
class BenchEngine implements ChatEngine {
  readonly capabilities = { personalities: ['professional'], languages: ['en'], codingSystems: ['snomed'] }
  async createConversation (): Promise<never> { throw new Error('not used by the benchmark') }
  async getConversation (): Promise<undefined> { return undefined }
  async startTurn (request: TurnRequest, context: TurnContext): Promise<ChatTurn> {
    return request.input === 'idle' ? stall(context.signal) : words(request.response_id)
  }
}

async function * words (id: string): ChatTurn {
  for (const word of WORDS) yield word
  return doneResponse(id, CONVERSATION_ID)
}

async function * stall (signal: AbortSignal): ChatTurn {
  await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }))
  throw signal.reason
}

async function fastifyServer (): Promise<FastifyInstance> {
  const app = Fastify({ logger: false })
  app.get('/__stats', (_request, reply) => { reply.hijack(); stats(reply.raw) })
  if (kind === 'fastify-hijack') {
    app.post('/v1/chats', async (_request, reply) => {
      reply.hijack()
      reply.raw.writeHead(200, SSE_HEADERS)
      for (const frame of DELTA_FRAMES) reply.raw.write(frame)
      reply.raw.end(DONE_FRAME)
    })
    app.post('/idle', async (_request, reply) => {
      reply.hijack()
      reply.raw.writeHead(200, SSE_HEADERS)
      reply.raw.write(': open\n\n')
    })
  } else if (kind === 'fastify-sse') {
    await app.register(fastifySSE)
    app.post('/v1/chats', { sse: true }, async (_request, reply) => {
      for (const word of WORDS) await reply.sse.send({ event: 'delta', data: { id: RESPONSE_ID, output: { content: word } } })
      await reply.sse.send({ event: 'done', data: doneResponse(RESPONSE_ID, CONVERSATION_ID) })
    })
  } else if (kind === 'plugin') {
    // Idle streams are the plugin's own route with a turn that never ends (input "idle").
    await app.register(fastifyChats, { engine: new BenchEngine() })
  } else {
    throw new Error(`unknown server kind ${kind}`)
  }
  return app
}

async function start (): Promise<number> {
  if (kind === 'raw' || kind === 'raw-single') {
    const server = rawServer(kind === 'raw-single')
    server.keepAliveTimeout = 72_000
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return (server.address() as { port: number }).port
  }
  if (kind === 'server') {
    const { default: serverApp } = await import('../../server/app.js')
    const { SqliteStore } = await import('../../server/store/sqlite.js')
    const { createReferenceInterviewer } = await import('../../server/interview/index.js')
    const { TokenRegistry } = await import('../../server/tokens.js')
    const { loggerOptions } = await import('../../server/logger.js')
    const { tmpdir } = await import('node:os')
    const { mkdtempSync, rmSync } = await import('node:fs')
    // The database lives as long as the process: removed on exit, so runs leave nothing behind.
    const dataDir = mkdtempSync(`${tmpdir()}/bench-stream-`)
    process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }))
    const app = Fastify({ logger: loggerOptions('info', false), keepAliveTimeout: 72_000 })
    app.get('/__stats', (_request, reply) => { reply.hijack(); stats(reply.raw) })
    await app.register(serverApp, {
      config: { STREAM_CHUNK_DELAY_MS: 0, ENGINE_TIMEOUT_MS: 30_000, HEARTBEAT_MS: 15_000, RATE_LIMIT_PER_MINUTE: 100_000_000, AUTH_FAILURES_PER_MINUTE: 100_000_000, OVERLOAD_EVENT_LOOP_DELAY_MS: 0, OVERLOAD_EVENT_LOOP_UTILIZATION: 0, OVERLOAD_HEAP_USED_BYTES: 0, MAX_CONCURRENT_REQUESTS: 0, BODY_LIMIT_BYTES: 1_048_576, SHUTDOWN_GRACE_MS: 1000, LEASE_TTL_MS: 120_000 },
      tokens: new TokenRegistry([['bench', 'bench-token-0123456789']]),
      store: new SqliteStore(`${dataDir}/chats.db`),
      interviewer: await createReferenceInterviewer()
    })
    await app.listen({ port: 0, host: '127.0.0.1' })
    return (app.server.address() as { port: number }).port
  }
  const app = await fastifyServer()
  app.server.keepAliveTimeout = 72_000
  await app.listen({ port: 0, host: '127.0.0.1' })
  return (app.server.address() as { port: number }).port
}

// A clean exit on SIGTERM, or on Ctrl-C in the terminal, lets --cpu-prof write its profile and
// the reference server remove its database.
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => process.exit(0))
process.stdout.write(`listening ${await start()}\n`)
