import bearerAuth from '@fastify/bearer-auth'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { TokenRegistry } from './tokens.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller's tenant; '' before authentication. */
    tenant: string
    /** A non-secret name of the caller's token, for per-token rate limits; '' before authentication. */
    tokenId: string
  }
}

export interface AuthOptions {
  tokens: TokenRegistry
}

/**
 * Bearer tokens on every route of the context it is registered in. A failure is passed on
 * as an error (401), so the Conversations plugin answers it in the API's shape.
 */
async function bearerTokens (fastify: FastifyInstance, { tokens }: AuthOptions): Promise<void> {
  fastify.decorateRequest('tenant', '')
  fastify.decorateRequest('tokenId', '')
  await fastify.register(bearerAuth, {
    keys: [],
    addHook: false,
    verifyErrorLogLevel: 'info',
    auth (token: string, request: FastifyRequest) {
      const caller = tokens.resolve(token)
      if (caller === undefined) return false
      request.tenant = caller.tenant
      request.tokenId = caller.tokenId
      return true
    }
  })
  fastify.addHook('onRequest', fastify.verifyBearerAuth as NonNullable<typeof fastify.verifyBearerAuth>)
}

export default fp(bearerTokens, { name: 'bearer-tokens', fastify: '5.x' })
