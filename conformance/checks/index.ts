import type { Check } from '../check.js'
import { chatChecks } from './chats.js'
import { conversationChecks } from './conversations.js'
import { errorChecks } from './errors.js'
import { negotiationChecks } from './negotiation.js'
import { streamingChecks } from './streaming.js'

/** Every check of the kit, in the order they run. */
export const checks: readonly Check[] = Object.freeze([
  ...conversationChecks,
  ...chatChecks,
  ...streamingChecks,
  ...negotiationChecks,
  ...errorChecks
])
