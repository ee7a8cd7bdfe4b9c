import t, { type Test } from 'tap'
import { parseChatStream } from 'medical-chats-conformance'
import { corsOptions } from '../server/cors.js'
import { MAX_WORD_DELAY_MS, scenarioOf } from '../server/scenarios.js'
import { AUTH_A, buildServer } from './helpers/server.js'
import { listen, openStream } from './helpers/socket.js'

const SSE = { ...AUTH_A, accept: 'text/event-stream' }

async function scenarioServer (t: Test, config = {}) {
  const { app } = await buildServer(t, { config: { SCENARIOS: 'on', ...config } })
  const create = async (): Promise<string> => (await app.inject({ method: 'POST', url: '/v1/conversations', headers: AUTH_A, payload: { patient: { age: 30, sex: 'female' } } })).json().id
  const turns = async (id: string): Promise<number> => (await app.inject({ url: `/v1/conversations/${id}`, headers: AUTH_A })).json().usage.turns
  return { app, create, turns }
}

t.test('Prefer is parsed as RFC 7240 says; what is unknown or out of range is ignored', async (t) => {
  t.same(scenarioOf(undefined), { applied: [] })
  t.same(scenarioOf('respond-async, wait=10'), { applied: [] })
  t.match(scenarioOf('Status=429'), { status: 429, applied: ['status=429'] })
  t.match(scenarioOf('status="503"'), { status: 503, applied: ['status=503'] })
  t.same(scenarioOf('status=418').applied, [])
  t.match(scenarioOf('stream-error=engine_timeout; after=3'), { streamError: { code: 'engine_timeout', after: 3 }, applied: ['stream-error=engine_timeout'] })
  t.match(scenarioOf('stream-error=shutting_down'), { streamError: { code: 'shutting_down', after: 1 } })
  t.same(scenarioOf('stream-error=boom').applied, [])
  t.same(scenarioOf('stream-error=stream_error; after=-1').applied, [])
  t.match(scenarioOf('stall; after=0'), { stall: { after: 0 }, applied: ['stall'] })
  t.same(scenarioOf('stall=yes').applied, [])
  t.same(scenarioOf('stall; after=x').applied, [])
  t.match(scenarioOf('word-delay=80'), { wordDelayMs: 80 })
  t.same(scenarioOf(`word-delay=${MAX_WORD_DELAY_MS + 1}`).applied, [])
  t.same(scenarioOf('word-delay').applied, [])
  t.match(scenarioOf('diagnose'), { diagnose: true, applied: ['diagnose'] })
  t.same(scenarioOf('diagnose=now').applied, [])
  t.same(scenarioOf('=x, ;after=1').applied, [])
  // The first instance of a preference counts, across several headers too.
  t.match(scenarioOf(['status=500, word-delay=5', 'status=429']), { status: 500, wordDelayMs: 5, applied: ['status=500', 'word-delay=5'] })
})

t.test('with scenarios off, preferences are ignored', async (t) => {
  const { app } = await buildServer(t)
  const id = (await app.inject({ method: 'POST', url: '/v1/conversations', headers: AUTH_A, payload: { patient: { age: 30, sex: 'female' } } })).json().id
  const reply = await app.inject({ method: 'POST', url: '/v1/chats', headers: { ...AUTH_A, prefer: 'status=503' }, payload: { conversation_id: id, input: 'I have a cough' } })
  t.equal(reply.statusCode, 200)
  t.notOk('preference-applied' in reply.headers)
})

t.test('a status is answered exactly as the real error, and takes no turn', async (t) => {
  const { app, create, turns } = await scenarioServer(t)
  const id = await create()
  const chat = async (prefer: string) => await app.inject({ method: 'POST', url: '/v1/chats', headers: { ...SSE, prefer }, payload: { conversation_id: id, input: 'I have a cough' } })
  const busy = await chat('status=409')
  t.match(busy, { statusCode: 409, headers: { 'preference-applied': 'status=409', 'content-type': /application\/json/ } })
  t.same(busy.json(), { error: { code: 'conversation_busy', message: 'A turn is already in progress on this conversation; retry when it has finished.' } })
  const limited = await chat('status=429')
  t.match(limited, { statusCode: 429, headers: { 'retry-after': '60', 'x-ratelimit-remaining': '0' } })
  t.equal(limited.json().error.code, 'rate_limited')
  const unavailable = await chat('status=503')
  t.match(unavailable, { statusCode: 503, headers: { 'retry-after': /^\d+$/ } })
  t.equal(unavailable.json().error.code, 'unavailable')
  const failed = await chat('status=500')
  t.same(failed.json(), { error: { code: 'internal_error', message: 'An unexpected error occurred.' } })
  t.equal(await turns(id), 0, 'none of them took a turn')
  // Only a chat can find its conversation busy; a status on another route is still applied.
  const read = await app.inject({ url: `/v1/conversations/${id}`, headers: { ...AUTH_A, prefer: 'status=409' } })
  t.equal(read.statusCode, 200)
  t.notOk('preference-applied' in read.headers)
  t.equal((await app.inject({ url: `/v1/conversations/${id}`, headers: { ...AUTH_A, prefer: 'status=503' } })).statusCode, 503)
  // A request refused anyway is refused as usual, with no preference applied.
  const anonymous = await app.inject({ method: 'POST', url: '/v1/chats', headers: { prefer: 'status=503' }, payload: { conversation_id: id, input: 'x' } })
  t.equal(anonymous.statusCode, 401)
  t.notOk('preference-applied' in anonymous.headers)
})

t.test('an error event after N deltas leaves the conversation as a real failure does', async (t) => {
  const { app, create, turns } = await scenarioServer(t)
  const id = await create()
  for (const [code, after] of [['engine_timeout', 2], ['shutting_down', 1], ['stream_error', 0]] as const) {
    const reply = await app.inject({ method: 'POST', url: '/v1/chats', headers: { ...SSE, prefer: `stream-error=${code}; after=${after}` }, payload: { conversation_id: id, input: 'I have had a cough for a week' } })
    t.equal(reply.headers['preference-applied'], `stream-error=${code}`)
    const stream = parseChatStream(reply.body)
    t.equal(stream.deltas.length, after, `${after} deltas before ${code}`)
    t.match(stream.terminal, { event: 'error', data: { error: { code } } })
  }
  t.equal(await turns(id), 0, 'no failed turn was kept')
  const json = await app.inject({ method: 'POST', url: '/v1/chats', headers: { ...AUTH_A, prefer: 'stream-error=engine_timeout' }, payload: { conversation_id: id, input: 'I have a cough' } })
  t.equal(json.statusCode, 503, 'a JSON reply fails as the real one does')
  const next = await app.inject({ method: 'POST', url: '/v1/chats', headers: SSE, payload: { conversation_id: id, input: 'I have a cough' } })
  t.equal(parseChatStream(next.body).terminal.event, 'done', 'the conversation was let go')
  t.equal(await turns(id), 1)
})

t.test('a stall lasts until the engine timeout abandons the turn', async (t) => {
  const { app, create, turns } = await scenarioServer(t, { ENGINE_TIMEOUT_MS: 100 })
  const id = await create()
  // Over a real socket: the stall ends by the engine timeout's timer, which does not hold the process open itself.
  const open = await openStream(await listen(app), { conversation_id: id, input: 'I have a cough' }, '/v1/chats', { ...AUTH_A, prefer: 'stall; after=1' })
  const stream = parseChatStream(await open.ended)
  t.equal(stream.deltas.length, 1)
  t.match(stream.terminal, { event: 'error', data: { error: { code: 'engine_timeout' } } })
  t.equal(await turns(id), 0)
})

t.test('a delay per word, and a diagnosis on this turn', async (t) => {
  const { app, create, turns } = await scenarioServer(t)
  const id = await create()
  const slow = await app.inject({ method: 'POST', url: '/v1/chats', headers: { ...SSE, prefer: 'word-delay=1' }, payload: { conversation_id: id, input: 'I have a cough' } })
  t.equal(slow.headers['preference-applied'], 'word-delay=1')
  t.ok(parseChatStream(slow.body).deltas.length > 1)
  const zero = await app.inject({ method: 'POST', url: '/v1/chats', headers: { ...SSE, prefer: 'word-delay=0' }, payload: { conversation_id: id, input: 'no' } })
  t.equal(parseChatStream(zero.body).terminal.event, 'done')
  const diagnosis = await app.inject({ method: 'POST', url: '/v1/chats', headers: { ...SSE, prefer: 'diagnose' }, payload: { conversation_id: id, input: 'yes' } })
  const stream = parseChatStream(diagnosis.body)
  t.equal(stream.events.length, 1, 'a lone done')
  t.match(stream.terminal, { event: 'done', data: { is_complete: true, output: { type: 'diagnosis' } } })
  t.equal(await turns(id), 3)
})

t.test('CORS: preflights answered before authentication, headers exposed, the stream carries them once', async (t) => {
  t.match(corsOptions('*'), { origin: '*' })
  t.same(corsOptions('https://app.example.com/, http://localhost:5173,').origin, ['https://app.example.com', 'http://localhost:5173'])
  const { app } = await buildServer(t, { config: { CORS_ORIGINS: 'https://app.example.com' } })
  const preflight = await app.inject({ method: 'OPTIONS', url: '/v1/chats', headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, prefer' } })
  t.equal(preflight.statusCode, 204)
  t.match(preflight.headers, { 'access-control-allow-origin': 'https://app.example.com', 'access-control-allow-methods': /POST/ })
  const foreign = await app.inject({ method: 'OPTIONS', url: '/v1/chats', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } })
  t.notOk('access-control-allow-origin' in foreign.headers, 'an origin not listed is not allowed')

  const port = await listen(app)
  const id = (await app.inject({ method: 'POST', url: '/v1/conversations', headers: AUTH_A, payload: { patient: { age: 30, sex: 'female' } } })).json().id
  const stream = await openStream(port, { conversation_id: id, input: 'I have a cough' }, '/v1/chats', { ...AUTH_A, origin: 'https://app.example.com' })
  t.equal(parseChatStream(await stream.ended).terminal.event, 'done')
  const names = stream.response.rawHeaders.filter((_, index) => index % 2 === 0).map((name) => name.toLowerCase())
  t.equal(names.filter((name) => name === 'access-control-allow-origin').length, 1, 'allow-origin once on the stream')
  t.equal(stream.response.headers['access-control-allow-origin'], 'https://app.example.com')
  t.match(stream.response.headers['access-control-expose-headers'], /x-request-id.*retry-after.*preference-applied/)
})

t.test('the OpenAPI documents describe the scenarios when they are on, and only then', async (t) => {
  const on = await scenarioServer(t)
  for (const url of ['/v1/openapi.json', '/v1/openapi-3.2.json']) {
    t.match((await on.app.inject({ url })).json().info.description, /## Scenarios on demand[\s\S]*`stream-error=stream_error`/)
  }
  const { app } = await buildServer(t)
  t.notMatch((await app.inject({ url: '/v1/openapi.json' })).json().info.description, /Scenarios/)
})
