/**
 * `npm run bench:scale [-- --json] [--reps N] [--duration MS] [--concurrency N] [--setups pg1,pg2,pg3,sqlite1]`
 *
 * Turns a second, and p50/p99 turn time, of the reference server at 32 concurrent
 * conversations: one, two and three instances on one PostgreSQL database, beside one instance
 * on SQLite, all started at once and measured in interleaved runs (medians of `--reps`).
 * Every turn goes to the next instance in turn, as a load balancer without sticky sessions
 * sends it. For PostgreSQL it also measures what a turn costs the database: CPU time of the
 * PostgreSQL processes (read from /proc, so the database must run on this machine),
 * transactions committed and WAL written per turn, from which docs/scaling.md sizes N
 * instances on N machines.
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names the database;
 * the run uses a schema of its own and drops it at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { median, percentile } from './stats.js'

const { values: flags } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    reps: { type: 'string', default: '5' },
    duration: { type: 'string', default: '3000' },
    concurrency: { type: 'string', default: '32' },
    setups: { type: 'string', default: 'pg1,pg2,pg3,sqlite1' }
  }
})
const REPS = Number(flags.reps)
const DURATION = Number(flags.duration)
const CONCURRENCY = Number(flags.concurrency)
const SETUPS = flags.setups.split(',')
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const TOKEN = `bench-${randomBytes(12).toString('hex')}`
const HEADERS = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }
const ANSWERS = ['I have a headache and a fever', 'yes', 'no', 'since yesterday', 'it is getting worse', 'no', 'yes']

function log (line: string): void {
  if (!flags.json) process.stderr.write(line + '\n')
}

interface Instance { port: number, child: ChildProcess }

/** A port that was free a moment ago: the server is told it, so it can log at warn and still be found. */
async function freePort (): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1')
  await once(probe, 'listening')
  const { port } = probe.address() as AddressInfo
  probe.close()
  await once(probe, 'close')
  return port
}

async function startInstance (env: Record<string, string>): Promise<Instance> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', API_TOKENS: `bench:${TOKEN}`, RATE_LIMIT_PER_MINUTE: '1000000000', ...env },
    // The instances' log goes to stderr, so that with --json stdout carries only the result.
    stdio: ['ignore', 2, 'inherit']
  })
  const exited = once(child, 'exit').then(([code]) => { throw new Error(`an instance exited (${String(code)}) before it was ready`) })
  for (;;) {
    const ready = await Promise.race([fetch(`http://127.0.0.1:${port}/readyz`).then((response) => response.ok, () => false), exited])
    if (ready) return { port, child }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

async function stop (instance: Instance): Promise<void> {
  instance.child.kill('SIGTERM')
  await once(instance.child, 'exit')
}

/**
 * CPU seconds used so far by PostgreSQL on this machine: every live postgres process's own
 * (utime + stime), plus what its exited children used (the postmaster's cutime + cstime), so a
 * backend that ends during a run still counts. It includes any other client's work on the
 * same server: run it on a quiet database.
 */
async function postgresCpuSeconds (): Promise<number> {
  let ticks = 0
  for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
    const stat = (await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')).trim()
    const match = /^\d+ \((.*)\) (.*)$/.exec(stat)
    if (match === null || match[1] !== 'postgres') continue
    // Fields after the command: state is [0], utime [11], stime [12], cutime [13], cstime [14].
    const fields = (match[2] as string).split(' ')
    ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])
  }
  // USER_HZ is 100 on Linux.
  return ticks / 100
}

async function databaseCounters (client: pg.Client): Promise<{ commits: number, walBytes: number }> {
  const { rows } = await client.query<{ commits: string, wal: string }>(
    "SELECT xact_commit AS commits, pg_current_wal_lsn() - '0/0'::pg_lsn AS wal FROM pg_stat_database WHERE datname = current_database()")
  return { commits: Number(rows[0]?.commits), walBytes: Number(rows[0]?.wal) }
}

async function post (instance: Instance, path: string, body: unknown): Promise<{ status: number, json: any }> {
  const response = await fetch(`http://127.0.0.1:${instance.port}${path}`, { method: 'POST', headers: HEADERS, body: JSON.stringify(body) })
  return { status: response.status, json: await response.json() }
}

interface RunResult { turns: number, seconds: number, latencies: number[] }

/**
 * CONCURRENCY conversations, each taking turns one after another for DURATION ms; each turn
 * goes to the next instance, round robin. A conversation that completes is replaced by a new
 * one (its creation is not a turn). Any answer but 200 fails the run.
 */
async function run (instances: Instance[]): Promise<RunResult> {
  let next = 0
  const pick = (): Instance => instances[next++ % instances.length] as Instance
  const latencies: number[] = []
  const started = performance.now()
  const deadline = started + DURATION
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < deadline) {
      const created = await post(pick(), '/v1/conversations', { patient: { age: 45, sex: 'female' }, max_questions: 20 })
      if (created.status !== 201) throw new Error(`creating a conversation: ${created.status} ${JSON.stringify(created.json)}`)
      for (let turn = 0; performance.now() < deadline; turn++) {
        const before = performance.now()
        const answer = await post(pick(), '/v1/chats', { conversation_id: created.json.id, input: ANSWERS[turn % ANSWERS.length] })
        if (answer.status !== 200) throw new Error(`a turn: ${answer.status} ${JSON.stringify(answer.json)}`)
        latencies.push(performance.now() - before)
        if (answer.json.is_complete === true) break
      }
    }
  }))
  return { turns: latencies.length, seconds: (performance.now() - started) / 1000, latencies }
}

const schema = `bench_${randomBytes(4).toString('hex')}`
const admin = new pg.Client({ connectionString: DATABASE_URL })
await admin.connect()
await admin.query(`CREATE SCHEMA ${schema}`)
const pgUrl = new URL(DATABASE_URL)
pgUrl.searchParams.set('options', `-c search_path=${schema}`)
const sqliteDir = await mkdtemp(join(tmpdir(), 'bench-scale-'))

const maxInstances = Math.max(...SETUPS.filter((setup) => setup.startsWith('pg')).map((setup) => Number(setup.slice(2))), 0)
// Started one after another: the first migrates the schema, the others find it current.
const pgInstances: Instance[] = []
for (let index = 0; index < maxInstances; index++) pgInstances.push(await startInstance({ DATABASE_URL: pgUrl.toString() }))
const sqliteInstance = SETUPS.includes('sqlite1') ? await startInstance({ DATABASE_URL: `sqlite:${join(sqliteDir, 'bench.db')}` }) : undefined
const all = [...pgInstances, ...(sqliteInstance === undefined ? [] : [sqliteInstance])]

function instancesOf (setup: string): Instance[] {
  if (setup === 'sqlite1') return [sqliteInstance as Instance]
  return pgInstances.slice(0, Number(setup.slice(2)))
}

interface Sample { turnsPerS: number, p50: number, p99: number, dbCpuMsPerTurn?: number, commitsPerTurn?: number, walBytesPerTurn?: number }
const samples = new Map<string, Sample[]>(SETUPS.map((setup) => [setup, []]))

try {
  log(`bench:scale: ${CONCURRENCY} concurrent conversations, ${REPS} interleaved runs of ${DURATION} ms per setup`)
  // Warm up every instance (JIT, pools) before anything is measured.
  for (const instance of all) await run([instance])
  for (let rep = 0; rep < REPS; rep++) {
    for (const setup of SETUPS) {
      const onPostgres = setup.startsWith('pg')
      const cpuBefore = onPostgres ? await postgresCpuSeconds() : 0
      const countersBefore = onPostgres ? await databaseCounters(admin) : undefined
      const result = await run(instancesOf(setup))
      const sample: Sample = {
        turnsPerS: result.turns / result.seconds,
        p50: percentile(result.latencies, 0.5),
        p99: percentile(result.latencies, 0.99)
      }
      if (countersBefore !== undefined) {
        const countersAfter = await databaseCounters(admin)
        sample.dbCpuMsPerTurn = (await postgresCpuSeconds() - cpuBefore) * 1000 / result.turns
        sample.commitsPerTurn = (countersAfter.commits - countersBefore.commits) / result.turns
        sample.walBytesPerTurn = (countersAfter.walBytes - countersBefore.walBytes) / result.turns
      }
      samples.get(setup)?.push(sample)
      log(`  run ${rep + 1} ${setup}: ${sample.turnsPerS.toFixed(0)} turns/s, p50 ${sample.p50.toFixed(1)} ms, p99 ${sample.p99.toFixed(1)} ms`)
    }
  }
} finally {
  await Promise.all(all.map(stop))
  await admin.query(`DROP SCHEMA ${schema} CASCADE`)
  await admin.end()
  await rm(sqliteDir, { recursive: true, force: true })
}

const LABELS: Record<string, string> = {
  pg1: 'PostgreSQL, 1 instance',
  pg2: 'PostgreSQL, 2 instances',
  pg3: 'PostgreSQL, 3 instances',
  sqlite1: 'SQLite, 1 instance'
}
const baseline = SETUPS.includes('sqlite1') ? 'sqlite1' : SETUPS[0] as string
const summary = Object.fromEntries(SETUPS.map((setup) => {
  const list = samples.get(setup) as Sample[]
  const pick = (key: keyof Sample): number | undefined => list[0]?.[key] === undefined ? undefined : median(list.map((sample) => sample[key] as number))
  return [setup, {
    turns_per_s: pick('turnsPerS') as number,
    p50_ms: pick('p50') as number,
    p99_ms: pick('p99') as number,
    db_cpu_ms_per_turn: pick('dbCpuMsPerTurn'),
    commits_per_turn: pick('commitsPerTurn'),
    wal_bytes_per_turn: pick('walBytesPerTurn')
  }]
}))
const baseRate = summary[baseline]?.turns_per_s as number

if (flags.json) {
  process.stdout.write(JSON.stringify({ concurrency: CONCURRENCY, reps: REPS, duration_ms: DURATION, baseline, setups: summary }) + '\n')
} else {
  const lines = [
    '',
    `| setup | turns/s | vs ${LABELS[baseline] ?? baseline} | p50 ms | p99 ms | PostgreSQL CPU ms/turn | commits/turn | WAL bytes/turn |`,
    '|---|---|---|---|---|---|---|---|'
  ]
  for (const setup of SETUPS) {
    const row = summary[setup] as typeof summary[string]
    const optional = (value: number | undefined, digits: number): string => value === undefined ? '' : value.toFixed(digits)
    lines.push(`| ${LABELS[setup] ?? setup} | ${row.turns_per_s.toFixed(0)} | ${(row.turns_per_s / baseRate).toFixed(2)} | ${row.p50_ms.toFixed(1)} | ${row.p99_ms.toFixed(1)} | ${optional(row.db_cpu_ms_per_turn, 2)} | ${optional(row.commits_per_turn, 2)} | ${optional(row.wal_bytes_per_turn, 0)} |`)
  }
  process.stdout.write(lines.join('\n') + '\n')
}
