import type { Server } from 'node:http'
import type { FastifyHttpOptions } from 'fastify'
import { parseTrustProxy, type Config } from './config.js'

/**
 * How often Node checks connections against the request timeout: a quarter of it, at most a
 * second, so a stalled request is answered at most that late. Node's default, 30 s, would let
 * a 30 s timeout fire anywhere between 30 and 60 s.
 */
export function connectionsCheckingInterval (requestTimeoutMs: number): number {
  return Math.max(1, Math.min(1000, Math.floor(requestTimeoutMs / 4)))
}

/**
 * The listener's HTTP/1.1 timeouts. A request's head and body must both arrive within
 * `REQUEST_TIMEOUT_MS` of its first byte (Node's `requestTimeout` and `headersTimeout`), or it is
 * answered 408 and its connection closed: a client that announces a body and stalls, or never
 * finishes its headers, cannot hold a connection. The response is not bounded: a stream may
 * last as long as its turn. An idle keep-alive connection is closed after 72 s, above the 60 s
 * idle cut of common load balancers, so they close first.
 */
export function httpServerOptions (config: Pick<Config, 'REQUEST_TIMEOUT_MS'> & Partial<Pick<Config, 'TRUST_PROXY'>>): FastifyHttpOptions<Server> {
  return {
    trustProxy: parseTrustProxy(config.TRUST_PROXY),
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    keepAliveTimeout: 72_000,
    http: {
      requestTimeout: config.REQUEST_TIMEOUT_MS,
      headersTimeout: config.REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: connectionsCheckingInterval(config.REQUEST_TIMEOUT_MS)
    }
  }
}
