import { Type, type Static } from '@sinclair/typebox'
import { ConversationIdInputSchema, ConversationIdSchema, TimestampSchema, ref } from './common.js'
import { FindingSchema } from './concept.js'
import { DiagnosisOutputSchema } from './diagnosis.js'

export const SEXES = ['male', 'female'] as const
export const MESSAGE_ROLES = ['user', 'assistant'] as const

export const DEFAULT_PERSONALITY = 'professional'
export const DEFAULT_LANGUAGE = 'en'
export const DEFAULT_CODING_SYSTEM = 'snomed'

export const PatientSchema = Type.Object({
  age: Type.Integer({ minimum: 0, maximum: 130 }),
  sex: Type.Union(SEXES.map((sex) => Type.Literal(sex)))
}, { $id: 'Patient', additionalProperties: false })
export type Patient = Static<typeof PatientSchema>

export const MessageSchema = Type.Object({
  role: Type.Union(MESSAGE_ROLES.map((role) => Type.Literal(role))),
  content: Type.String({ description: "After a diagnosis, the assistant's message is a short plain-text summary of it" }),
  created_at: TimestampSchema
}, { $id: 'Message', additionalProperties: false })
export type Message = Static<typeof MessageSchema>

export const UsageSchema = Type.Object({
  questions_asked: Type.Integer({ minimum: 0, description: 'Replies so far that were a question' }),
  turns: Type.Integer({ minimum: 0, description: 'Chat turns answered so far' })
}, { $id: 'Usage', additionalProperties: false })
export type Usage = Static<typeof UsageSchema>

export const ConversationSchema = Type.Object({
  id: ConversationIdSchema,
  created_at: TimestampSchema,
  is_complete: Type.Boolean(),
  patient: ref(PatientSchema),
  personality: Type.String(),
  language: Type.String(),
  coding_system: Type.String(),
  messages: Type.Array(ref(MessageSchema)),
  findings: Type.Array(ref(FindingSchema)),
  usage: ref(UsageSchema),
  diagnosis: Type.Optional(ref(DiagnosisOutputSchema))
}, { $id: 'Conversation', additionalProperties: false })
export type Conversation = Static<typeof ConversationSchema>

/** Body of POST /v1/conversations. Self-contained (no references) so it validates on its own. */
export const CreateConversationBodySchema = Type.Object({
  patient: Type.Object({
    age: PatientSchema.properties.age,
    sex: PatientSchema.properties.sex
  }, { additionalProperties: false }),
  personality: Type.Optional(Type.String({ minLength: 1, maxLength: 32, default: DEFAULT_PERSONALITY })),
  language: Type.Optional(Type.String({ minLength: 1, maxLength: 16, default: DEFAULT_LANGUAGE })),
  coding_system: Type.Optional(Type.String({ minLength: 1, maxLength: 32, default: DEFAULT_CODING_SYSTEM })),
  max_questions: Type.Optional(Type.Integer({ minimum: 1, maximum: 99, description: 'After this many assistant questions the next turn is a diagnosis' }))
}, { $id: 'CreateConversationBody', additionalProperties: false })
export type CreateConversationBody = Static<typeof CreateConversationBodySchema>

/** What a server supports: the values `personality`, `language` and `coding_system` may take. */
export interface ConversationOptions {
  readonly personalities: readonly string[]
  readonly languages: readonly string[]
  readonly codingSystems: readonly string[]
}

/** The value a field defaults to: the contract's default when supported, else the first supported one. */
export function defaultOf (supported: readonly string[], preferred: string): string {
  return supported.includes(preferred) ? preferred : supported[0] as string
}

function oneOf (supported: readonly string[], preferred: string, description: string) {
  return Type.Optional(Type.Unsafe<string>({ type: 'string', enum: [...supported], default: defaultOf(supported, preferred), description }))
}

/**
 * The body of POST /v1/conversations a given server accepts: `personality`, `language` and
 * `coding_system` enumerate what it supports, and default to the contract's defaults when it
 * supports them (else to the first value it lists).
 */
export function createConversationBodySchemaFor (supported: ConversationOptions) {
  return Type.Object({
    ...CreateConversationBodySchema.properties,
    personality: oneOf(supported.personalities, DEFAULT_PERSONALITY, 'How the questions are worded'),
    language: oneOf(supported.languages, DEFAULT_LANGUAGE, 'Language of the conversation (BCP 47 tag)'),
    coding_system: oneOf(supported.codingSystems, DEFAULT_CODING_SYSTEM, 'Coding system of concept ids')
  }, { $id: 'CreateConversationBody', additionalProperties: false })
}

/** Path parameters of GET /v1/conversations/{conversation_id}. */
export const ConversationParamsSchema = Type.Object({
  conversation_id: ConversationIdInputSchema
}, { $id: 'ConversationParams', additionalProperties: false })
export type ConversationParams = Static<typeof ConversationParamsSchema>
