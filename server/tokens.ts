import { createHash, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { ConfigError } from './config.js'

export const DEV_TENANT = 'dev'

export interface Caller {
  tenant: string
  /** A stable, non-secret name for the token. */
  tokenId: string
}

function digestOf (token: string): Buffer {
  return createHash('sha256').update(token).digest()
}

/**
 * Bearer tokens and the tenant each belongs to, kept only as SHA-256 digests and found by
 * digest: checking a token costs one hash and one lookup however many tokens there are.
 * The lookup is timing-safe without comparing against every entry: the caller chooses the
 * token, not its digest, so how long the lookup takes (how much of a stored digest the
 * presented one shares) tells nothing about any token (SHA-256 is preimage-resistant).
 */
export class TokenRegistry {
  readonly #callers = new Map<string, Caller>()

  /** @throws ConfigError when one token is given to two tenants. */
  constructor (pairs: Array<[tenant: string, token: string]>) {
    for (const [tenant, token] of pairs) {
      const digest = digestOf(token)
      const key = digest.toString('base64')
      const known = this.#callers.get(key)
      if (known !== undefined && known.tenant !== tenant) {
        throw new ConfigError(`the same token is given to tenants "${known.tenant}" and "${tenant}"`)
      }
      // The digest's prefix names the token (for rate limits) without being the token.
      this.#callers.set(key, { tenant, tokenId: digest.toString('hex', 0, 8) })
    }
  }

  get size (): number {
    return this.#callers.size
  }

  /** Who `token` belongs to, or undefined. */
  resolve (token: string): Caller | undefined {
    return this.#callers.get(digestOf(token).toString('base64'))
  }
}

const TENANT_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/
const MIN_TOKEN_LENGTH = 16
/**
 * What a bearer token may be: RFC 6750 §2.1 `b64token`, the same syntax as RFC 9110 §11.2
 * `token68`. A configured token outside it could never be presented in a valid header.
 */
export const TOKEN68_PATTERN = /^[A-Za-z0-9\-._~+/]+=*$/

/** Parses `tenant:token` pairs; `where` names the source in error messages. */
export function parseTokenPairs (entries: string[], where: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = []
  for (const raw of entries) {
    const entry = raw.trim()
    if (entry === '' || entry.startsWith('#')) continue
    const colon = entry.indexOf(':')
    const tenant = entry.slice(0, colon)
    const token = entry.slice(colon + 1)
    if (colon <= 0 || !TENANT_PATTERN.test(tenant)) {
      throw new ConfigError(`${where}: each entry must be tenant:token, with a tenant of letters, digits, '_', '.' or '-'`)
    }
    if (token.length < MIN_TOKEN_LENGTH || !TOKEN68_PATTERN.test(token)) {
      throw new ConfigError(`${where}: the token of tenant "${tenant}" must be at least ${MIN_TOKEN_LENGTH} characters of letters, digits and - . _ ~ + / (then = padding only), as a bearer token is (RFC 6750 §2.1)`)
    }
    pairs.push([tenant, token])
  }
  if (pairs.length === 0) throw new ConfigError(`${where}: no tenant:token pair found`)
  return pairs
}

export interface TokenSetup {
  registry: TokenRegistry
  /** Set when no tokens were configured: the generated development token, to print once. */
  devToken?: string
}

export function loadTokens (config: { API_TOKENS?: string, API_TOKENS_FILE?: string }): TokenSetup {
  if (config.API_TOKENS !== undefined) {
    return { registry: new TokenRegistry(parseTokenPairs(config.API_TOKENS.split(','), 'API_TOKENS')) }
  }
  if (config.API_TOKENS_FILE !== undefined) {
    let text: string
    try {
      text = readFileSync(config.API_TOKENS_FILE, 'utf8')
    } catch {
      throw new ConfigError(`API_TOKENS_FILE: cannot read ${config.API_TOKENS_FILE}`)
    }
    return { registry: new TokenRegistry(parseTokenPairs(text.split('\n'), 'API_TOKENS_FILE')) }
  }
  const devToken = 'dev_' + randomBytes(24).toString('base64url')
  return { registry: new TokenRegistry([[DEV_TENANT, devToken]]), devToken }
}
