import createError, { type FastifyErrorConstructor } from '@fastify/error'
import type { FastifyBaseLogger, FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { API_ERRORS, type ApiErrorDefinition, type ErrorCodeValue, type ErrorResponse } from '../schemas/errors.js'

/**
 * Every error the plugin (or an engine) throws. One code prefix; the API code is the rest of
 * the code in lower case, so `CHATS_CONVERSATION_BUSY` answers `conversation_busy`. Status and
 * message come from the API's error table (`API_ERRORS`), where each error is defined once.
 */
export const ERROR_CODE_PREFIX = 'CHATS_'

/**
 * An error class of this package: `new X(...args)` (or `X(...args)`) is a `FastifyError` with
 * this `code` and `statusCode`, and `instanceof X` recognises it. Named so that declarations
 * do not depend on how a consumer resolves `@fastify/error`'s namespace.
 */
export type ChatsErrorClass<Code extends string, Status extends number, Args extends unknown[] = []> =
  FastifyErrorConstructor<{ code: Code, statusCode: Status }, Args>

function definitionOf (code: string): ApiErrorDefinition | undefined {
  return Object.hasOwn(API_ERRORS, code) ? API_ERRORS[code as ErrorCodeValue] : undefined
}

/**
 * The error class of an API error. Its type (literal code and status) comes from the declaration
 * it is assigned to, which the type tests and test/public-api.test.ts hold to API_ERRORS.
 */
function apiError<Class extends ChatsErrorClass<string, number, never[]>> (code: ErrorCodeValue, message: string = API_ERRORS[code].message): Class {
  return createError(ERROR_CODE_PREFIX + code.toUpperCase(), message, API_ERRORS[code].status) as unknown as Class
}

/** A bad request; the message (required) names the field and says what is wrong. */
export const InvalidRequestError: ChatsErrorClass<'CHATS_INVALID_REQUEST', 400, [message: string]> = apiError('invalid_request', '%s')
export const UnauthorizedError: ChatsErrorClass<'CHATS_UNAUTHORIZED', 401> = apiError('unauthorized')
export const ConversationNotFoundError: ChatsErrorClass<'CHATS_CONVERSATION_NOT_FOUND', 404> = apiError('conversation_not_found')
export const RouteNotFoundError: ChatsErrorClass<'CHATS_NOT_FOUND', 404> = apiError('not_found')
/** Throw after setting the `Allow` header. */
export const MethodNotAllowedError: ChatsErrorClass<'CHATS_METHOD_NOT_ALLOWED', 405> = apiError('method_not_allowed')
export const NotAcceptableError: ChatsErrorClass<'CHATS_NOT_ACCEPTABLE', 406> = apiError('not_acceptable')
export const ConversationCompleteError: ChatsErrorClass<'CHATS_CONVERSATION_COMPLETE', 409> = apiError('conversation_complete')
export const ConversationBusyError: ChatsErrorClass<'CHATS_CONVERSATION_BUSY', 409> = apiError('conversation_busy')
/** The server takes no new work (closing, overloaded, storage down); `Retry-After` is set. */
export const UnavailableError: ChatsErrorClass<'CHATS_UNAVAILABLE', 503> = apiError('unavailable')
/** The engine took longer than `engineTimeoutMs` to make progress. */
export const EngineTimeoutError: ChatsErrorClass<'CHATS_ENGINE_TIMEOUT', 503> = apiError('engine_timeout')
/** The server is closing: a turn still running after the grace period is ended. */
export const ShuttingDownError: ChatsErrorClass<'CHATS_SHUTTING_DOWN', 503> = apiError('shutting_down')
/** The client went away before the reply was complete. Never sent; the abort reason the engine sees. */
export const ClientClosedError: ChatsErrorClass<'CHATS_CLIENT_CLOSED', 499> = createError('CHATS_CLIENT_CLOSED', 'The client closed the connection.', 499)
/** The turn ended without its response (the engine failed, or the reply could not be sent). The abort reason the engine sees. */
export const TurnAbandonedError: ChatsErrorClass<'CHATS_TURN_ABANDONED', 500> = createError('CHATS_TURN_ABANDONED', 'The turn was abandoned before it finished.', 500)
/** A bad plugin option: fails `ready()` and says how to fix it. */
export const InvalidOptionError: ChatsErrorClass<'CHATS_INVALID_OPTION', 500, [option: string, expected: string]> = createError('CHATS_INVALID_OPTION', 'Invalid option %s: %s', 500)

/** The code of a failure that has none of its own, by status. */
const CODE_BY_STATUS = new Map<number, ErrorCodeValue>(
  (Object.entries(API_ERRORS) as Array<[ErrorCodeValue, ApiErrorDefinition]>)
    .filter(([, definition]) => definition.byStatus === true)
    .map(([code, definition]) => [definition.status, code])
)

/** Fastify's router errors whose status says less than their code. */
const FRAMEWORK_CODES: Readonly<Record<string, ErrorCodeValue>> = Object.freeze({
  FST_ERR_BAD_URL: 'invalid_request',
  FST_ERR_MAX_PARAM_LENGTH: 'uri_too_long'
})

interface ErrorLike {
  statusCode?: unknown
  code?: unknown
  message?: unknown
  validation?: unknown
}

export interface ApiError {
  statusCode: number
  body: ErrorResponse
}

function statusOf (error: ErrorLike): number {
  const status = error.statusCode
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500
}

/** Our own error's API code, or undefined for anyone else's. */
function ownCode (code: string): ErrorCodeValue | undefined {
  if (!code.startsWith(ERROR_CODE_PREFIX)) return undefined
  const apiCode = code.slice(ERROR_CODE_PREFIX.length).toLowerCase()
  return definitionOf(apiCode) === undefined ? undefined : apiCode as ErrorCodeValue
}

function replyCodeOf (error: ErrorLike, statusCode: number): ErrorCodeValue {
  const code = typeof error.code === 'string' ? error.code : ''
  const own = ownCode(code)
  if (own !== undefined) return (API_ERRORS[own] as ApiErrorDefinition).reply as ErrorCodeValue | undefined ?? own
  if (Object.hasOwn(FRAMEWORK_CODES, code)) return FRAMEWORK_CODES[code] as ErrorCodeValue
  return CODE_BY_STATUS.get(statusCode) ?? (statusCode >= 500 ? 'internal_error' : 'invalid_request')
}

/**
 * The one place where any failure becomes the API's ErrorResponse. A message reaches the
 * client only when it is known to be safe: our own errors, schema validation (names the
 * field) and Fastify's fixed texts. Anything else (a JSON parse error quotes the body, an
 * engine bug may quote anything) gets the code's fixed message.
 */
export function toApiError (error: ErrorLike): ApiError {
  const statusCode = statusOf(error)
  const code = typeof error.code === 'string' ? error.code : ''
  const apiCode = replyCodeOf(error, statusCode)
  const trusted = typeof error.message === 'string' && (code.startsWith(ERROR_CODE_PREFIX) ||
    (statusCode < 500 && (code.startsWith('FST_ERR_') || error.validation !== undefined)))
  // Fastify's router texts quote the URL: a path may carry patient text.
  const message = trusted && !Object.hasOwn(FRAMEWORK_CODES, code) ? error.message as string : API_ERRORS[apiCode].message
  return { statusCode, body: { error: { code: apiCode, message } } }
}

/** The payload of an SSE `error` event for a failure after the stream began. */
export function streamErrorBody (reason: unknown): ErrorResponse {
  const code = (reason as ErrorLike | undefined)?.code
  const own = typeof code === 'string' ? ownCode(code) : undefined
  const apiCode: ErrorCodeValue = own !== undefined && (API_ERRORS[own] as ApiErrorDefinition).reply !== undefined ? own : 'stream_error'
  return { error: { code: apiCode, message: API_ERRORS[apiCode].message } }
}

/**
 * Logs a failure that ends a request or a stream. A 503 is a refusal the server chose
 * (closing, overloaded, a store that cannot write, an engine too slow), whose cause is
 * reported once where it is known: info, its code and no stack, as one line per request
 * while it lasts. Anything else is unexpected: error, with the stack.
 */
export function logFailure (log: FastifyBaseLogger, error: unknown, message: string): void {
  const failure = (error ?? {}) as ErrorLike
  if (statusOf(failure) === 503) {
    log.info({ refused: typeof failure.code === 'string' ? failure.code : 'unavailable' }, message)
  } else {
    log.error({ err: error }, message)
  }
}

/**
 * The error handler: any failure becomes its status and ErrorResponse; server-side ones are
 * logged (the client never sees their text), and a 503 says when to retry.
 */
export function replyWithApiError (error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { statusCode, body } = toApiError(error)
  if (statusCode >= 500) logFailure(request.log, error, 'request failed')
  if (statusCode === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', '1')
  return reply.code(statusCode).type('application/json; charset=utf-8').send(body)
}
