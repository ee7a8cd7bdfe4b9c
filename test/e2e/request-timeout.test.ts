/**
 * Stalled requests over a real listener: Node enforces the request timeout on its own clock,
 * which a fake clock does not drive, so these wait out a short real timeout.
 */
import { connect } from 'node:net'
import t from 'tap'
import { httpServerOptions } from '../../server/http-options.js'
import { buildApp, createConversation } from '../helpers/app.js'
import { until } from '../helpers/fake-engine.js'
import { TOKEN_A, buildServer } from '../helpers/server.js'
import { listen, openStream } from '../helpers/socket.js'

const TIMEOUT_MS = 300

/** Sends `text` and reads until the server closes: what it answered and how long it took. */
async function sendAndWait (port: number, text: string): Promise<{ response: string, elapsedMs: number }> {
  const socket = connect(port, '127.0.0.1')
  const started = performance.now()
  socket.write(text)
  let response = ''
  for await (const chunk of socket) response += String(chunk)
  return { response, elapsedMs: performance.now() - started }
}

const STALLED_BODY = 'POST /v1/conversations HTTP/1.1\r\nHost: localhost\r\n' +
  `Authorization: Bearer ${TOKEN_A}\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n` +
  '{"patient":{"age":3' // 19 of the 200 bytes announced, then silence

t.test('stalled requests: a body that stops short is answered 408 once the request timeout passes', async (t) => {
  const { app } = await buildServer(t, { fastify: httpServerOptions({ REQUEST_TIMEOUT_MS: TIMEOUT_MS }) })
  const port = await listen(app)
  const { response, elapsedMs } = await sendAndWait(port, STALLED_BODY)
  t.match(response, /^HTTP\/1\.1 408 /, 'a 408, then the connection is closed')
  t.ok(elapsedMs >= TIMEOUT_MS, `not before the timeout (${Math.round(elapsedMs)} ms)`)
  const health = await app.inject({ url: '/healthz' })
  t.equal(health.statusCode, 200, 'the server keeps serving')
})

t.test('stalled requests: headers that never finish are answered 408 too', async (t) => {
  const { app } = await buildServer(t, { fastify: httpServerOptions({ REQUEST_TIMEOUT_MS: TIMEOUT_MS }) })
  const port = await listen(app)
  for (const partial of ['POST /v1/conversations HTTP/1.1\r\nHost: localhost\r\nAuthoriz', 'GET /heal']) {
    const { response } = await sendAndWait(port, partial)
    t.match(response, /^HTTP\/1\.1 408 /, JSON.stringify(partial))
  }
})

t.test('stalled requests: the timeout bounds the request, not the response: a stream outlives it', async (t) => {
  const { app, engine } = await buildApp(t, {}, httpServerOptions({ REQUEST_TIMEOUT_MS: TIMEOUT_MS }))
  const port = await listen(app)
  const id = await createConversation(app)
  engine.script = { chunks: ['a', 'b'], stallAt: 1 }
  const stream = await openStream(port, { conversation_id: id, input: 'hi' })
  await until(() => engine.probe.stalled)
  // Another request's 408 shows the deadline has passed and been enforced meanwhile.
  const stalled = await sendAndWait(port, 'POST /v1/chats HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{')
  t.match(stalled.response, /^HTTP\/1\.1 408 /)
  engine.resume()
  t.match(await stream.ended, /event: done\n/, 'the stream, older than the timeout, still ended with done')
})
