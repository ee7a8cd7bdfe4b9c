import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { assertChatResponse, assertConversation, parseStream } from '../helpers/contract.js'
import { runServer, startServer, type RunningServer } from '../helpers/process.js'

const TOKEN = 'e2e-token-0123456789abcdef'
const HEADERS = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }

/** A fetch Response whose JSON body is read untyped: the contract checks give it its shape. */
type ApiResponse = Omit<Response, 'json'> & { json: () => Promise<any> }

async function api (port: number, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
  return fetch(`http://127.0.0.1:${port}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...HEADERS, ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  })
}

t.test('npm start: a whole conversation, a clean SIGTERM during a live stream, and a restart on the same database', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'e2e-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const env = { DATABASE_URL: `sqlite:${join(dir, 'conversations.db')}`, API_TOKENS: `e2e:${TOKEN}`, SHUTDOWN_GRACE_MS: '300' }
  const server = await startServer({ ...env, STREAM_CHUNK_DELAY_MS: '100' })
  t.teardown(server.kill)
  t.notMatch(server.output(), 'Development token', 'no development token when tokens are configured')

  const created = await api(server.port, '/v1/conversations', { patient: { age: 29, sex: 'female' } })
  t.equal(created.status, 201)
  const conversation = await created.json()
  assertConversation(conversation)

  const json = await api(server.port, '/v1/chats', { conversation_id: conversation.id, input: 'I have a throbbing headache and feel sick' })
  t.equal(json.status, 200)
  assertChatResponse(await json.json())

  const streamed = await api(server.port, '/v1/chats', { conversation_id: conversation.id, input: 'yes' }, { accept: 'text/event-stream' })
  t.equal(streamed.headers.get('content-type'), 'text/event-stream; charset=utf-8')
  t.equal(parseStream(await streamed.text()).terminal.event, 'done')

  const diagnosis = await (await api(server.port, '/v1/chats', { conversation_id: conversation.id, force_diagnose: true })).json()
  assertChatResponse(diagnosis)
  t.equal(diagnosis.output.type, 'diagnosis')

  const stored = await (await api(server.port, `/v1/conversations/${conversation.id}`)).json()
  assertConversation(stored)
  t.equal(stored.is_complete, true)
  t.equal(stored.usage.turns, 3)

  // SIGTERM while a stream is live (100 ms a word): it is ended with shutting_down after the grace period.
  const second = await (await api(server.port, '/v1/conversations', { patient: { age: 60, sex: 'male' } })).json()
  const live = await api(server.port, '/v1/chats', { conversation_id: second.id, input: 'I have chest pain and I am short of breath' }, { accept: 'text/event-stream' })
  const reader = live.body?.getReader() as ReadableStreamDefaultReader<Uint8Array>
  const first = await reader.read()
  t.match(new TextDecoder().decode(first.value), /event: delta/)
  const signalled = Date.now()
  server.signal('SIGTERM')
  let rest = new TextDecoder().decode(first.value)
  for (let chunk = await reader.read(); chunk.done !== true; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value)
  t.match(parseStream(rest).terminal.data, { error: { code: 'shutting_down' } })
  t.equal(await server.exited, 0, 'exit 0')
  t.ok(Date.now() - signalled < 5000, 'promptly')
  t.match(server.output(), /"signal":"SIGTERM"/)

  const restarted = await startServer(env)
  t.teardown(restarted.kill)
  const again = await (await api(restarted.port, `/v1/conversations/${conversation.id}`)).json()
  t.same(again, stored, 'the conversation survived the restart')
  const unfinished = await (await api(restarted.port, `/v1/conversations/${second.id}`)).json()
  t.same(unfinished.messages, [], 'the turn cut by the shutdown was not saved')
  const resumed = await api(restarted.port, '/v1/chats', { conversation_id: second.id, input: 'I have chest pain' })
  t.equal(resumed.status, 200, 'and the conversation is not left locked')
  restarted.signal('SIGTERM')
  t.equal(await restarted.exited, 0)
})

t.test('two processes on one database file racing on one conversation: one 200, one 409, one turn stored', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'race-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const env = { DATABASE_URL: `sqlite:${join(dir, 'shared.db')}`, API_TOKENS: `e2e:${TOKEN}`, STREAM_CHUNK_DELAY_MS: '50' }
  // Both are stopped at the end even if only one of them started.
  const started = await Promise.allSettled([startServer(env), startServer(env)])
  t.teardown(() => { for (const server of started) if (server.status === 'fulfilled') server.value.kill() })
  const [a, b] = started.map((server) => {
    if (server.status === 'rejected') throw server.reason
    return server.value
  }) as [RunningServer, RunningServer]
  const conversation = await (await api(a.port, '/v1/conversations', { patient: { age: 40, sex: 'female' } })).json()
  const seenByB = await api(b.port, `/v1/conversations/${conversation.id}`)
  t.equal(seenByB.status, 200, 'both processes see the conversation')
  const body = { conversation_id: conversation.id, input: 'I have a sore throat and a fever' }
  const results = await Promise.all([api(a.port, '/v1/chats', body), api(b.port, '/v1/chats', body)])
  const statuses = results.map((response) => response.status).sort()
  t.same(statuses, [200, 409])
  const refused = results.find((response) => response.status === 409) as ApiResponse
  t.equal((await refused.json()).error.code, 'conversation_busy')
  const stored = await (await api(b.port, `/v1/conversations/${conversation.id}`)).json()
  t.equal(stored.usage.turns, 1)
  t.equal(stored.messages.length, 2)
  a.signal('SIGTERM')
  b.signal('SIGTERM')
  t.same(await Promise.all([a.exited, b.exited]), [0, 0])
})

t.test('npm start -- --help, and a bad setting is one line and a non-zero exit', async (t) => {
  const help = await runServer({}, ['--help'])
  t.equal(help.code, 0)
  t.match(help.output, /RATE_LIMIT_PER_MINUTE/)
  const bad = await runServer({ PORT: 'eighty' }, [])
  t.equal(bad.code, 1)
  t.match(bad.output, /^error: PORT must be integer$/m)
  const tokens = await runServer({ API_TOKENS: 'acme:short' }, [])
  t.equal(tokens.code, 1)
  t.match(tokens.output, /^error: API_TOKENS: the token of tenant "acme" must be at least 16 characters/m)
})

t.test('with no tokens configured, a development token is generated and printed', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'dev-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const server = await startServer({ DATABASE_URL: `sqlite:${join(dir, 'db')}`, API_TOKENS: '' })
  t.teardown(server.kill)
  const token = (await server.printed(/\n {2}(dev_[A-Za-z0-9_-]+)\n/))[1] as string
  t.ok(token, 'printed')
  const created = await fetch(`http://127.0.0.1:${server.port}/v1/conversations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ patient: { age: 50, sex: 'male' } })
  })
  t.equal(created.status, 201)
  t.notMatch(server.output().replace(`  ${token}\n`, ''), token, 'printed once, never logged')
  server.signal('SIGINT')
  t.equal(await server.exited, 0)
})
