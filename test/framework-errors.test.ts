import { once } from 'node:events'
import { connect, type Socket } from 'node:net'
import { Writable } from 'node:stream'
import Fastify from 'fastify'
import t, { type Test } from 'tap'
import { clientErrorCode, frameworkErrorOptions, unknownRoutes } from '../plugin/framework-errors.js'
import { REQUEST_ID_HEADER, requestId } from '../server/logger.js'
import { assertErrorResponse } from './helpers/contract.js'
import { buildApp } from './helpers/app.js'
import { AUTH_A, TOKEN_A, buildServer } from './helpers/server.js'
import { listen } from './helpers/socket.js'

/** Log lines, parsed, and the raw text, to check that nothing secret was written. */
function captureLogs (): { lines: Array<Record<string, unknown>>, text: () => string, stream: Writable } {
  let text = ''
  const stream = new Writable({
    write (chunk, _encoding, done) { text += String(chunk); done() }
  })
  return { stream, text: () => text, get lines () { return text.split('\n').filter(Boolean).map((line) => JSON.parse(line)) } }
}

async function server (t: Test) {
  const logs = captureLogs()
  const { app } = await buildServer(t, {
    fastify: { ...frameworkErrorOptions({ requestIdHeader: REQUEST_ID_HEADER }), genReqId: requestId, logger: { level: 'info', stream: logs.stream } }
  })
  return { app, logs }
}

function expectApiError (t: Test, response: { statusCode: number, body: string, headers: Record<string, unknown> }, status: number, code: string): void {
  t.equal(response.statusCode, status, response.body)
  const body = JSON.parse(response.body)
  assertErrorResponse(body)
  t.equal(body.error.code, code)
  t.match(response.headers['content-type'], /^application\/json/)
}

/** Sends raw bytes on a new connection and resolves with everything received before it closes. */
async function rawExchange (port: number, chunks: string[]): Promise<string> {
  const socket = connect(port, '127.0.0.1')
  socket.setEncoding('utf8')
  let received = ''
  socket.on('data', (chunk: string) => { received += chunk })
  socket.on('error', () => {})
  const closed = once(socket, 'close')
  for (const chunk of chunks) socket.write(chunk)
  await closed
  return received
}

function parseRaw (raw: string): { statusCode: number, headers: Record<string, string>, body: string } {
  const [head = '', body = ''] = raw.split('\r\n\r\n')
  const [statusLine = '', ...lines] = head.split('\r\n')
  const headers = Object.fromEntries(lines.map((line) => {
    const colon = line.indexOf(':')
    return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()]
  }))
  return { statusCode: Number(statusLine.split(' ')[1]), headers, body }
}

t.test('method_not_allowed: a method a route does not allow is 405 with Allow, decided before the body is read', async (t) => {
  const { app } = await server(t)
  const id = (await app.inject({ method: 'POST', url: '/v1/conversations', headers: AUTH_A, payload: { patient: { age: 30, sex: 'male' } } })).json().id
  const cases: Array<[string, string, string]> = [
    ['TRACE', '/v1/chats', 'POST'],
    ['DELETE', '/v1/chats', 'POST'],
    ['PUT', `/v1/conversations/${id}`, 'GET, HEAD'],
    ['POST', `/v1/conversations/${id}?x=1`, 'GET, HEAD'],
    ['PROPFIND', '/v1/conversations', 'POST'],
    ['PATCH', '/healthz', 'GET, HEAD']
  ]
  for (const [method, url, allow] of cases) {
    const response = await app.inject({ method: method as 'GET', url, headers: AUTH_A })
    expectApiError(t, response, 405, 'method_not_allowed')
    t.equal(response.headers.allow, allow, `${method} ${url}`)
    t.ok(response.headers[REQUEST_ID_HEADER], 'the request id is echoed')
  }
  // A body the route would refuse is never read: the method is refused first.
  const query = await app.inject({ method: 'QUERY' as 'GET', url: '/v1/conversations/x', headers: { ...AUTH_A, 'content-type': 'text/plain' }, payload: 'hello' })
  expectApiError(t, query, 405, 'method_not_allowed')
  t.equal(query.headers.allow, 'GET, HEAD')
})

t.test('not_found: an unknown route is 404 whatever its body', async (t) => {
  const { app } = await buildApp(t)
  for (const payload of ['{not json', 'x'.repeat(2_000_000)]) {
    const response = await app.inject({ method: 'POST', url: '/v1/nothing-here', headers: { 'content-type': 'application/json' }, payload })
    expectApiError(t, response, 404, 'not_found')
    t.notOk(response.headers.allow)
  }
  expectApiError(t, await app.inject({ url: '/v1/nothing-here?x=1' }), 404, 'not_found')
})

t.test('not_found: a catch-all route of another method does not make a path exist', async (t) => {
  const { app } = await buildApp(t, {}, {})
  const host = Fastify()
  t.teardown(() => host.close())
  host.options('/*', async () => '')
  await host.register(unknownRoutes)
  expectApiError(t, await host.inject({ url: '/anything' }), 404, 'not_found')
  expectApiError(t, await app.inject({ url: '/v1/anything' }), 404, 'not_found')
})

t.test('not_found: a route that calls callNotFound() gets the API shape', async (t) => {
  const app = Fastify()
  t.teardown(() => app.close())
  await app.register(unknownRoutes)
  app.get('/gone', async (_request, reply) => reply.callNotFound())
  expectApiError(t, await app.inject({ url: '/gone' }), 404, 'not_found')
})

t.test('uri_too_long: a path parameter over maxParamLength is 414 in the API shape, with the request id and a log line', async (t) => {
  const { app, logs } = await server(t)
  for (const headers of [{}, AUTH_A]) {
    const response = await app.inject({ url: '/v1/conversations/' + 'x'.repeat(101), headers: { ...headers, [REQUEST_ID_HEADER]: 'trace-414' } })
    expectApiError(t, response, 414, 'uri_too_long')
    t.equal(response.headers[REQUEST_ID_HEADER], 'trace-414')
    t.notMatch(response.body, 'xxxx', 'the message does not quote the URL')
  }
  t.ok(logs.lines.some((line) => line.reqId === 'trace-414' && line.statusCode === 414), 'one log line says what was refused')
})

t.test('invalid_request: a URL that cannot be decoded is 400 in the API shape', async (t) => {
  const { app } = await server(t)
  const response = await app.inject({ url: '/v1/conversations/%ff', headers: { [REQUEST_ID_HEADER]: 'trace-400' } })
  expectApiError(t, response, 400, 'invalid_request')
  t.equal(response.headers[REQUEST_ID_HEADER], 'trace-400')
  t.notMatch(response.body, '%ff')
})

t.test('headers_too_large: a head over maxHeaderSize is 431 from the HTTP parser, logged without the headers', async (t) => {
  const { app, logs } = await server(t)
  const port = await listen(app)
  const raw = await rawExchange(port, [`GET /v1/chats HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN_A}\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`])
  const response = parseRaw(raw)
  expectApiError(t, response, 431, 'headers_too_large')
  t.match(response.headers[REQUEST_ID_HEADER], /^[0-9a-f-]{36}$/)
  t.equal(response.headers.connection, 'close')
  const line = logs.lines.find((entry) => entry.statusCode === 431)
  t.equal(line?.reqId, response.headers[REQUEST_ID_HEADER], 'the log line carries the id the client got')
  t.notMatch(logs.text(), TOKEN_A, 'no token in the logs')
})

t.test('uri_too_long: a request line over maxHeaderSize is 414 from the HTTP parser', async (t) => {
  const { app } = await server(t)
  const port = await listen(app)
  const long = `GET /v1/conversations/${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`
  expectApiError(t, parseRaw(await rawExchange(port, [long])), 414, 'uri_too_long')
  // Behind a request already answered on the same connection.
  const pipelined = parseRaw((await rawExchange(port, ['GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n' + long])).split('HTTP/1.1 ').map((part) => 'HTTP/1.1 ' + part).at(-1) as string)
  expectApiError(t, pipelined, 414, 'uri_too_long')
})

t.test('invalid_request: a request the HTTP parser cannot read is 400', async (t) => {
  const { app } = await server(t)
  const port = await listen(app)
  expectApiError(t, parseRaw(await rawExchange(port, ['FOO /v1/chats HTTP/1.1\r\nHost: x\r\n\r\n'])), 400, 'invalid_request')
})

t.test('request_timeout: a request Node times out is answered 408 in the API shape', async (t) => {
  const { app } = await server(t)
  const port = await listen(app)
  const accepted = once(app.server, 'connection') as Promise<[Socket]>
  const client = connect(port, '127.0.0.1')
  client.setEncoding('utf8')
  let received = ''
  client.on('data', (chunk: string) => { received += chunk })
  const closed = once(client, 'close')
  const [socket] = await accepted
  client.write('POST /v1/chats HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{')
  // What Node's requestTimeout check emits for a request that stalled.
  app.server.emit('clientError', Object.assign(new Error('Request timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }), socket)
  await closed
  expectApiError(t, parseRaw(received), 408, 'request_timeout')
})

t.test('a client error is not answered on a reset or already answered connection', async (t) => {
  const app = Fastify({ ...frameworkErrorOptions() })
  t.teardown(() => app.close())
  // Fastify types the raw packet as its JSON form; Node passes a Buffer.
  const clientErrorHandler = frameworkErrorOptions().clientErrorHandler as unknown as (this: unknown, error: Error, socket: Socket) => void
  const writes: string[] = []
  let destroyed = 0
  const socket = (fields: Record<string, unknown>) => ({ writable: true, destroyed: false, write: (data: string) => writes.push(data), destroy: () => { destroyed++ }, ...fields }) as unknown as Socket
  const parserError = (code: string) => Object.assign(new Error(code), { code })
  const timeout = parserError('ERR_HTTP_REQUEST_TIMEOUT')
  clientErrorHandler.call(app, parserError('ECONNRESET'), socket({}))
  clientErrorHandler.call(app, timeout, socket({ destroyed: true }))
  t.equal(destroyed, 0, 'a socket already gone is left alone')
  clientErrorHandler.call(app, timeout, socket({ _httpMessage: { headersSent: true } }))
  clientErrorHandler.call(app, timeout, socket({ writable: false }))
  t.same(writes, [], 'nothing is written into a response that has begun, or to a closed socket')
  t.equal(destroyed, 2)
  clientErrorHandler.call(app, timeout, socket({ _httpMessage: { headersSent: false } }))
  t.match(writes[0], /^HTTP\/1.1 408 Request Timeout\r\n/)
  t.notMatch(writes[0], /x-request-id/i, 'no request id header unless asked for')
})

t.test('clientErrorCode tells a URL too long from headers too large', async (t) => {
  const overflow = (packet: string, at = packet.length) => clientErrorCode({ code: 'HPE_HEADER_OVERFLOW', rawPacket: Buffer.from(packet, 'latin1'), bytesParsed: at })
  t.equal(overflow('GET /aaaa'), 'uri_too_long')
  t.equal(overflow('OPTIONS * HTTP/1.1'), 'uri_too_long')
  t.equal(overflow('GET / HTTP/1.1\r\nX-Big: aaaa'), 'headers_too_large')
  t.equal(overflow('aaaa aaaa'), 'headers_too_large', 'a packet that starts mid-line cannot be told: 431')
  t.equal(clientErrorCode({ code: 'HPE_HEADER_OVERFLOW' }), 'headers_too_large')
  t.equal(clientErrorCode({ code: 'HPE_HEADER_OVERFLOW', rawPacket: Buffer.from('GET /a') }), 'uri_too_long')
  t.equal(clientErrorCode({ code: 'HPE_INVALID_METHOD' }), 'invalid_request')
  t.equal(clientErrorCode({ code: 'ERR_HTTP_REQUEST_TIMEOUT' }), 'request_timeout')
})

t.test('a request pipelined after Connection: close is ignored; the answer before it arrives whole', async (t) => {
  const { app, logs } = await server(t)
  const port = await listen(app)
  const body = JSON.stringify({ patient: { age: 30, sex: 'female' } })
  const raw = await rawExchange(port, [
    `POST /v1/conversations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN_A}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}` +
    'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'
  ])
  t.equal(raw.split('HTTP/1.1 ').length - 1, 1, 'one answer, then the connection closes')
  const created = parseRaw(raw)
  t.equal(created.statusCode, 201, created.body)
  t.match(JSON.parse(created.body), { id: /^conv_/ })
  t.ok(logs.lines.some((line) => line.parserCode === 'HPE_CLOSED_CONNECTION' && line.msg === 'bytes after Connection: close ignored'), 'logged')
})
