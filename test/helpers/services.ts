import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { Test } from 'tap'
import { quoteIdentifier } from '../../server/store/postgres.js'

/**
 * The PostgreSQL and Redis the end-to-end tests use, named by DATABASE_TEST_URL and
 * REDIS_TEST_URL: a file that needs one reads it with `requireEnv` (helpers/requires.ts), so
 * a fresh clone skips it with one line, and `.ci/run`, which sets both, fails when one is
 * unreachable rather than skipping.
 */
export const DATABASE_TEST_URL_EXAMPLE = 'postgres://postgres@127.0.0.1:5432/test'
export const REDIS_TEST_URL_EXAMPLE = 'redis://127.0.0.1:6379'

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
