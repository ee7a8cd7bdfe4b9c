import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { ConfigError } from './config.js'

export const DEV_TENANT = 'dev'

export interface Caller {
  tenant: string
  /** A stable, non-secret name for the token. */
  tokenId: string
}

interface TokenEntry {
  tenant: string
  digest: Buffer
}

function digestOf (token: string): Buffer {
  return createHash('sha256').update(token).digest()
}

/**
 * Bearer tokens and the tenant each belongs to. Tokens are kept only as SHA-256 digests and
 * compared in constant time against every entry, so neither the comparison nor an early
 * exit tells an attacker how close a guess came.
 */
export class TokenRegistry {
  readonly #entries: TokenEntry[]

  constructor (pairs: Array<[tenant: string, token: string]>) {
    this.#entries = pairs.map(([tenant, token]) => ({ tenant, digest: digestOf(token) }))
  }

  get size (): number {
    return this.#entries.length
  }

  /** Who `token` belongs to, or undefined. */
  resolve (token: string): Caller | undefined {
    const digest = digestOf(token)
    let tenant: string | undefined
    for (const entry of this.#entries) {
      if (timingSafeEqual(entry.digest, digest)) tenant = entry.tenant
    }
    // The digest's prefix names the token (for rate limits) without being the token.
    return tenant === undefined ? undefined : { tenant, tokenId: digest.toString('hex', 0, 8) }
  }
}

const TENANT_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/
const MIN_TOKEN_LENGTH = 16

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
    if (token.length < MIN_TOKEN_LENGTH || /\s/.test(token)) {
      throw new ConfigError(`${where}: the token of tenant "${tenant}" must be at least ${MIN_TOKEN_LENGTH} characters with no spaces`)
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
