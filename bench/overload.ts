/**
 * `npm run bench:overload [-- --clients 300 --cap 100 --delay 60 --duration 8000 --reps 2 --elu 0.95 --variants off,cap,elu --json]`
 *
 * What overload does to the reference server, with and without refusing it. Each variant is the
 * real server (`server/main.ts`, in-memory store) in its own process, driven by this process:
 * `--clients` clients in a closed loop, each creating a conversation and streaming one chat turn
 * at `--delay` ms a word (STREAM_CHUNK_DELAY_MS), and, when refused, retrying after the
 * `Retry-After` it was given, as a well-behaved client does.
 * Variants, run in turn in each rep: `off` (no refusal), `cap` (MAX_CONCURRENT_REQUESTS=--cap)
 * and `elu` (OVERLOAD_EVENT_LOOP_UTILIZATION=--elu).
 *
 * Reported (medians over reps): streams completed a second; the pace of each stream (its mean
 * gap between words, against the nominal `--delay`), median and 90th percentile over streams;
 * time to the first word; and the refusals (503s): how many, and how long one took to arrive.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import { Pool } from 'undici'
import { median, percentile } from './stats.js'

const { values: flags } = parseArgs({
  options: {
    clients: { type: 'string', default: '300' },
    cap: { type: 'string', default: '100' },
    delay: { type: 'string', default: '60' },
    duration: { type: 'string', default: '8000' },
    reps: { type: 'string', default: '2' },
    elu: { type: 'string', default: '0.95' },
    variants: { type: 'string', default: 'off,cap,elu' },
    json: { type: 'boolean', default: false }
  }
})
const CLIENTS = Number(flags.clients)
const DELAY = Number(flags.delay)
const DURATION = Number(flags.duration)
const REPS = Number(flags.reps)
const TOKEN = 'bench-token-0123456789'

const VARIANTS: Record<string, Record<string, string>> = {
  off: {},
  cap: { MAX_CONCURRENT_REQUESTS: flags.cap },
  elu: { OVERLOAD_EVENT_LOOP_UTILIZATION: flags.elu }
}

async function freePort (): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function startServer (env: Record<string, string>): Promise<{ port: number, child: ChildProcess }> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: 'memory:',
      API_TOKENS: `bench:${TOKEN}`,
      LOG_LEVEL: 'error',
      STREAM_CHUNK_DELAY_MS: String(DELAY),
      RATE_LIMIT_PER_MINUTE: '100000000',
      OVERLOAD_EVENT_LOOP_DELAY_MS: '0',
      OVERLOAD_EVENT_LOOP_UTILIZATION: '0',
      ...env
    },
    stdio: ['ignore', 'ignore', 'inherit']
  })
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`)
      if (response.ok) break
    } catch {}
    await sleep(100)
  }
  return { port, child }
}

interface RunResult {
  streams: number
  /** Per completed stream: mean gap between its words, ms. */
  paces: number[]
  firstWord: number[]
  /** Per refusal: ms from sending to the 503. */
  refusals: number[]
  errors: number
}

function retryAfterMs (headers: Record<string, string | string[] | undefined>): number {
  return Number(headers['retry-after'] ?? 1) * 1000
}

const HEADERS = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }

async function drive (port: number): Promise<RunResult> {
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: CLIENTS + 16, pipelining: 1 })
  const result: RunResult = { streams: 0, paces: [], firstWord: [], refusals: [], errors: 0 }
  const end = performance.now() + DURATION
  async function client (): Promise<void> {
    while (performance.now() < end) {
      let started = performance.now()
      const created = await pool.request({ path: '/v1/conversations', method: 'POST', headers: HEADERS, body: JSON.stringify({ patient: { age: 40, sex: 'female' } }) })
      const createdBody = await created.body.text()
      if (created.statusCode === 503) {
        result.refusals.push(performance.now() - started)
        await sleep(retryAfterMs(created.headers))
        continue
      }
      if (created.statusCode !== 201) {
        result.errors++
        continue
      }
      started = performance.now()
      const chat = await pool.request({
        path: '/v1/chats',
        method: 'POST',
        headers: { ...HEADERS, accept: 'text/event-stream' },
        body: JSON.stringify({ conversation_id: JSON.parse(createdBody).id, input: 'I have had a headache and a fever since yesterday' })
      })
      if (chat.statusCode === 503) {
        await chat.body.text()
        result.refusals.push(performance.now() - started)
        await sleep(retryAfterMs(chat.headers))
        continue
      }
      const words: number[] = []
      let text = ''
      for await (const chunk of chat.body) {
        const piece = String(chunk)
        text += piece
        const now = performance.now()
        for (let at = piece.indexOf('event: delta'); at !== -1; at = piece.indexOf('event: delta', at + 1)) words.push(now)
      }
      if (chat.statusCode !== 200 || !text.includes('event: done')) {
        result.errors++
        continue
      }
      result.streams++
      if (words.length > 0) result.firstWord.push((words[0] as number) - started)
      if (words.length > 2) result.paces.push(((words[words.length - 1] as number) - (words[0] as number)) / (words.length - 1))
    }
  }
  await Promise.all(Array.from({ length: CLIENTS }, client))
  await pool.close()
  return result
}

interface Summary { streams_per_s: number, pace_p50_ms: number, pace_p90_ms: number, first_word_p50_ms: number, refused_per_s: number, refusal_p50_ms: number, refusal_p99_ms: number, errors: number }

function summarise (run: RunResult): Summary {
  return {
    streams_per_s: run.streams / (DURATION / 1000),
    pace_p50_ms: median(run.paces),
    pace_p90_ms: percentile(run.paces, 0.9),
    first_word_p50_ms: median(run.firstWord),
    refused_per_s: run.refusals.length / (DURATION / 1000),
    refusal_p50_ms: median(run.refusals),
    refusal_p99_ms: percentile(run.refusals, 0.99),
    errors: run.errors
  }
}

const variants = flags.variants.split(',')
const runs: Record<string, Summary[]> = Object.fromEntries(variants.map((name) => [name, []]))
for (let rep = 0; rep < REPS; rep++) {
  for (const name of variants) {
    const server = await startServer(VARIANTS[name] as Record<string, string>)
    try {
      runs[name]?.push(summarise(await drive(server.port)))
    } finally {
      server.child.kill('SIGTERM')
      await new Promise((resolve) => server.child.once('exit', resolve))
    }
    if (!flags.json) process.stderr.write(`rep ${rep + 1}/${REPS} ${name} done\n`)
  }
}

const fields: Array<keyof Summary> = ['streams_per_s', 'pace_p50_ms', 'pace_p90_ms', 'first_word_p50_ms', 'refused_per_s', 'refusal_p50_ms', 'refusal_p99_ms', 'errors']
const medians = Object.fromEntries(variants.map((name) => [name, Object.fromEntries(fields.map((field) => [field, Number(median((runs[name] as Summary[]).map((run) => run[field])).toFixed(1))]))]))
if (flags.json) {
  process.stdout.write(JSON.stringify({ clients: CLIENTS, cap: Number(flags.cap), elu: Number(flags.elu), delay_ms: DELAY, duration_ms: DURATION, reps: REPS, medians }) + '\n')
} else {
  process.stdout.write(`${CLIENTS} clients, ${DELAY} ms a word, ${DURATION} ms a run, medians of ${REPS} reps\n\n`)
  process.stdout.write(`${'variant'.padEnd(8)}${fields.map((field) => field.padStart(18)).join('')}\n`)
  for (const name of variants) {
    process.stdout.write(`${name.padEnd(8)}${fields.map((field) => String(medians[name]?.[field]).padStart(18)).join('')}\n`)
  }
}
