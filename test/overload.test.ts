import t, { type Test } from 'tap'
import { OVERLOAD_RETRY_AFTER_SECONDS } from '../server/overload.js'
import { assertErrorResponse } from './helpers/contract.js'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { AUTH_A, buildServer } from './helpers/server.js'
import { listen, openStream } from './helpers/socket.js'

const PATIENT = { patient: { age: 30, sex: 'female' } }

function assertRefused (t: Test, response: { statusCode: number, headers: Record<string, unknown>, json: () => any }): void {
  t.equal(response.statusCode, 503)
  t.equal(response.headers['retry-after'], String(OVERLOAD_RETRY_AFTER_SECONDS))
  assertErrorResponse(response.json())
  t.equal(response.json().error.code, 'unavailable')
}

t.test('overload: past MAX_CONCURRENT_REQUESTS a new request is refused at once with 503 unavailable and Retry-After; a live stream is untouched', async (t) => {
  const lines: Array<Record<string, any>> = []
  const { app } = await buildServer(t, {
    config: { MAX_CONCURRENT_REQUESTS: 1, STREAM_CHUNK_DELAY_MS: 60_000 },
    fastify: { logger: { level: 'warn', stream: { write: (line: string) => { lines.push(JSON.parse(line)) } } } }
  })
  const port = await listen(app)
  const id = (await app.inject({ method: 'POST', url: '/v1/conversations', headers: AUTH_A, payload: PATIENT })).json().id
  const stream = await openStream(port, { conversation_id: id, input: 'I have a headache' }, '/v1/chats', AUTH_A)
  t.equal(stream.response.statusCode, 200)

  for (let i = 0; i < 3; i++) assertRefused(t, await app.inject({ method: 'POST', url: '/v1/conversations', headers: AUTH_A, payload: PATIENT }))
  t.equal(lines.filter((line) => line.msg === 'overloaded: refusing new requests').length, 1, 'one warning for the burst, not one a request')
  t.match(lines.find((line) => line.msg === 'overloaded: refusing new requests'), { level: 40, overload: { cause: 'concurrentRequests', refused: 1 } })
  t.equal((await app.inject({ url: '/healthz' })).statusCode, 200, 'health checks are not refused')
  t.notOk(stream.response.complete, 'the live stream goes on')

  stream.request.destroy()
  let next = await app.inject({ method: 'POST', url: '/v1/conversations', headers: AUTH_A, payload: PATIENT })
  while (next.statusCode === 503) {
    await nextTurn()
    next = await app.inject({ method: 'POST', url: '/v1/conversations', headers: AUTH_A, payload: PATIENT })
  }
  t.equal(next.statusCode, 201, 'once the stream has closed, its place is free')
})
