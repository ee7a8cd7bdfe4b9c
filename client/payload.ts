import type { Static, TSchema } from '@sinclair/typebox'
import { Value, type ValueError } from '@sinclair/typebox/value'
import { schemas } from '../schemas/index.js'

const references = [...schemas]

/**
 * Reads a payload as the contract's type, or returns the first rule it breaks. Clients must
 * ignore fields they do not know, so unknown properties are dropped before the check
 * instead of failing it: a newer server's extra field never breaks an older client. `Value`
 * interprets the schema (no code generation), so this runs under a browser's
 * Content-Security-Policy that forbids `eval`.
 */
export function readPayload<T extends TSchema> (schema: T, value: unknown): { ok: true, value: Static<T> } | { ok: false, violation: string } {
  const cleaned = Value.Clean(schema, references, value)
  if (Value.Check(schema, references, cleaned)) return { ok: true, value: cleaned as Static<T> }
  // The check failed, so there is a first error.
  const error = Value.Errors(schema, references, cleaned).First() as ValueError
  return { ok: false, violation: `${error.path === '' ? '/' : error.path} ${error.message}` }
}
