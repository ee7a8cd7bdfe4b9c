import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { parseStream } from '../helpers/contract.js'
import { capture, childEnv, startServer } from '../helpers/process.js'

const TOKEN = 'signals-token-0123456789abcdef'
const HEADERS = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }
const RUNS = 10
/** Servers shut down at once: 20 runs one after the other would take minutes on a busy machine. */
const PARALLEL = 5
/** A reply of about 20 words lasts 4 s: live when the signal comes, however late the test's timer fires. */
const CHUNK_DELAY_MS = 200
const GRACE_MS = 300
const SIGNAL_AFTER_MS = 400

async function post (port: number, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { ...HEADERS, ...headers }, body: JSON.stringify(body) })
}

interface LiveStream {
  /** Resolves with the whole stream once it ends. */
  body: Promise<string>
  ended: () => boolean
}

/** Starts a stream of a long reply; resolves once its first delta has arrived. */
async function liveStream (port: number): Promise<LiveStream> {
  const conversation = await (await post(port, '/v1/conversations', { patient: { age: 60, sex: 'male' } })).json() as { id: string }
  const response = await post(port, '/v1/chats', { conversation_id: conversation.id, input: 'I have chest pain and I am short of breath' }, { accept: 'text/event-stream' })
  const reader = (response.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader()
  let text = ''
  while (!text.includes('event: delta')) text += (await reader.read()).value ?? ''
  let ended = false
  const body = (async () => {
    for (let chunk = await reader.read(); chunk.done !== true; chunk = await reader.read()) text += chunk.value
    ended = true
    return text
  })()
  return { body, ended: () => ended }
}

function terminalOf (body: string): string {
  const { event, data } = parseStream(body).terminal
  return event === 'done' ? 'done' : (data as { error: { code: string } }).error.code
}

/** One server started with npm start, two live streams, the signal to the group: what the streams and the server said. */
async function oneShutdown (t: Test, signal: NodeJS.Signals, dir: string, run: number): Promise<{ terminals: string[], liveAtSignal: number, output: string }> {
  const server = await startServer({
    DATABASE_URL: `sqlite:${join(dir, `${signal}-${run}.db`)}`,
    API_TOKENS: `e2e:${TOKEN}`,
    STREAM_CHUNK_DELAY_MS: String(CHUNK_DELAY_MS),
    SHUTDOWN_GRACE_MS: String(GRACE_MS)
  })
  t.teardown(server.kill)
  // Everything the group ran has gone once the server's output closes: it holds the pipe last.
  const closed = once(server.child, 'close')
  const streams = await Promise.all([liveStream(server.port), liveStream(server.port)])
  await new Promise((resolve) => setTimeout(resolve, SIGNAL_AFTER_MS))
  const liveAtSignal = streams.filter((stream) => !stream.ended()).length
  // As a terminal's Ctrl-C or systemd does: to every process of the group npm leads.
  process.kill(-(server.child.pid as number), signal)
  const bodies = await Promise.all(streams.map((stream) => stream.body))
  await closed
  return { terminals: bodies.map(terminalOf), liveAtSignal, output: server.output() }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  t.test(`${signal} to the process group of npm start, ${RUNS} times: one graceful shutdown, every live stream ends with a terminal event`, async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'signals-'))
    t.teardown(() => rm(dir, { recursive: true, force: true }))
    for (let batch = 0; batch < RUNS; batch += PARALLEL) {
      const runs = Array.from({ length: Math.min(PARALLEL, RUNS - batch) }, (_, index) => batch + index)
      const results = await Promise.all(runs.map((run) => oneShutdown(t, signal, dir, run)))
      for (const [index, { terminals, liveAtSignal, output }] of results.entries()) {
        const run = batch + index
        t.equal(liveAtSignal, 2, `run ${run}: both streams were live when the signal came`)
        t.same(terminals.filter((terminal) => terminal !== 'done' && terminal !== 'shutting_down'), [], `run ${run}: every stream ended with done or shutting_down (${terminals.join(', ')})`)
        t.equal(output.match(/"msg":"shutting down"/g)?.length, 1, `run ${run}: one shutdown`)
        t.match(output, /"msg":"shut down"/, `run ${run}: it completed`)
        t.notMatch(output, /exiting/, `run ${run}: no forced exit`)
      }
    }
  })
}

t.test('the container entry, node --import tsx server/main.ts, shuts down gracefully on a SIGTERM to its own PID only', async (t) => {
  // In a container the command is PID 1 and alone gets `docker stop`'s SIGTERM: npm would not
  // pass it on to the server, so the README names this entry (or the package's bin).
  const dir = await mkdtemp(join(tmpdir(), 'signals-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: childEnv({ PORT: '0', DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`, API_TOKENS: `e2e:${TOKEN}`, STREAM_CHUNK_DELAY_MS: String(CHUNK_DELAY_MS), SHUTDOWN_GRACE_MS: String(GRACE_MS) }),
    stdio: ['ignore', 'pipe', 'pipe']
  })
  t.teardown(() => { child.kill('SIGKILL') })
  const output = capture(child)
  const exited = once(child, 'exit')
  while (!/Server listening at http:\/\/127\.0\.0\.1:(\d+)/.test(output())) await once(child.stdout as NodeJS.ReadableStream, 'data')
  const port = Number(/Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output())?.[1])
  const stream = await liveStream(port)
  await new Promise((resolve) => setTimeout(resolve, SIGNAL_AFTER_MS))
  t.equal(stream.ended(), false, 'the stream is live when the signal comes')
  child.kill('SIGTERM')
  t.equal(terminalOf(await stream.body), 'shutting_down')
  t.same(await exited, [0, null], 'exit 0')
  t.match(output(), /"signal":"SIGTERM","msg":"shutting down"/)
})
