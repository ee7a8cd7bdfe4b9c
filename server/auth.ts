import createError from '@fastify/error'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { UnauthorizedError } from 'fastify-medical-chats'
import { TOKEN68_PATTERN, type TokenRegistry } from './tokens.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller's tenant; '' before authentication. */
    tenant: string
    /** A non-secret name of the caller's token, for per-token rate limits; '' before authentication. */
    tokenId: string
  }
}

/** The protection space named in every challenge (RFC 9110 §11.5). */
export const BEARER_REALM = 'medical-chats'

/** An address over its budget of failed attempts: the API's 429 `rate_limited`. */
export const TooManyFailedAttemptsError = createError('AUTH_TOO_MANY_FAILURES', 'Too many failed authentication attempts from this address; retry later.', 429)

export interface AuthOptions {
  tokens: TokenRegistry
  /** Failed attempts allowed per client address per minute; past it, every request from there is 429 until the minute ends. */
  failuresPerMinute: number
}

/**
 * What the Authorization header presented, read as RFC 9110 §11.6.2 and RFC 6750 §2.1 define it.
 * `error` is the RFC 6750 §3.1 code for the challenge: absent when no bearer credentials were
 * presented at all (no header, or another scheme), `invalid_request` when they are malformed,
 * `invalid_token` when the token is not one of ours.
 */
type Presented =
  | { token: string }
  | { token?: undefined, error?: 'invalid_request', description: string }

/**
 * `credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ]` (RFC 9110 §11.4). The scheme
 * is a `token` (§5.6.2), matched case-insensitively (§11.1). Node has already trimmed the
 * field value's surrounding whitespace (§5.5).
 */
const CREDENTIALS = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)(?: +(.*))?$/
const BEARER_SCHEME = 'bearer'

function countAuthorizationFields (rawHeaders: string[]): number {
  let count = 0
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if ((rawHeaders[i] as string).length === 13 && (rawHeaders[i] as string).toLowerCase() === 'authorization') count++
  }
  return count
}

/** Reads the bearer token a request presents, or says why there is none. */
export function presentedToken (request: FastifyRequest): Presented {
  const header = request.headers.authorization
  const query = request.query as Record<string, unknown>
  // RFC 6750 §2.3 lets a server accept the token in the URI; this one does not, because URIs
  // are logged and cached. Saying so is kinder than a bare "missing".
  if (Object.hasOwn(query, 'access_token')) {
    return { error: 'invalid_request', description: 'The access token must be sent in the Authorization header, not the URI' }
  }
  if (header === undefined) return { description: 'No credentials were presented' }
  // Authorization is a singleton field (RFC 9110 §5.3): Node keeps only the first of several,
  // so which one would count is not for us to guess.
  if (countAuthorizationFields(request.raw.rawHeaders) > 1) {
    return { error: 'invalid_request', description: 'More than one Authorization header field' }
  }
  const match = CREDENTIALS.exec(header)
  if (match === null) return { error: 'invalid_request', description: 'The Authorization header is not auth-scheme credentials' }
  if ((match[1] as string).toLowerCase() !== BEARER_SCHEME) return { description: 'Only the Bearer scheme is accepted' }
  const token = match[2]
  if (token === undefined || !TOKEN68_PATTERN.test(token)) {
    return { error: 'invalid_request', description: 'A Bearer credential is one token of letters, digits and - . _ ~ + / (then = padding)' }
  }
  return { token }
}

/** The `WWW-Authenticate` value for a 401 (RFC 6750 §3): the realm, and the error when there is one. */
export function bearerChallenge (error?: string, description?: string): string {
  // Without credentials there is no error to name (RFC 6750 §3.1), and so nothing to describe.
  if (error === undefined) return `Bearer realm="${BEARER_REALM}"`
  return `Bearer realm="${BEARER_REALM}", error="${error}"` + (description === undefined ? '' : `, error_description="${description}"`)
}

type FailureLimiter = (request: FastifyRequest, options: { increment: boolean }) => Promise<{ isAllowed: true } | { isAllowed: false, isExceeded: boolean, ttlInSeconds: number }>

/**
 * Bearer tokens on every route of the context it is registered in (RFC 6750 §2.1). A 401 is
 * passed on as an error, so the API answers it in its own shape, `unauthorized`, while the
 * `WWW-Authenticate` challenge says what RFC 6750 would have said (its 400 for a malformed
 * request stays a 401 here: the API's table has one code for missing, malformed and unknown).
 *
 * Failed attempts are counted per client address in `@fastify/rate-limit`'s store (registered
 * before this plugin, so the same store serves both). An address past its budget gets 429 on
 * every request, a valid token included, until its minute ends: otherwise a guess that happened
 * to be right would still be told apart from the wrong ones.
 */
async function bearerTokens (fastify: FastifyInstance, { tokens, failuresPerMinute }: AuthOptions): Promise<void> {
  fastify.decorateRequest('tenant', '')
  fastify.decorateRequest('tokenId', '')
  const failures = fastify.createRateLimit({
    max: failuresPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => 'auth-failures:' + request.ip
  }) as FailureLimiter

  fastify.addHook('onRequest', async function authenticate (request: FastifyRequest, reply: FastifyReply) {
    const presented = presentedToken(request)
    const caller = presented.token === undefined ? undefined : tokens.resolve(presented.token)
    const budget = await failures(request, { increment: caller === undefined })
    if (!budget.isAllowed && budget.isExceeded) {
      reply.header('retry-after', String(budget.ttlInSeconds))
      throw new TooManyFailedAttemptsError()
    }
    if (caller !== undefined) {
      request.tenant = caller.tenant
      request.tokenId = caller.tokenId
      return
    }
    const [error, description] = presented.token === undefined
      ? [presented.error, presented.description]
      : ['invalid_token', 'The access token is not valid']
    request.log.info({ auth: { error: error ?? 'no_credentials', reason: description } }, 'authentication failed')
    reply.header('www-authenticate', bearerChallenge(error, description))
    throw new UnauthorizedError()
  })
}

export default fp(bearerTokens, { name: 'bearer-tokens', fastify: '5.x', dependencies: ['@fastify/rate-limit'] })
