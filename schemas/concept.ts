import { Type, type Static } from '@sinclair/typebox'
import { ref } from './common.js'

export const ConceptSchema = Type.Object({
  id: Type.String({ description: "Code in the conversation's coding system, e.g. SNOMED CT 25064002", examples: ['25064002'] }),
  term: Type.String({ examples: ['Headache'] }),
  description: Type.String({ description: 'Plain-language description; may be empty' })
}, { $id: 'Concept', additionalProperties: false })
export type Concept = Static<typeof ConceptSchema>

export const FINDING_STATUSES = ['present', 'absent', 'unsure'] as const

export const FindingSchema = Type.Object({
  concept: ref(ConceptSchema),
  status: Type.Union(FINDING_STATUSES.map((status) => Type.Literal(status))),
  is_chief: Type.Boolean({ description: "Named in the patient's opening complaint" })
}, { $id: 'Finding', additionalProperties: false })
export type Finding = Static<typeof FindingSchema>
export type FindingStatus = typeof FINDING_STATUSES[number]
