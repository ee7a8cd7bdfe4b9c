import { Type, type Static, type TSchema } from '@sinclair/typebox'

/**
 * A reference to a shared schema by its `$id`, typed as the schema itself.
 * Shared schemas are registered once (`addSchema`), so the OpenAPI document names them
 * as components and every payload that uses them points at one definition.
 */
export function ref<T extends TSchema> (schema: T) {
  return Type.Unsafe<Static<T>>(Type.Ref(schema.$id as string))
}

/** Integer Unix time in seconds. */
export const TimestampSchema = Type.Integer({ minimum: 0, description: 'Unix time in seconds' })

export const CONVERSATION_ID_PREFIX = 'conv_'
export const RESPONSE_ID_PREFIX = 'resp_'

export const ConversationIdSchema = Type.String({
  pattern: '^conv_[0-9a-f]{12}$',
  description: 'Conversation id: "conv_" and 12 lowercase hex characters',
  examples: ['conv_e389786b611e']
})

export const ResponseIdSchema = Type.String({
  pattern: '^resp_[0-9a-f]{12}$',
  description: 'Response id: "resp_" and 12 lowercase hex characters; the same on every event of one stream',
  examples: ['resp_6e5d051505a0']
})

/**
 * A conversation id as a client sends it: 1-64 of the characters a URL carries unencoded
 * (RFC 3986 "unreserved"), so the same limit holds in a path, where the router counts encoded
 * characters. Otherwise only its shape is not checked: an id of the wrong shape is an unknown
 * conversation (404), like any other id that does not exist.
 */
export const CONVERSATION_ID_INPUT_PATTERN = '^[A-Za-z0-9._~-]+$'

export const ConversationIdInputSchema = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: CONVERSATION_ID_INPUT_PATTERN,
  description: 'A conversation id ("conv_" and 12 lowercase hex characters); any other id of 1-64 URL-safe characters is an unknown conversation',
  examples: ['conv_e389786b611e']
})
