/**
 * The API contract as TypeBox schemas: importable on its own (`<package>/schemas`),
 * with no dependency on Fastify.
 */
import { ConceptSchema, FindingSchema } from './concept.js'
import { ChatBodySchema, ChatResponseSchema, MediaSchema, MessageOutputSchema } from './chat.js'
import {
  ConversationParamsSchema, ConversationSchema, CreateConversationBodySchema, MessageSchema, PatientSchema, UsageSchema
} from './conversation.js'
import { DiagnosisOutputSchema, DiseaseSchema, RecommendationSchema } from './diagnosis.js'
import { ErrorResponseSchema } from './errors.js'
import { DeltaEventSchema } from './events.js'

export * from './common.js'
export * from './concept.js'
export * from './diagnosis.js'
export * from './conversation.js'
export * from './chat.js'
export * from './events.js'
export * from './errors.js'

/**
 * Every named schema, dependencies before dependants: register them in this order
 * (`fastify.addSchema`, a validator's reference list) and every `$ref` resolves.
 */
export const schemas = Object.freeze([
  ConceptSchema,
  FindingSchema,
  DiseaseSchema,
  RecommendationSchema,
  DiagnosisOutputSchema,
  PatientSchema,
  MessageSchema,
  UsageSchema,
  ConversationSchema,
  CreateConversationBodySchema,
  ConversationParamsSchema,
  ChatBodySchema,
  MediaSchema,
  MessageOutputSchema,
  ChatResponseSchema,
  DeltaEventSchema,
  ErrorResponseSchema
])
