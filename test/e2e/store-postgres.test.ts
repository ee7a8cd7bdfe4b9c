import type { AddressInfo } from 'node:net'
import t from 'tap'
import { MIGRATIONS, PostgresStore, isConnectionFault } from '../../server/store/postgres.js'
import { openStore } from '../../server/store/open.js'
import { StoreUnavailableError } from '../../server/store/types.js'
import { parseStream } from '../helpers/contract.js'
import { requireEnv } from '../helpers/requires.js'
import { DATABASE_TEST_URL_EXAMPLE, createTestSchema, sql, testSchema } from '../helpers/services.js'
import { AUTH_A, buildServer } from '../helpers/server.js'
import { record, storeContract } from '../helpers/store-contract.js'
import { startTcpProxy } from '../helpers/tcp-proxy.js'

const url = requireEnv('DATABASE_TEST_URL', DATABASE_TEST_URL_EXAMPLE, 'the PostgreSQL store tests')

if (url !== undefined) {
  storeContract(t, 'postgres', async (t, now) => PostgresStore.open({ connectionString: url, schema: testSchema(t, url), now }))

  t.test('postgres: leases run on the database\'s clock unless told otherwise', async (t) => {
    const store = await PostgresStore.open({ connectionString: url, schema: testSchema(t, url) })
    t.teardown(() => store.close())
    await store.create(record('conv_000000000001'))
    t.equal((await store.acquireLease('a', 'conv_000000000001', 'h1', 0)).status, 'acquired')
    // A lease of no time has expired by the next statement: the database's clock has moved on.
    t.equal((await store.acquireLease('a', 'conv_000000000001', 'h2', 60_000)).status, 'acquired')
    t.same(await store.acquireLease('a', 'conv_000000000001', 'h3', 60_000), { status: 'busy' })
  })

  t.test('postgres: migrations are versioned and run once', async (t) => {
    const schema = testSchema(t, url)
    const first = await PostgresStore.open({ connectionString: url, schema, poolSize: 2 })
    await first.create(record('conv_000000000002', 'acme'))
    await first.close()
    const second = await PostgresStore.open({ connectionString: url, schema })
    t.same(await second.get('acme', 'conv_000000000002'), record('conv_000000000002', 'acme'), 'the data survived')
    await second.close()
    const { rows } = await sql(url, `SELECT version FROM ${schema}.schema_migrations ORDER BY version`)
    t.same(rows.map((row) => row.version), MIGRATIONS.map((_, index) => index + 1), 'each version once')

    await sql(url, `INSERT INTO ${schema}.schema_migrations (version) VALUES ($1)`, [MIGRATIONS.length + 1])
    await t.rejects(PostgresStore.open({ connectionString: url, schema }),
      new RegExp(`schema version ${MIGRATIONS.length + 1}, newer than this server knows \\(${MIGRATIONS.length}\\)`))
  })

  t.test('postgres: instances that start together on a new schema migrate it once', async (t) => {
    const schema = testSchema(t, url)
    // Separate pools are separate connections: the same race as servers on several machines.
    const stores = await Promise.all(Array.from({ length: 6 }, () => PostgresStore.open({ connectionString: url, schema, poolSize: 1 })))
    t.teardown(() => Promise.all(stores.map((store) => store.close())))
    const { rows } = await sql(url, `SELECT count(*)::integer AS applied FROM ${schema}.schema_migrations`)
    t.equal(rows[0].applied, MIGRATIONS.length)
  })

  t.test('openStore opens PostgreSQL for a postgres:// DATABASE_URL', async (t) => {
    const store = await openStore((await createTestSchema(t, url)).url, { poolSize: 1 })
    t.ok(store instanceof PostgresStore)
    await store.ping()
    await store.close()
    await t.rejects(openStore('postgres://127.0.0.1:1/test'), /ECONNREFUSED/, 'an unreachable database fails the start')
  })

  t.test('postgres: the database lost mid-turn: nothing saved, 503 unavailable while it is gone, recovery without a restart', async (t) => {
    const target = new URL(url)
    const proxy = await startTcpProxy(Number(target.port === '' ? 5432 : target.port))
    t.teardown(proxy.close)
    target.host = `127.0.0.1:${proxy.port}`
    let clock = 1_000_000
    const store = await PostgresStore.open({ connectionString: target.toString(), schema: testSchema(t, url), poolSize: 2, now: () => clock })
    const { app } = await buildServer(t, { store, config: { STREAM_CHUNK_DELAY_MS: 20, LEASE_TTL_MS: 60_000 } })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
    const post = async (path: string, body: unknown) => app.inject({ method: 'POST', url: path, headers: AUTH_A, payload: body as object })

    const { id } = (await post('/v1/conversations', { patient: { age: 52, sex: 'male' } })).json()
    const stream = await fetch(`${base}/v1/chats`, {
      method: 'POST',
      headers: { ...AUTH_A, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ conversation_id: id, input: 'I have chest pain and I am short of breath' })
    })
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader()
    let text = ''
    while (!text.includes('event: delta')) text += new TextDecoder().decode((await reader.read()).value)
    proxy.cut()
    for (let chunk = await reader.read(); chunk.done !== true; chunk = await reader.read()) text += new TextDecoder().decode(chunk.value)
    t.equal(parseStream(text).terminal.event, 'error', 'the turn could not commit: its stream ends with an error')

    const refused = await post('/v1/chats', { conversation_id: id, input: 'yes' })
    t.equal(refused.statusCode, 503)
    t.equal(refused.json().error.code, 'unavailable')
    t.ok(Number(refused.headers['retry-after']) > 0)
    t.notMatch(refused.body, String(proxy.port), 'no host or port reaches the client')
    t.equal((await app.inject({ url: `/v1/conversations/${id}`, headers: AUTH_A })).statusCode, 503)
    t.equal((await app.inject({ url: '/readyz' })).statusCode, 503, 'not ready while the database is gone')

    proxy.restore()
    t.equal((await app.inject({ url: '/readyz' })).statusCode, 200, 'ready again, no restart')
    const stored = (await app.inject({ url: `/v1/conversations/${id}`, headers: AUTH_A })).json()
    t.same([stored.messages, stored.usage.turns], [[], 0], 'the lost turn left the conversation as it was')
    // The lost turn could not let go of its lease either: it expires, as a crashed instance's does.
    t.equal((await post('/v1/chats', { conversation_id: id, input: 'chest pain' })).statusCode, 409)
    clock += 60_000
    const resumed = await post('/v1/chats', { conversation_id: id, input: 'chest pain' })
    t.equal(resumed.statusCode, 200)
    t.equal((await app.inject({ url: `/v1/conversations/${id}`, headers: AUTH_A })).json().usage.turns, 1)
  })

  t.test('postgres: which errors are the database\'s faults', async (t) => {
    const store = await PostgresStore.open({ connectionString: url, schema: testSchema(t, url), poolSize: 1 })
    t.teardown(() => store.close())
    const sqlError = await sql(url, 'SELECT 1/0').catch((error: unknown) => error)
    t.notOk(isConnectionFault(sqlError), 'division by zero is a bug, not a fault')
    const readOnly = await sql(url, 'BEGIN READ ONLY; CREATE TEMP TABLE x (y int)').catch((error: unknown) => error)
    t.ok(isConnectionFault(readOnly), 'a read-only database (a standby) is a fault: 25006')
    t.ok(isConnectionFault(new Error('Connection terminated unexpectedly')))
    // A bug stays a bug: a duplicate conversation id is not turned into a 503.
    await store.create(record('conv_000000000001'))
    const duplicate = await store.create(record('conv_000000000001')).catch((error: unknown) => error)
    t.notOk(duplicate instanceof StoreUnavailableError)
    t.match(duplicate, { code: '23505' })
  })
}
