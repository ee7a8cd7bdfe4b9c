import { Type, type Static } from '@sinclair/typebox'
import { ConversationIdInputSchema, ConversationIdSchema, ResponseIdSchema, TimestampSchema, ref } from './common.js'
import { FindingSchema } from './concept.js'
import { DiagnosisOutputSchema } from './diagnosis.js'

export const MAX_INPUT_LENGTH = 4000

/** Body of POST /v1/chats. Self-contained (no references) so it validates on its own. */
export const ChatBodySchema = Type.Object({
  conversation_id: ConversationIdInputSchema,
  input: Type.Optional(Type.String({
    minLength: 1,
    maxLength: MAX_INPUT_LENGTH,
    description: 'The patient\'s message, 1-4,000 characters after trimming; required unless force_diagnose is true'
  })),
  force_diagnose: Type.Optional(Type.Boolean({ default: false, description: 'Diagnose now and ignore input' }))
}, { $id: 'ChatBody', additionalProperties: false })
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
