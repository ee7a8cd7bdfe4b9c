import t, { type Test } from 'tap'
import { checks, runConformance, FakeEngine } from 'medical-chats-conformance'
import { main } from '../conformance/cli.js'
import { human, json, junit, tap } from '../conformance/reporters.js'
import { FAULTS, startBrokenServer, type Fault } from './fixtures/broken-server.js'
import { buildServer, TOKEN_A, TOKEN_B } from './helpers/server.js'
import { listen } from './helpers/socket.js'

/** The reference server on a real listener; a per-word delay keeps turns in flight long enough to collide. */
async function referenceServer (t: Test): Promise<string> {
  const { app } = await buildServer(t, { config: { STREAM_CHUNK_DELAY_MS: 1 } })
  return `http://127.0.0.1:${await listen(app)}`
}

t.test('the reference server passes every check of the kit', async (t) => {
  const baseUrl = await referenceServer(t)
  const report = await runConformance({ baseUrl, token: TOKEN_A, otherTenantToken: TOKEN_B })
  t.equal(report.results.length, checks.length, 'every check ran')
  t.same(report.results.filter((result) => result.status !== 'pass').map((result) => `${result.id}: ${result.message ?? ''}`), [])
  t.ok(report.ok)
})

t.test('a broken server fails, each time on the check that names its fault', async (t) => {
  const upstream = Number(new URL(await referenceServer(t)).port)
  for (const fault of Object.keys(FAULTS) as Fault[]) {
    const port = await startBrokenServer(t, fault, upstream, TOKEN_A)
    const check = FAULTS[fault]
    const report = await runConformance({ baseUrl: `http://127.0.0.1:${port}`, token: TOKEN_A, otherTenantToken: TOKEN_B, only: [check] })
    t.match(report, { ok: false, failed: 1, results: [{ id: check, status: 'fail' }] }, `${fault} is caught by ${check}`)
  }
})

t.test('checks are chosen by id or area; unknown names are refused; a missing second token skips', async (t) => {
  const baseUrl = await referenceServer(t)
  const report = await runConformance({ baseUrl, token: TOKEN_A, only: ['conversations'], skip: ['conversations.options'] })
  t.same(report.results.map((result) => result.id), ['conversations.create', 'conversations.get', 'conversations.not-found', 'conversations.tenant-isolation'])
  t.match(report.results.at(-1), { status: 'skip', message: /other-tenant-token/ })
  t.match(report, { passed: 3, skipped: 1, failed: 0, ok: true })
  await t.rejects(runConformance({ baseUrl, token: TOKEN_A, only: ['nonsense'] }), /no check is named nonsense/)
})

t.test('a server that rate-limits the run is named as the cause', async (t) => {
  const { app } = await buildServer(t, { config: { RATE_LIMIT_PER_MINUTE: 1 } })
  const report = await runConformance({ baseUrl: `http://127.0.0.1:${await listen(app)}`, token: TOKEN_A, only: ['conversations.get'] })
  t.match(report.results[0], { status: 'fail', message: /got 429 \(the server rate-limited the run: raise its limit while checking it\)/ })
})

t.test('an unreachable server fails every check with the reason', async (t) => {
  const report = await runConformance({ baseUrl: 'http://127.0.0.1:9/', token: 'x', only: ['conversations.create'], timeoutMs: 2000 })
  t.match(report.results[0], { status: 'fail', message: /ECONNREFUSED/ })
})

/** Captured output of main(). */
function io (tty = false): { out: () => string, err: () => string, io: Parameters<typeof main>[1] } {
  let out = ''
  let err = ''
  return {
    out: () => out,
    err: () => err,
    io: { stdout: { write: (text: string) => (out += text) }, stderr: { write: (text: string) => (err += text), isTTY: tty }, env: {} }
  }
}

t.test('the command line: usage, listing, reporters, exit status', async (t) => {
  const help = io()
  t.equal(await main(['--help'], help.io), 0)
  t.match(help.out(), /Usage: medical-chats-conformance <baseUrl> --token T/)

  const listing = io()
  t.equal(await main(['--list'], listing.io), 0)
  for (const check of checks) t.match(listing.out(), check.id)

  for (const args of [[], ['http://x', 'http://y', '--token', 't'], ['ftp://x', '--token', 't'], ['http://x'], ['http://x', '--token', 't', '--reporter', 'xml'], ['http://x', '--token', 't', '--timeout', '0'], ['--nope']]) {
    const bad = io()
    t.equal(await main(args, bad.io), 2, `exit 2 for ${args.join(' ')}`)
    t.match(bad.err(), /^error: /)
  }
  const unknown = io()
  t.equal(await main(['http://127.0.0.1:9', '--token', 't', '--only', 'nope'], unknown.io), 2)
  t.match(unknown.err(), /no check is named nope/)

  const baseUrl = await referenceServer(t)
  const passing = io(true)
  t.equal(await main([baseUrl, '--token', TOKEN_A, '--only', 'conversations.create,conversations.get', '--skip', 'conversations.get', '--body-limit', '1048576', '--request-id-header', 'X-Request-Id', '--timeout', '5000'], passing.io), 0)
  t.match(passing.out(), /1 passed, 0 failed, 0 skipped/)
  t.match(passing.err(), /\[1\/1\] conversations\.create/, 'a progress line on a terminal')

  const failing = io()
  t.equal(await main(['http://127.0.0.1:9', '--only', 'conversations.create', '--reporter', 'tap'], { ...failing.io, env: { CONFORMANCE_TOKEN: 'x' } }), 1)
  t.match(failing.out(), /^TAP version 14\n1\.\.1\nnot ok 1 - conversations\.create/)
  t.equal(failing.err(), '', 'no progress line when not on a terminal')
})

t.test('reporters for people and machines', async (t) => {
  const report = {
    baseUrl: 'http://server/',
    passed: 1,
    failed: 1,
    skipped: 1,
    ok: false,
    results: [
      { id: 'a.pass', clause: 'Routes: A', title: 'passes', status: 'pass' as const, durationMs: 1 },
      { id: 'a.fail', clause: 'Routes: <B>', title: 'fails & tells', status: 'fail' as const, message: 'expected "x"', durationMs: 2 },
      { id: 'skipped', clause: 'Routes: C', title: 'skipped', status: 'skip' as const, message: 'needs more', durationMs: 0 }
    ]
  }
  t.match(human(report), /ok {3}a\.pass[\s\S]*FAIL a\.fail[\s\S]*Routes: <B>: expected "x"[\s\S]*skip skipped[\s\S]*needs more[\s\S]*1 passed, 1 failed, 1 skipped/)
  t.match(tap(report), /ok 1 - a\.pass: passes\nnot ok 2 - a\.fail: fails & tells\n {2}---\n {2}clause: "Routes: <B>"\n {2}message: "expected \\"x\\""\n {2}\.\.\.\nok 3 - skipped: skipped # SKIP needs more/)
  const xml = junit(report)
  t.match(xml, /<testsuites tests="3" failures="1" skipped="1" time="0\.003">/)
  t.match(xml, /<testcase classname="a" name="a\.fail: fails &#38; tells" time="0\.002"><failure message="expected &#34;x&#34;">Routes: &#60;B&#62;<\/failure><\/testcase>/)
  t.match(xml, /<testcase classname="skipped" name="skipped: skipped" time="0\.000"><skipped message="needs more"\/><\/testcase>/)
  t.same(JSON.parse(json(report)), report)
})

t.test('the fake engine takes its script and capabilities as options', async (t) => {
  const engine = new FakeEngine({ script: { chunks: ['Hi'] }, capabilities: { personalities: ['terse'], languages: ['fr'], codingSystems: ['icd10'] } })
  t.same(engine.script, { chunks: ['Hi'] })
  t.same(engine.capabilities.personalities, ['terse'])
})
