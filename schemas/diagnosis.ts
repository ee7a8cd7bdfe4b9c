import { Type, type Static } from '@sinclair/typebox'
import { ref } from './common.js'
import { ConceptSchema } from './concept.js'

export const DiseaseSchema = Type.Object({
  concept: ref(ConceptSchema),
  likelihood: Type.Number({ minimum: 0, maximum: 1 }),
  icd10: Type.Optional(Type.String({ examples: ['G43.9'] }))
}, { $id: 'Disease', additionalProperties: false })
export type Disease = Static<typeof DiseaseSchema>

export const TRIAGE_LEVELS = ['emergency', 'urgent', 'consultation', 'self_care'] as const
export type TriageLevel = typeof TRIAGE_LEVELS[number]

export const RecommendationSchema = Type.Object({
  triage: Type.Union(TRIAGE_LEVELS.map((level) => Type.Literal(level))),
  urgency: Type.String({ description: 'Display text of the triage level', examples: ['Home Treatable'] }),
  specialist: Type.String({ examples: ['General Practitioner'] }),
  self_management: Type.String({ description: 'Plain-text self-care advice' }),
  red_flags: Type.Array(ref(ConceptSchema), { description: 'Present findings that drove an emergency or urgent triage' })
}, { $id: 'Recommendation', additionalProperties: false })
export type Recommendation = Static<typeof RecommendationSchema>

export const DiagnosisOutputSchema = Type.Object({
  type: Type.Literal('diagnosis'),
  diseases: Type.Array(ref(DiseaseSchema), { maxItems: 10, description: 'Most likely first; likelihoods sum to at most 1' }),
  recommendation: ref(RecommendationSchema)
}, { $id: 'DiagnosisOutput', additionalProperties: false })
export type DiagnosisOutput = Static<typeof DiagnosisOutputSchema>
