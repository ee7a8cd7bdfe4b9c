import type { FastifyBaseLogger } from 'fastify'
import { Redis } from 'ioredis'

/**
 * A Redis connection for the shared rate limit, connected before this resolves: a REDIS_URL
 * that cannot be reached rejects with the connection's error (the server's start fails, one
 * line). Settings after @fastify/rate-limit's advice: a short connect timeout, one retry per
 * command, and no offline queue, so a request never waits for a Redis that is gone. ioredis
 * reconnects by itself; the first failure of an outage is logged at error level, the
 * reconnection at info.
 */
export async function connectRedis (url: string, log: FastifyBaseLogger): Promise<Redis> {
  const redis = new Redis(url, { connectTimeout: 2000, maxRetriesPerRequest: 1, enableOfflineQueue: false })
  try {
    await new Promise((resolve, reject) => {
      redis.once('ready', resolve)
      redis.once('error', reject)
    })
  } catch (error) {
    redis.disconnect()
    throw error
  }
  let failing = false
  redis.on('error', (error: Error) => {
    if (failing) return
    failing = true
    log.error({ err: error }, 'Redis cannot be reached; API requests get 503 until it can')
  })
  redis.on('ready', () => {
    if (!failing) return
    failing = false
    log.info('Redis serves again')
  })
  return redis
}
