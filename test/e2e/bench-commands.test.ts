import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import t, { type Test } from 'tap'
import { STARTER_KB } from '../../server/interview/kb/starter.js'
import { DEV_VIGNETTES } from '../fixtures/vignettes-dev.js'
import { childEnv } from '../helpers/process.js'
import { DATABASE_TEST_URL_EXAMPLE } from '../helpers/services.js'

// The benchmark commands of bench/README.md, docs/engine.md and docs/scaling.md, run as a user
// runs them, each in the smallest run it allows (one repetition, runs of a few hundred ms, a few
// clients). They check that a benchmark runs to its end and reports what it says it reports;
// how fast anything is, they leave to the benchmarks. `bench:ddxplus` has its own file
// (ddxplus-bench.test.ts).

type Json = Record<string, any>

/** Runs `npm run bench:<name> -- <args>` and resolves with what it printed. */
async function bench (name: string, args: string[], env: Record<string, string> = {}): Promise<{ stdout: string, stderr: string }> {
  return await promisify(execFile)('npm', ['run', '--silent', `bench:${name}`, '--', ...args], { env: childEnv(env), maxBuffer: 16 * 1024 * 1024 })
}

/** Runs a benchmark with `--json` among `args`: its stdout is one object. */
async function benchJson (name: string, args: string[], env: Record<string, string> = {}): Promise<Json> {
  const { stdout } = await bench(name, args, env)
  return JSON.parse(stdout)
}

function positive (value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value > 0
}

/** The number captured by `pattern` in `text`; fails the test (NaN) when there is none. */
function numberIn (t: Test, text: string, pattern: RegExp): number {
  const match = pattern.exec(text)
  t.ok(match, `prints ${pattern}`)
  return Number(match?.[1])
}

/** bench:profile's output: the sampled time, then the rows of its self time and total time tables. */
function profileTables (output: string): { seconds: number, self: string[], total: string[] } {
  const [head = '', self = '', total = ''] = output.trimEnd().split('\n\n')
  const rows = (table: string, title: string): string[] => {
    const [first, ...rest] = table.split('\n')
    if (first !== title) throw new Error(`no "${title}" table in:\n${output}`)
    return rest
  }
  return { seconds: Number(/^([\d.]+) s sampled$/.exec(head)?.[1]), self: rows(self, 'self time'), total: rows(total, 'total time') }
}

const ROW = /^ +\d+\.\d % {2}\S/

function escape (text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

// Two at a time: most of each run is starting Node and loading TypeScript, one core's work.
t.jobs = 2

t.test('bench:stream prints its table and a CPU profile per server, which bench:profile reads', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'bench-profiles-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  // bench/README.md's profiling command, made small, with every server the ratios need. No idle
  // streams (--idle ''): measuring them starts every server again, which would double the run.
  const kinds = ['raw', 'fastify-sse', 'plugin', 'server']
  const { stdout, stderr } = await bench('stream', ['--kinds', kinds.join(','), '--concurrency', '4', '--reps', '1', '--duration', '300', '--warmup', '300', '--idle', '', '--cpu-prof', dir])
  t.match(stdout, /Medians of 1 interleaved runs of 300 ms each/)
  for (const label of ['raw node:http, one write() per event', '@fastify/sse 0.6', 'this plugin (zero-cost engine)', 'reference server (auth, SQLite, engine)']) {
    // streams/s, events/s, vs raw, ttfe p50/p99, done p50/p99, CPU µs a stream
    const row = new RegExp(`^ {2}${escape(label)} +(\\d+) +(\\d+) +([\\d.]+) +([\\d.]+)/([\\d.]+) +([\\d.]+)/([\\d.]+) +(\\d+)$`, 'm').exec(stdout)
    t.ok(row !== null && row.slice(1).every((value) => positive(Number(value))), `${label}: ${row?.[0].trim() ?? 'no row'}`)
  }
  const ratios = /^plugin vs raw per-event at c=4: ([\d.]+)x; vs @fastify\/sse: ([\d.]+)x; full server vs plugin: ([\d.]+)x$/m.exec(stdout)
  t.ok(ratios !== null && ratios.slice(1).every((value) => positive(Number(value))), `the ratios: ${ratios?.[0] ?? 'not printed'}`)
  t.match(stdout, /^truncated streams: 0$/m)

  for (const kind of kinds) t.match(stderr, new RegExp(`^ {2}cpu profile of ${kind}: ${escape(join(dir, kind))}/CPU\\.\\S+\\.cpuprofile$`, 'm'), `${kind}'s profile, in a folder of its own`)
  const path = /^ {2}cpu profile of plugin: (\S+)$/m.exec(stderr)?.[1]
  if (path === undefined) throw new Error(`no profile of the plugin's server printed:\n${stderr}`)

  const all = profileTables((await bench('profile', [path, '--top', '5'])).stdout)
  t.ok(positive(all.seconds), `${all.seconds} s sampled`)
  for (const table of [all.self, all.total]) {
    t.ok(table.length > 0 && table.length <= 5, `${table.length} rows, at most --top`)
    for (const row of table) t.match(row, ROW)
  }
  t.match(all.total[0], /^ 100\.0 % {2}\(root\)$/, 'every sample is under the root')

  const own = profileTables((await bench('profile', [path, '--top', '5', '--match', 'plugin/'])).stdout)
  t.equal(own.seconds, all.seconds, 'shares are of the same samples')
  t.ok(own.total.length > 0, 'the plugin\'s functions were sampled')
  for (const row of [...own.self, ...own.total]) t.match(row, / plugin\/\S+\.ts$/, 'only the plugin\'s own functions')
})

t.test('bench:engine --json times a turn beside the state\'s round trip', async (t) => {
  const result = await benchJson('engine', ['--json'])
  t.match(result, { rounds: 7, goal_ms: 1, meets_goal: Boolean })
  t.ok(result.turns > 0, `${result.turns} turns`)
  for (const field of ['turn_median_ms', 'turn_p95_ms', 'state_round_trip_median_ms', 'ratio_turn_to_state_round_trip']) {
    t.ok(positive(result[field]), `${field} ${result[field]}`)
  }
  t.ok(result.turn_p95_ms >= result.turn_median_ms, 'p95 at or above the median')
})

t.test('bench:vignettes plays the development vignettes: --json, --only, --in-process and --trace', async (t) => {
  const condition = 'bacterial_meningitis'
  const cases = DEV_VIGNETTES.filter((vignette) => vignette.condition === condition)
  const result = await benchJson('vignettes', ['--json', '--only', condition])
  t.match(result, {
    cases: cases.length,
    emergencies: cases.filter((vignette) => vignette.triage === 'emergency').length,
    missingConditions: STARTER_KB.conditions.some((known) => known.key === condition) ? [] : [condition],
    unaskable: Array
  })
  t.ok(result.top1 <= result.top3 && result.top3 <= result.cases, `top-1 ${result.top1}, top-3 ${result.top3}`)
  t.equal(result.triageExact + result.underTriaged + result.overTriaged, result.cases, 'every case\'s triage is exact, under or over')
  t.ok(result.emergenciesUnderTriaged <= result.emergencies)

  const one = cases[0]?.id as string
  const { stdout } = await bench('vignettes', ['--only', one, '--in-process', '--trace'])
  t.match(stdout, /^development vignettes: 1 cases, 1 conditions, played in-process in \d+ ms$/m)
  t.match(stdout, /^patient: [^\n]+\nengine: {2}[^\n]+$/m, 'the conversation, traced')
  t.match(stdout, /^ {2}top-1 +[01]\/1 /m)
  t.match(stdout, /^ {2}under-triaged +[01]\/1 .*emergencies under-triaged [01]\/[01]$/m)
  t.match(stdout, /^failures \([01]\): id \| expected triage -> advised/m)
})

t.test('bench:auth prints the cost of a wrong token with one token and with --tokens', async (t) => {
  const { stdout } = await bench('auth', ['--tokens', '100', '--requests', '50', '--rounds', '1'])
  t.match(stdout, /median of 1 rounds of 50/)
  t.ok(positive(numberIn(t, stdout, /^ {2}1 token: +([\d.]+) µs$/m)), 'with one token')
  t.ok(positive(numberIn(t, stdout, /^ {2}100 +tokens: +([\d.]+) µs$/m)), 'with 100')
  t.ok(positive(numberIn(t, stdout, /^ {2}ratio 100\/1: ([\d.]+) \(paired by round\)$/m)), 'and their ratio')
})

t.test('bench:overload --json: with no cap nothing is refused, with one the excess is', async (t) => {
  const result = await benchJson('overload', ['--json', '--clients', '6', '--cap', '2', '--delay', '10', '--duration', '500', '--reps', '1', '--variants', 'off,cap'])
  t.match(result, { clients: 6, cap: 2, delay_ms: 10, duration_ms: 500, reps: 1 })
  t.same(Object.keys(result.medians), ['off', 'cap'])
  const { off, cap } = result.medians
  for (const [name, variant] of [['off', off], ['cap', cap]]) {
    t.equal(variant.errors, 0, `${name}: every stream ended with done`)
    t.ok(positive(variant.streams_per_s) && positive(variant.pace_p50_ms) && positive(variant.first_word_p50_ms), `${name}: ${JSON.stringify(variant)}`)
  }
  t.equal(off.refused_per_s, 0, 'nothing refused without a cap')
  // Six clients streaming for tens of ms each, two at a time: the others are refused.
  t.ok(positive(cap.refused_per_s) && positive(cap.refusal_p50_ms), `refused under the cap: ${cap.refused_per_s}/s`)
})

const database = process.env.DATABASE_TEST_URL
t.test('bench:scale --json measures instances on PostgreSQL beside one on SQLite', {
  skip: database === undefined || database === '' ? `set DATABASE_TEST_URL=${DATABASE_TEST_URL_EXAMPLE} to run bench:scale` : false
}, async (t) => {
  const result = await benchJson('scale', ['--json', '--setups', 'pg1,sqlite1', '--reps', '1', '--duration', '300', '--concurrency', '2'], { BENCH_DATABASE_URL: database as string })
  t.match(result, { concurrency: 2, reps: 1, duration_ms: 300, baseline: 'sqlite1' })
  t.same(Object.keys(result.setups), ['pg1', 'sqlite1'])
  for (const [name, setup] of Object.entries(result.setups as Record<string, Json>)) {
    t.ok(positive(setup.turns_per_s) && positive(setup.p50_ms) && setup.p50_ms <= setup.p99_ms, `${name}: ${JSON.stringify(setup)}`)
  }
  // What a turn costs the database: read from PostgreSQL (commits, WAL) and /proc (CPU).
  for (const field of ['db_cpu_ms_per_turn', 'commits_per_turn', 'wal_bytes_per_turn']) {
    t.ok(typeof result.setups.pg1[field] === 'number' && result.setups.pg1[field] >= 0, `pg1 ${field} ${result.setups.pg1[field]}`)
  }
  t.notOk('db_cpu_ms_per_turn' in result.setups.sqlite1, 'none for SQLite')
})
