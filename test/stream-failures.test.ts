import FakeTimers from '@sinonjs/fake-timers'
import t from 'tap'
import { buildApp, createConversation } from './helpers/app.js'
import { until } from './helpers/fake-engine.js'
import { assertErrorResponse, parseStream } from './helpers/contract.js'

const SSE = { accept: 'text/event-stream' }

/** Captures the app's log lines. */
function logSink () {
  const lines: Array<Record<string, any>> = []
  return {
    lines,
    stream: { write: (line: string) => { lines.push(JSON.parse(line)) } }
  }
}

t.test('an engine failure after N deltas is an error event, then the end; logged once without internals', async (t) => {
  const unhandled: unknown[] = []
  const onUnhandled = (reason: unknown) => unhandled.push(reason)
  process.on('unhandledRejection', onUnhandled)
  t.teardown(() => { process.off('unhandledRejection', onUnhandled) })

  const sink = logSink()
  const { app, engine } = await buildApp(t, {}, { logger: { level: 'info', stream: sink.stream } })
  const id = await createConversation(app)
  engine.script = { chunks: ['one ', 'two ', 'three'], failAfter: 2 }
  const response = await app.inject({ method: 'POST', url: '/v1/chats', headers: SSE, payload: { conversation_id: id, input: 'PATIENT-TEXT-5512' } })
  const { events, deltas, terminal } = parseStream(response.body)
  t.same(deltas, ['one ', 'two '])
  t.equal(events.length, 3)
  t.equal(terminal.event, 'error')
  t.same(terminal.data, { error: { code: 'stream_error', message: 'An unexpected error occurred.' } })
  t.notMatch(response.body, /exploded|secret|path/)

  const failures = sink.lines.filter((line) => line.msg === 'engine failed during a stream')
  t.equal(failures.length, 1, 'the failure is logged once')
  t.ok(failures[0]?.reqId, 'with the request id')
  const outcomes = sink.lines.filter((line) => line.msg === 'stream ended')
  t.equal(outcomes.length, 1)
  t.match(outcomes[0], { reqId: failures[0]?.reqId, stream: { outcome: 'stream_error', events: 3 } })
  t.notMatch(JSON.stringify(sink.lines), 'PATIENT-TEXT-5512', 'no patient text in the logs')
  t.equal(engine.probe.committed, 0)
  t.equal(engine.probe.finallyRan, 1)

  const again = await app.inject({ method: 'POST', url: '/v1/chats', headers: SSE, payload: { conversation_id: id, input: 'hi' } })
  t.equal(parseStream(again.body).terminal.event, 'error', 'the conversation is free for the next turn')
  await new Promise((resolve) => setImmediate(resolve))
  t.same(unhandled, [], 'no unhandled rejection')
})

t.test('a response that does not carry the turn\'s id is a stream_error', async (t) => {
  const { app, engine } = await buildApp(t)
  engine.script = { chunks: ['a'], wrongId: true }
  const response = await app.inject({ method: 'POST', url: '/v1/chats', headers: SSE, payload: { conversation_id: await createConversation(app), input: 'hi' } })
  t.same(parseStream(response.body).terminal.data, { error: { code: 'stream_error', message: 'An unexpected error occurred.' } })
})

t.test('an engine stall past the timeout: engine_timeout on a stream, 503 on JSON; the engine is aborted', async (t) => {
  const clock = FakeTimers.install({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
  t.teardown(() => clock.uninstall())
  const { app, engine } = await buildApp(t, { engineTimeoutMs: 5000, heartbeatMs: 60_000 })

  engine.script = { chunks: ['a', 'b', 'c'], stallAt: 2 }
  const streamed = app.inject({ method: 'POST', url: '/v1/chats', headers: SSE, payload: { conversation_id: await createConversation(app), input: 'hi' } })
  await until(() => engine.probe.stalled)
  await clock.tickAsync(4999)
  t.equal(engine.probe.aborted.length, 0, 'not before the timeout')
  await clock.tickAsync(1)
  const { terminal, deltas } = parseStream((await streamed).body)
  t.same(deltas, ['a', 'b'])
  t.same(terminal.data, { error: { code: 'engine_timeout', message: 'The engine did not answer in time.' } })
  t.match(engine.probe.aborted[0], { code: 'CHATS_ENGINE_TIMEOUT' }, 'the engine saw the reason')

  engine.script = { chunks: ['a', 'b'], stallAt: 0 }
  const json = app.inject({ method: 'POST', url: '/v1/chats', payload: { conversation_id: await createConversation(app), input: 'hi' } })
  await until(() => engine.probe.stalled)
  await clock.tickAsync(5000)
  const response = await json
  t.equal(response.statusCode, 503)
  assertErrorResponse(response.json())
  t.same(response.json().error.code, 'unavailable')
  t.equal(response.headers['retry-after'], '1')
  t.equal(engine.probe.committed, 0)
})

t.test('an engine that never starts the turn times out before any byte: a JSON 503', async (t) => {
  const clock = FakeTimers.install({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
  t.teardown(() => clock.uninstall())
  const { app, engine } = await buildApp(t, { engineTimeoutMs: 1000 })
  const id = await createConversation(app)
  let open!: () => void
  engine.startGate = new Promise((resolve) => { open = resolve })
  const response = app.inject({ method: 'POST', url: '/v1/chats', headers: SSE, payload: { conversation_id: id, input: 'hi' } })
  await until(() => engine.probe.calls === 1)
  await clock.tickAsync(1000)
  const answered = await response
  t.equal(answered.statusCode, 503)
  t.match(answered.headers['content-type'], /application\/json/)
  open()
  engine.startGate = undefined
  await until(() => engine.probe.started === 1)
  t.match(engine.probe.aborted, [{ code: 'CHATS_ENGINE_TIMEOUT' }], 'the late turn sees the abort and lets go of the conversation')
  const next = await app.inject({ method: 'POST', url: '/v1/chats', payload: { conversation_id: id, input: 'hi' } })
  t.equal(next.statusCode, 200, 'the conversation is free again')
})

t.test('a silent stream gets heartbeat comments, counted as no event', async (t) => {
  const clock = FakeTimers.install({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
  t.teardown(() => clock.uninstall())
  const { app, engine } = await buildApp(t, { engineTimeoutMs: 35_000, heartbeatMs: 15_000 })
  engine.script = { chunks: ['a', 'b'], stallAt: 1 }
  const response = app.inject({ method: 'POST', url: '/v1/chats', headers: SSE, payload: { conversation_id: await createConversation(app), input: 'hi' } })
  await until(() => engine.probe.stalled)
  await clock.tickAsync(35_000)
  const body = (await response).body
  t.equal(body.split(': ping\n\n').length - 1, 2, 'a ping after each 15 s of silence')
  t.match(body, /^event: delta\n.*\n\n: ping\n\n: ping\n\nevent: error\n/)
  t.equal(parseStream(body).events.length, 2)
})
