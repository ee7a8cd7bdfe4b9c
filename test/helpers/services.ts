import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { Test } from 'tap'
import { quoteIdentifier } from '../../server/store/postgres.js'

/**
 * The PostgreSQL the end-to-end tests use: DATABASE_TEST_URL, or nothing (a fresh clone has
 * no database beside it; the tests that need one are skipped, saying how to run them).
 * `.ci/run` sets it, and there an unreachable database fails the tests rather than skipping them.
 */
export const DATABASE_TEST_URL = process.env.DATABASE_TEST_URL

export const POSTGRES_SKIP = 'set DATABASE_TEST_URL=postgres://postgres@127.0.0.1:5432/test to run the PostgreSQL tests'

/** The Redis the end-to-end tests use: REDIS_TEST_URL, or nothing (those tests are skipped, saying how to run them). */
export const REDIS_TEST_URL = process.env.REDIS_TEST_URL

export const REDIS_SKIP = 'set REDIS_TEST_URL=redis://127.0.0.1:6379 to run the Redis tests'

/** Runs one statement on a connection of its own. */
export async function sql (url: string, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await client.query(text, values)
  } finally {
    await client.end()
  }
}

/**
 * A new schema's name, unique to this test, dropped with everything in it when the test ends:
 * parallel test files and reruns never share tables. `PostgresStore.open` creates it when
 * given it as `schema`; `createTestSchema` creates it first, for a server given only a URL.
 */
export function testSchema (t: Test, url: string): string {
  const name = `test_${process.pid}_${randomBytes(4).toString('hex')}`
  t.teardown(() => sql(url, `DROP SCHEMA IF EXISTS ${quoteIdentifier(name)} CASCADE`))
  return name
}

/** A new schema (see `testSchema`), created, and a DATABASE_URL whose connections use it. */
export async function createTestSchema (t: Test, url: string): Promise<{ schema: string, url: string }> {
  const schema = testSchema(t, url)
  await sql(url, `CREATE SCHEMA ${quoteIdentifier(schema)}`)
  return { schema, url: urlWithSchema(url, schema) }
}

/** `url` with the schema every connection of a server process should use (libpq's `options`). */
export function urlWithSchema (url: string, schema: string): string {
  const withSchema = new URL(url)
  withSchema.searchParams.set('options', `-c search_path=${schema}`)
  return withSchema.toString()
}
