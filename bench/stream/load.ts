/**
 * The load generator, in its own process: `tsx bench/stream/load.ts [json spec]`. Keeps
 * `concurrency` streams going against one server for `durationMs` (or until `maxStreams` are
 * counted) over an undici keep-alive pool on 127.0.0.1, its connections opened before the
 * clock starts; checks that every stream ends with `done`, and prints one JSON result.
 * Without a spec it serves runs: one JSON spec a line on stdin, one JSON result a line on
 * stdout, so one warm process drives every run. With `idle`, it opens that many streams that
 * never end and holds them until stdin closes.
 */
import { Pool } from 'undici'

export interface LoadSpec {
  port: number
  concurrency: number
  durationMs: number
  /** Stop once this many streams are counted, even before `durationMs`. */
  maxStreams?: number
  /** The kind of server: how to ask it for a stream. */
  kind: string
  /** Open this many idle streams and hold them (prints "open" when all are), instead of load. */
  idle?: number
}

export interface LoadResult {
  streams: number
  events: number
  truncated: number
  elapsed_ms: number
  ttfe_ms: number[]
  done_ms: number[]
}

let spec = {} as LoadSpec
let origin = ''
const TOKEN = 'bench-token-0123456789'

function request (conversationId: string, input: string): { path: string, body: string, headers: Record<string, string> } {
  const headers: Record<string, string> = { accept: 'text/event-stream', 'content-type': 'application/json' }
  if (spec.kind === 'server') headers.authorization = `Bearer ${TOKEN}`
  return { path: '/v1/chats', body: JSON.stringify({ conversation_id: conversationId, input }), headers }
}

/** The full server needs real conversations: each worker keeps its own, and opens a new one when it completes. */
async function newConversation (pool: Pool): Promise<string> {
  const { body } = await pool.request({
    path: '/v1/conversations',
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ patient: { age: 40, sex: 'female' }, max_questions: 99 })
  })
  return ((await body.json()) as { id: string }).id
}

const SERVER_INPUTS = ['I have a headache and feel sick', 'no', 'yes', 'not sure', 'no', 'no', 'yes', 'no']

const DONE = Buffer.from('event: done\n')
const ERROR = Buffer.from('event: error\n')
const EVENT = Buffer.from('event: ')

interface Stream { status: number, events: number, sawDone: boolean, sawError: boolean, complete: boolean, first: number, tail: Buffer }

/**
 * One stream through undici's dispatcher, the cheapest path it has: no Readable, no async
 * iterator, no string building. The loader shares two cores with the server under test, so
 * every microsecond it spends is taken from the server.
 */
function stream (pool: Pool, path: string, headers: Record<string, string>, body: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const state: Stream = { status: 0, events: 0, sawDone: false, sawError: false, complete: false, first: 0, tail: Buffer.alloc(0) }
    pool.dispatch({ path, method: 'POST', headers, body }, {
      onConnect () {},
      onHeaders (statusCode: number) {
        state.status = statusCode
        return true
      },
      onData (chunk: Buffer) {
        if (state.first === 0) state.first = performance.now()
        for (let at = chunk.indexOf(EVENT); at !== -1; at = chunk.indexOf(EVENT, at + 1)) state.events++
        if (chunk.includes(DONE)) state.sawDone = true
        if (chunk.includes(ERROR)) state.sawError = true
        state.tail = chunk.length >= 2 ? chunk.subarray(chunk.length - 2) : Buffer.concat([state.tail, chunk]).subarray(-2)
        return true
      },
      onComplete () {
        state.complete = true
        resolve(state)
      },
      onError: reject
    })
  })
}

interface Worker { conversation: string, turn: number }

async function load (): Promise<LoadResult> {
  const pool = new Pool(origin, { connections: spec.concurrency, pipelining: 1, keepAliveTimeout: 60_000 })
  const result: LoadResult = { streams: 0, events: 0, truncated: 0, elapsed_ms: 0, ttfe_ms: [], done_ms: [] }

  /** One stream of the worker's; `counted` adds it to the figures. Every stream is checked whole. */
  async function play (worker: Worker, counted: boolean): Promise<void> {
    const { path, body, headers } = request(worker.conversation, spec.kind === 'server' ? SERVER_INPUTS[worker.turn % SERVER_INPUTS.length] as string : 'hi')
    const begun = performance.now()
    const outcome = await stream(pool, path, headers, body)
    const ended = performance.now()
    worker.turn++
    // Complete: a 200 that ends with a blank line after a done event, and no error event.
    const complete = outcome.status === 200 && outcome.complete && outcome.sawDone && !outcome.sawError && outcome.tail.toString() === '\n\n'
    if (!complete) {
      result.truncated++
      return
    }
    if (counted) {
      result.streams++
      result.events += outcome.events
      result.ttfe_ms.push(outcome.first - begun)
      result.done_ms.push(ended - begun)
    }
    if (spec.kind === 'server' && outcome.events === 1) {
      // A lone done event is the diagnosis: the conversation is complete.
      worker.conversation = await newConversation(pool)
      worker.turn = 0
    }
  }

  // Each worker first plays one stream that is not counted, so every connection is open before
  // the clock starts: counted, the first stream on each new connection would measure the storm
  // of connections at the start of a run (at c=256, up to a second), not streaming.
  const workers = await Promise.all(Array.from({ length: spec.concurrency }, async () => {
    const worker = { conversation: spec.kind === 'server' ? await newConversation(pool) : 'conv_e389786b611e', turn: 0 }
    await play(worker, false)
    return worker
  }))
  const started = performance.now()
  const deadline = started + spec.durationMs
  const maxStreams = spec.maxStreams ?? Infinity
  await Promise.all(workers.map(async (worker) => {
    while (performance.now() < deadline && result.streams + result.truncated < maxStreams) await play(worker, true)
  }))
  result.elapsed_ms = performance.now() - started
  await pool.close()
  return result
}

/** Opens `count` streams that never end, reports once all are open, and holds them until stdin closes. */
async function idle (count: number): Promise<void> {
  const pool = new Pool(origin, { connections: count, pipelining: 1, keepAliveTimeout: 600_000, headersTimeout: 0, bodyTimeout: 0 })
  const path = spec.kind === 'plugin' ? '/v1/chats' : '/idle'
  const { body, headers } = request('conv_e389786b611e', 'idle')
  const bodies = []
  for (let i = 0; i < count; i += 250) {
    // A response resolves once its headers arrive: the stream is open, and idle on the server.
    const batch = await Promise.all(Array.from({ length: Math.min(250, count - i) }, async () =>
      (await pool.request({ path, method: 'POST', headers, body })).body))
    bodies.push(...batch)
  }
  process.stdout.write(JSON.stringify({ open: bodies.length }) + '\n')
  await new Promise((resolve) => process.stdin.once('end', resolve).resume())
  for (const stream of bodies) stream.destroy()
  await pool.destroy()
}

function use (next: LoadSpec): void {
  spec = next
  origin = `http://127.0.0.1:${spec.port}`
}

if (process.argv[2] !== undefined) {
  use(JSON.parse(process.argv[2]) as LoadSpec)
  if (spec.idle !== undefined) await idle(spec.idle)
  else process.stdout.write(JSON.stringify(await load()) + '\n')
} else {
  const { createInterface } = await import('node:readline')
  for await (const line of createInterface({ input: process.stdin })) {
    use(JSON.parse(line) as LoadSpec)
    process.stdout.write(JSON.stringify(await load()) + '\n')
  }
}
