import { Type, type Static } from '@sinclair/typebox'
import { ConversationIdInputSchema, ConversationIdSchema, ResponseIdSchema, TimestampSchema, ref } from './common.js'
import { FindingSchema } from './concept.js'
import { DiagnosisOutputSchema } from './diagnosis.js'

/** Longest `input`, in characters (Unicode code points, as JSON Schema's `maxLength` counts them). */
export const MAX_INPUT_LENGTH = 4000

/**
 * Not blank: at least one character that is not whitespace. ECMAScript's `\s` is exactly what
 * `String.prototype.trim()` removes, so an input matches when and only when its trimmed text is
 * not empty.
 */
export const NOT_BLANK_PATTERN = '\\S'

const InputSchema = Type.String({
  minLength: 1,
  maxLength: MAX_INPUT_LENGTH,
  pattern: NOT_BLANK_PATTERN,
  description: "The patient's message: 1-4,000 characters (Unicode code points) with at least one that is not " +
    'whitespace; the engine gets it trimmed',
  examples: ['I have had a headache since yesterday and feel sick']
})

/**
 * Body of POST /v1/chats: a message (`input` required), or a request to diagnose now
 * (`force_diagnose: true`, `input` ignored). Self-contained (no references) so it validates
 * on its own.
 */
export const ChatBodySchema = Type.Union([
  Type.Object({
    conversation_id: ConversationIdInputSchema,
    input: InputSchema,
    force_diagnose: Type.Optional(Type.Literal(false, { default: false, description: 'Diagnose now and ignore input' }))
  }, { title: 'Message', additionalProperties: false }),
  Type.Object({
    conversation_id: ConversationIdInputSchema,
    input: Type.Optional(InputSchema),
    force_diagnose: Type.Literal(true, { description: 'Diagnose now and ignore input' })
  }, { title: 'Diagnose now', additionalProperties: false })
], { $id: 'ChatBody', description: '`input` is required unless `force_diagnose` is true' })
export type ChatBody = Static<typeof ChatBodySchema>

export const MediaSchema = Type.Object({
  type: Type.Literal('image'),
  url: Type.String(),
  alt: Type.String()
}, { $id: 'Media', additionalProperties: false })
export type Media = Static<typeof MediaSchema>

export const MessageOutputSchema = Type.Object({
  type: Type.Literal('message'),
  content: Type.String(),
  media: Type.Array(ref(MediaSchema))
}, { $id: 'MessageOutput', additionalProperties: false })
export type MessageOutput = Static<typeof MessageOutputSchema>

export const ChatResponseSchema = Type.Object({
  id: ResponseIdSchema,
  created_at: TimestampSchema,
  is_complete: Type.Boolean(),
  conversation_id: ConversationIdSchema,
  output: Type.Union([ref(MessageOutputSchema), ref(DiagnosisOutputSchema)], {
    description: 'A message (the next question) or, at the end, the diagnosis; discriminated by type'
  }),
  findings: Type.Array(ref(FindingSchema), { description: 'All findings so far, after this turn' })
}, { $id: 'ChatResponse', additionalProperties: false })
export type ChatResponse = Static<typeof ChatResponseSchema>
