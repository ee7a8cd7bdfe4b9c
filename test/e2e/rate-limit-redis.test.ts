import { randomBytes } from 'node:crypto'
import type { FastifyBaseLogger } from 'fastify'
import { Redis } from 'ioredis'
import t from 'tap'
import { connectRedis } from '../../server/redis.js'
import { requireEnv } from '../helpers/requires.js'
import { REDIS_TEST_URL_EXAMPLE } from '../helpers/services.js'
import { AUTH_A, buildServer } from '../helpers/server.js'
import { startTcpProxy } from '../helpers/tcp-proxy.js'

/** A logger that keeps what it is given, at the two levels connectRedis uses. */
function recordingLog (): { log: FastifyBaseLogger, lines: Array<[string, string]> } {
  const lines: Array<[string, string]> = []
  const log = {
    error: (_entry: unknown, message: string) => { lines.push(['error', message]) },
    info: (message: string) => { lines.push(['info', message]) }
  } as unknown as FastifyBaseLogger
  return { log, lines }
}

const url = requireEnv('REDIS_TEST_URL', REDIS_TEST_URL_EXAMPLE, 'the Redis rate-limit tests')

if (url !== undefined) {
  t.test('two servers on one Redis count one token\'s requests once', async (t) => {
    // A token of its own: counters left in Redis by earlier runs do not count.
    const token = `redis-${randomBytes(12).toString('hex')}`
    const auth = { authorization: `Bearer ${token}` }
    const apps = await Promise.all([0, 1].map(async () => {
      const redis = await connectRedis(url, recordingLog().log)
      const { app } = await buildServer(t, { redis, config: { RATE_LIMIT_PER_MINUTE: 4 }, tokens: [['a', token]] })
      return app
    }))
    const statuses = []
    for (let index = 0; index < 6; index++) {
      statuses.push((await apps[index % 2]?.inject({ url: '/v1/conversations/conv_000000000000', headers: auth }))?.statusCode)
    }
    t.same(statuses, [404, 404, 404, 404, 429, 429])
    for (const app of apps) t.equal((await app.inject({ url: '/readyz' })).statusCode, 200)
  })

  t.test('Redis lost and back: 503 unavailable while it is gone, logged once, and recovery without a restart', async (t) => {
    const target = new URL(url)
    const proxy = await startTcpProxy(Number(target.port === '' ? 6379 : target.port))
    t.teardown(proxy.close)
    target.host = `127.0.0.1:${proxy.port}`
    const { log, lines } = recordingLog()
    const redis = await connectRedis(target.toString(), log)
    const { app } = await buildServer(t, { redis })
    const request = async (): Promise<number> => (await app.inject({ method: 'POST', url: '/v1/conversations', headers: AUTH_A, payload: { patient: { age: 30, sex: 'male' } } })).statusCode
    t.equal(await request(), 201)

    // Two failures: the reset, then a reconnection refused; the outage is logged once.
    const failures = new Promise<void>((resolve) => {
      let count = 0
      redis.on('error', () => { if (++count === 2) resolve() })
    })
    proxy.cut()
    await failures
    t.equal(await request(), 503)
    t.equal(await request(), 503)
    t.equal((await app.inject({ url: '/readyz' })).statusCode, 503)
    proxy.restore()
    await new Promise((resolve) => redis.once('ready', resolve))
    t.equal(await request(), 201, 'serving again, no restart')
    t.equal((await app.inject({ url: '/readyz' })).statusCode, 200)

    // A connection Redis closes cleanly (a restart, CLIENT KILL) is reopened with no outage logged.
    const admin = new Redis(url)
    t.teardown(() => admin.disconnect())
    await admin.client('KILL', 'ID', String(await redis.client('ID')))
    await new Promise((resolve) => redis.once('ready', resolve))
    t.equal(await request(), 201)
    t.same(lines.map(([level]) => level), ['error', 'info'], 'the outage is logged once, and its end')
  })

  t.test('a REDIS_URL that cannot be reached fails to connect', async (t) => {
    await t.rejects(connectRedis('redis://127.0.0.1:1', recordingLog().log), /ECONNREFUSED/)
  })
}
