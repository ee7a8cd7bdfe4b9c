import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import t, { type Test } from 'tap'
import { MemoryStore } from '../server/store/memory.js'
import { openStore } from '../server/store/open.js'
import { MIGRATIONS, SqliteStore, migrate } from '../server/store/sqlite.js'
import { StoreUnavailableError } from '../server/store/types.js'
import { AUTH_A, buildServer } from './helpers/server.js'
import { record, storeContract } from './helpers/store-contract.js'

async function tempDir (t: Test): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'store-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  return dir
}

storeContract(t, 'memory', async (_t, now) => new MemoryStore(now))
storeContract(t, 'sqlite', async (t, now) => new SqliteStore(join(await tempDir(t), 'nested', 'db.sqlite'), now))

t.test('sqlite: data survives a restart; migrations are versioned', async (t) => {
  const path = join(await tempDir(t), 'db.sqlite')
  const first = new SqliteStore(path)
  await first.create(record('conv_000000000002', 'acme'))
  await first.close()
  const second = new SqliteStore(path)
  t.teardown(() => second.close())
  t.same(await second.get('acme', 'conv_000000000002'), record('conv_000000000002', 'acme'))
  const db = new Database(path)
  t.equal(db.pragma('user_version', { simple: true }), MIGRATIONS.length)
  t.equal(db.pragma('journal_mode', { simple: true }), 'wal')
  migrate(db)
  t.equal(db.pragma('user_version', { simple: true }), MIGRATIONS.length, 'migrating again changes nothing')
  db.pragma(`user_version = ${MIGRATIONS.length + 1}`)
  t.throws(() => migrate(db), new RegExp(`schema version ${MIGRATIONS.length + 1}, newer than this server knows \\(${MIGRATIONS.length}\\)`))
  db.close()
})

t.test('openStore reads DATABASE_URL', async (t) => {
  // The PostgreSQL store loads for a postgres:// URL; nothing listens on port 1, so it fails to open.
  await t.rejects(openStore('postgres://postgres@127.0.0.1:1/test'), /ECONNREFUSED/)
  const memory = await openStore('memory:')
  t.ok(memory instanceof MemoryStore)
  const inMemorySqlite = await openStore('sqlite::memory:')
  t.ok(inMemorySqlite instanceof SqliteStore)
  await inMemorySqlite.ping()
  await inMemorySqlite.close()
  const file = await openStore(`sqlite:${join(await tempDir(t), 'x.db')}`)
  t.ok(file instanceof SqliteStore)
  await file.close()
  await t.rejects(openStore('mysql://db'), /DATABASE_URL must be postgres:\/\/…, sqlite:<path>, sqlite::memory: or memory:/)
  await t.rejects(openStore('sqlite:'), /DATABASE_URL/)
  await t.rejects(openStore('postgres://'), /DATABASE_URL/)
})

t.test('a store fault is 503 unavailable with Retry-After, and its cause stays in the log', async (t) => {
  const store = new MemoryStore()
  const { app } = await buildServer(t, { store })
  const created = await app.inject({ method: 'POST', url: '/v1/conversations', headers: AUTH_A, payload: { patient: { age: 40, sex: 'male' } } })
  store.acquireLease = async () => { throw new StoreUnavailableError(new Error('connect ECONNREFUSED 10.0.0.5:5432')) }
  const response = await app.inject({ method: 'POST', url: '/v1/chats', headers: AUTH_A, payload: { conversation_id: created.json().id, input: 'cough' } })
  t.equal(response.statusCode, 503)
  t.ok(Number(response.headers['retry-after']) > 0)
  t.equal(response.json().error.code, 'unavailable')
  t.notMatch(response.body, /ECONNREFUSED|10\.0\.0\.5|5432/, 'no host, port or driver text reaches the client')
})
