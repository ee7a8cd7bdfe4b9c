import Fastify from 'fastify'
import rateLimit from '@fastify/rate-limit'
import { once } from 'node:events'
import type { ServerResponse } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import t, { type Test } from 'tap'
import fastifyChats, { DEFAULT_CLOSE_GRACE_MS } from '../plugin/index.js'
import { toApiError, streamErrorBody, UnauthorizedError } from '../plugin/errors.js'
import { buildApp, createConversation, PATIENT } from './helpers/app.js'
import { fakeTimeouts, timeoutSet } from './helpers/clock.js'
import { DIAGNOSIS, FakeEngine, until } from './helpers/fake-engine.js'
import { assertErrorResponse } from './helpers/contract.js'

function expectError (t: Test, response: { statusCode: number, json: () => any, body: string }, status: number, code: string): void {
  t.equal(response.statusCode, status, `status ${status}: ${response.body}`)
  const body = response.json()
  assertErrorResponse(body)
  t.equal(body.error.code, code)
}

const chat = (payload: unknown, headers: Record<string, string> = {}) =>
  ({ method: 'POST' as const, url: '/v1/chats', headers, payload: payload as Record<string, unknown> })

t.test('400 invalid_request: malformed JSON, schema violations, wrong types, missing input', async (t) => {
  const { app, engine } = await buildApp(t)
  const id = await createConversation(app)
  const secret = 'PATIENT-SECRET-7741'

  const malformed = await app.inject({ method: 'POST', url: '/v1/chats', headers: { 'content-type': 'application/json' }, payload: `{"conversation_id": "${id}", "input": "${secret}"` })
  expectError(t, malformed, 400, 'invalid_request')
  t.notMatch(malformed.body, secret, 'a JSON error does not quote the body')

  const proto = await app.inject({ method: 'POST', url: '/v1/chats', headers: { 'content-type': 'application/json' }, payload: `{"conversation_id":"${id}","input":"x","__proto__":{"a":1}}` })
  expectError(t, proto, 400, 'invalid_request')

  const cases: Array<[unknown, RegExp]> = [
    [{ input: 'hi' }, /conversation_id/],
    [{ conversation_id: id }, /input/],
    [{ conversation_id: id, input: '    ' }, /input/],
    [{ conversation_id: id, input: 'x'.repeat(4001) }, /input/],
    [{ conversation_id: id, input: 42 }, /input/],
    [{ conversation_id: id, input: ['a'] }, /input/],
    [{ conversation_id: 7, input: 'hi' }, /conversation_id/],
    [{ conversation_id: id, input: 'hi', force_diagnose: 'true' }, /force_diagnose/],
    [{ conversation_id: id, input: 'hi', forceDiagnose: true }, /forceDiagnose|additional/i],
    [[1, 2], /body/],
    ['"just a string"', /body/]
  ]
  for (const [payload, field] of cases) {
    const response = await app.inject(typeof payload === 'string'
      ? { method: 'POST', url: '/v1/chats', headers: { 'content-type': 'application/json' }, payload }
      : chat(payload))
    expectError(t, response, 400, 'invalid_request')
    t.match(response.json().error.message, field, `the message names the field: ${response.json().error.message}`)
  }

  const creates: Array<[unknown, RegExp]> = [
    [{}, /patient/],
    [{ patient: { age: 131, sex: 'female' } }, /age/],
    [{ patient: { age: -1, sex: 'female' } }, /age/],
    [{ patient: { age: 30.5, sex: 'female' } }, /age/],
    [{ patient: { age: '30', sex: 'female' } }, /age/],
    [{ patient: { age: 30, sex: 'other' } }, /sex/],
    [{ patient: PATIENT, personality: 'sarcastic' }, /personality must be one of: professional, friendly/],
    [{ patient: PATIENT, language: 'xx' }, /language must be one of: en/],
    [{ patient: PATIENT, coding_system: 'icd10' }, /coding_system must be one of: snomed/],
    [{ patient: PATIENT, max_questions: 0 }, /max_questions/],
    [{ patient: PATIENT, max_questions: 100 }, /max_questions/]
  ]
  for (const [payload, field] of creates) {
    const response = await app.inject({ method: 'POST', url: '/v1/conversations', payload: payload as Record<string, unknown> })
    expectError(t, response, 400, 'invalid_request')
    t.match(response.json().error.message, field)
  }

  const forced = await app.inject(chat({ conversation_id: id, force_diagnose: true }))
  t.equal(forced.statusCode, 200, 'input may be left out when force_diagnose is true')
  t.equal(engine.probe.started, 1, 'no invalid request reached the engine')
})

t.test('input is trimmed before the engine sees it', async (t) => {
  const { app, engine } = await buildApp(t)
  const id = await createConversation(app)
  const padded = '   ' + 'x'.repeat(3995) + '\n\n'
  const response = await app.inject(chat({ conversation_id: id, input: padded }))
  t.equal(response.statusCode, 200)
  const conversation = (await app.inject({ url: `/v1/conversations/${id}` })).json()
  t.equal(conversation.messages[0].content, 'x'.repeat(3995))
  t.equal(engine.probe.committed, 1)
})

t.test('401 unauthorized when the host gives no tenant', async (t) => {
  const { app, engine } = await buildApp(t, { getTenant: (request) => request.headers['x-tenant'] as string | undefined })
  const created = await app.inject({ method: 'POST', url: '/v1/conversations', payload: { patient: PATIENT } })
  expectError(t, created, 401, 'unauthorized')
  const got = await app.inject({ url: '/v1/conversations/conv_000000000000' })
  expectError(t, got, 401, 'unauthorized')
  const chatted = await app.inject(chat({ conversation_id: 'conv_000000000000', input: 'hi' }))
  expectError(t, chatted, 401, 'unauthorized')
  t.equal(engine.probe.started, 0)
})

t.test('401 from the host\'s own auth hook is answered in the API\'s shape', async (t) => {
  const app = Fastify()
  app.addHook('onRequest', async (request) => {
    if (request.headers.authorization !== 'Bearer good') throw new UnauthorizedError()
  })
  await app.register(fastifyChats, { engine: new FakeEngine() })
  t.teardown(() => app.close())
  expectError(t, await app.inject(chat({ conversation_id: 'conv_000000000000', input: 'hi' })), 401, 'unauthorized')
  const ok = await app.inject({ method: 'POST', url: '/v1/conversations', headers: { authorization: 'Bearer good' }, payload: { patient: PATIENT } })
  t.equal(ok.statusCode, 201)
})

t.test('404: unknown conversation, another tenant\'s conversation, unknown route under /v1', async (t) => {
  const { app } = await buildApp(t, { getTenant: (request) => request.headers['x-tenant'] as string | undefined })
  const id = await createConversation(app, { 'x-tenant': 'a' })
  expectError(t, await app.inject({ url: '/v1/conversations/conv_ffffffffffff', headers: { 'x-tenant': 'a' } }), 404, 'conversation_not_found')
  expectError(t, await app.inject({ url: `/v1/conversations/${id}`, headers: { 'x-tenant': 'b' } }), 404, 'conversation_not_found')
  expectError(t, await app.inject(chat({ conversation_id: id, input: 'hi' }, { 'x-tenant': 'b' })), 404, 'conversation_not_found')
  expectError(t, await app.inject(chat({ conversation_id: 'not-an-id', input: 'hi' }, { 'x-tenant': 'a' })), 404, 'conversation_not_found')
  expectError(t, await app.inject({ url: '/v1/nothing-here' }), 404, 'not_found')
  expectError(t, await app.inject({ url: '/v1/conversations/' + 'x'.repeat(65), headers: { 'x-tenant': 'a' } }), 400, 'invalid_request')
  const own = await app.inject({ url: `/v1/conversations/${id}`, headers: { 'x-tenant': 'a' } })
  t.equal(own.statusCode, 200)
})

t.test('409 conversation_complete after the diagnosis; 409 conversation_busy while a turn is in flight', async (t) => {
  const { app, engine } = await buildApp(t)
  const id = await createConversation(app)
  engine.script = { diagnosis: DIAGNOSIS }
  t.equal((await app.inject(chat({ conversation_id: id, input: 'hi' }))).statusCode, 200)
  expectError(t, await app.inject(chat({ conversation_id: id, input: 'again' })), 409, 'conversation_complete')
  expectError(t, await app.inject(chat({ conversation_id: id, force_diagnose: true }, { accept: 'text/event-stream' })), 409, 'conversation_complete')

  const busyId = await createConversation(app)
  engine.script = { chunks: ['a', 'b'], stallAt: 1 }
  const first = app.inject(chat({ conversation_id: busyId, input: 'hi' }, { accept: 'text/event-stream' }))
  await until(() => engine.probe.stalled)
  const second = await app.inject(chat({ conversation_id: busyId, input: 'hi' }, { accept: 'text/event-stream' }))
  expectError(t, second, 409, 'conversation_busy')
  t.match(second.headers['content-type'], /application\/json/, 'an error found before the stream is JSON, not a 200 stream')
  const clock = fakeTimeouts(t)
  const closed = app.close()
  await timeoutSet(clock)
  await clock.tickAsync(DEFAULT_CLOSE_GRACE_MS)
  await closed
  t.match((await first).body, /shutting_down/)
})

t.test('413 payload_too_large and 415 unsupported_media_type', async (t) => {
  const { app } = await buildApp(t, { bodyLimit: 1024 })
  const id = await createConversation(app)
  expectError(t, await app.inject(chat({ conversation_id: id, input: 'x'.repeat(2000) })), 413, 'payload_too_large')
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
    const response = await app.inject({ method: 'POST', url: '/v1/chats', headers: { 'content-type': type }, payload: 'conversation_id=x&input=y' })
    expectError(t, response, 415, 'unsupported_media_type')
  }
})

t.test('429 rate_limited with Retry-After from the host\'s rate limiter', async (t) => {
  const app = Fastify()
  await app.register(rateLimit, { max: 1, timeWindow: 60_000 })
  await app.register(fastifyChats, { engine: new FakeEngine() })
  t.teardown(() => app.close())
  t.equal((await app.inject({ method: 'POST', url: '/v1/conversations', payload: { patient: PATIENT } })).statusCode, 201)
  const limited = await app.inject({ method: 'POST', url: '/v1/conversations', payload: { patient: PATIENT } })
  expectError(t, limited, 429, 'rate_limited')
  t.ok(Number(limited.headers['retry-after']) > 0, 'Retry-After is set')
})

t.test('500 internal_error never carries the exception\'s text', async (t) => {
  const { app, engine } = await buildApp(t)
  const id = await createConversation(app)
  engine.script = { chunks: ['a'], failAfter: 1 }
  const response = await app.inject(chat({ conversation_id: id, input: 'hi' }))
  expectError(t, response, 500, 'internal_error')
  t.notMatch(response.body, /secret|exploded|\/|stack/i)
  t.equal(engine.probe.finallyRan, 1)
  t.equal(engine.probe.committed, 0, 'nothing of the failed turn was kept')

  engine.createConversation = async () => { throw new Error('db password is hunter2') }
  const created = await app.inject({ method: 'POST', url: '/v1/conversations', payload: { patient: PATIENT } })
  expectError(t, created, 500, 'internal_error')
  t.notMatch(created.body, /hunter2/)
})

t.test('503 unavailable for a request that reaches the plugin while it closes', async (t) => {
  // A connection busy with a live stream is not closed with the idle ones, and a request
  // pipelined on it during the grace period still reaches the routes: it gets the API's 503.
  const { app, engine } = await buildApp(t, { closeGraceMs: 200 }, { return503OnClosing: false })
  const id = await createConversation(app)
  engine.script = { chunks: ['a', 'b'], stallAt: 1 }
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as AddressInfo
  const post = (url: string, accept: string, body: string) =>
    `POST ${url} HTTP/1.1\r\nHost: x\r\nAccept: ${accept}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`
  const socket = connect(port, '127.0.0.1')
  let received = ''
  socket.setEncoding('utf8')
  socket.on('data', (chunk: string) => { received += chunk })
  const ended = once(socket, 'close')
  socket.write(post('/v1/chats', 'text/event-stream', JSON.stringify({ conversation_id: id, input: 'hi' })))
  await until(() => received.includes('event: delta'))
  const clock = fakeTimeouts(t)
  const closed = app.close()
  await timeoutSet(clock)
  // The grace period has begun. Node answers a pipelined request once the response before it
  // ends, but handles it now: wait for it to be answered, then let the grace period run out.
  const answered = once(app.server, 'request').then(([, response]) => until(() => (response as ServerResponse).writableEnded))
  socket.write(post('/v1/conversations', 'application/json', JSON.stringify({ patient: PATIENT })))
  await answered
  await clock.tickAsync(200)
  await closed
  await ended
  t.match(received, /event: error\ndata: {"error":{"code":"shutting_down"/, 'the live stream was ended after the grace period')
  const second = received.slice(received.lastIndexOf('HTTP/1.1 '))
  t.match(second, /^HTTP\/1.1 503/)
  t.match(second, /retry-after: 1/i)
  t.match(second, /{"error":{"code":"unavailable","message":"The service is unavailable; retry later."}}/)
})

t.test('toApiError and streamErrorBody map any failure to a safe body', async (t) => {
  t.same(toApiError({ statusCode: 418, message: 'teapot', code: 'X' }).body.error, { code: 'invalid_request', message: 'The request is not valid.' })
  t.same(toApiError({}).body.error, { code: 'internal_error', message: 'An unexpected error occurred.' })
  t.same(toApiError({ statusCode: 400, code: 'constructor' }).body.error.code, 'invalid_request')
  t.same(streamErrorBody({ code: 'constructor' }).error.code, 'stream_error')
  t.equal(toApiError({ statusCode: 200 }).statusCode, 500, 'a status that is not an error is a 500')
  t.same(toApiError({ statusCode: 502, code: 'FST_ERR_X', message: 'upstream at 10.0.0.1' }).body.error, { code: 'internal_error', message: 'An unexpected error occurred.' })
  t.same(toApiError({ statusCode: 503 }).body.error.code, 'unavailable')
  t.same(streamErrorBody(new Error('x')).error.code, 'stream_error')
  t.same(streamErrorBody(undefined).error.code, 'stream_error')
  t.same(streamErrorBody({ code: 42 }).error.code, 'stream_error')
})
