import type { ErrorCodeValue } from '../schemas/errors.js'

/**
 * An error the API answered in its `ErrorResponse` shape: an HTTP error status before any
 * stream began (`status` is that status), or an `error` event inside a stream (`status` is
 * 200, the stream's status, and `code` is `stream_error`, `engine_timeout` or `shutting_down`).
 */
export class ApiError extends Error {
  override name = 'ApiError'
  /** The HTTP status of the response that carried the error. */
  readonly status: number
  /** The API's machine-readable code (the contract's error table). */
  readonly code: ErrorCodeValue
  /** The response's `x-request-id`, for support and logs; undefined when the server sent none. */
  readonly requestId: string | undefined
  /** Seconds to wait before retrying, from `Retry-After` (delta-seconds or an HTTP date); undefined when absent. */
  readonly retryAfter: number | undefined

  constructor (init: { status: number, code: ErrorCodeValue, message: string, requestId?: string | undefined, retryAfter?: number | undefined }) {
    super(init.message)
    this.status = init.status
    this.code = init.code
    this.requestId = init.requestId
    this.retryAfter = init.retryAfter
  }
}

/** What broke the contract: each kind names the rule a reply or a stream did not keep. */
export type ProtocolViolation =
  | 'unexpected_response'
  | 'framing'
  | 'unknown_event'
  | 'invalid_payload'
  | 'mixed_response_ids'
  | 'event_after_terminal'
  | 'missing_terminal_event'

/**
 * The server's reply broke the contract: a body that is not the documented JSON, a stream
 * whose framing or payloads are wrong, an event after the terminal one, or a stream that ended
 * without `done` or `error`. Never a silent end: the caller learns the reply is not to be trusted.
 */
export class ProtocolError extends Error {
  override name = 'ProtocolError'
  readonly violation: ProtocolViolation
  /** The HTTP status of the offending response. */
  readonly status: number
  readonly requestId: string | undefined

  constructor (violation: ProtocolViolation, message: string, response: { status: number, requestId?: string | undefined }) {
    super(message)
    this.violation = violation
    this.status = response.status
    this.requestId = response.requestId
  }
}
