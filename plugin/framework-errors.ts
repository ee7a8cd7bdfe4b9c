import { randomUUID } from 'node:crypto'
import { METHODS, STATUS_CODES, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions, HookHandlerDoneFunction } from 'fastify'
import { API_ERRORS, type ErrorCodeValue } from '../schemas/errors.js'
import { MethodNotAllowedError, RouteNotFoundError, replyWithApiError, toApiError } from './errors.js'

/**
 * Whether a route answers `method` on this URL. A catch-all (`OPTIONS *` from a CORS plugin)
 * does not make every path a resource.
 */
function isRoute (fastify: FastifyInstance, method: string, url: string): boolean {
  const route = fastify.findRoute({ method: method as 'GET', url })
  return route !== null && !Object.hasOwn(route.params as object, '*')
}

/**
 * A request no route of any method matches is 404 `not_found`; one whose path has routes for
 * other methods is 405 `method_not_allowed` with `Allow` listing them (RFC 9110 §15.5.6).
 * Decided on `onRequest`, before any body is read: a body sent to no route is never parsed.
 */
function refuseUnknownRoute (this: FastifyInstance, request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  const allowed = METHODS.filter((method) => isRoute(this, method, request.url))
  if (allowed.length === 0) {
    done(new RouteNotFoundError())
    return
  }
  reply.header('allow', allowed.join(', '))
  done(new MethodNotAllowedError())
}

/**
 * The not-found handler of the context it is registered in (with its prefix), answering in
 * the API's shape. A context of its own, so its `onRequest` hook runs for unknown routes only.
 */
export async function unknownRoutes (fastify: FastifyInstance): Promise<void> {
  fastify.setErrorHandler(replyWithApiError)
  fastify.addHook('onRequest', refuseUnknownRoute)
  // Reached without the hook only by `reply.callNotFound()` from a route that exists.
  fastify.setNotFoundHandler(function routeNotFound () {
    throw new RouteNotFoundError()
  })
}

export interface FrameworkErrorOptions {
  /**
   * The response header that carries the request id (Fastify's `request.id`; a new id for a
   * request the HTTP parser refused, which never becomes a Fastify request). None if unset.
   */
  requestIdHeader?: string
  /** Makes the id of a request the HTTP parser refused. @default crypto.randomUUID */
  genReqId?: () => string
}

type FrameworkErrorsHandler = NonNullable<FastifyServerOptions['frameworkErrors']>
type ClientErrorHandler = NonNullable<FastifyServerOptions['clientErrorHandler']>

/** A line of a request head that begins with a method token, a space and a target: the request line. */
const REQUEST_LINE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+ (?:\/|https?:|\*)/

/**
 * What the HTTP parser's error answers. A head over Node's `maxHeaderSize` is 431, unless the
 * line it overflowed in is the request line: that is a URL too long, 414. The parser gives
 * the packet it was reading and how far it got; the overflowing line starts after the last
 * CRLF before that point (when that is not in this packet, it cannot be told: 431).
 */
export function clientErrorCode (error: { code?: string, bytesParsed?: number, rawPacket?: Buffer }): ErrorCodeValue {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return 'request_timeout'
    case 'HPE_HEADER_OVERFLOW': {
      const packet = error.rawPacket
      if (packet === undefined) return 'headers_too_large'
      const at = Math.min(error.bytesParsed ?? packet.length, packet.length)
      const lineStart = packet.lastIndexOf('\r\n', at)
      const line = packet.subarray(lineStart === -1 ? 0 : lineStart + 2, at).toString('latin1')
      return REQUEST_LINE.test(line) ? 'uri_too_long' : 'headers_too_large'
    }
    default:
      return 'invalid_request'
  }
}

/**
 * Fastify server options that answer what the router, the framework and the HTTP parser refuse
 * (a URL that cannot be decoded, a path parameter over `maxParamLength`, a head over
 * `maxHeaderSize`, a request that did not arrive in time, a malformed request) in the API's
 * shape, with the request id, and log one line for each. A host passes them to `Fastify()`:
 * `Fastify({ ...frameworkErrorOptions({ requestIdHeader: 'x-request-id' }) })`.
 */
export function frameworkErrorOptions (options: FrameworkErrorOptions = {}): { frameworkErrors: FrameworkErrorsHandler, clientErrorHandler: ClientErrorHandler } {
  const { requestIdHeader, genReqId = randomUUID } = options

  function frameworkErrors (error: Parameters<FrameworkErrorsHandler>[0], request: FastifyRequest, reply: FastifyReply): void {
    if (requestIdHeader !== undefined) reply.header(requestIdHeader, request.id)
    const { statusCode, body } = toApiError(error)
    request.log.info({ statusCode, code: body.error.code }, 'request refused by the router')
    replyWithApiError(error, request, reply)
  }

  function clientErrorHandler (this: FastifyInstance, error: Error & { code?: string }, socket: Socket): void {
    // A reset connection has no one to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return
    const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage
    // Bytes after a request that said `Connection: close` (a pipelined request): RFC 9112 §9.6
    // has the server close once it has answered, so they are ignored and the answer still goes
    // out whole. Answering them (400) would have taken the place of that answer.
    if (error.code === 'HPE_CLOSED_CONNECTION' && inFlight != null) {
      this.log.info({ parserCode: error.code }, 'bytes after Connection: close ignored')
      return
    }
    const code = clientErrorCode(error)
    const { status, message } = API_ERRORS[code]
    const id = genReqId()
    // Never the error itself: its raw packet holds the request's headers, tokens included.
    this.log.info({ reqId: id, statusCode: status, code, parserCode: error.code }, 'request refused by the HTTP parser')
    // As Node does: answer only when no response has begun on this connection.
    if (socket.writable && (inFlight == null || !inFlight.headersSent)) {
      const body = JSON.stringify({ error: { code, message } })
      socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status] as string}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        (requestIdHeader === undefined ? '' : `${requestIdHeader}: ${id}\r\n`) +
        'Connection: close\r\n\r\n' + body)
    }
    socket.destroy(error)
  }

  return { frameworkErrors, clientErrorHandler }
}
