import t from 'tap'
import { ConversationEngine, LeaseLostError, wordChunks } from '../server/conversation-engine.js'
import { createReferenceInterviewer } from '../server/interview/index.js'
import { MemoryStore } from '../server/store/memory.js'
import { parseStream } from './helpers/contract.js'
import { listen, openStream } from './helpers/socket.js'
import { AUTH_A, buildServer } from './helpers/server.js'
import { until } from './helpers/fake-engine.js'

const PATIENT = { patient: { age: 30, sex: 'female' } }
const SSE = { ...AUTH_A, accept: 'text/event-stream' }

async function conversation (app: Awaited<ReturnType<typeof buildServer>>['app']): Promise<string> {
  return (await app.inject({ method: 'POST', url: '/v1/conversations', headers: AUTH_A, payload: PATIENT })).json().id
}

async function snapshot (app: Awaited<ReturnType<typeof buildServer>>['app'], id: string): Promise<string> {
  return (await app.inject({ url: `/v1/conversations/${id}`, headers: AUTH_A })).body
}

t.test('replies stream as word-sized pieces that make up the message', async (t) => {
  t.same(wordChunks('Do you have  a fever?\nYes'), ['Do', ' you', ' have', '  a', ' fever?', '\nYes'])
  t.same(wordChunks('   '), [])
  const { app } = await buildServer(t)
  const id = await conversation(app)
  const response = await app.inject({ method: 'POST', url: '/v1/chats', headers: SSE, payload: { conversation_id: id, input: 'I have a headache and feel nauseous' } })
  const { deltas, terminal } = parseStream(response.body)
  t.ok(deltas.length > 3)
  for (const delta of deltas) t.match(delta, /^\s*\S+$/)
  t.equal(deltas.join(''), (terminal.data as { output: { content: string } }).output.content)
  const stored = JSON.parse(await snapshot(app, id))
  t.same(stored.messages.map((m: { role: string }) => m.role), ['user', 'assistant'])
  t.equal(stored.messages[0].content, 'I have a headache and feel nauseous')
  t.same(stored.usage, { questions_asked: 1, turns: 1 })
})

t.test('the diagnosis is stored with a summary as the assistant message, and the conversation is then complete', async (t) => {
  const { app } = await buildServer(t)
  const id = await conversation(app)
  await app.inject({ method: 'POST', url: '/v1/chats', headers: AUTH_A, payload: { conversation_id: id, input: 'I have a sore throat and a fever' } })
  const diagnosis = (await app.inject({ method: 'POST', url: '/v1/chats', headers: AUTH_A, payload: { conversation_id: id, force_diagnose: true } })).json()
  t.equal(diagnosis.is_complete, true)
  const stored = JSON.parse(await snapshot(app, id))
  t.equal(stored.messages.length, 3, 'force_diagnose adds no user message')
  t.match(stored.messages[2].content, /^Assessment complete\./)
  t.same(stored.diagnosis, diagnosis.output)
  t.same(stored.usage, { questions_asked: 1, turns: 2 })
  const again = await app.inject({ method: 'POST', url: '/v1/chats', headers: AUTH_A, payload: { conversation_id: id, input: 'hello?' } })
  t.equal(again.json().error.code, 'conversation_complete')
})

t.test('a failing engine leaves the conversation exactly as it was, and the server keeps serving', async (t) => {
  const real = await createReferenceInterviewer()
  let fail = false
  const interviewer = {
    capabilities: real.capabilities,
    begin: real.begin.bind(real),
    answer: (state: never, turn: never) => {
      if (fail) throw new Error('interviewer bug with patient text inside')
      return real.answer(state, turn)
    }
  }
  const { app } = await buildServer(t, { interviewer })
  const id = await conversation(app)
  await app.inject({ method: 'POST', url: '/v1/chats', headers: AUTH_A, payload: { conversation_id: id, input: 'I have a cough' } })
  const before = await snapshot(app, id)
  fail = true
  const broken = await app.inject({ method: 'POST', url: '/v1/chats', headers: AUTH_A, payload: { conversation_id: id, input: 'yes' } })
  t.equal(broken.statusCode, 500)
  t.same(broken.json(), { error: { code: 'internal_error', message: 'An unexpected error occurred.' } })
  t.equal(await snapshot(app, id), before)
  fail = false
  const next = await app.inject({ method: 'POST', url: '/v1/chats', headers: AUTH_A, payload: { conversation_id: id, input: 'yes' } })
  t.equal(next.statusCode, 200, 'the lease was released: the next turn goes through')
})

t.test('a client that leaves mid-stream leaves the conversation exactly as it was', async (t) => {
  const store = new MemoryStore()
  let released = 0
  const releaseLease = store.releaseLease.bind(store)
  store.releaseLease = async (...args) => {
    await releaseLease(...args)
    released++
  }
  const { app } = await buildServer(t, { store, config: { STREAM_CHUNK_DELAY_MS: 10 } })
  const port = await listen(app)
  const id = await conversation(app)
  const before = await snapshot(app, id)
  const body = { conversation_id: id, input: 'I have a headache and feel nauseous' }
  const stream = await openStream(port, body, '/v1/chats', AUTH_A)
  await until(() => stream.text().includes('event: delta'))
  stream.request.destroy()
  await until(() => released === 1)
  t.equal(await snapshot(app, id), before)
  const next = await app.inject({ method: 'POST', url: '/v1/chats', headers: AUTH_A, payload: body })
  t.equal(next.statusCode, 200, 'and free for the next turn')
})

t.test('one turn at a time: a second chat while one streams is 409 conversation_busy', async (t) => {
  const { app } = await buildServer(t, { config: { STREAM_CHUNK_DELAY_MS: 30 } })
  const port = await listen(app)
  const id = await conversation(app)
  const stream = await openStream(port, { conversation_id: id, input: 'I have a headache' }, '/v1/chats', AUTH_A)
  const busy = await app.inject({ method: 'POST', url: '/v1/chats', headers: AUTH_A, payload: { conversation_id: id, input: 'yes' } })
  t.equal(busy.statusCode, 409)
  t.equal(busy.json().error.code, 'conversation_busy')
  t.equal(parseStream(await stream.ended).terminal.event, 'done')
  t.same(JSON.parse(await snapshot(app, id)).usage.turns, 1, 'one turn stored')
})

t.test('a turn whose lease expired is not saved', async (t) => {
  let clock = 1_000_000_000
  const store = new MemoryStore(() => clock)
  const engine = new ConversationEngine({ store, interviewer: await createReferenceInterviewer(), leaseTtlMs: 1000, now: () => clock })
  const context = { tenant: 'a', log: { error () {} } as never }
  const created = await engine.createConversation({ patient: { age: 30, sex: 'male' }, personality: 'professional', language: 'en', coding_system: 'snomed', max_questions: 5 }, context)
  const turn = await engine.startTurn({ conversation_id: created.id, input: 'I have a cough', force_diagnose: false, response_id: 'resp_000000000000' }, { ...context, signal: new AbortController().signal })
  clock += 2000
  // Another turn takes the expired lease and finishes first.
  const other = await engine.startTurn({ conversation_id: created.id, input: 'I have a fever', force_diagnose: false, response_id: 'resp_000000000001' }, { ...context, signal: new AbortController().signal })
  let step = await other.next()
  while (step.done !== true) step = await other.next()
  await t.rejects(async () => {
    let first = await turn.next()
    while (first.done !== true) first = await turn.next()
  }, LeaseLostError)
  const stored = await engine.getConversation(created.id, context)
  t.equal(stored?.usage.turns, 1)
  t.equal(stored?.messages[0]?.content, 'I have a fever')
  t.equal(created.created_at, 1_000_000)
})

t.test('a lease that cannot be released is logged, not thrown', async (t) => {
  const store = new MemoryStore()
  const errors: unknown[] = []
  store.releaseLease = async () => { throw new Error('database locked') }
  const engine = new ConversationEngine({ store, interviewer: await createReferenceInterviewer() })
  const context = { tenant: 'a', log: { error: (entry: unknown) => errors.push(entry) } as never }
  const created = await engine.createConversation({ patient: { age: 30, sex: 'male' }, personality: 'professional', language: 'en', coding_system: 'snomed' }, context)
  const controller = new AbortController()
  await engine.startTurn({ conversation_id: created.id, input: 'cough', force_diagnose: false, response_id: 'resp_000000000000' }, { ...context, signal: controller.signal })
  controller.abort(new Error('client gone'))
  await until(() => errors.length === 1)
  t.match(errors[0], { err: { message: 'database locked' } })

  const second = await engine.createConversation({ patient: { age: 30, sex: 'male' }, personality: 'professional', language: 'en', coding_system: 'snomed' }, context)
  const aborted = new AbortController()
  aborted.abort(new Error('gone before it began'))
  const late = await engine.startTurn({ conversation_id: second.id, input: 'cough', force_diagnose: false, response_id: 'resp_000000000001' }, { ...context, signal: aborted.signal })
  await t.rejects(late.next(), /gone before it began/)
})
