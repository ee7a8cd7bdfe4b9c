import pg from 'pg'
import { StoreUnavailableError, type ConversationRecord, type ConversationStore, type LeaseResult } from './types.js'

/**
 * Versioned migrations: entry N brings the schema to version N (one row in
 * `schema_migrations`). Append; never edit one that has shipped.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE conversations (
    id text PRIMARY KEY,
    tenant text NOT NULL,
    created_at bigint NOT NULL,
    is_complete boolean NOT NULL DEFAULT false,
    document jsonb NOT NULL,
    state jsonb NOT NULL,
    lease_holder text,
    lease_expires_at bigint
  ) WITH (fillfactor = 80);
  -- Every turn updates its row twice (lease, commit) and neither changes an indexed column: room
  -- left on each page keeps those updates HOT, writing no index entries.
  CREATE INDEX conversations_by_tenant ON conversations (tenant, created_at);
  -- One row that readiness rewrites: proof that the database takes writes (a standby after a
  -- failover, or a full disk, still answers reads).
  CREATE TABLE store_probe (id integer PRIMARY KEY CHECK (id = 1), written_at timestamptz NOT NULL);
  INSERT INTO store_probe (id, written_at) VALUES (1, now());`
]

/**
 * SQLSTATE classes and codes that say the database or the way to it failed, not the SQL
 * (https://www.postgresql.org/docs/current/errcodes-appendix.html): 08 connection exception,
 * 53 insufficient resources (disk full, out of memory, too many connections), 57 operator
 * intervention (shutdown, crash recovery), 58 system error (I/O), and 25006
 * read_only_sql_transaction (a standby promoted nowhere yet, or a read-only database).
 */
const FAULT_CLASSES = new Set(['08', '53', '57', '58'])

/**
 * True for an error that the database's reachability or resources caused: any error that is
 * not the server's answer to a statement (connection refused or reset, DNS, a connection
 * terminated, a pool that could not connect in time), and the server's answers listed above.
 */
export function isConnectionFault (error: unknown): boolean {
  if (!(error instanceof pg.DatabaseError)) return true
  return FAULT_CLASSES.has(String(error.code).slice(0, 2)) || error.code === '25006'
}

/**
 * The advisory lock that serializes migrations: the first of the two keys names this
 * application, the second is the schema's name (hashed by the query), so servers on different
 * schemas of one database do not wait for each other.
 */
const MIGRATION_LOCK_KEY = 0x6d636873 // "mchs"

/** How long opening a connection, or waiting for a free one, may take before the call fails. */
const CONNECT_TIMEOUT_MS = 5000

/** The lease clock: the caller's milliseconds when given, else the database's own clock. */
const CLOCK = 'COALESCE($1::bigint, (extract(epoch FROM clock_timestamp()) * 1000)::bigint)'

const SQL = {
  insert: `INSERT INTO conversations (id, tenant, created_at, is_complete, document, state)
    VALUES ($1, $2, $3, $4, $5, $6)`,
  get: 'SELECT document, state FROM conversations WHERE id = $1 AND tenant = $2',
  // One statement takes the lease and, whether it did or not, says why: the CTE's update and
  // the outer read see the same snapshot, and a racing update waits for the row lock and then
  // re-checks the condition against the winner's row, so two instances cannot both take it.
  lease: `WITH clock AS (SELECT ${CLOCK} AS now),
    taken AS (
      UPDATE conversations c SET lease_holder = $4, lease_expires_at = clock.now + $5
      FROM clock
      WHERE c.id = $2 AND c.tenant = $3 AND NOT c.is_complete
        AND (c.lease_holder IS NULL OR c.lease_expires_at <= clock.now)
      RETURNING c.document, c.state
    )
    SELECT c.is_complete, taken.document, taken.state
    FROM conversations c LEFT JOIN taken ON true
    WHERE c.id = $2 AND c.tenant = $3`,
  commit: `UPDATE conversations SET document = $1, state = $2, is_complete = $3, lease_holder = NULL, lease_expires_at = NULL
    WHERE id = $4 AND tenant = $5 AND lease_holder = $6`,
  release: `UPDATE conversations SET lease_holder = NULL, lease_expires_at = NULL
    WHERE id = $1 AND tenant = $2 AND lease_holder = $3`,
  probe: 'UPDATE store_probe SET written_at = now() WHERE id = 1'
} as const

export interface PostgresStoreOptions {
  /** A postgres:// connection string (libpq's form: user, password, host, port, database, sslmode). */
  connectionString: string
  /** Most connections this process opens. @default 10 */
  poolSize?: number
  /** The schema the tables live in (created if missing). @default the connection's search_path (public) */
  schema?: string
  /**
   * Unix milliseconds for lease times; injectable for tests. By default the database's clock,
   * one clock for every instance however far their machines' clocks drift.
   */
  now?: () => number
}

/**
 * Conversations in PostgreSQL, shared by any number of server instances on any number of
 * machines. A lease is one conditional update; a turn's commit is one update that holds only
 * while the committing turn still holds the lease; every statement names the tenant.
 * Open it with `PostgresStore.open`, which runs the migrations first. A fault of the database
 * or of the way to it becomes `StoreUnavailableError`; the pool reconnects by itself once the
 * database is back.
 *
 * Tested by test/e2e/store-postgres.test.ts (the store suite every store passes, plus faults
 * through a relay that cuts the connection), which needs a database: the fast suite leaves
 * this file out of its coverage (package.json, tap.coverage-exclude) and the end-to-end run
 * counts it (test/e2e-coverage-map.js).
 */
export class PostgresStore implements ConversationStore {
  readonly #pool: pg.Pool
  readonly #now: (() => number) | undefined

  private constructor (pool: pg.Pool, now: (() => number) | undefined) {
    this.#pool = pool
    this.#now = now
  }

  /** Connects, brings the schema to the newest version, and returns the store. Rejects if the database cannot be reached or migrated. */
  static async open (options: PostgresStoreOptions): Promise<PostgresStore> {
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      // A database that cannot be reached is a 503 within seconds, not a request left hanging
      // on the system's TCP connect timeout; the same bound applies to waiting for a free
      // connection of a saturated pool, which is overload and should be refused too.
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      // A connection whose peer vanished without a reset (a partition, a host gone) is found
      // out by TCP keepalive rather than hanging its query until the kernel gives up.
      keepAlive: true,
      ...(options.schema === undefined ? {} : { options: `-c search_path=${quoteIdentifier(options.schema)}` })
    })
    // Without a handler, a pooled connection that dies while idle (database restarted,
    // network cut) crashes the process. Nothing is lost there: the pool drops that
    // connection, and the next query opens a new one or fails for its caller to report.
    pool.on('error', () => {})
    try {
      await migrate(pool, options.schema)
    } catch (error) {
      await pool.end()
      throw error
    }
    return new PostgresStore(pool, options.now)
  }

  /** One statement on a pooled connection; a fault of the database becomes StoreUnavailableError. */
  async #query<Row extends pg.QueryResultRow> (text: string, values: unknown[]): Promise<pg.QueryResult<Row>> {
    try {
      return await this.#pool.query<Row>(text, values)
    } catch (error) {
      throw isConnectionFault(error) ? new StoreUnavailableError(error) : error
    }
  }

  #clock (): number | null {
    return this.#now === undefined ? null : this.#now()
  }

  async create (record: ConversationRecord): Promise<void> {
    const { conversation } = record
    await this.#query(SQL.insert, [conversation.id, record.tenant, conversation.created_at, conversation.is_complete,
      JSON.stringify(conversation), JSON.stringify(record.state)])
  }

  async get (tenant: string, id: string): Promise<ConversationRecord | undefined> {
    const { rows } = await this.#query<{ document: ConversationRecord['conversation'], state: unknown }>(SQL.get, [id, tenant])
    const row = rows[0]
    return row === undefined ? undefined : { tenant, conversation: row.document, state: row.state }
  }

  async acquireLease (tenant: string, id: string, holder: string, ttlMs: number): Promise<LeaseResult> {
    const { rows } = await this.#query<{ is_complete: boolean, document: ConversationRecord['conversation'] | null, state: unknown }>(
      SQL.lease, [this.#clock(), id, tenant, holder, ttlMs])
    const row = rows[0]
    if (row === undefined) return { status: 'not_found' }
    if (row.document !== null) return { status: 'acquired', record: { tenant, conversation: row.document, state: row.state } }
    return { status: row.is_complete ? 'complete' : 'busy' }
  }

  /**
   * One statement, so one transaction: the document, the engine's state and the freed lease
   * are written together or not at all, and only while `holder` still holds the lease. A
   * connection lost after the statement reached the database but before its answer came back
   * leaves it unknown whether the commit held (as for any networked database); the turn then
   * reports a failure, and the conversation is either unchanged or one turn further, never torn.
   */
  async commitTurn (record: ConversationRecord, holder: string): Promise<boolean> {
    const { conversation } = record
    const { rowCount } = await this.#query(SQL.commit, [JSON.stringify(conversation), JSON.stringify(record.state),
      conversation.is_complete, conversation.id, record.tenant, holder])
    return rowCount === 1
  }

  async releaseLease (tenant: string, id: string, holder: string): Promise<void> {
    await this.#query(SQL.release, [id, tenant, holder])
  }

  /** A real write (one row of `store_probe`), committed: a read succeeds on a standby or a full disk. */
  async ping (): Promise<void> {
    await this.#query(SQL.probe, [])
  }

  async close (): Promise<void> {
    await this.#pool.end()
  }
}

/** `name` as a quoted SQL identifier. */
export function quoteIdentifier (name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

/**
 * Brings the schema to the newest version, in one transaction under a transaction-scoped
 * advisory lock: instances that start together wait for the first, which migrates; the others
 * then read the new version and find nothing left to do. PostgreSQL's DDL is transactional,
 * so a migration that fails leaves the schema as it was.
 */
export async function migrate (pool: pg.Pool, schema?: string): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    // A schema that does not exist yet is no current_schema(): name it, so the key is never null.
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext(COALESCE($2::text, current_schema(), \'\')))', [MIGRATION_LOCK_KEY, schema ?? null])
    if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`)
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())')
    const { rows } = await client.query<{ version: number }>('SELECT COALESCE(max(version), 0)::integer AS version FROM schema_migrations')
    const current = (rows[0] as { version: number }).version
    if (current > MIGRATIONS.length) {
      throw new Error(`the database is at schema version ${current}, newer than this server knows (${MIGRATIONS.length})`)
    }
    for (const [index, sql] of MIGRATIONS.slice(current).entries()) {
      await client.query(sql)
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [current + index + 1])
    }
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}
