import { EventEmitter, once } from 'node:events'
import { connect } from 'node:net'
import FakeTimers from '@sinonjs/fake-timers'
import Fastify, { type FastifyInstance } from 'fastify'
import t from 'tap'
import { installGracefulShutdown, type ShutdownProcess } from '../server/shutdown.js'
import { parseStream } from './helpers/contract.js'
import { AUTH_A, buildServer } from './helpers/server.js'

function logSink () {
  const lines: Array<Record<string, any>> = []
  return { lines, log: Fastify({ logger: { level: 'info', stream: { write: (line: string) => { lines.push(JSON.parse(line)) } } } }).log }
}

/** A process that records exits and whose signals and errors the test emits. */
class FakeProcess extends EventEmitter implements ShutdownProcess {
  readonly exits: number[] = []
  exit (code: number): void {
    this.exits.push(code)
  }
}

/** A close the test finishes by hand, counting how often it was asked. */
function manualClose () {
  const calls: Array<{ resolve: () => void, reject: (error: Error) => void }> = []
  return {
    calls,
    close: () => new Promise<void>((resolve, reject) => { calls.push({ resolve, reject }) })
  }
}

async function settle (): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve()
}

t.test('signals: the first SIGINT or SIGTERM shuts down once; repeats, as a process group relays them, are ignored', async (t) => {
  for (const [first, repeats] of [['SIGINT', ['SIGINT', 'SIGTERM', 'SIGINT']], ['SIGTERM', ['SIGTERM', 'SIGTERM', 'SIGINT']]] as const) {
    const host = new FakeProcess()
    const { lines, log } = logSink()
    const { calls, close } = manualClose()
    installGracefulShutdown({ log, close, timeoutMs: 10_000, process: host })
    host.emit(first, first)
    for (const signal of repeats) host.emit(signal, signal)
    t.equal(calls.length, 1, `${first}: closed once`)
    t.same(host.exits, [], 'nothing exits while live streams have their grace')
    calls[0]?.resolve()
    await settle()
    t.same(host.exits, [0], 'then a clean exit')
    t.match(lines, [
      { level: 30, signal: first, msg: 'shutting down' },
      ...repeats.map((signal) => ({ level: 30, signal, msg: 'already shutting down; the repeated signal is ignored' })),
      { level: 30, msg: 'shut down' }
    ])
  }
})

t.test('signals: a shutdown that takes longer than its bound exits with 1', async (t) => {
  const clock = FakeTimers.install({ toFake: ['setTimeout', 'clearTimeout'] })
  t.teardown(() => clock.uninstall())
  const host = new FakeProcess()
  const { lines, log } = logSink()
  const { calls, close } = manualClose()
  installGracefulShutdown({ log, close, timeoutMs: 15_000, process: host })
  host.emit('SIGTERM', 'SIGTERM')
  clock.tick(14_999)
  t.same(host.exits, [])
  clock.tick(1)
  t.same(host.exits, [1])
  t.match(lines.at(-1), { level: 50, timeout_ms: 15_000, msg: 'the shutdown took too long; exiting' })
  calls[0]?.resolve()
  await settle()
  t.equal(clock.countTimers(), 0, 'no timer left')
})

t.test('signals: a close that fails exits with 1, its error logged', async (t) => {
  const host = new FakeProcess()
  const { lines, log } = logSink()
  const { calls, close } = manualClose()
  installGracefulShutdown({ log, close, timeoutMs: 10_000, process: host })
  host.emit('SIGINT', 'SIGINT')
  calls[0]?.reject(new Error('the store would not close'))
  await settle()
  t.same(host.exits, [1])
  t.match(lines.at(-1), { level: 50, err: { message: 'the store would not close' }, msg: 'the shutdown failed' })
})

t.test('an uncaught error or unhandled rejection shuts down gracefully too, once, and exits with 1', async (t) => {
  const host = new FakeProcess()
  const { lines, log } = logSink()
  const { calls, close } = manualClose()
  installGracefulShutdown({ log, close, timeoutMs: 10_000, process: host })
  host.emit('uncaughtException', new Error('a bug'))
  host.emit('SIGTERM', 'SIGTERM')
  host.emit('unhandledRejection', new Error('another bug'))
  t.equal(calls.length, 1)
  calls[0]?.resolve()
  await settle()
  t.same(host.exits, [1])
  t.match(lines, [
    { level: 50, err: { message: 'a bug' }, msg: 'shutting down after an error' },
    { level: 30, msg: 'already shutting down; the repeated signal is ignored' },
    { level: 50, err: { message: 'another bug' }, msg: 'an error while shutting down' },
    { level: 30, msg: 'shut down' }
  ])
})

t.test('an error during a signalled shutdown makes its exit code 1', async (t) => {
  const host = new FakeProcess()
  const { log } = logSink()
  const { calls, close } = manualClose()
  installGracefulShutdown({ log, close, timeoutMs: 10_000, process: host })
  host.emit('SIGTERM', 'SIGTERM')
  host.emit('unhandledRejection', new Error('late'))
  calls[0]?.resolve()
  await settle()
  t.same(host.exits, [1])
})

/**
 * Listens, creates a conversation over fetch and starts a streamed turn; resolves once its first
 * bytes arrived. `rest()` reads the stream to its end and resolves with all of it.
 */
async function liveStream (app: FastifyInstance): Promise<{ address: string, headers: Record<string, string>, rest: () => Promise<string> }> {
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  const headers = { ...AUTH_A, 'content-type': 'application/json' }
  const conversation = await (await fetch(`${address}/v1/conversations`, { method: 'POST', headers, body: JSON.stringify({ patient: { age: 40, sex: 'female' } }) })).json() as { id: string }
  const stream = await fetch(`${address}/v1/chats`, { method: 'POST', headers: { ...headers, accept: 'text/event-stream' }, body: JSON.stringify({ conversation_id: conversation.id, input: 'I have a headache' }) })
  const reader = (stream.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader()
  let body = (await reader.read()).value ?? ''
  return {
    address,
    headers,
    rest: async () => {
      for (let chunk = await reader.read(); chunk.done !== true; chunk = await reader.read()) body += chunk.value
      return body
    }
  }
}

t.test('draining: from the start of the shutdown, /readyz answers 503 while live streams finish; refusals are logged below error, without stacks', async (t) => {
  const lines: Array<Record<string, any>> = []
  const { app } = await buildServer(t, {
    config: { STREAM_CHUNK_DELAY_MS: 20, SHUTDOWN_GRACE_MS: 10_000 },
    // As server/main.ts builds it: requests that arrive while closing reach the app.
    fastify: { return503OnClosing: false, logger: { level: 'info', stream: { write: (line: string) => { lines.push(JSON.parse(line)) } } } }
  })
  const { address, headers, rest } = await liveStream(app)
  t.equal((await fetch(`${address}/readyz`)).status, 200, 'ready before')

  const closing = app.close()
  const ready = await fetch(`${address}/readyz`)
  t.equal(ready.status, 503, 'not ready from the start of the grace')
  t.equal(ready.headers.get('retry-after'), '5')
  t.same(await ready.json(), { error: { code: 'unavailable', message: 'The server is shutting down.' } })
  t.equal((await fetch(`${address}/healthz`)).status, 200, 'alive all the same')
  const refused = await fetch(`${address}/v1/conversations`, { method: 'POST', headers, body: JSON.stringify({ patient: { age: 40, sex: 'female' } }) })
  t.equal(refused.status, 503)
  t.equal((await refused.json() as { error: { code: string } }).error.code, 'unavailable')

  t.equal(parseStream(await rest()).terminal.event, 'done', 'the live stream finished within the grace')
  await closing
  t.same(lines.filter((line) => line.level >= 50), [], 'nothing at error level')
  t.match(lines.filter((line) => line.refused !== undefined), [{ level: 30, refused: 'CHATS_UNAVAILABLE', msg: 'request failed' }])
  t.ok(lines.every((line) => line.err === undefined), 'no stack logged')
})

t.test('a connection that never carried a request does not hold the shutdown; live streams still end first', async (t) => {
  // Node's close would wait for the spare connection's headers timeout: this test would time out.
  const { app } = await buildServer(t, { config: { STREAM_CHUNK_DELAY_MS: 20, SHUTDOWN_GRACE_MS: 10_000 }, fastify: { return503OnClosing: false } })
  const { address, rest } = await liveStream(app)
  const { port } = new URL(address)
  const spare = connect(Number(port), '127.0.0.1')
  await once(spare, 'connect')
  const order: string[] = []
  const spareClosed = once(spare, 'close').then(() => order.push('spare connection closed'))

  const closing = app.close()
  const body = await rest()
  order.push('stream ended')
  t.equal(parseStream(body).terminal.event, 'done', 'the live stream finished within the grace')
  await closing
  await spareClosed
  t.same(order, ['stream ended', 'spare connection closed'])
})
