import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import type { ConversationRecord, ConversationStore, LeaseResult } from './types.js'

/**
 * Versioned migrations: entry N brings the schema to version N (`PRAGMA user_version`).
 * Append; never edit one that has shipped.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE conversations (
    id TEXT PRIMARY KEY,
    tenant TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    is_complete INTEGER NOT NULL DEFAULT 0,
    document TEXT NOT NULL,
    state TEXT NOT NULL,
    lease_holder TEXT,
    lease_expires_at INTEGER
  ) STRICT;
  CREATE INDEX conversations_by_tenant ON conversations (tenant, created_at);`
]

interface Row {
  tenant: string
  document: string
  state: string
  is_complete: number
  lease_holder: string | null
  lease_expires_at: number | null
}

function toRecord (row: Pick<Row, 'tenant' | 'document' | 'state'>): ConversationRecord {
  return { tenant: row.tenant, conversation: JSON.parse(row.document), state: JSON.parse(row.state) }
}

/**
 * Conversations in an SQLite file (WAL), safe to share between processes: a lease is a row
 * update guarded by a condition, so two processes racing for one conversation cannot both win.
 */
export class SqliteStore implements ConversationStore {
  readonly #db: Database.Database
  readonly #now: () => number
  readonly #statements

  constructor (path: string, now: () => number = Date.now) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
    this.#db = new Database(path)
    this.#now = now
    this.#db.pragma('journal_mode = WAL')
    this.#db.pragma('busy_timeout = 5000')
    this.#db.pragma('synchronous = NORMAL')
    migrate(this.#db)
    this.#statements = {
      insert: this.#db.prepare('INSERT INTO conversations (id, tenant, created_at, is_complete, document, state) VALUES (?, ?, ?, ?, ?, ?)'),
      get: this.#db.prepare<[string, string], Row>('SELECT * FROM conversations WHERE id = ? AND tenant = ?'),
      lease: this.#db.prepare<[string, number, string, string, number], Pick<Row, 'tenant' | 'document' | 'state'>>(`UPDATE conversations SET lease_holder = ?, lease_expires_at = ?
        WHERE id = ? AND tenant = ? AND is_complete = 0 AND (lease_holder IS NULL OR lease_expires_at <= ?)
        RETURNING tenant, document, state`),
      status: this.#db.prepare<[string, string], Pick<Row, 'is_complete'>>('SELECT is_complete FROM conversations WHERE id = ? AND tenant = ?'),
      commit: this.#db.prepare(`UPDATE conversations SET document = ?, state = ?, is_complete = ?, lease_holder = NULL, lease_expires_at = NULL
        WHERE id = ? AND tenant = ? AND lease_holder = ?`),
      release: this.#db.prepare('UPDATE conversations SET lease_holder = NULL, lease_expires_at = NULL WHERE id = ? AND tenant = ? AND lease_holder = ?'),
      ping: this.#db.prepare('SELECT 1')
    }
  }

  async create (record: ConversationRecord): Promise<void> {
    const { conversation } = record
    this.#statements.insert.run(conversation.id, record.tenant, conversation.created_at, Number(conversation.is_complete),
      JSON.stringify(conversation), JSON.stringify(record.state))
  }

  async get (tenant: string, id: string): Promise<ConversationRecord | undefined> {
    const row = this.#statements.get.get(id, tenant)
    return row === undefined ? undefined : toRecord(row)
  }

  async acquireLease (tenant: string, id: string, holder: string, ttlMs: number): Promise<LeaseResult> {
    // One statement takes the lease and reads the row it took, atomically: no transaction to
    // open, no second read. Only a refusal looks again, to say why.
    const now = this.#now()
    const row = this.#statements.lease.get(holder, now + ttlMs, id, tenant, now)
    if (row !== undefined) return { status: 'acquired', record: toRecord(row) }
    const status = this.#statements.status.get(id, tenant)
    if (status === undefined) return { status: 'not_found' }
    return { status: status.is_complete === 1 ? 'complete' : 'busy' }
  }

  async commitTurn (record: ConversationRecord, holder: string): Promise<boolean> {
    const { conversation } = record
    const { changes } = this.#statements.commit.run(JSON.stringify(conversation), JSON.stringify(record.state),
      Number(conversation.is_complete), conversation.id, record.tenant, holder)
    return changes === 1
  }

  async releaseLease (tenant: string, id: string, holder: string): Promise<void> {
    this.#statements.release.run(id, tenant, holder)
  }

  async ping (): Promise<void> {
    this.#statements.ping.get()
  }

  async close (): Promise<void> {
    this.#db.close()
  }
}

/**
 * Brings the database to the newest schema, in one transaction. The version that decides what
 * to run is read inside that transaction, which takes the write lock first: processes that
 * open a new file together wait for each other, and the later ones find nothing left to do.
 */
export function migrate (db: Database.Database): void {
  const version = (): number => db.pragma('user_version', { simple: true }) as number
  // Already current (every start but the first): no write lock needed.
  if (version() === MIGRATIONS.length) return
  db.transaction(() => {
    const current = version()
    if (current > MIGRATIONS.length) {
      throw new Error(`the database is at schema version ${current}, newer than this server knows (${MIGRATIONS.length})`)
    }
    MIGRATIONS.slice(current).forEach((sql, index) => {
      db.exec(sql)
      db.pragma(`user_version = ${current + index + 1}`)
    })
  }).immediate()
}
