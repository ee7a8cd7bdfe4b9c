import Fastify from 'fastify'
import t from 'tap'
import fastifyChats, { DEFAULT_ENGINE_TIMEOUT_MS } from '../plugin/index.js'
import { normalizeOptions } from '../plugin/options.js'
import { FakeEngine } from './helpers/fake-engine.js'

t.test('bad options fail ready() with a coded error that says how to fix it', async (t) => {
  const engine = new FakeEngine()
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [{}, /engine: pass an object implementing ChatEngine/],
    [{ engine: null }, /engine: pass an object/],
    [{ engine: { ...engine, startTurn: 'no', capabilities: engine.capabilities, createConversation: engine.createConversation, getConversation: engine.getConversation } }, /engine.startTurn must be a function/],
    [{ engine: { createConversation () {}, getConversation () {}, startTurn () {} } }, /capabilities must list/],
    [{ engine: { createConversation () {}, getConversation () {}, startTurn () {}, capabilities: { personalities: [], languages: ['en'], codingSystems: ['snomed'] } } }, /capabilities must list/],
    [{ engine, engineTimeoutMs: 0 }, /engineTimeoutMs: expected a positive integer, got 0/],
    [{ engine, heartbeatMs: -5 }, /heartbeatMs: expected a positive integer/],
    [{ engine, closeGraceMs: 1.5 }, /closeGraceMs: expected a positive integer/],
    [{ engine, bodyLimit: '1mb' }, /bodyLimit: expected a positive integer, got "1mb"/],
    [{ engine, getTenant: 'default' }, /getTenant: expected a function/],
    [{ engine, openapi: 'yes' }, /openapi: expected a boolean/]
  ]
  for (const [options, message] of cases) {
    const app = Fastify()
    app.register(fastifyChats, options as never)
    const error = await app.ready().then(() => undefined, (e: Error & { code?: string }) => e)
    t.equal(error?.code, 'CHATS_INVALID_OPTION', String(message))
    t.match(error?.message, message)
    await app.close()
  }
})

t.test('options are normalised into a new frozen object; the caller\'s is untouched', async (t) => {
  const engine = new FakeEngine()
  const given = { engine, heartbeatMs: 1000 }
  const normalized = normalizeOptions(given)
  t.ok(Object.isFrozen(normalized))
  t.same(Object.keys(given), ['engine', 'heartbeatMs'])
  t.equal(normalized.engineTimeoutMs, DEFAULT_ENGINE_TIMEOUT_MS)
  t.equal(normalized.heartbeatMs, 1000)
  t.equal(normalized.openapi, false)
  t.equal(normalized.getTenant({} as never), 'default')
})
