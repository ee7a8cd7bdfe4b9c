import { Redis } from 'ioredis'
import t from 'tap'
import { AUTH_A, buildServer } from './helpers/server.js'

// The shared rate limit's counting across instances needs a real Redis:
// test/e2e/rate-limit-redis.test.ts and test/e2e/multi-instance.test.ts. Here, what a server
// configured with one does when it cannot reach it.

t.test('with REDIS_URL but Redis unreachable: API requests are 503 unavailable, /readyz fails, /healthz does not', async (t) => {
  // Nothing listens on port 1; no retries, so the client gives up at once.
  const redis = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, retryStrategy: () => null })
  redis.on('error', () => {})
  const { app } = await buildServer(t, { redis })
  const refused = await app.inject({ method: 'POST', url: '/v1/conversations', headers: AUTH_A, payload: { patient: { age: 30, sex: 'male' } } })
  t.equal(refused.statusCode, 503)
  t.equal(refused.json().error.code, 'unavailable')
  t.ok(Number(refused.headers['retry-after']) > 0)
  t.notMatch(refused.body, /redis|6379|127\.0\.0\.1/i, 'nothing about the infrastructure reaches the client')
  t.equal((await app.inject({ url: '/readyz' })).statusCode, 503)
  t.equal((await app.inject({ url: '/healthz' })).statusCode, 200)
})
