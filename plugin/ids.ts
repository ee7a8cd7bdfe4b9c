import { randomUUID } from 'node:crypto'
import { CONVERSATION_ID_PREFIX, RESPONSE_ID_PREFIX } from '../schemas/common.js'

/**
 * 12 random lowercase hex characters. The first 12 hex digits of a v4 UUID are all random
 * (the version nibble comes later), and randomUUID draws from a cached entropy pool, which
 * is cheaper per call than randomBytes on the hot path of every turn.
 */
function randomHex12 (): string {
  const uuid = randomUUID()
  return uuid.slice(0, 8) + uuid.slice(9, 13)
}

export function newConversationId (): string {
  return CONVERSATION_ID_PREFIX + randomHex12()
}

export function newResponseId (): string {
  return RESPONSE_ID_PREFIX + randomHex12()
}
