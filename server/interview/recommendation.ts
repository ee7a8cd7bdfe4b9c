import type { Concept, Disease, Recommendation, TriageLevel } from 'fastify-medical-chats/schemas'
import type { Evidence } from './inference.js'
import type { CompiledKb } from './kb/compile.js'
import { shareLogOdds } from './kb/model.js'

export const TRIAGE_TEXT: Record<TriageLevel, string> = {
  emergency: 'Emergency Care',
  urgent: 'Urgent Care Within 24 Hours',
  consultation: 'See a Doctor',
  self_care: 'Home Treatable'
}

const SEVERITY: Record<TriageLevel, number> = { emergency: 0, urgent: 1, consultation: 2, self_care: 3 }

/** Below these a condition is not "real probability" for triage; an emergency counts from lower, on purpose. */
const EMERGENCY_THRESHOLD = 0.05
const OTHER_THRESHOLD = 0.15
const DIFFERENTIAL_THRESHOLD = 0.01
const DIFFERENTIAL_SIZE = 10

export function conceptOf (item: { code: string, term: string, description: string }): Concept {
  return { id: item.code, term: item.term, description: item.description }
}

/** The ranked differential: at most 10 conditions of at least 1 %, likelihoods rounded down so they sum to at most 1. */
export function differential (kb: CompiledKb, p: Float64Array): Disease[] {
  const ranked = Array.from(p, (value, c) => ({ value, c }))
    .filter(({ value }) => value >= DIFFERENTIAL_THRESHOLD)
    .sort((a, b) => b.value - a.value || a.c - b.c)
    .slice(0, DIFFERENTIAL_SIZE)
  return ranked.map(({ value, c }) => {
    const condition = kb.conditions[c] as CompiledKb['conditions'][number]
    return {
      concept: conceptOf(condition),
      likelihood: Math.floor(value * 10_000) / 10_000,
      ...(condition.icd10 === undefined ? {} : { icd10: condition.icd10 })
    }
  })
}

/**
 * The chance that a differential keeps each condition, when the knowledge base knows which
 * conditions a differential keeps beside its leader: each leader's companions, weighted by how
 * likely it leads, then (where the condition has a kept model) the findings present.
 */
export function keepChances (kb: CompiledKb, p: Float64Array, evidence: Evidence): Float64Array | undefined {
  const companions = kb.companions
  if (companions === undefined) return undefined
  const chance = new Float64Array(p.length)
  for (let c = 0; c < p.length; c++) {
    const weight = p[c] as number
    const row = companions[c] as Float64Array
    for (let d = 0; d < p.length; d++) chance[d] = (chance[d] as number) + weight * (row[d] as number)
  }
  kb.kept.forEach((model, d) => {
    if (model === undefined) return
    let logOdds = model.bias + model.share * shareLogOdds(chance[d] as number)
    for (const [finding, weight] of model.findings) if (evidence.get(finding) === 'present') logOdds += weight
    chance[d] = 1 / (1 + Math.exp(-logOdds))
  })
  return chance
}

/**
 * The differential as a clinician writes it: the posterior keeps half the weight, and the other
 * half goes to the conditions a differential keeps, in proportion to their chance of being
 * kept. A condition whose chance stays under the knowledge base's `keepAt` gets none of it.
 */
export function withCompanions (kb: CompiledKb, p: Float64Array, evidence: Evidence): Float64Array {
  const chance = keepChances(kb, p, evidence)
  if (chance === undefined) return p
  let total = 0
  for (let d = 0; d < p.length; d++) {
    if ((chance[d] as number) < kb.keepAt) chance[d] = 0
    total += chance[d] as number
  }
  if (total === 0) return p
  return p.map((value, d) => (value + (chance[d] as number) / total) / 2)
}

/**
 * Triage from the most severe condition with real probability, raised to at least urgent by
 * any red-flag finding that is present; specialist and self-care from the condition that set it.
 */
export function recommend (kb: CompiledKb, p: Float64Array, presentRedFlags: readonly number[]): Recommendation {
  let driving = 0
  for (let c = 1; c < p.length; c++) if ((p[c] as number) > (p[driving] as number)) driving = c
  for (let c = 0; c < p.length; c++) {
    const condition = kb.conditions[c] as CompiledKb['conditions'][number]
    const threshold = condition.triage === 'emergency' ? EMERGENCY_THRESHOLD : OTHER_THRESHOLD
    const current = kb.conditions[driving] as CompiledKb['conditions'][number]
    if ((p[c] as number) >= threshold && SEVERITY[condition.triage] < SEVERITY[current.triage]) driving = c
  }
  const condition = kb.conditions[driving] as CompiledKb['conditions'][number]
  let triage = condition.triage
  let selfManagement = condition.selfCare
  const flags = presentRedFlags.map((f) => kb.findings[f] as CompiledKb['findings'][number])
  if (flags.length > 0 && SEVERITY[triage] > SEVERITY.urgent) {
    triage = 'urgent'
    selfManagement = `Some of what you describe (${flags.map((flag) => flag.term.toLowerCase()).join(', ')}) needs a doctor's assessment today. ${selfManagement}`
  }
  return {
    triage,
    urgency: TRIAGE_TEXT[triage],
    specialist: condition.specialist,
    self_management: selfManagement,
    red_flags: SEVERITY[triage] <= SEVERITY.urgent ? flags.map(conceptOf) : []
  }
}

/** The advice when nothing was learned: no differential can be given. */
export function noEvidenceRecommendation (): Recommendation {
  return {
    triage: 'consultation',
    urgency: TRIAGE_TEXT.consultation,
    specialist: 'General Practitioner',
    self_management: 'No symptoms were described, so no cause can be suggested. If you feel unwell, please see a doctor.',
    red_flags: []
  }
}
