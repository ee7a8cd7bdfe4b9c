import t from 'tap'
import { MemoryStore } from '../server/store/memory.js'
import { REQUEST_ID_HEADER, loggerOptions, requestId } from '../server/logger.js'
import { assertErrorResponse } from './helpers/contract.js'
import { AUTH_A, AUTH_B, TOKEN_A, buildServer } from './helpers/server.js'

const PATIENT = { patient: { age: 30, sex: 'female' } }

t.test('every /v1 route needs a valid bearer token; health and docs do not', async (t) => {
  const { app } = await buildServer(t)
  const cases: Array<Record<string, string>> = [
    {},
    { authorization: TOKEN_A },
    { authorization: 'Basic dXNlcjpwYXNz' },
    { authorization: 'Bearer ' },
    { authorization: 'Bearer wrong-token-0123456789' },
    { authorization: `Bearer ${TOKEN_A}x` }
  ]
  for (const headers of cases) {
    for (const request of [
      { method: 'POST' as const, url: '/v1/conversations', payload: PATIENT },
      { method: 'GET' as const, url: '/v1/conversations/conv_000000000000' },
      { method: 'POST' as const, url: '/v1/chats', payload: { conversation_id: 'conv_000000000000', input: 'hi' } },
      { method: 'GET' as const, url: '/v1/unknown' }
    ]) {
      const response = await app.inject({ ...request, headers })
      t.equal(response.statusCode, 401, `${request.method} ${request.url} with ${JSON.stringify(headers)}`)
      assertErrorResponse(response.json())
      t.equal(response.json().error.code, 'unauthorized')
    }
  }
  t.same((await app.inject({ url: '/healthz' })).json(), { status: 'ok' })
  t.same((await app.inject({ url: '/readyz' })).json(), { status: 'ok' })
  const openapi = await app.inject({ url: '/v1/openapi.json' })
  t.equal(openapi.statusCode, 200)
  t.equal(openapi.json().openapi, '3.1.0')
  const docs = await app.inject({ url: '/docs/' })
  t.equal(docs.statusCode, 200)
  t.match(docs.headers['content-type'], /text\/html/)
  const missing = await app.inject({ url: '/nowhere' })
  t.same(missing.json(), { error: { code: 'not_found', message: 'No such route.' } })
  t.equal((await app.inject({ url: '/v1/unknown', headers: AUTH_A })).statusCode, 404)
})

t.test('a tenant sees only its own conversations', async (t) => {
  const { app } = await buildServer(t)
  const id = (await app.inject({ method: 'POST', url: '/v1/conversations', headers: AUTH_A, payload: PATIENT })).json().id
  t.equal((await app.inject({ url: `/v1/conversations/${id}`, headers: AUTH_A })).statusCode, 200)
  const other = await app.inject({ url: `/v1/conversations/${id}`, headers: AUTH_B })
  t.equal(other.statusCode, 404)
  t.equal(other.json().error.code, 'conversation_not_found')
  const chat = await app.inject({ method: 'POST', url: '/v1/chats', headers: AUTH_B, payload: { conversation_id: id, input: 'hi' } })
  t.equal(chat.json().error.code, 'conversation_not_found')
})

t.test('/readyz says 503 when the store cannot serve, or its check fails unexpectedly (logged as a bug)', async (t) => {
  const store = new MemoryStore()
  store.ping = async () => { throw new Error('a bug in the check') }
  const lines: string[] = []
  const { app } = await buildServer(t, { store, fastify: { logger: { level: 'error', stream: { write: (line: string) => { lines.push(line) } } } } })
  const response = await app.inject({ url: '/readyz' })
  t.equal(response.statusCode, 503)
  t.equal(response.headers['retry-after'], '5')
  t.same(response.json(), { error: { code: 'unavailable', message: 'The conversation store cannot serve.' } })
  t.equal(lines.length, 1)
  t.match(JSON.parse(lines[0] as string), { msg: 'the readiness check failed', err: { message: 'a bug in the check' } })
})

t.test('the rate limit is per token: 429 rate_limited with Retry-After', async (t) => {
  const { app } = await buildServer(t, { config: { RATE_LIMIT_PER_MINUTE: 2 } })
  for (let i = 0; i < 2; i++) t.equal((await app.inject({ method: 'POST', url: '/v1/conversations', headers: AUTH_A, payload: PATIENT })).statusCode, 201)
  const limited = await app.inject({ method: 'POST', url: '/v1/conversations', headers: AUTH_A, payload: PATIENT })
  t.equal(limited.statusCode, 429)
  t.equal(limited.json().error.code, 'rate_limited')
  t.ok(Number(limited.headers['retry-after']) > 0)
  t.equal((await app.inject({ method: 'POST', url: '/v1/conversations', headers: AUTH_B, payload: PATIENT })).statusCode, 201, 'another token has its own budget')
})

t.test('request ids: on every response, taken from the caller only when safe', async (t) => {
  const { app } = await buildServer(t, { fastify: { genReqId: requestId } })
  const own = await app.inject({ url: '/healthz', headers: { [REQUEST_ID_HEADER]: 'abc-123' } })
  t.equal(own.headers[REQUEST_ID_HEADER], 'abc-123')
  const hostile = await app.inject({ url: '/healthz', headers: { [REQUEST_ID_HEADER]: 'x\u001b[31m"}{' } })
  t.match(hostile.headers[REQUEST_ID_HEADER], /^[0-9a-f-]{36}$/)
  const none = await app.inject({ url: '/healthz' })
  t.match(none.headers[REQUEST_ID_HEADER], /^[0-9a-f-]{36}$/)
  const id = (await app.inject({ method: 'POST', url: '/v1/conversations', headers: AUTH_A, payload: PATIENT })).json().id
  const stream = await app.inject({ method: 'POST', url: '/v1/chats', headers: { ...AUTH_A, accept: 'text/event-stream', [REQUEST_ID_HEADER]: 'stream-1' }, payload: { conversation_id: id, input: 'I have a cough' } })
  t.equal(stream.headers[REQUEST_ID_HEADER], 'stream-1', 'the stream carries it too')
})

t.test('logs never contain patient text or tokens', async (t) => {
  const lines: string[] = []
  const options = loggerOptions('trace', false) as Record<string, unknown>
  const { app } = await buildServer(t, { fastify: { logger: { ...options, stream: { write: (line: string) => { lines.push(line) } } } } })
  const secret = 'ZEBRA-PATIENT-TEXT-4417'
  const id = (await app.inject({ method: 'POST', url: '/v1/conversations', headers: AUTH_A, payload: PATIENT })).json().id
  await app.inject({ method: 'POST', url: '/v1/chats', headers: AUTH_A, payload: { conversation_id: id, input: `I have a cough ${secret}` } })
  await app.inject({ method: 'POST', url: '/v1/chats', headers: { ...AUTH_A, accept: 'text/event-stream' }, payload: { conversation_id: id, input: `${secret} yes` } })
  await app.inject({ method: 'POST', url: '/v1/chats', headers: { ...AUTH_A, 'content-type': 'application/json' }, payload: `{"conversation_id":"${id}","input":"${secret}` })
  await app.inject({ method: 'POST', url: '/v1/chats', headers: { authorization: 'Bearer wrong-token-0123456789' }, payload: { conversation_id: id, input: secret } })
  await app.inject({ method: 'GET', url: `/v1/conversations/${id}?x=1&access_token=${TOKEN_A}&Access_Token=${TOKEN_A}` })
  const log = lines.join('')
  t.match(log, /"url":"\/v1\/conversations\/conv_[0-9a-f]{12}\?x=1&access_token=\[redacted\]&Access_Token=\[redacted\]"/, 'a token in the URI is redacted from the request line')
  t.ok(lines.length > 5, `${lines.length} log lines`)
  t.match(log, /stream ended/)
  t.notMatch(log, secret, 'no patient text')
  t.notMatch(log, TOKEN_A, 'no token')
  t.notMatch(log, 'wrong-token-0123456789', 'not even a wrong one')
  t.match(loggerOptions('info', true), { transport: { target: 'pino-pretty' } }, 'pretty on a terminal')
})

t.test('an unexpected failure outside the API is a logged 500 with no internals', async (t) => {
  const { default: Fastify } = await import('fastify')
  const { replyWithApiError: sendApiError } = await import('../plugin/errors.js')
  const lines: string[] = []
  const host = Fastify({ logger: { level: 'error', stream: { write: (line: string) => { lines.push(line) } } } })
  host.setErrorHandler(sendApiError)
  host.get('/explode', async () => { throw new Error('secret internals at /srv/app.js') })
  t.teardown(() => host.close())
  const response = await host.inject({ url: '/explode' })
  t.equal(response.statusCode, 500)
  t.same(response.json(), { error: { code: 'internal_error', message: 'An unexpected error occurred.' } })
  t.equal(lines.filter((line) => line.includes('request failed')).length, 1, 'logged once')
})
