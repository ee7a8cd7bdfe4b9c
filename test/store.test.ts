import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import t, { type Test } from 'tap'
import { MemoryStore } from '../server/store/memory.js'
import { openStore } from '../server/store/open.js'
import { MIGRATIONS, SqliteStore, migrate } from '../server/store/sqlite.js'
import type { ConversationRecord, ConversationStore } from '../server/store/types.js'

function record (id: string, tenant = 'a'): ConversationRecord {
  return {
    tenant,
    state: { step: 0 },
    conversation: {
      id,
      created_at: 1774530618,
      is_complete: false,
      patient: { age: 30, sex: 'female' },
      personality: 'professional',
      language: 'en',
      coding_system: 'snomed',
      messages: [],
      findings: [],
      usage: { questions_asked: 0, turns: 0 }
    }
  }
}

async function tempDir (t: Test): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'store-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  return dir
}

const stores: Array<[string, (t: Test, now: () => number) => Promise<ConversationStore>]> = [
  ['memory', async (_t, now) => new MemoryStore(now)],
  ['sqlite', async (t, now) => new SqliteStore(join(await tempDir(t), 'nested', 'db.sqlite'), now)]
]

for (const [name, open] of stores) {
  t.test(`${name} store: the same contract`, async (t) => {
    let clock = 1_000_000
    const store = await open(t, () => clock)
    t.teardown(() => store.close())
    await store.ping()
    await store.create(record('conv_000000000001'))
    t.same(await store.get('a', 'conv_000000000001'), record('conv_000000000001'))
    t.equal(await store.get('b', 'conv_000000000001'), undefined, 'another tenant sees nothing')
    t.equal(await store.get('a', 'conv_ffffffffffff'), undefined)

    t.same(await store.acquireLease('b', 'conv_000000000001', 'h1', 1000), { status: 'not_found' })
    t.same(await store.acquireLease('a', 'conv_ffffffffffff', 'h1', 1000), { status: 'not_found' })
    const lease = await store.acquireLease('a', 'conv_000000000001', 'h1', 1000)
    t.equal(lease.status, 'acquired')
    t.same(await store.acquireLease('a', 'conv_000000000001', 'h2', 1000), { status: 'busy' })

    // A lease held past its time (a crashed process) expires.
    clock += 1000
    t.equal((await store.acquireLease('a', 'conv_000000000001', 'h2', 1000)).status, 'acquired')
    const next = record('conv_000000000001')
    next.conversation.usage.turns = 1
    t.equal(await store.commitTurn(next, 'h1'), false, 'the expired holder cannot commit')
    t.equal((await store.get('a', 'conv_000000000001'))?.conversation.usage.turns, 0)
    t.equal(await store.commitTurn(next, 'h2'), true)
    t.equal((await store.get('a', 'conv_000000000001'))?.conversation.usage.turns, 1)

    // A released lease frees the conversation; a release by someone else does nothing.
    t.equal((await store.acquireLease('a', 'conv_000000000001', 'h3', 1000)).status, 'acquired')
    await store.releaseLease('conv_000000000001', 'someone-else')
    t.same(await store.acquireLease('a', 'conv_000000000001', 'h4', 1000), { status: 'busy' })
    await store.releaseLease('conv_000000000001', 'h3')
    t.equal((await store.acquireLease('a', 'conv_000000000001', 'h4', 1000)).status, 'acquired')

    const done = record('conv_000000000001')
    done.conversation.is_complete = true
    t.equal(await store.commitTurn(done, 'h4'), true)
    t.same(await store.acquireLease('a', 'conv_000000000001', 'h5', 1000), { status: 'complete' })
    t.equal(await store.commitTurn(done, 'h5'), false)
    await store.releaseLease('conv_ffffffffffff', 'h5')

    // What a caller does with a record it read does not change what is stored.
    const read = await store.get('a', 'conv_000000000001') as ConversationRecord
    read.conversation.messages.push({ role: 'user', content: 'x', created_at: 1 })
    t.same((await store.get('a', 'conv_000000000001'))?.conversation.messages, [])
  })
}

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
  t.throws(() => migrate(db), /schema version 2, newer than this server knows \(1\)/)
  db.close()
})

t.test('openStore reads DATABASE_URL', async (t) => {
  const memory = openStore('memory:')
  t.ok(memory instanceof MemoryStore)
  const inMemorySqlite = openStore('sqlite::memory:')
  t.ok(inMemorySqlite instanceof SqliteStore)
  await inMemorySqlite.ping()
  await inMemorySqlite.close()
  const file = openStore(`sqlite:${join(await tempDir(t), 'x.db')}`)
  t.ok(file instanceof SqliteStore)
  await file.close()
  t.throws(() => openStore('postgres://db'), /DATABASE_URL must be sqlite:<path>, sqlite::memory: or memory:/)
  t.throws(() => openStore('sqlite:'), /DATABASE_URL/)
})
