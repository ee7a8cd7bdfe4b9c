import { mkdirSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { StoreUnavailableError, type ConversationRecord, type ConversationStore, type LeaseResult } from './types.js'

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
  CREATE INDEX conversations_by_tenant ON conversations (tenant, created_at);`,
  // One row that readiness rewrites: proof that the file takes writes, not only reads.
  `CREATE TABLE store_probe (id INTEGER PRIMARY KEY CHECK (id = 1), written_at INTEGER NOT NULL) STRICT;
  INSERT INTO store_probe (id, written_at) VALUES (1, 0);`
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
 * Result codes that say the medium failed, not the SQL (https://sqlite.org/rescode.html):
 * the primary code, whatever extended code follows it (SQLITE_IOERR_WRITE is SQLITE_IOERR).
 */
const MEDIUM_FAULTS = new Set(['FULL', 'IOERR', 'READONLY', 'BUSY', 'LOCKED', 'CANTOPEN', 'CORRUPT', 'NOTADB', 'PERM', 'NOMEM', 'PROTOCOL', 'NOLFS'])

/** True for an SQLite error that the medium caused (disk full, read-only, locked, I/O, ...). */
export function isMediumFault (error: unknown): boolean {
  return error instanceof Database.SqliteError && MEDIUM_FAULTS.has(error.code.split('_')[1] as string)
}

/**
 * Creates a folder and its missing parents. Node's `mkdirSync(path, { recursive: true })`
 * never returns when mkdir fails with ENOENT under an existing parent (as in /proc): this
 * walks up once per missing level and fails with the first error it cannot fix.
 */
export function makeFolder (path: string): void {
  try {
    mkdirSync(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return
    const parent = dirname(path)
    if (code !== 'ENOENT' || parent === path) throw error
    makeFolder(parent)
    mkdirSync(path)
  }
}

function prepare (db: Database.Database) {
  return {
    insert: db.prepare('INSERT INTO conversations (id, tenant, created_at, is_complete, document, state) VALUES (?, ?, ?, ?, ?, ?)'),
    get: db.prepare<[string, string], Row>('SELECT * FROM conversations WHERE id = ? AND tenant = ?'),
    lease: db.prepare<[string, number, string, string, number], Pick<Row, 'tenant' | 'document' | 'state'>>(`UPDATE conversations SET lease_holder = ?, lease_expires_at = ?
      WHERE id = ? AND tenant = ? AND is_complete = 0 AND (lease_holder IS NULL OR lease_expires_at <= ?)
      RETURNING tenant, document, state`),
    status: db.prepare<[string, string], Pick<Row, 'is_complete'>>('SELECT is_complete FROM conversations WHERE id = ? AND tenant = ?'),
    commit: db.prepare(`UPDATE conversations SET document = ?, state = ?, is_complete = ?, lease_holder = NULL, lease_expires_at = NULL
      WHERE id = ? AND tenant = ? AND lease_holder = ?`),
    release: db.prepare('UPDATE conversations SET lease_holder = NULL, lease_expires_at = NULL WHERE id = ? AND tenant = ? AND lease_holder = ?'),
    probe: db.prepare('UPDATE store_probe SET written_at = ? WHERE id = 1')
  }
}

type Statements = ReturnType<typeof prepare>

interface Connection {
  db: Database.Database
  statements: Statements
  /** The file this connection opened ("ino:dev"), or undefined in memory. */
  file: string | undefined
}

/** The file at `path` as "ino:dev"; what stops it from being read (ENOENT, ENOTDIR, ...) if none. */
function fileIdentity (path: string): string {
  try {
    const stats = statSync(path)
    return `${stats.ino}:${stats.dev}`
  } catch (error) {
    return String((error as NodeJS.ErrnoException).code)
  }
}

/** Opens the file (WAL), brings its schema up to date, prepares the statements. */
function connect (path: string, fileMustExist: boolean, busyTimeoutMs: number): Connection {
  const db = new Database(path, { fileMustExist })
  try {
    db.pragma('journal_mode = WAL')
    db.pragma(`busy_timeout = ${busyTimeoutMs}`)
    db.pragma('synchronous = NORMAL')
    migrate(db)
    return { db, statements: prepare(db), file: path === ':memory:' ? undefined : fileIdentity(path) }
  } catch (error) {
    db.close()
    throw error
  }
}

/**
 * Conversations in an SQLite file (WAL), safe to share between processes: a lease is a row
 * update guarded by a condition, so two processes racing for one conversation cannot both win.
 *
 * A fault of the medium (see `isMediumFault`) becomes `StoreUnavailableError`, and the
 * connection is dropped: the next call opens the file again, so a file replaced or restored
 * under a running server is used again without a restart. That reopening never creates a
 * file: a database deleted under a running server stays a fault until it is put back.
 * SQLite in WAL mode does not notice its file deleted or replaced (it writes on to the
 * file it opened, lost at the next checkpoint), so each call first checks that the path
 * still names that file: one stat.
 */
export class SqliteStore implements ConversationStore {
  readonly #path: string
  readonly #now: () => number
  readonly #busyTimeoutMs: number
  #connection: Connection | undefined
  #closed = false

  /**
   * Opens (creating the file and its folder if need be) and migrates; throws, in one line,
   * why it cannot.
   * @param options.busyTimeoutMs how long a call waits for another process's write lock
   *   before the store counts as unavailable (SQLITE_BUSY). @default 5000
   */
  constructor (path: string, now: () => number = Date.now, options: { busyTimeoutMs?: number } = {}) {
    this.#path = path
    this.#now = now
    this.#busyTimeoutMs = options.busyTimeoutMs ?? 5000
    try {
      if (path !== ':memory:') makeFolder(dirname(path))
      this.#connection = connect(path, false, this.#busyTimeoutMs)
      // A store that cannot write cannot serve: found now, not at the first request.
      this.#connection.statements.probe.run(now())
    } catch (error) {
      this.#connection?.db.close()
      throw new Error(`cannot use the SQLite database ${JSON.stringify(path)}: ${(error as Error).message}`, { cause: error })
    }
  }

  /** Runs `operation` on a working connection; a medium fault becomes StoreUnavailableError. */
  #use<T> (operation: (statements: Statements) => T): T {
    if (this.#closed) throw new Error('the store is closed')
    let connection = this.#connection
    try {
      if (connection !== undefined && connection.file !== undefined && fileIdentity(this.#path) !== connection.file) {
        throw new Database.SqliteError(`${this.#path} was deleted or replaced while open`, 'SQLITE_READONLY_DBMOVED')
      }
      connection ??= this.#connection = connect(this.#path, true, this.#busyTimeoutMs)
      return operation(connection.statements)
    } catch (error) {
      // Not opening again is itself the fault, whatever error said so (a folder gone is a TypeError).
      if (connection !== undefined && !isMediumFault(error)) throw error
      // In memory there is nothing to open again: the connection is the data.
      if (connection !== undefined && this.#path !== ':memory:') {
        this.#connection = undefined
        connection.db.close()
      }
      throw new StoreUnavailableError(error)
    }
  }

  async create (record: ConversationRecord): Promise<void> {
    const { conversation } = record
    this.#use((statements) => statements.insert.run(conversation.id, record.tenant, conversation.created_at,
      Number(conversation.is_complete), JSON.stringify(conversation), JSON.stringify(record.state)))
  }

  async get (tenant: string, id: string): Promise<ConversationRecord | undefined> {
    const row = this.#use((statements) => statements.get.get(id, tenant))
    return row === undefined ? undefined : toRecord(row)
  }

  async acquireLease (tenant: string, id: string, holder: string, ttlMs: number): Promise<LeaseResult> {
    // One statement takes the lease and reads the row it took, atomically: no transaction to
    // open, no second read. Only a refusal looks again, to say why. `all()`, not `get()`:
    // `get()` stops at the returned row and resets the statement, which commits it and drops
    // a failed commit's error, so a write lost to a full disk would look like a lease taken.
    const now = this.#now()
    const [row] = this.#use((statements) => statements.lease.all(holder, now + ttlMs, id, tenant, now))
    if (row !== undefined) return { status: 'acquired', record: toRecord(row) }
    const status = this.#use((statements) => statements.status.get(id, tenant))
    if (status === undefined) return { status: 'not_found' }
    return { status: status.is_complete === 1 ? 'complete' : 'busy' }
  }

  async commitTurn (record: ConversationRecord, holder: string): Promise<boolean> {
    const { conversation } = record
    const { changes } = this.#use((statements) => statements.commit.run(JSON.stringify(conversation), JSON.stringify(record.state),
      Number(conversation.is_complete), conversation.id, record.tenant, holder))
    return changes === 1
  }

  async releaseLease (tenant: string, id: string, holder: string): Promise<void> {
    this.#use((statements) => statements.release.run(id, tenant, holder))
  }

  /** A real write (one row of `store_probe`), committed: a read succeeds on a full disk. */
  async ping (): Promise<void> {
    this.#use((statements) => statements.probe.run(this.#now()))
  }

  async close (): Promise<void> {
    this.#closed = true
    this.#connection?.db.close()
    this.#connection = undefined
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
