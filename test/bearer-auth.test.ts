import { connect } from 'node:net'
import FakeTimers from '@sinonjs/fake-timers'
import t from 'tap'
import { BEARER_REALM, bearerChallenge } from '../server/auth.js'
import { TokenRegistry } from '../server/tokens.js'
import { assertErrorResponse } from './helpers/contract.js'
import { AUTH_A, TOKEN_A, buildServer } from './helpers/server.js'
import { listen } from './helpers/socket.js'

const PATIENT = { patient: { age: 30, sex: 'female' } }
const CREATE = { method: 'POST' as const, url: '/v1/conversations', payload: PATIENT }
const NO_ERROR = `Bearer realm="${BEARER_REALM}"`

t.test('RFC 9110 §11 / RFC 6750 authentication: the scheme is case-insensitive, credentials follow 1*SP', async (t) => {
  const { app } = await buildServer(t)
  for (const authorization of [`bearer ${TOKEN_A}`, `BEARER ${TOKEN_A}`, `BeArEr ${TOKEN_A}`, `Bearer    ${TOKEN_A}`]) {
    const response = await app.inject({ ...CREATE, headers: { authorization } })
    t.equal(response.statusCode, 201, authorization)
    t.equal(response.headers['www-authenticate'], undefined, 'no challenge on success')
  }
  const padded = await app.inject({ ...CREATE, headers: { authorization: 'Bearer dG9rZW4tb2YtdGVuYW50LWE===' } })
  t.match(padded.headers['www-authenticate'], /error="invalid_token"/, 'token68 padding is syntax, the token is just unknown')
})

t.test('RFC 9110 §11 / RFC 6750 authentication: missing, malformed and wrong credentials each get their challenge', async (t) => {
  const { app } = await buildServer(t)
  const invalidRequest = /^Bearer realm="medical-chats", error="invalid_request", error_description="[^"\\]+"$/
  const invalidToken = 'Bearer realm="medical-chats", error="invalid_token", error_description="The access token is not valid"'
  const cases: Array<[string, Record<string, string>, string | RegExp]> = [
    ['no Authorization header', {}, NO_ERROR],
    ['another scheme (Basic)', { authorization: 'Basic dXNlcjpwYXNz' }, NO_ERROR],
    ['a bare token, no scheme', { authorization: TOKEN_A }, NO_ERROR],
    ['the scheme alone', { authorization: 'Bearer' }, invalidRequest],
    ['the scheme and a space', { authorization: 'Bearer ' }, invalidRequest],
    ['a tab for the space', { authorization: `Bearer\t${TOKEN_A}` }, invalidRequest],
    ['two tokens', { authorization: `Bearer ${TOKEN_A} ${TOKEN_A}` }, invalidRequest],
    ['auth-params, not token68', { authorization: `Bearer token="${TOKEN_A}"` }, invalidRequest],
    ['a character outside token68', { authorization: `Bearer ${TOKEN_A}!` }, invalidRequest],
    ['padding inside the token', { authorization: 'Bearer abc=def-0123456789' }, invalidRequest],
    ['a scheme that is not a token', { authorization: `Bea(rer ${TOKEN_A}` }, invalidRequest],
    ['an unknown token', { authorization: 'Bearer wrong-token-0123456789' }, invalidToken],
    ['a valid token with one more character', { authorization: `Bearer ${TOKEN_A}x` }, invalidToken]
  ]
  for (const [name, headers, challenge] of cases) {
    for (const accept of ['application/json', 'text/event-stream']) {
      const response = await app.inject({ method: 'POST', url: '/v1/chats', headers: { ...headers, accept }, payload: { conversation_id: 'conv_000000000000', input: 'hi' } })
      t.equal(response.statusCode, 401, `${name} (${accept})`)
      t.match(response.headers['content-type'], /^application\/json/, 'a JSON error even when a stream was asked for')
      assertErrorResponse(response.json())
      t.equal(response.json().error.code, 'unauthorized')
      if (typeof challenge === 'string') t.equal(response.headers['www-authenticate'], challenge, name)
      else t.match(response.headers['www-authenticate'], challenge, name)
    }
  }
})

t.test('RFC 9110 §11 / RFC 6750 authentication: the token is not taken from the URI', async (t) => {
  const { app } = await buildServer(t)
  for (const headers of [{}, AUTH_A]) {
    const response = await app.inject({ ...CREATE, url: `/v1/conversations?access_token=${TOKEN_A}`, headers })
    t.equal(response.statusCode, 401)
    t.equal(response.json().error.code, 'unauthorized')
    t.match(response.headers['www-authenticate'], /error="invalid_request", error_description="The access token must be sent in the Authorization header, not the URI"/)
  }
})

t.test('RFC 9110 §11 / RFC 6750 authentication: two Authorization fields are malformed, whichever comes first', async (t) => {
  const { app } = await buildServer(t)
  const port = await listen(app)
  for (const second of [TOKEN_A, 'wrong-token-0123456789']) {
    // Node's client would merge or refuse the repeated field: the request is written by hand.
    const socket = connect(port, '127.0.0.1')
    const body = JSON.stringify(PATIENT)
    socket.end(`POST /v1/conversations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nAuthorization: Bearer ${TOKEN_A}\r\nauthorization: Bearer ${second}\r\nConnection: close\r\n\r\n${body}`)
    let response = ''
    for await (const chunk of socket) response += String(chunk)
    const [head, payload] = response.split('\r\n\r\n') as [string, string]
    t.match(head, /^HTTP\/1\.1 401 /)
    t.equal(JSON.parse(payload).error.code, 'unauthorized')
    t.match(head, /\r\nwww-authenticate: Bearer realm="medical-chats", error="invalid_request", error_description="More than one Authorization header field"\r\n/)
  }
})

t.test('RFC 6750 §3 challenge: realm always, an error only when credentials were presented', async (t) => {
  t.equal(bearerChallenge(), 'Bearer realm="medical-chats"')
  t.equal(bearerChallenge(undefined, 'ignored without an error'), 'Bearer realm="medical-chats"')
  t.equal(bearerChallenge('invalid_token'), 'Bearer realm="medical-chats", error="invalid_token"')
})

t.test('auth cost: a token is found by its digest among 10,000, and one token cannot belong to two tenants', async (t) => {
  const pairs = Array.from({ length: 10_000 }, (_, i): [string, string] => [`tenant${i}`, `token-${i}-0123456789abcdef`])
  const registry = new TokenRegistry(pairs)
  t.equal(registry.size, 10_000)
  for (const i of [0, 4_999, 9_999]) t.equal(registry.resolve(`token-${i}-0123456789abcdef`)?.tenant, `tenant${i}`)
  t.equal(registry.resolve('token-10000-0123456789abcdef'), undefined)
  t.equal(new TokenRegistry([['a', 'same-token-0123456789'], ['a', 'same-token-0123456789']]).size, 1, 'a repeated pair is one token')
  t.throws(() => new TokenRegistry([['a', 'same-token-0123456789'], ['b', 'same-token-0123456789']]), /the same token is given to tenants "a" and "b"/)
})

t.test('failed attempts are throttled per client address: 429 rate_limited with Retry-After, until the minute ends', async (t) => {
  const clock = FakeTimers.install({ toFake: ['Date'] })
  t.teardown(() => clock.uninstall())
  const { app } = await buildServer(t, { config: { AUTH_FAILURES_PER_MINUTE: 5, RATE_LIMIT_PER_MINUTE: 5 } })
  const attacker = '203.0.113.7'
  const statuses: number[] = []
  for (let i = 0; i < 30; i++) {
    const response = await app.inject({ ...CREATE, remoteAddress: attacker, headers: { authorization: `Bearer wrong-token-${i}-0123456789` } })
    statuses.push(response.statusCode)
    if (response.statusCode === 429) {
      t.equal(response.json().error.code, 'rate_limited')
      t.ok(Number(response.headers['retry-after']) > 0 && Number(response.headers['retry-after']) <= 60, 'Retry-After within the minute')
    }
  }
  t.same(statuses, [...Array(5).fill(401), ...Array(25).fill(429)], 'five 401s, then 429s')
  const missing = await app.inject({ ...CREATE, remoteAddress: attacker })
  t.equal(missing.statusCode, 429, 'no credentials at all count as a failure too')
  const valid = await app.inject({ ...CREATE, remoteAddress: attacker, headers: AUTH_A })
  t.equal(valid.statusCode, 429, 'a right guess from a throttled address is not told apart from the wrong ones')
  const neighbour = await app.inject({ ...CREATE, remoteAddress: '203.0.113.8', headers: AUTH_A })
  t.equal(neighbour.statusCode, 201, 'another address is not affected')
  const neighbourWrong = await app.inject({ ...CREATE, remoteAddress: '203.0.113.8', headers: { authorization: 'Bearer wrong-token-0123456789' } })
  t.equal(neighbourWrong.statusCode, 401, 'and has its own budget')

  clock.tick(60_000)
  const later = await app.inject({ ...CREATE, remoteAddress: attacker, headers: AUTH_A })
  t.equal(later.statusCode, 201, 'the next minute, the address is served again')
})

t.test('failed attempts do not spend a token\'s rate limit, and successes do not spend the address\'s budget', async (t) => {
  const { app } = await buildServer(t, { config: { AUTH_FAILURES_PER_MINUTE: 2, RATE_LIMIT_PER_MINUTE: 3 } })
  for (let i = 0; i < 3; i++) t.equal((await app.inject({ ...CREATE, headers: AUTH_A })).statusCode, 201)
  t.equal((await app.inject({ ...CREATE, headers: AUTH_A })).statusCode, 429, 'the token\'s own limit')
  t.equal((await app.inject({ ...CREATE, headers: { authorization: 'Bearer wrong-token-0123456789' } })).statusCode, 401)
  t.equal((await app.inject({ ...CREATE, headers: { authorization: 'Bearer wrong-token-0123456789' } })).statusCode, 401, 'five requests, two of them failed: within the budget of two')
})
