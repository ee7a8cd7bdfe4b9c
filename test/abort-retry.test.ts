import FakeTimers from '@sinonjs/fake-timers'
import t, { type Test } from 'tap'
import { ABANDON_NOTICE_MS, ConversationEngine, RELEASE_WAIT_MS } from '../server/conversation-engine.js'
import { createReferenceInterviewer } from '../server/interview/index.js'
import { MemoryStore } from '../server/store/memory.js'
import { until } from './helpers/fake-engine.js'
import { listen, openStream } from './helpers/socket.js'
import { AUTH_A, buildServer } from './helpers/server.js'

const PATIENT = { patient: { age: 30, sex: 'female' } }
const RETRIES = 5

t.test('retry after a client abort: the next turn, sent at once, is served, not refused as busy', async (t) => {
  const { app } = await buildServer(t, { config: { STREAM_CHUNK_DELAY_MS: 5 } })
  const port = await listen(app)
  for (let run = 0; run < RETRIES; run++) {
    const id = (await app.inject({ method: 'POST', url: '/v1/conversations', headers: AUTH_A, payload: PATIENT })).json().id
    const stream = await openStream(port, { conversation_id: id, input: 'I have a headache and feel nauseous' }, '/v1/chats', AUTH_A)
    await until(() => stream.text().includes('event: delta'))
    // The client aborts and sends its next turn in the same breath: the server reads the new
    // request before the old socket's close.
    stream.request.destroy()
    const next = await app.inject({ method: 'POST', url: '/v1/chats', headers: AUTH_A, payload: { conversation_id: id, input: 'I have a headache' } })
    t.equal(next.statusCode, 200, `run ${run}: ${next.body.slice(0, 80)}`)
    const stored = (await app.inject({ url: `/v1/conversations/${id}`, headers: AUTH_A })).json()
    t.same(stored.messages.map((message: { content: string }) => message.content).slice(0, 1), ['I have a headache'], `run ${run}: only the retried turn was kept`)
    t.equal(stored.usage.turns, 1)
  }
})

async function engineWith (t: Test, store = new MemoryStore()) {
  const clock = FakeTimers.install({ toFake: ['setTimeout', 'clearTimeout'] })
  t.teardown(() => clock.uninstall())
  const engine = new ConversationEngine({ store, interviewer: await createReferenceInterviewer() })
  const log = { error () {}, info () {} } as never
  const created = await engine.createConversation({ patient: { age: 30, sex: 'male' }, personality: 'professional', language: 'en', coding_system: 'snomed' }, { tenant: 'a', log })
  let responses = 0
  const turn = (signal: AbortSignal) => engine.startTurn({ conversation_id: created.id, input: 'I have a cough', force_diagnose: false, response_id: `resp_00000000000${responses++}` }, { tenant: 'a', log, signal })
  return { clock, engine, store, id: created.id, turn }
}

/** Settles a promise's outcome without awaiting it, so fake time can pass in between. */
function track<T> (pending: Promise<T>): { outcome: () => 'pending' | 'resolved' | 'rejected', value: Promise<T> } {
  let outcome: 'pending' | 'resolved' | 'rejected' = 'pending'
  pending.then(() => { outcome = 'resolved' }, () => { outcome = 'rejected' })
  return { outcome: () => outcome, value: pending }
}

t.test('retry after a client abort: a holder abandoned while the next turn waits lets it in', async (t) => {
  const { clock, turn } = await engineWith(t)
  const first = new AbortController()
  await turn(first.signal)
  const second = track(turn(new AbortController().signal))
  await clock.tickAsync(ABANDON_NOTICE_MS / 2)
  t.equal(second.outcome(), 'pending', 'waiting to learn whether the holder is abandoned')
  first.abort(new Error('client closed'))
  await clock.tickAsync(0)
  t.equal(second.outcome(), 'resolved', 'the holder let go: the next turn runs')
  t.equal(clock.countTimers(), 0, 'no timer left')
})

t.test('retry after a client abort: a holder abandoned before the next turn came is waited for, not refused', async (t) => {
  const store = new MemoryStore()
  const { clock, turn } = await engineWith(t, store)
  const first = new AbortController()
  await turn(first.signal)
  let release: () => void = () => {}
  const releaseLease = store.releaseLease.bind(store)
  store.releaseLease = (tenant, id, holder) => new Promise((resolve) => { release = () => { releaseLease(tenant, id, holder).then(resolve) } })
  first.abort(new Error('client closed'))
  const second = track(turn(new AbortController().signal))
  await clock.tickAsync(RELEASE_WAIT_MS - 1)
  t.equal(second.outcome(), 'pending', 'the release is still under way')
  release()
  await clock.tickAsync(0)
  t.equal(second.outcome(), 'resolved')
})

t.test('busy stays busy: a holder still serving its client is not waited for beyond the notice', async (t) => {
  const { clock, turn } = await engineWith(t)
  await turn(new AbortController().signal)
  const serving = track(turn(new AbortController().signal))
  await clock.tickAsync(ABANDON_NOTICE_MS - 1)
  t.equal(serving.outcome(), 'pending')
  await clock.tickAsync(1)
  await t.rejects(serving.value, { code: 'CHATS_CONVERSATION_BUSY' })
  t.equal(clock.countTimers(), 0, 'no timer left')
})

t.test('busy stays busy: an abandoned holder whose release does not come is waited for no longer than its bound', async (t) => {
  const store = new MemoryStore()
  const { clock, turn } = await engineWith(t, store)
  const stuck = new AbortController()
  await turn(stuck.signal)
  store.releaseLease = () => new Promise(() => {})
  stuck.abort(new Error('client closed'))
  const waiting = track(turn(new AbortController().signal))
  await clock.tickAsync(RELEASE_WAIT_MS - 1)
  t.equal(waiting.outcome(), 'pending')
  await clock.tickAsync(1)
  await t.rejects(waiting.value, { code: 'CHATS_CONVERSATION_BUSY' })
})

t.test('busy stays busy: a conversation held by another process is refused at once', async (t) => {
  const store = new MemoryStore()
  const { id, turn } = await engineWith(t, store)
  await store.acquireLease('a', id, 'a-turn-of-another-process', 60_000)
  // No fake time passes: a wait would never end.
  await t.rejects(turn(new AbortController().signal), { code: 'CHATS_CONVERSATION_BUSY' })
})
