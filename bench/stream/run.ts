/**
 * `npm run bench:stream [-- --json] [--kinds raw,plugin,...] [--reps N] [--duration MS] [--max-streams N] [--warmup MS] [--concurrency 1,32,256] [--idle 2000,10000] [--cpu-prof DIR]`
 *
 * Streams the same chat reply (20 deltas, a done of about 1 KB) from six servers, each in its
 * own process, with the load generator in another: raw node:http (one write per event, and
 * the whole stream in one write), Fastify with reply.hijack(), @fastify/sse, this plugin over
 * a zero-cost engine, and the full reference server (auth, SQLite, the real engine). Runs are
 * interleaved and repeated; medians and ratios are reported. Then the memory each idle open
 * stream costs. Any stream that does not end with `done` fails the run. With `--cpu-prof`,
 * each server measured for throughput writes a V8 CPU profile (a flame graph in Chrome DevTools
 * or speedscope; `npm run bench:profile` summarises one in the terminal).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { LoadResult } from './load.js'
import { median, percentile } from '../stats.js'

const { values: flags } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    reps: { type: 'string', default: '5' },
    duration: { type: 'string', default: '1500' },
    // A run ends at its duration or at this many streams, whichever comes first.
    'max-streams': { type: 'string', default: '1000000' },
    warmup: { type: 'string', default: '3000' },
    concurrency: { type: 'string', default: '1,32,256' },
    idle: { type: 'string', default: '2000,10000' },
    kinds: { type: 'string', default: 'raw,raw-single,fastify-hijack,fastify-sse,plugin,server' },
    'cpu-prof': { type: 'string' }
  }
})
const REPS = Number(flags.reps)
const DURATION = Number(flags.duration)
const MAX_STREAMS = Number(flags['max-streams'])
const WARMUP = Number(flags.warmup)
const CONCURRENCY = flags.concurrency.split(',').map(Number)
const IDLE = flags.idle === '' ? [] : flags.idle.split(',').map(Number)
const KINDS = flags.kinds.split(',')
const IDLE_KINDS = IDLE.length === 0 ? [] : ['raw', 'fastify-hijack', 'plugin'].filter((kind) => KINDS.includes(kind))
const PROFILE_DIR = flags['cpu-prof'] === undefined ? undefined : resolve(flags['cpu-prof'])

const LABELS: Record<string, string> = {
  raw: 'raw node:http, one write() per event',
  'raw-single': 'raw node:http, whole stream in one write',
  'fastify-hijack': 'fastify + hijack + write() per event',
  'fastify-sse': '@fastify/sse 0.6',
  plugin: 'this plugin (zero-cost engine)',
  server: 'reference server (auth, SQLite, engine)'
}

function log (line: string): void {
  if (!flags.json) process.stderr.write(line + '\n')
}

interface Server { kind: string, port: number, child: ChildProcess, profileDir?: string }

/** Starts one server; `profileDir`: it writes its CPU profile there when it exits. */
async function startServer (kind: string, profileDir?: string): Promise<Server> {
  const profile = profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]
  const child = spawn(process.execPath, [...profile, '--expose-gc', '--import', 'tsx', 'bench/stream/server.ts', kind], { stdio: ['ignore', 'pipe', 'inherit'] })
  let output = ''
  const stdout = child.stdout as NodeJS.ReadableStream
  stdout.setEncoding('utf8')
  while (!/listening (\d+)/.test(output)) {
    const [chunk] = await once(stdout, 'data') as [string]
    output += chunk
  }
  // The full server logs every request to stdout: keep reading so it never blocks.
  stdout.on('data', () => {})
  return { kind, port: Number(/listening (\d+)/.exec(output)?.[1]), child, profileDir }
}

async function stop (server: Server): Promise<void> {
  // SIGTERM: the server exits cleanly, removes its database and writes its profile.
  server.child.kill('SIGTERM')
  await once(server.child, 'exit')
  if (server.profileDir !== undefined) {
    // Node names a profile CPU.<date>.<time>.<pid>.<thread>.<seq>: thread 0 is the one that serves.
    const main = readdirSync(server.profileDir).find((name) => name.includes(`.${server.child.pid}.0.`))
    log(`  cpu profile of ${server.kind}: ${main === undefined ? 'not written' : join(server.profileDir, main)}`)
  }
}

async function stats (server: Server): Promise<{ rss: number, cpu_us: number }> {
  return await (await fetch(`http://127.0.0.1:${server.port}/__stats`)).json() as { rss: number, cpu_us: number }
}

function loader (spec: object): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'bench/stream/load.ts', JSON.stringify(spec)], { stdio: ['pipe', 'pipe', 'inherit'] })
}

/** One load generator process for every run, so it is as warm for the last server as for the first. */
const generator = spawn(process.execPath, ['--import', 'tsx', 'bench/stream/load.ts'], { stdio: ['pipe', 'pipe', 'inherit'] })
const results: string[] = []
let waiting: ((line: string) => void) | undefined
let buffered = ''
generator.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
  buffered += chunk
  let newline = buffered.indexOf('\n')
  while (newline >= 0) {
    const line = buffered.slice(0, newline)
    buffered = buffered.slice(newline + 1)
    if (waiting !== undefined) {
      const resolve = waiting
      waiting = undefined
      resolve(line)
    } else results.push(line)
    newline = buffered.indexOf('\n')
  }
})

async function runLoad (server: Server, concurrency: number, durationMs = DURATION): Promise<LoadResult> {
  generator.stdin?.write(JSON.stringify({ port: server.port, concurrency, durationMs, maxStreams: MAX_STREAMS, kind: server.kind }) + '\n')
  const line = results.shift() ?? await new Promise<string>((resolve) => { waiting = resolve })
  return JSON.parse(line) as LoadResult
}

interface Sample { streamsPerS: number, eventsPerS: number, ttfe50: number, ttfe99: number, done50: number, done99: number, cpuUsPerStream: number, truncated: number }

const samples = new Map<string, Sample[]>()
let truncated = 0

const servers = await Promise.all(KINDS.map((kind) => startServer(kind, PROFILE_DIR === undefined ? undefined : join(PROFILE_DIR, kind))))
// Warm every server up (JIT, pools, caches) before anything is measured.
for (const server of servers) {
  await runLoad(server, 32, WARMUP)
  log(`  warmed up ${server.kind}`)
}
for (const concurrency of CONCURRENCY) {
  for (let rep = 0; rep < REPS; rep++) {
    // Interleaved, in a different order each repetition, so drift hits every server alike.
    const order = servers.map((_, i) => servers[(i + rep) % servers.length] as Server)
    for (const server of order) {
      const before = await stats(server)
      const result = await runLoad(server, concurrency)
      const after = await stats(server)
      truncated += result.truncated
      const seconds = result.elapsed_ms / 1000
      const key = `${server.kind}@${concurrency}`
      const list = samples.get(key) ?? []
      list.push({
        streamsPerS: result.streams / seconds,
        eventsPerS: result.events / seconds,
        ttfe50: percentile(result.ttfe_ms, 0.5),
        ttfe99: percentile(result.ttfe_ms, 0.99),
        done50: percentile(result.done_ms, 0.5),
        done99: percentile(result.done_ms, 0.99),
        cpuUsPerStream: (after.cpu_us - before.cpu_us) / Math.max(result.streams, 1),
        truncated: result.truncated
      })
      samples.set(key, list)
      log(`  c=${concurrency} rep ${rep + 1}/${REPS} ${server.kind.padEnd(15)} ${Math.round(result.streams / seconds)} streams/s, ttfe p99 ${Math.round(percentile(result.ttfe_ms, 0.99))} ms${result.truncated > 0 ? `, ${result.truncated} TRUNCATED` : ''}`)
    }
  }
}
await Promise.all(servers.map(stop))
generator.stdin?.end()
await once(generator, 'exit')

function med (kind: string, concurrency: number, field: keyof Sample): number {
  return median((samples.get(`${kind}@${concurrency}`) ?? []).map((sample) => sample[field]))
}

/** RSS each idle open stream costs: a fresh server, RSS after GC before and after opening N streams. */
async function idleCost (kind: string, count: number): Promise<number> {
  const server = await startServer(kind)
  const before = await stats(server)
  const child = loader({ port: server.port, kind, idle: count, concurrency: count, durationMs: 0 })
  let output = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => { output += chunk })
  while (!output.includes('"open"')) await once(child.stdout as NodeJS.ReadableStream, 'data')
  await new Promise((resolve) => setTimeout(resolve, 500))
  const after = await stats(server)
  child.stdin?.end()
  await once(child, 'exit')
  await stop(server)
  return (after.rss - before.rss) / count
}

const idle: Record<string, Record<number, number>> = {}
for (const kind of IDLE_KINDS) {
  idle[kind] = {}
  for (const count of IDLE) {
    const bytes = await idleCost(kind, count)
    ;(idle[kind] as Record<number, number>)[count] = bytes
    log(`  idle ${kind} x${count}: ${Math.round(bytes)} bytes each`)
  }
}

const c32 = CONCURRENCY.includes(32) ? 32 : CONCURRENCY[0] as number
const round = (value: number, digits = 2) => Number(value.toFixed(digits))
const result = {
  reps: REPS,
  duration_ms: DURATION,
  ratio_vs_raw_c32: round(med('plugin', c32, 'streamsPerS') / med('raw', c32, 'streamsPerS')),
  ratio_vs_fastify_sse_c32: round(med('plugin', c32, 'streamsPerS') / med('fastify-sse', c32, 'streamsPerS')),
  server_ratio_vs_plugin_c32: round(med('server', c32, 'streamsPerS') / med('plugin', c32, 'streamsPerS')),
  ttfe_p99_ms_c32: round(med('plugin', c32, 'ttfe99')),
  rss_bytes_per_idle_stream: Math.round(idle.plugin?.[IDLE.at(-1) as number] ?? NaN),
  truncated,
  servers: Object.fromEntries(KINDS.map((kind) => [kind, Object.fromEntries(CONCURRENCY.map((c) => [c, {
    streams_per_s: Math.round(med(kind, c, 'streamsPerS')),
    events_per_s: Math.round(med(kind, c, 'eventsPerS')),
    ratio_vs_raw: round(med(kind, c, 'streamsPerS') / med('raw', c, 'streamsPerS')),
    ttfe_p50_ms: round(med(kind, c, 'ttfe50')),
    ttfe_p99_ms: round(med(kind, c, 'ttfe99')),
    done_p50_ms: round(med(kind, c, 'done50')),
    done_p99_ms: round(med(kind, c, 'done99')),
    cpu_us_per_stream: Math.round(med(kind, c, 'cpuUsPerStream'))
  }]))])),
  idle_rss_bytes_per_stream: idle
}

if (flags.json) {
  process.stdout.write(JSON.stringify(result) + '\n')
} else {
  const lines = [`\nMedians of ${REPS} interleaved runs of ${DURATION} ms each; load generator in its own process.\n`]
  for (const c of CONCURRENCY) {
    lines.push(`concurrency ${c}`)
    lines.push(`  ${'server'.padEnd(42)} ${'streams/s'.padStart(9)} ${'events/s'.padStart(9)} ${'vs raw'.padStart(7)} ${'ttfe p50/p99 ms'.padStart(16)} ${'done p50/p99 ms'.padStart(16)} ${'cpu us/stream'.padStart(13)}`)
    for (const kind of KINDS) {
      const row = (result.servers[kind] as Record<number, Record<string, number>>)[c] as Record<string, number>
      lines.push(`  ${(LABELS[kind] ?? kind).padEnd(42)} ${String(row.streams_per_s).padStart(9)} ${String(row.events_per_s).padStart(9)} ${row.ratio_vs_raw?.toFixed(2).padStart(7)} ${`${row.ttfe_p50_ms}/${row.ttfe_p99_ms}`.padStart(16)} ${`${row.done_p50_ms}/${row.done_p99_ms}`.padStart(16)} ${String(row.cpu_us_per_stream).padStart(13)}`)
    }
    lines.push('')
  }
  for (const [kind, counts] of Object.entries(idle)) {
    lines.push(`idle open stream, ${LABELS[kind]}: ${Object.entries(counts).map(([n, bytes]) => `${Math.round(bytes / 1024 * 10) / 10} KB each at ${n}`).join(', ')}`)
  }
  lines.push('', `plugin vs raw per-event at c=${c32}: ${result.ratio_vs_raw_c32}x; vs @fastify/sse: ${result.ratio_vs_fastify_sse_c32}x; full server vs plugin: ${result.server_ratio_vs_plugin_c32}x`)
  lines.push(`truncated streams: ${truncated}`)
  process.stdout.write(lines.join('\n') + '\n')
}
if (truncated > 0) process.exitCode = 1
