import createError from '@fastify/error'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { ErrorCode, type ErrorCodeValue, type ErrorResponse } from '../schemas/errors.js'

/**
 * Every error the plugin (or an engine) throws. One code prefix; the API code is the rest of
 * the code in lower case, so `CHATS_CONVERSATION_BUSY` answers `conversation_busy`.
 */
export const ERROR_CODE_PREFIX = 'CHATS_'

export const InvalidRequestError = createError('CHATS_INVALID_REQUEST', '%s', 400)
export const UnauthorizedError = createError('CHATS_UNAUTHORIZED', 'A valid bearer token is required.', 401)
export const ConversationNotFoundError = createError('CHATS_CONVERSATION_NOT_FOUND', 'No such conversation.', 404)
export const RouteNotFoundError = createError('CHATS_ROUTE_NOT_FOUND', 'No such route.', 404)
export const NotAcceptableError = createError('CHATS_NOT_ACCEPTABLE', 'This endpoint answers application/json or text/event-stream; the Accept header allows neither.', 406)
export const ConversationCompleteError = createError('CHATS_CONVERSATION_COMPLETE', 'The conversation is complete: its diagnosis has been given.', 409)
export const ConversationBusyError = createError('CHATS_CONVERSATION_BUSY', 'A turn is already in progress on this conversation; retry when it has finished.', 409)
/** The server is closing and takes no new work. */
export const UnavailableError = createError('CHATS_UNAVAILABLE', 'The server is shutting down; retry shortly.', 503)
/** The engine took longer than `engineTimeoutMs` to make progress. */
export const EngineTimeoutError = createError('CHATS_ENGINE_TIMEOUT', 'The engine did not answer in time.', 503)
/** The server is closing: a turn still running after the grace period is ended. */
export const ShuttingDownError = createError('CHATS_SHUTTING_DOWN', 'The server is shutting down.', 503)
/** The client went away before the reply was complete. Never sent; the abort reason the engine sees. */
export const ClientClosedError = createError('CHATS_CLIENT_CLOSED', 'The client closed the connection.', 499)
/** The turn ended without its response (the engine failed, or the reply could not be sent). The abort reason the engine sees. */
export const TurnAbandonedError = createError('CHATS_TURN_ABANDONED', 'The turn was abandoned before it finished.', 500)
/** A bad plugin option: fails `ready()` and says how to fix it. */
export const InvalidOptionError = createError('CHATS_INVALID_OPTION', 'Invalid option %s: %s', 500)

const STATUS_CODES: Record<number, ErrorCodeValue> = {
  400: ErrorCode.invalidRequest,
  401: ErrorCode.unauthorized,
  404: ErrorCode.notFound,
  406: ErrorCode.notAcceptable,
  413: ErrorCode.payloadTooLarge,
  415: ErrorCode.unsupportedMediaType,
  429: ErrorCode.rateLimited,
  503: ErrorCode.unavailable
}

/** API codes of our own errors that differ from the plain status mapping. */
const OWN_CODES: Record<string, ErrorCodeValue> = {
  CHATS_CONVERSATION_NOT_FOUND: ErrorCode.conversationNotFound,
  CHATS_CONVERSATION_COMPLETE: ErrorCode.conversationComplete,
  CHATS_CONVERSATION_BUSY: ErrorCode.conversationBusy
}

/** Failures that end a stream with their own code; on a JSON reply they are 503 `unavailable`. */
const STREAM_CODES: Record<string, ErrorCodeValue> = {
  CHATS_ENGINE_TIMEOUT: ErrorCode.engineTimeout,
  CHATS_SHUTTING_DOWN: ErrorCode.shuttingDown
}

/** What a client is told when nothing more specific is safe to say. */
const SAFE_MESSAGES: Record<ErrorCodeValue, string> = {
  invalid_request: 'The request is not valid.',
  unauthorized: 'A valid bearer token is required.',
  conversation_not_found: 'No such conversation.',
  not_found: 'No such route.',
  not_acceptable: 'The Accept header allows no representation this endpoint offers.',
  conversation_complete: 'The conversation is complete.',
  conversation_busy: 'A turn is already in progress on this conversation.',
  payload_too_large: 'The request body is too large.',
  unsupported_media_type: 'The request body must be application/json.',
  rate_limited: 'Too many requests; retry later.',
  internal_error: 'An unexpected error occurred.',
  unavailable: 'The service is unavailable; retry later.',
  stream_error: 'An unexpected error occurred.',
  engine_timeout: 'The engine did not answer in time.',
  shutting_down: 'The server is shutting down.'
}

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

/**
 * The one place where any failure becomes the API's ErrorResponse. A message reaches the
 * client only when it is known to be safe: our own errors, schema validation (names the
 * field) and Fastify's fixed texts. Anything else (a JSON parse error quotes the body, an
 * engine bug may quote anything) gets the code's fixed message.
 */
export function toApiError (error: ErrorLike): ApiError {
  const statusCode = statusOf(error)
  const code = typeof error.code === 'string' ? error.code : ''
  const apiCode = (Object.hasOwn(OWN_CODES, code) ? OWN_CODES[code] : undefined) ??
    (statusCode >= 500 && statusCode !== 503 ? ErrorCode.internalError : STATUS_CODES[statusCode] ?? ErrorCode.invalidRequest)
  const trusted = typeof error.message === 'string' && (code.startsWith(ERROR_CODE_PREFIX) ||
    (statusCode < 500 && (code.startsWith('FST_ERR_') || error.validation !== undefined)))
  const message = trusted ? error.message as string : SAFE_MESSAGES[apiCode]
  return { statusCode, body: { error: { code: apiCode, message } } }
}

/** The payload of an SSE `error` event for a failure after the stream began. */
export function streamErrorBody (reason: unknown): ErrorResponse {
  const code = (reason as ErrorLike | undefined)?.code
  const apiCode = (typeof code === 'string' && Object.hasOwn(STREAM_CODES, code) ? STREAM_CODES[code] : undefined) ?? ErrorCode.streamError
  return { error: { code: apiCode, message: SAFE_MESSAGES[apiCode] } }
}

/**
 * The error handler: any failure becomes its status and ErrorResponse; unexpected ones are
 * logged (the client never sees their text), and a 503 says when to retry.
 */
export function replyWithApiError (error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { statusCode, body } = toApiError(error)
  if (statusCode >= 500) request.log.error({ err: error }, 'request failed')
  if (statusCode === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', '1')
  return reply.code(statusCode).type('application/json; charset=utf-8').send(body)
}
