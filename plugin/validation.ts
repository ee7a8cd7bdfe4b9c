import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js'
import { NOT_BLANK_PATTERN } from '../schemas/chat.js'
import { CONVERSATION_ID_INPUT_PATTERN } from '../schemas/common.js'
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify/types/schema.js'

/**
 * Request validation against exactly the JSON Schema the OpenAPI document publishes, with
 * JSON Schema's own semantics (2020-12, as OpenAPI 3.1 uses): lengths in Unicode code points,
 * patterns with the `u` flag, `if`/`else`. Strict: no type coercion, no defaults written into
 * the body, no silent removal of unknown fields. One validator per route, compiled at start.
 */
export function createValidatorCompiler (): FastifySchemaCompiler<unknown> {
  const ajv = new Ajv2020({
    coerceTypes: false,
    useDefaults: false,
    removeAdditional: false,
    allErrors: false,
    strict: true,
    // Shared schemas ($id) are resolved by the route's schema, not kept between routes.
    addUsedSchema: false
  })
  return function compileValidator ({ schema }) {
    return ajv.compile(schema as object)
  }
}

/** Patterns whose failure means something simpler than the pattern. */
const PATTERN_MESSAGES: Readonly<Record<string, string>> = Object.freeze({
  [NOT_BLANK_PATTERN]: 'must contain a character that is not whitespace',
  [CONVERSATION_ID_INPUT_PATTERN]: 'must contain only letters, digits and . _ ~ -'
})

/** Values of the `const` and `enum` errors at the first error's place: what that value may be. */
function allowedValues (errors: readonly ErrorObject[], path: string): unknown[] {
  return errors.filter((error) => error.instancePath === path).flatMap((error) =>
    error.keyword === 'const' ? [error.params.allowedValue] : error.keyword === 'enum' ? error.params.allowedValues as unknown[] : [])
}

/**
 * One message naming the field and what it must be: `body/personality must be one of:
 * professional, friendly`. Never the value itself (it may be patient text).
 */
export function formatSchemaErrors (errors: FastifySchemaValidationError[], dataVar: string): Error {
  const list = errors as unknown as ErrorObject[]
  const first = list[0] as ErrorObject
  const path = first.instancePath
  const missing = first.keyword === 'required' ? `/${String(first.params.missingProperty)}` : ''
  const allowed = allowedValues(list, path)
  const message = first.keyword === 'required'
    ? 'is required'
    : allowed.length > 0
      ? `must be one of: ${allowed.join(', ')}`
      : first.keyword === 'pattern'
        ? PATTERN_MESSAGES[String(first.params.pattern)] ?? 'has an invalid format'
        : first.keyword === 'additionalProperties'
          ? `must not have the field ${String(first.params.additionalProperty)}`
          : first.message ?? 'is not valid'
  return new Error(`${dataVar}${path}${missing} ${message}`)
}
