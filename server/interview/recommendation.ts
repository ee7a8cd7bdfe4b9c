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

/** What the triage rule reads from the interview besides the posterior: each finding's status. */
export type TriageEvidence = Evidence

type Condition = CompiledKb['conditions'][number]
type KbFindingRow = CompiledKb['findings'][number]

/**
 * The findings that are not a complaint: facts about the patient (history, exposures) and the
 * answer to how long it has lasted. An interview that learned only these understood no symptom.
 */
export function nonComplaints (kb: CompiledKb): ReadonlySet<number> {
  const cached = NON_COMPLAINTS.get(kb)
  if (cached !== undefined) return cached
  const out = new Set<number>()
  kb.findings.forEach((finding, f) => { if (finding.antecedent === true) out.add(f) })
  if (kb.durationQuestion !== undefined) {
    out.add(kb.durationQuestion)
    for (const option of (kb.findings[kb.durationQuestion] as KbFindingRow).options ?? []) {
      for (const key of option.present) out.add(kb.findingIndex.get(key) as number)
    }
  }
  NON_COMPLAINTS.set(kb, out)
  return out
}
const NON_COMPLAINTS = new WeakMap<CompiledKb, ReadonlySet<number>>()

/** A sign that needs emergency care whatever its cause: the findings (by index) that make it one. */
export type EmergencySign = readonly number[]

/**
 * The signs present that need emergency care whatever their cause: a finding the knowledge base
 * marks an emergency, or one present together with a finding it is an emergency with (a
 * headache in pregnancy), each as the findings that make it.
 */
export function emergencySigns (kb: CompiledKb, evidence: TriageEvidence): EmergencySign[] {
  const signs: EmergencySign[] = []
  for (const [f, status] of evidence) {
    if (status !== 'present') continue
    const finding = kb.findings[f] as KbFindingRow
    if (finding.emergency === true) signs.push([f])
    for (const key of finding.emergencyWith ?? []) {
      const partner = kb.findingIndex.get(key) as number
      if (evidence.get(partner) === 'present') signs.push([f, partner])
    }
  }
  return signs
}

/**
 * The words the advice names a sign by: its findings' terms joined by "and", the finding that
 * carries the rule first ("pregnancy and headache", "vomiting blood and dizziness"). The terms
 * are nouns, so any pair reads as one.
 */
export function signWords (kb: CompiledKb, sign: EmergencySign): string {
  return sign.map((f) => (kb.findings[f] as KbFindingRow).term.toLowerCase()).join(' and ')
}

/**
 * The differential of an interview that an emergency sign ended: the emergencies that explain
 * every finding of a sign (each at least EXPLAINS likely with it) take at least half of it, in
 * their own proportions. The interview stopped so that care is not delayed, before the questions
 * that would have told them apart from everyday causes; the sign is why care is needed now, so
 * what explains it leads (pregnancy with a headache and flashing lights: pre-eclampsia before
 * a migraine, NICE NG133).
 */
export function withEmergencySigns (kb: CompiledKb, p: Float64Array, signs: readonly EmergencySign[]): Float64Array {
  const explaining = new Set<number>()
  for (const sign of signs) {
    for (let c = 0; c < p.length; c++) {
      if ((kb.conditions[c] as Condition).triage === 'emergency' && sign.every((f) => ((kb.pPresent[f] as Float64Array)[c] as number) >= EXPLAINS)) explaining.add(c)
    }
  }
  let mass = 0
  for (const c of explaining) mass += p[c] as number
  if (mass === 0 || mass >= EMERGENCY_SHARE) return p
  return p.map((value, c) => explaining.has(c) ? value * EMERGENCY_SHARE / mass : value * (1 - EMERGENCY_SHARE) / (1 - mass))
}
/** The share of the differential the emergencies explaining a sign take at least. */
const EMERGENCY_SHARE = 0.5

/** The must-not-miss conditions a red flag points to (P(flag | condition) at least this), together. */
const FLAG_LINK = 0.3
/** A red flag present points to an emergency when those conditions are together this likely... */
const FLAG_PLAUSIBLE = 0.02
/** ...or this likely, when the leading condition does not explain the flag. */
const FLAG_UNEXPLAINED = 0.005
/** A red flag the patient could not answer makes the visit urgent when its conditions are together this likely. */
const UNKNOWN_PLAUSIBLE = 0.04
/** Every must-not-miss condition counts: together this likely, the most likely of them sets the triage. */
const EMERGENCY_MASS = 0.08
/** Emergencies together this likely, not yet ruled out, make the visit urgent. */
export const EMERGENCY_POSSIBLE = 0.03
/** Urgent and emergency conditions together this likely make the visit urgent. */
const URGENT_MASS = 0.25
/** Self-care needs the leading condition at least this likely... */
const SETTLED = 0.5
/** ...and at least this many symptoms understood, */
const MIN_COMPLAINTS = 2
/** ...unless the one symptom understood leaves the leading condition at least this likely (a nosebleed is one symptom). */
const CONFIDENT_ALONE = 0.85
/** A severe feature is explained by a condition that shows it at least this often. */
const EXPLAINS = 0.3

/**
 * Triage as a rule of the whole interview, never below what any of these asks for:
 * - the most severe condition with real probability (an emergency from 5 %, others from 15 %),
 *   and every must-not-miss condition still plausible, not only the leader: emergencies together
 *   at 8 % are an emergency, and at 3 % (not yet ruled out) an urgent visit; urgent and emergency
 *   conditions together at 25 % are urgent;
 * - red flags in the patient's own words: a sign the knowledge base marks an emergency whatever its
 *   cause, alone or together with another (`emergencySigns`), is an emergency, and one it marks
 *   urgent is urgent; a red flag that points to must-not-miss conditions together at
 *   2 % is an emergency (from 0.5 % when the leading condition does not explain it, from 3 % when a
 *   settled leader does); any other is urgent, or a consultation when a settled leader explains it
 *   and its emergencies stay under 2 %;
 * - the severity the patient describes: a severe feature (a scale answered at or above its
 *   threshold) is at least a consultation, and urgent when the leading condition does not explain it;
 * - what is still unknown: a red flag the patient could not answer, pointing to must-not-miss
 *   conditions together at 4 %, is urgent; and an interview whose leading condition is under 50 %,
 *   or that understood fewer than two symptoms without settling the leader at 85 %, never ends in
 *   self-care.
 * Specialist and self-care text come from the condition that set the level; when the level is above
 * that condition's own, the advice of the level replaces its home-care text.
 */
export function recommend (kb: CompiledKb, p: Float64Array, evidence: TriageEvidence): Recommendation {
  let leader = 0
  for (let c = 1; c < p.length; c++) if ((p[c] as number) > (p[leader] as number)) leader = c
  let driving = leader
  const conditionAt = (c: number): Condition => kb.conditions[c] as Condition
  let emergencyMass = 0
  let urgentMass = 0
  let likeliestEmergency = -1
  let likeliestUrgent = -1
  for (let c = 0; c < p.length; c++) {
    const condition = conditionAt(c)
    const value = p[c] as number
    if (condition.triage === 'emergency') {
      emergencyMass += value
      if (likeliestEmergency < 0 || value > (p[likeliestEmergency] as number)) likeliestEmergency = c
    }
    if (SEVERITY[condition.triage] <= SEVERITY.urgent) {
      urgentMass += value
      if (likeliestUrgent < 0 || value > (p[likeliestUrgent] as number)) likeliestUrgent = c
    }
    const threshold = condition.triage === 'emergency' ? EMERGENCY_THRESHOLD : OTHER_THRESHOLD
    if (value >= threshold && SEVERITY[condition.triage] < SEVERITY[conditionAt(driving).triage]) driving = c
  }
  if (emergencyMass >= EMERGENCY_MASS && likeliestEmergency >= 0) driving = likeliestEmergency
  else if (urgentMass >= URGENT_MASS && SEVERITY[conditionAt(driving).triage] > SEVERITY.urgent) driving = likeliestUrgent

  const condition = conditionAt(driving)
  let triage: TriageLevel = condition.triage
  const notes: string[] = []
  const raise = (level: TriageLevel, note: string): void => {
    if (SEVERITY[level] >= SEVERITY[triage]) return
    triage = level
    notes.push(note)
  }

  const settled = (p[leader] as number) >= SETTLED
  const flags: KbFindingRow[] = []
  const nonComplaint = nonComplaints(kb)
  let complaints = 0
  for (const [f, status] of evidence) {
    const finding = kb.findings[f] as KbFindingRow
    if (status === 'present' && !nonComplaint.has(f)) complaints++
    if (finding.redFlag === true && status !== 'absent') {
      const row = kb.pPresent[f] as Float64Array
      let linked = 0
      for (const c of kb.mustNotMiss) if ((row[c] as number) >= FLAG_LINK) linked += p[c] as number
      const explained = (row[leader] as number) >= EXPLAINS
      const term = finding.term.toLowerCase()
      if (status === 'present') {
        flags.push(finding)
        const accounted = explained && settled
        if (accounted ? linked >= EMERGENCY_POSSIBLE : linked >= FLAG_PLAUSIBLE || (!explained && linked >= FLAG_UNEXPLAINED)) {
          raise('emergency', `Some of what you describe (${term}) needs a doctor's assessment now.`)
        } else if (accounted && linked < FLAG_PLAUSIBLE) {
          raise('consultation', `Please let a doctor check your ${term}.`)
        } else {
          raise('urgent', `Some of what you describe (${term}) needs a doctor's assessment today.`)
        }
      } else if (linked >= UNKNOWN_PLAUSIBLE) {
        raise('urgent', `It is not yet known whether you have ${term}, which would need a doctor's assessment, so please be seen today.`)
      }
    }
    if (finding.urgent === true && status === 'present') {
      raise('urgent', `Some of what you describe (${finding.term.toLowerCase()}) needs a doctor's assessment today.`)
    }
    if (finding.scaleAtLeast !== undefined && status === 'present') {
      const explained = ((kb.pPresent[f] as Float64Array)[leader] as number) >= EXPLAINS
      raise(explained ? 'consultation' : 'urgent', `${finding.term} ${explained ? 'should be seen by a doctor' : 'that is not explained needs a doctor today'}.`)
    }
  }
  const signs = emergencySigns(kb, evidence)
  if (signs.length > 0) raise('emergency', `Some of what you describe (${signs.map((sign) => signWords(kb, sign)).join('; ')}) needs a doctor's assessment now.`)
  // The findings that made it an emergency are its red flags, whether or not each is one alone.
  for (const f of signs.flat()) if (!flags.includes(kb.findings[f] as KbFindingRow)) flags.push(kb.findings[f] as KbFindingRow)
  if (emergencyMass >= EMERGENCY_POSSIBLE) {
    raise('urgent', `A serious cause (${conditionAt(likeliestEmergency).term.toLowerCase()}) cannot yet be ruled out, so please be seen today.`)
  }
  if (!settled || (complaints < MIN_COMPLAINTS && (p[leader] as number) < CONFIDENT_ALONE)) {
    raise('consultation', 'From what we discussed the cause is not clear enough to treat at home, so please see a doctor.')
  }
  return {
    triage,
    urgency: TRIAGE_TEXT[triage],
    specialist: SEVERITY[triage] === SEVERITY.emergency && condition.triage !== 'emergency' ? EMERGENCY_SPECIALIST : condition.specialist,
    self_management: [
      ...notes,
      ...(SEVERITY[triage] < SEVERITY[condition.triage] ? [LEVEL_ADVICE[triage as keyof typeof LEVEL_ADVICE]] : [condition.selfCare, ...(driving === leader && condition.leadingCare !== undefined ? [condition.leadingCare] : [])])
    ].join(' '),
    red_flags: SEVERITY[triage] <= SEVERITY.urgent ? flags.map(conceptOf) : []
  }
}

/**
 * The advice when the triage is above the level of the condition that set it: that condition's
 * home-care text would contradict the level (an emergency never comes with home-care advice).
 * Emergency: NHS "when to call 999"; urgent: NHS 111 "get help today".
 */
const LEVEL_ADVICE: Record<Exclude<TriageLevel, 'self_care'>, string> = {
  emergency: 'Call an ambulance or go to the nearest emergency department now; do not drive yourself, and do not eat or drink until you have been assessed.',
  urgent: 'Please see a doctor today, or call your out-of-hours service; if you get worse before then, go to the emergency department.',
  consultation: 'Please book an appointment with your doctor; if you get worse before then, seek help sooner.'
}

/** Who sees an emergency that no single condition explains. */
const EMERGENCY_SPECIALIST = 'Emergency Department'

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
