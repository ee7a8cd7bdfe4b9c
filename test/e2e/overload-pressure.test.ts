/**
 * Refusal under event-loop pressure: the loop is blocked for real past a sample of
 * `@fastify/under-pressure`, whose sampling runs on the real clock.
 */
import FakeTimers from '@sinonjs/fake-timers'
import Fastify from 'fastify'
import t from 'tap'
import overload, { OVERLOAD_RETRY_AFTER_SECONDS } from '../../server/overload.js'
import { assertErrorResponse } from '../helpers/contract.js'

t.test('overload: under event-loop pressure new requests are refused, but not for the start-up\'s own samples', async (t) => {
  const app = Fastify()
  await app.register(overload, { maxEventLoopDelayMs: 1, maxEventLoopUtilization: 0, maxHeapUsedBytes: 0, maxConcurrentRequests: 0, sampleIntervalMs: 1000 })
  app.get('/work', async () => ({ ok: true }))
  t.teardown(() => app.close())
  await app.ready()
  // Block the event loop past the first sample, as a saturated process would.
  const until = performance.now() + 1100
  while (performance.now() < until);
  // The sample that was due during the block runs now.
  while (app.memoryUsage().eventLoopDelay <= 1) await new Promise((resolve) => setImmediate(resolve))
  t.equal((await app.inject({ url: '/work' })).statusCode, 200, 'still within the start-up samples: served')
  const clock = FakeTimers.install({ now: Date.now(), toFake: ['Date'] })
  t.teardown(() => clock.uninstall())
  clock.tick(2000)
  const refused = await app.inject({ url: '/work' })
  t.equal(refused.statusCode, 503)
  t.equal(refused.headers['retry-after'], String(OVERLOAD_RETRY_AFTER_SECONDS))
  assertErrorResponse(refused.json())
  t.equal(refused.json().error.code, 'unavailable')
})
