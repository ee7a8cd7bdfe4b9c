import type { FastifyCorsOptions } from '@fastify/cors'

/** Response headers a browser app may read: the request id, when to retry, which scenario was applied. */
export const EXPOSED_HEADERS = ['x-request-id', 'retry-after', 'preference-applied']

/**
 * `@fastify/cors` options from `CORS_ORIGINS`: `*` (any origin, for development) or a
 * comma-separated list of origins (`https://app.example.com,http://localhost:5173`). Preflights
 * are answered at the root, before authentication, which a browser never sends on a preflight.
 */
export function corsOptions (origins: string): FastifyCorsOptions {
  const list = origins.split(',').map((origin) => origin.trim().replace(/\/$/, '')).filter((origin) => origin !== '')
  return {
    origin: list.includes('*') ? '*' : list,
    methods: ['GET', 'POST'],
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600
  }
}
