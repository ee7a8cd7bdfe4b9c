import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import t from 'tap'
import { MIGRATIONS } from '../../server/store/sqlite.js'
import { capture, childEnv } from '../helpers/process.js'

t.test('sqlite: processes that open a new database file together migrate it once', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'store-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const path = join(dir, 'db.sqlite')
  // Another connection holds the write lock, so both processes look at the empty schema before
  // either can migrate it: two servers started at once on a new file.
  const holder = new Database(path)
  holder.pragma('journal_mode = WAL')
  holder.exec('BEGIN IMMEDIATE')
  const fixture = new URL('../fixtures/open-store.ts', import.meta.url).pathname
  const children = [0, 1].map(() => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, path], { env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] })
    const exited = once(child, 'exit')
    // A child that fails before it says anything must not leave the test waiting.
    return { exited, opening: Promise.race([once(child.stdout, 'data'), exited]), output: capture(child) }
  })
  t.teardown(() => holder.close())
  await Promise.all(children.map((child) => child.opening))
  // Each now waits for the lock (5 s at most) after reading the schema version.
  await new Promise((resolve) => setTimeout(resolve, 300))
  holder.exec('ROLLBACK')
  for (const child of children) {
    const [code] = await child.exited
    t.equal(code, 0, child.output())
  }
  t.equal(holder.pragma('user_version', { simple: true }), MIGRATIONS.length)
})
