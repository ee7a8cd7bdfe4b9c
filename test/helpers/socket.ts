import { once } from 'node:events'
import { request, type ClientRequest, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'

/** Listens on 127.0.0.1, on a port the system picks; returns the port. */
export async function listen (app: FastifyInstance): Promise<number> {
  await app.listen({ host: '127.0.0.1', port: 0 })
  return (app.server.address() as AddressInfo).port
}

export interface OpenStream {
  request: ClientRequest
  response: IncomingMessage
  /** Everything received so far. */
  text: () => string
  /** Resolves with the whole body once the server ends the response. */
  ended: Promise<string>
}

/** POSTs a chat turn asking for a stream over a real socket and resolves once headers arrive. */
export async function openStream (port: number, payload: unknown, path = '/v1/chats', headers: Record<string, string> = {}): Promise<OpenStream> {
  const body = JSON.stringify(payload)
  const req = request({
    host: '127.0.0.1',
    port,
    path,
    method: 'POST',
    headers: { accept: 'text/event-stream', 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers }
  })
  req.on('error', () => {}) // aborting on purpose is part of these tests
  req.end(body)
  const [response] = await once(req, 'response') as [IncomingMessage]
  response.setEncoding('utf8')
  let received = ''
  response.on('data', (chunk: string) => { received += chunk })
  response.on('error', () => {})
  const ended = new Promise<string>((resolve) => {
    response.on('end', () => resolve(received))
    response.on('close', () => resolve(received))
  })
  return { request: req, response, text: () => received, ended }
}
