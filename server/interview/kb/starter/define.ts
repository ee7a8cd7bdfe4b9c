import type { KbFinding } from '../model.js'

/** Shorthands the starter knowledge base's files share. */

export const GP = 'General Practitioner'
export const ED = 'Emergency Department'
export const PAEDIATRICIAN = 'Paediatrician'

/** Prior multipliers for the conditions of childhood. */
export const CHILD = { '0-4': 3, '5-15': 2 } as const

type Extra = Partial<Omit<KbFinding, 'key' | 'code' | 'term' | 'description' | 'synonyms' | 'question'>>

/** A finding: SNOMED CT concept, lay words, the question that asks about it, and its options. */
export function finding (key: string, code: string, term: string, description: string, synonyms: string[], question: string, extra: Extra = {}): KbFinding {
  return { key, code, term, description, synonyms, question, ...extra }
}
