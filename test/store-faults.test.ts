import { copyFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import Fastify from 'fastify'
import t, { type Test } from 'tap'
import { logFailure } from '../plugin/errors.js'
import { HealthReportingStore } from '../server/store/health.js'
import { MemoryStore } from '../server/store/memory.js'
import { openStore } from '../server/store/open.js'
import { SqliteStore, isMediumFault, makeFolder } from '../server/store/sqlite.js'
import { StoreUnavailableError, type ConversationRecord } from '../server/store/types.js'
import { parseStream } from './helpers/contract.js'
import { AUTH_A, buildServer } from './helpers/server.js'

const PATIENT = { patient: { age: 30, sex: 'female' } }

function logSink () {
  const lines: Array<Record<string, any>> = []
  return { lines, stream: { write: (line: string) => { lines.push(JSON.parse(line)) } } }
}

async function tempDir (t: Test): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'store-faults-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  return dir
}

/** A copy of the database as it is now, everything in it checkpointed into the file. */
function backup (path: string): string {
  const db = new Database(path)
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  copyFileSync(path, `${path}.backup`)
  return `${path}.backup`
}

/** Puts `source` at `path` as a new file, with no WAL of the file it replaces. */
function replaceFile (source: string, path: string): void {
  copyFileSync(source, `${path}.incoming`)
  rmSync(`${path}-wal`, { force: true })
  rmSync(`${path}-shm`, { force: true })
  renameSync(`${path}.incoming`, path)
}

/**
 * The reference server over an SQLite file, its log captured: the fault is done to the
 * file by `breakIt`, undone by `repair`, and the server must refuse with 503 `unavailable`
 * in between, fail readiness, report the fault once with its cause, and come back alone.
 */
async function faultAndRecover (t: Test, kind: string, breakIt: (path: string) => void, repair: (path: string) => void, busyTimeoutMs = 5000): Promise<void> {
  const path = join(await tempDir(t), 'data', 'db.sqlite')
  const sink = logSink()
  const { app } = await buildServer(t, { store: new SqliteStore(path, Date.now, { busyTimeoutMs }), fastify: { logger: { level: 'info', stream: sink.stream } } })
  const created = await app.inject({ method: 'POST', url: '/v1/conversations', headers: AUTH_A, payload: PATIENT })
  t.equal(created.statusCode, 201)
  const id = created.json().id
  breakIt(path)

  const refused = await app.inject({ method: 'POST', url: '/v1/conversations', headers: AUTH_A, payload: PATIENT })
  t.equal(refused.statusCode, 503, `${kind}: a write is refused`)
  t.same(refused.json(), { error: { code: 'unavailable', message: 'The service is unavailable; retry later.' } })
  t.equal(refused.headers['retry-after'], '1')
  const chat = await app.inject({ method: 'POST', url: '/v1/chats', headers: { ...AUTH_A, accept: 'text/event-stream' }, payload: { conversation_id: id, input: 'I have a headache' } })
  t.equal(chat.statusCode, 503, `${kind}: a turn is refused before its stream begins, not cut at its commit`)
  t.equal(chat.json().error.code, 'unavailable')
  const ready = await app.inject({ url: '/readyz' })
  t.equal(ready.statusCode, 503, `${kind}: readiness fails`)
  t.same(ready.json(), { error: { code: 'unavailable', message: 'The conversation store cannot serve.' } })

  const errors = sink.lines.filter((line) => line.level >= 50)
  t.equal(errors.length, 1, `${kind}: reported once, at error level`)
  t.match(errors[0], { msg: /conversation store cannot serve/, err: { code: /^SQLITE_/ } }, 'with its cause')
  t.ok(sink.lines.filter((line) => line.refused === 'STORE_UNAVAILABLE').every((line) => line.level === 30 && line.err === undefined),
    'each refusal below error level, without a stack')

  repair(path)
  t.equal((await app.inject({ url: '/readyz' })).statusCode, 200, `${kind}: ready again without a restart`)
  t.equal(sink.lines.filter((line) => line.msg === 'the conversation store serves again').length, 1, 'the recovery is logged')
  const turn = await app.inject({ method: 'POST', url: '/v1/chats', headers: { ...AUTH_A, accept: 'text/event-stream' }, payload: { conversation_id: id, input: 'I have a headache' } })
  t.equal(parseStream(turn.body).terminal.event, 'done', 'the conversation made before the fault takes its turn')
  t.equal((await app.inject({ url: `/v1/conversations/${id}`, headers: AUTH_A })).json().usage.turns, 1)
  t.equal(sink.lines.filter((line) => line.level >= 50).length, 1, 'nothing else logged as an error')
}

t.test('storage fault, the database file deleted under a running server: 503 until it is put back', async (t) => {
  let saved = ''
  await faultAndRecover(t, 'deleted', (path) => {
    saved = backup(path)
    rmSync(path)
  }, (path) => replaceFile(saved, path))
})

t.test('storage fault, the database file replaced by one that is not a database (corrupt): 503 until a good one is back', async (t) => {
  let saved = ''
  await faultAndRecover(t, 'not a database', (path) => {
    saved = backup(path)
    writeFileSync(`${path}.garbage`, Buffer.alloc(8192, 0x5a))
    replaceFile(`${path}.garbage`, path)
  }, (path) => replaceFile(saved, path))
})

t.test('storage fault, the folder deleted: 503 until it is back', async (t) => {
  let saved = ''
  await faultAndRecover(t, 'folder deleted', (path) => {
    saved = backup(path)
    copyFileSync(saved, join(path, '..', '..', 'kept.sqlite'))
    rmSync(join(path, '..'), { recursive: true })
  }, (path) => {
    mkdirSync(join(path, '..'))
    replaceFile(join(path, '..', '..', 'kept.sqlite'), path)
  })
})

t.test('storage fault, the database locked by another process past the busy timeout: 503 until the lock goes', async (t) => {
  let holder: Database.Database | undefined
  t.teardown(() => holder?.close())
  await faultAndRecover(t, 'locked', (path) => {
    holder = new Database(path)
    holder.exec('BEGIN EXCLUSIVE')
  }, () => holder?.exec('ROLLBACK'), 20)
})

t.test('storage fault, a commit that fails after the lease was taken: the stream ends with an error, nothing is kept, one error report', async (t) => {
  const store = new MemoryStore()
  const sink = logSink()
  const { app } = await buildServer(t, { store, fastify: { logger: { level: 'info', stream: sink.stream } } })
  const id = (await app.inject({ method: 'POST', url: '/v1/conversations', headers: AUTH_A, payload: PATIENT })).json().id
  const commitTurn = store.commitTurn
  store.commitTurn = async () => { throw new StoreUnavailableError(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' })) }
  const streamed = await app.inject({ method: 'POST', url: '/v1/chats', headers: { ...AUTH_A, accept: 'text/event-stream' }, payload: { conversation_id: id, input: 'I have a headache' } })
  t.same(parseStream(streamed.body).terminal.data, { error: { code: 'stream_error', message: 'An unexpected error occurred.' } })
  t.equal((await app.inject({ url: `/v1/conversations/${id}`, headers: AUTH_A })).json().usage.turns, 0, 'nothing kept')
  const errors = sink.lines.filter((line) => line.level >= 50)
  t.equal(errors.length, 1, 'the cause reported once')
  t.match(errors[0], { err: { code: 'SQLITE_IOERR_WRITE' } })
  t.match(sink.lines.filter((line) => line.refused === 'STORE_UNAVAILABLE'), [{ level: 30, msg: 'engine failed during a stream' }], 'the stream\'s end: info, no stack')
  store.commitTurn = commitTurn
  const recovered = await app.inject({ method: 'POST', url: '/v1/chats', headers: AUTH_A, payload: { conversation_id: id, input: 'I have a headache' } })
  t.equal(recovered.statusCode, 200)
  t.equal(sink.lines.filter((line) => line.msg === 'the conversation store serves again').length, 1)
})

t.test('a lease that cannot be released is logged below error level when the store is at fault, as a bug otherwise', async (t) => {
  const store = new MemoryStore()
  const sink = logSink()
  const { app } = await buildServer(t, { store, fastify: { logger: { level: 'info', stream: sink.stream } } })
  store.commitTurn = async () => { throw new Error('a bug') }
  let release = 0
  store.releaseLease = async () => {
    release++
    throw release === 1 ? new StoreUnavailableError(new Error('gone')) : new Error('another bug')
  }
  for (let i = 0; i < 2; i++) {
    const id = (await app.inject({ method: 'POST', url: '/v1/conversations', headers: AUTH_A, payload: PATIENT })).json().id
    await app.inject({ method: 'POST', url: '/v1/chats', headers: AUTH_A, payload: { conversation_id: id, input: 'hi' } })
  }
  await new Promise((resolve) => setImmediate(resolve))
  const lines = sink.lines.filter((line) => line.msg === 'could not release a conversation lease; it will expire')
  t.match(lines, [{ level: 30, refused: 'STORE_UNAVAILABLE' }, { level: 50, err: { message: 'another bug' } }])
})

t.test('start-up storage faults: one line naming the file and the reason, never a hang', async (t) => {
  const dir = await tempDir(t)
  const garbage = join(dir, 'g.db')
  writeFileSync(garbage, Buffer.alloc(8192, 0x5a))
  t.throws(() => new SqliteStore(garbage), { message: `cannot use the SQLite database "${garbage}": file is not a database` })
  // Node's recursive mkdir never returns here.
  t.throws(() => new SqliteStore('/proc/nope/db.sqlite'), { message: /^cannot use the SQLite database "\/proc\/nope\/db.sqlite": ENOENT: no such file or directory, mkdir '\/proc\/nope'$/ })
  await t.rejects(openStore(`sqlite:${join(garbage, 'below-a-file', 'db.sqlite')}`), { message: /ENOTDIR/ })
  const locked = join(dir, 'locked.db')
  new SqliteStore(locked).close()
  const holder = new Database(locked)
  holder.exec('BEGIN EXCLUSIVE')
  t.throws(() => new SqliteStore(locked, Date.now, { busyTimeoutMs: 20 }), { message: /database is locked/ })
  holder.close()
  makeFolder(join(dir, 'a', 'b', 'c'))
  makeFolder(join(dir, 'a', 'b', 'c'))
  t.throws(() => makeFolder('/proc/nope/deeper'), { code: 'ENOENT' })
})

t.test('what counts as a fault of the medium: SQLite result codes, not SQL errors', async (t) => {
  const fault = (code: string): boolean => isMediumFault(new Database.SqliteError('x', code))
  for (const code of ['SQLITE_FULL', 'SQLITE_IOERR_WRITE', 'SQLITE_IOERR_FSYNC', 'SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED', 'SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT',
    'SQLITE_LOCKED', 'SQLITE_CANTOPEN', 'SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_PERM', 'SQLITE_NOMEM', 'SQLITE_PROTOCOL', 'SQLITE_NOLFS']) {
    t.equal(fault(code), true, code)
  }
  for (const code of ['SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_ERROR', 'SQLITE_MISUSE', 'SQLITE_RANGE', 'SQLITE_TOOBIG']) t.equal(fault(code), false, code)
  t.equal(isMediumFault(new Error('SQLITE_FULL')), false)
})

t.test('a bug is not a fault of the medium: it is thrown as it is, and the connection kept', async (t) => {
  const store = new SqliteStore(':memory:')
  const record = { tenant: 'a', state: {}, conversation: { id: 'conv_000000000001', created_at: 1, is_complete: false } } as unknown as ConversationRecord
  await store.create(record)
  await t.rejects(store.create(record), { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' })
  t.equal((await store.get('a', 'conv_000000000001'))?.tenant, 'a', 'in memory, the data is still there')
  await store.close()
  await t.rejects(store.ping(), { message: 'the store is closed' })
})

t.test('the health report: once per fault, recovery only on a write that was kept, bugs passed on untouched', async (t) => {
  const store = new MemoryStore()
  const sink = logSink()
  const watched = new HealthReportingStore(store, Fastify({ logger: { level: 'info', stream: sink.stream } }).log)
  const fault = new StoreUnavailableError(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }))
  const original = { ping: store.ping, get: store.get }
  store.ping = async () => { throw fault }
  await t.rejects(watched.ping(), fault)
  await t.rejects(watched.ping(), fault)
  store.ping = original.ping
  t.equal(await watched.get('a', 'nothing'), undefined)
  t.same(await watched.acquireLease('a', 'nothing', 'h', 1000), { status: 'not_found' })
  t.equal(await watched.commitTurn({ tenant: 'a', conversation: { id: 'nothing' } } as ConversationRecord, 'h'), false)
  await watched.releaseLease('a', 'nothing', 'h')
  t.equal(sink.lines.filter((line) => line.msg === 'the conversation store serves again').length, 0, 'a read or a write that changed nothing proves nothing')
  await watched.ping()
  t.equal(sink.lines.length, 2)
  t.match(sink.lines, [{ level: 50, err: { code: 'SQLITE_FULL' } }, { level: 30, msg: 'the conversation store serves again' }])
  store.get = async () => { throw new TypeError('a bug') }
  await t.rejects(watched.get('a', 'x'), TypeError)
  store.get = original.get
  await watched.create({ tenant: 'a', state: {}, conversation: { id: 'conv_1', is_complete: false } } as unknown as ConversationRecord)
  t.equal((await watched.acquireLease('a', 'conv_1', 'h', 1000)).status, 'acquired')
  t.equal(sink.lines.length, 2, 'nothing more logged')
  await watched.close()
})

t.test('a refusal (503) is logged at info with its code and no stack; anything else at error with its stack', async (t) => {
  const sink = logSink()
  const log = Fastify({ logger: { level: 'info', stream: sink.stream } }).log
  logFailure(log, new StoreUnavailableError(new Error('x')), 'refused')
  logFailure(log, { statusCode: 503 }, 'refused without a code')
  logFailure(log, undefined, 'failed with nothing')
  logFailure(log, new Error('boom'), 'failed')
  t.match(sink.lines, [
    { level: 30, refused: 'STORE_UNAVAILABLE', msg: 'refused' },
    { level: 30, refused: 'unavailable', msg: 'refused without a code' },
    { level: 50, msg: 'failed with nothing' },
    { level: 50, err: { message: 'boom', stack: /Error: boom/ }, msg: 'failed' }
  ])
  t.equal(sink.lines[0]?.err, undefined)
})
