import { connect, type Socket } from 'node:net'
import Fastify, { type FastifyServerOptions, type onRequestAsyncHookHandler } from 'fastify'
import t, { type Test } from 'tap'
import fastifyChats from '../plugin/index.js'
import { createConversation } from './helpers/app.js'
import { FakeEngine, until } from './helpers/fake-engine.js'
import { listen } from './helpers/socket.js'

/** A raw HTTP/1.x connection: what the server sent, and whether it closed its side. */
class Connection {
  readonly socket: Socket
  text = ''
  closedByServer = false
  readonly closed: Promise<void>

  constructor (port: number) {
    this.socket = connect(port, '127.0.0.1')
    this.socket.setEncoding('utf8')
    this.socket.on('data', (chunk: string) => { this.text += chunk })
    this.closed = new Promise((resolve) => this.socket.once('end', () => {
      this.closedByServer = true
      resolve()
    }))
  }

  /** The number of complete SSE streams received (their `done` frames). */
  get streamsDone (): number {
    return this.text.split('event: done\n').length - 1
  }
}

function chatRequest (conversationId: string, { version = '1.1', connection, accept = 'text/event-stream' }: { version?: string, connection?: string, accept?: string } = {}): string {
  const body = JSON.stringify({ conversation_id: conversationId, input: 'hi' })
  return `POST /v1/chats HTTP/${version}\r\nHost: localhost\r\nAccept: ${accept}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
    (connection === undefined ? '' : `Connection: ${connection}\r\n`) + '\r\n' + body
}

/** The header block of the `index`th response on the connection, lower-cased. */
function head (text: string, index = 0): string {
  const start = text.split(/(?=HTTP\/1\.[01] \d{3} )/)[index] ?? ''
  return start.slice(0, start.indexOf('\r\n\r\n') + 2).toLowerCase()
}

async function setUp (t: Test, server: FastifyServerOptions = {}, hook?: onRequestAsyncHookHandler) {
  const engine = new FakeEngine()
  const app = Fastify({ keepAliveTimeout: 5000, ...server })
  if (hook !== undefined) app.addHook('onRequest', hook)
  await app.register(fastifyChats, { engine })
  t.teardown(() => app.close())
  const port = await listen(app)
  const ids = [await createConversation(app), await createConversation(app)]
  return { app, engine, port, ids }
}

t.test('RFC 9112 §9 on the stream path: Connection: close is honoured, and the server closes after the terminal event', async (t) => {
  const { port, ids } = await setUp(t)
  const connection = new Connection(port)
  connection.socket.write(chatRequest(ids[0] as string, { connection: 'close' }))
  await connection.closed
  t.ok(connection.closedByServer, 'the server closed the connection')
  t.match(head(connection.text), /\r\nconnection: close\r\n/)
  t.notMatch(head(connection.text), /keep-alive/)
  t.equal(connection.streamsDone, 1, 'the whole stream came first')
  t.match(connection.text, /event: done\ndata: .*\n\n\r\n0\r\n\r\n$/, 'the chunked body ended properly before the close')
})

t.test('RFC 9112 §9 on the stream path: an HTTP/1.1 stream keeps the connection for the next request', async (t) => {
  const { port, ids } = await setUp(t)
  const connection = new Connection(port)
  connection.socket.write(chatRequest(ids[0] as string))
  await until(() => connection.streamsDone === 1 && connection.text.endsWith('\r\n0\r\n\r\n'))
  t.match(head(connection.text), /\r\nconnection: keep-alive\r\n/)
  t.match(head(connection.text), /\r\nkeep-alive: timeout=5\r\n/, 'Node says how long it keeps the idle connection')
  t.equal(head(connection.text).match(/\r\nconnection: /g)?.length, 1, 'one Connection field')
  connection.socket.write(chatRequest(ids[1] as string, { connection: 'close' }))
  await connection.closed
  t.equal(connection.streamsDone, 2, 'a second stream on the same connection')
  t.match(head(connection.text, 1), /\r\nconnection: close\r\n/)
})

t.test('RFC 9112 §9 on the stream path: HTTP/1.0 gets a close-delimited stream, keep-alive asked or not', async (t) => {
  const { port, ids } = await setUp(t)
  for (const [i, asked] of [undefined, 'keep-alive'].entries()) {
    const connection = new Connection(port)
    connection.socket.write(chatRequest(ids[i] as string, { version: '1.0', ...(asked === undefined ? {} : { connection: asked }) }))
    await connection.closed
    const header = head(connection.text)
    t.match(header, /^http\/1\.1 200 /)
    t.match(header, /\r\nconnection: close\r\n/, `Connection: close (${asked ?? 'no Connection header'})`)
    t.notMatch(header, /transfer-encoding|content-length/, 'HTTP/1.0 has no chunked coding: the close ends the body')
    t.match(connection.text, /event: done\ndata: .*\n\n$/, 'the body is the bare event stream')
  }
})

t.test('RFC 9112 §9 on the stream path: pipelined requests are answered in order, the stream first', async (t) => {
  const { port, ids } = await setUp(t)
  const connection = new Connection(port)
  connection.socket.write(chatRequest(ids[0] as string) + chatRequest(ids[1] as string, { accept: 'application/json' }) + `GET /v1/conversations/${ids[0] as string} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`)
  await connection.closed
  const responses = connection.text.split(/(?=HTTP\/1\.1 \d{3} )/)
  t.equal(responses.length, 3)
  t.match(responses[0], /^HTTP\/1\.1 200 [^]*text\/event-stream[^]*event: done/, 'the stream first')
  t.match(responses[1], /^HTTP\/1\.1 200 [^]*application\/json[^]*"conversation_id"/, 'then the JSON turn')
  t.match(responses[2], /^HTTP\/1\.1 200 [^]*\r\nConnection: close\r\n[^]*"messages"/, 'then the last, which closes')
})

t.test('RFC 9112 §9 on the stream path: the connection is the server\'s to manage, not a hook\'s', async (t) => {
  const { port, ids } = await setUp(t, {}, async function keepAliveHook (_request, reply) {
    reply.header('connection', 'keep-alive').header('keep-alive', 'timeout=999')
  })
  const connection = new Connection(port)
  connection.socket.write(chatRequest(ids[0] as string, { connection: 'close' }))
  await connection.closed
  t.match(head(connection.text), /\r\nconnection: close\r\n/, 'the client\'s close wins over a hook\'s keep-alive')
  t.notMatch(head(connection.text), /timeout=999/)
})

t.test('RFC 9112 §9 on the stream path: a stream that ends while the server closes does not hold its connection', async (t) => {
  const { app, engine, port, ids } = await setUp(t)
  engine.script = { chunks: ['a', 'b'], stallAt: 1 }
  const connection = new Connection(port)
  connection.socket.write(chatRequest(ids[0] as string))
  await until(() => engine.probe.stalled)
  const closing = app.close()
  engine.resume()
  await connection.closed
  t.equal(connection.streamsDone, 1, 'the live stream finished')
  t.ok(connection.closedByServer, 'and its connection was closed, not left to the keep-alive timeout')
  await closing
})
