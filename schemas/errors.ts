import { Type, type Static } from '@sinclair/typebox'

/** One error of the API, as a client sees it. */
export interface ApiErrorDefinition {
  /** The HTTP status it is answered with; for a stream-only code, the status of `reply` instead. */
  readonly status: number
  /** What a client is told when nothing more specific is safe to say. */
  readonly message: string
  /** When it happens: the contract's own words, shown in the OpenAPI document. */
  readonly when: string
  /**
   * A failure after a stream began (an SSE `error` event). The same failure on a JSON reply,
   * or before the stream began, is answered with this code instead.
   */
  readonly reply?: string
  /** Any failure with this status that has no code of its own gets this one. */
  readonly byStatus?: true
}

/**
 * Every error of the API, defined once: code, status, safe message and when it happens. The
 * plugin's error classes, the mapping of any failure to a code, the error schema's enumeration
 * and the OpenAPI document's error responses and examples are all derived from this table, and
 * so is the README's.
 */
export const API_ERRORS = Object.freeze({
  invalid_request: { status: 400, byStatus: true, message: 'The request is not valid.', when: 'Malformed JSON, a schema violation, a missing `input`, an unsupported value, or a URL that cannot be decoded.' },
  unauthorized: { status: 401, byStatus: true, message: 'Authentication is required.', when: 'Missing, malformed or unknown credentials.' },
  conversation_not_found: { status: 404, message: 'No such conversation.', when: "An unknown conversation id, or another tenant's conversation (never 403: its existence is not revealed)." },
  not_found: { status: 404, byStatus: true, message: 'No such route.', when: 'An unknown route.' },
  method_not_allowed: { status: 405, byStatus: true, message: 'This route does not allow this method.', when: 'The path exists, not for this method; `Allow` lists the methods it does allow.' },
  not_acceptable: { status: 406, byStatus: true, message: 'The Accept header allows no representation this endpoint offers.', when: 'The Accept header allows neither `application/json` nor `text/event-stream`.' },
  request_timeout: { status: 408, byStatus: true, message: 'The request did not arrive in time.', when: 'The request (headers or body) did not arrive in time.' },
  conversation_complete: { status: 409, message: 'The conversation is complete: its diagnosis has been given.', when: 'A chat after the diagnosis.' },
  conversation_busy: { status: 409, message: 'A turn is already in progress on this conversation; retry when it has finished.', when: 'A turn is already in flight on this conversation.' },
  payload_too_large: { status: 413, byStatus: true, message: 'The request body is too large.', when: 'The body is over the size limit.' },
  uri_too_long: { status: 414, byStatus: true, message: 'The URL is too long.', when: 'The URL, or one of its parameters, is over the limit.' },
  unsupported_media_type: { status: 415, byStatus: true, message: 'The request body must be application/json.', when: 'The body is not `application/json`.' },
  rate_limited: { status: 429, byStatus: true, message: 'Too many requests; retry later.', when: 'Over the rate limit; `Retry-After` says when to retry.' },
  headers_too_large: { status: 431, byStatus: true, message: 'The request headers are too large.', when: 'The request headers are over the limit.' },
  internal_error: { status: 500, byStatus: true, message: 'An unexpected error occurred.', when: 'Anything unexpected; the message never carries internals.' },
  unavailable: { status: 503, byStatus: true, message: 'The service is unavailable; retry later.', when: 'Shutting down, overloaded, the engine timed out on a JSON reply, or the store cannot write; `Retry-After` says when to retry.' },
  stream_error: { status: 500, reply: 'internal_error', message: 'An unexpected error occurred.', when: 'An unexpected failure after the stream began.' },
  engine_timeout: { status: 503, reply: 'unavailable', message: 'The engine did not answer in time.', when: 'The engine made no progress for too long after the stream began.' },
  shutting_down: { status: 503, reply: 'unavailable', message: 'The server is shutting down.', when: 'The server closed while the stream was live.' }
} satisfies Record<string, ApiErrorDefinition>)

/** A machine-readable error code of the API. */
export type ErrorCodeValue = keyof typeof API_ERRORS

/** Every error code, in the table's order. */
export const ERROR_CODES = Object.freeze(Object.keys(API_ERRORS) as ErrorCodeValue[])

type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S

/** Every error code by a camel-case name, for code that names one: `ErrorCode.conversationBusy`. */
export const ErrorCode = Object.freeze(Object.fromEntries(ERROR_CODES.map((code) =>
  [code.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase()), code]))) as { readonly [Code in ErrorCodeValue as CamelCase<Code>]: Code }

/** The codes of `error` events: failures after a stream began. */
export const STREAM_ERROR_CODES = Object.freeze(ERROR_CODES.filter((code) => (API_ERRORS[code] as ApiErrorDefinition).reply !== undefined))

export const ErrorResponseSchema = Type.Object({
  error: Type.Object({
    code: Type.Union(ERROR_CODES.map((code) => Type.Literal(code)), {
      description: 'Machine-readable error code. Clients should treat a code they do not know like its HTTP status.'
    }),
    message: Type.String({ description: 'Human-readable; never a stack, a path or patient text' })
  }, { additionalProperties: false })
}, { $id: 'ErrorResponse', additionalProperties: false })
export type ErrorResponse = Static<typeof ErrorResponseSchema>
