import t from 'tap'
import { LiveTurns } from '../plugin/live-turns.js'
import { TurnRun } from '../plugin/turn.js'
import { FakeEngine } from './helpers/fake-engine.js'

t.test('a turn aborted before it starts never asks the engine to wait', async (t) => {
  const registry = new LiveTurns(1000)
  const run = new TurnRun(1000, registry)
  run.abort(new Error('client gone'))
  run.abort(new Error('a second reason is ignored'))
  const engine = new FakeEngine()
  const conversation = await engine.createConversation({ patient: { age: 30, sex: 'male' }, personality: 'professional', language: 'en', coding_system: 'snomed' }, { tenant: 'default', log: console as never })
  await t.rejects(run.start(engine, { conversation_id: conversation.id, input: 'hi', force_diagnose: false, response_id: 'resp_000000000000' }, { tenant: 'default', log: console as never }), /client gone/)
  t.equal(run.signal.aborted, true, 'a signal made after the abort is born aborted')
  t.match(run.signal.reason, { message: 'client gone' })
  const settled = run.settled
  run.dispose()
  run.dispose()
  await settled
  await registry.close(10)
  t.pass('disposing twice is harmless; the registry is empty')
})
