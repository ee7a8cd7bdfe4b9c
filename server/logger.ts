import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { FastifyRequest, FastifyServerOptions } from 'fastify'

export const REQUEST_ID_HEADER = 'x-request-id'
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/

/** A caller's request id when it is a plain token, else a new one: a header never shapes our logs. */
export function requestId (request: IncomingMessage): string {
  const incoming = request.headers[REQUEST_ID_HEADER]
  return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID()
}

/** A token sent in the URI (which the API refuses, RFC 6750 §2.3) must not reach the log with the URL. */
const ACCESS_TOKEN_PARAMETER = /([?&]access_token=)[^&#]*/gi

/** Fastify's request line, with any `access_token` query parameter's value redacted. */
function serializeRequest (request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: request.url.replace(ACCESS_TOKEN_PARAMETER, '$1[redacted]'),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort
  }
}

/**
 * Pino through Fastify: pretty on a terminal, JSON lines otherwise. Request lines carry
 * method, URL and ids only (no headers, no bodies); redaction is the second line of defence
 * for anything that logs a request or a body by mistake.
 */
export function loggerOptions (level: string, pretty: boolean): FastifyServerOptions['logger'] {
  return {
    level,
    serializers: { req: serializeRequest },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'authorization', 'req.body', 'body', 'input', 'content', 'messages'],
      censor: '[redacted]'
    },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } } : {})
  }
}
