import type { IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyInstance } from 'fastify'

/**
 * Ends, when the server closes, the connections that never carried a request.
 *
 * Node's `server.close()` ends idle keep-alive connections, but it counts a connection that
 * has sent nothing yet as busy (its headers timeout is running), and waits for it: one socket
 * that a browser or an HTTP client opened ahead of need (speculative preconnect; Node's fetch
 * opens one after an aborted request) held a shutdown for the whole `headersTimeout`, past
 * the shutdown's own deadline. Such a connection has no request to lose, so it is ended.
 *
 * Register it after the API: its `preClose` then runs once the API's live turns have ended,
 * and a connection opened during the grace still gets its answer (503 `unavailable`).
 */
export default async function unusedConnections (fastify: FastifyInstance): Promise<void> {
  const unused = new Set<Socket>()
  function forget (this: Socket): void {
    unused.delete(this)
  }
  fastify.server.on('connection', function trackUnused (socket: Socket) {
    unused.add(socket)
    socket.on('close', forget)
  })
  fastify.server.on('request', function markUsed (request: IncomingMessage) {
    unused.delete(request.socket)
  })
  fastify.addHook('preClose', function endUnusedConnections (done) {
    for (const socket of unused) socket.destroy()
    unused.clear()
    done()
  })
}
