import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { TriageLevel } from 'fastify-medical-chats/schemas'
import { learnDifferentials, type DifferentialLessons } from './ddxplus-differentials.js'
import { readPatients } from './ddxplus-patients.js'
import { KnowledgeBaseError, type KbCondition, type KbFinding, type KnowledgeBase } from './model.js'

/**
 * The DDXPlus release (Fansi Tchango et al., NeurIPS 2022, CC-BY) as a knowledge base: its 49
 * conditions, its 223 evidences with their English questions, and P(evidence | condition)
 * estimated from its 1.03 M training patients. Read from the release's folder at start-up;
 * nothing of it is copied into this project.
 *
 * - A yes/no evidence is a finding. A categorical, scale (0-10) or multi-choice evidence is a
 *   choice question whose options are findings of their own (E_55 "where is the pain" → one
 *   finding per place); its default value (nowhere, 0, N/A) means none of them.
 * - A child question (pain character, location, ...) is asked only once its parent (pain) is yes.
 * - Severity 1-5 maps to triage; ICD-10 codes are normalised.
 * - Given what reference differentials keep (ddxplus-differentials.ts), the differential
 *   lists the same conditions beside its leader, and asks first what decides them.
 */

interface Evidence {
  name: string
  code_question: string
  question_en: string
  is_antecedent: boolean
  default_value: string | number
  value_meaning: Record<string, { en: string }>
  'possible-values': Array<string | number>
  data_type: 'B' | 'C' | 'M'
}

interface Condition {
  condition_name: string
  'icd10-id': string
  severity: number
}

interface CodeMap {
  evidences: Record<string, string>
  values: Record<string, Record<string, string>>
  conditions: Record<string, string>
}

type Stats = Record<string, { prior: number, findings: Record<string, number | Record<string, number>> }>

export interface DdxplusRelease {
  evidences: Record<string, Evidence>
  conditions: Record<string, Condition>
  codes: CodeMap
  stats: Stats
}

/** P(unseen evidence | condition): never seen with it in a million patients. */
const UNSEEN = 0.0005
const FLOOR = 1e-6

const TRIAGE_BY_SEVERITY: Record<number, TriageLevel> = { 1: 'emergency', 2: 'emergency', 3: 'urgent', 4: 'consultation', 5: 'self_care' }
const SELF_CARE: Record<TriageLevel, string> = {
  emergency: 'Call emergency services or go to an emergency department now.',
  urgent: 'See a doctor today.',
  consultation: 'Book an appointment with a doctor in the coming days.',
  self_care: 'This usually gets better with rest and self-care; see a doctor if it gets worse or does not improve.'
}
/** The release gives SLE as M34; systemic lupus erythematosus is M32. */
const ICD10_CORRECTIONS: Record<string, string> = { M34: 'M32' }

export function normalizeIcd10 (raw: string): string {
  const first = (raw.split(',')[0] as string).trim().toUpperCase()
  return ICD10_CORRECTIONS[first] ?? first
}

export function findingKey (code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]+/g, '_')
}

function clamp (p: number): number {
  return Math.min(Math.max(p, FLOOR), 1 - FLOOR)
}

function firstLine (error: unknown): string {
  return (error as Error).message.split('\n')[0] as string
}

async function readJson (dir: string, file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(join(dir, file), 'utf8'))
  } catch (error) {
    throw new KnowledgeBaseError(`ENGINE_KB: cannot read the DDXPlus file ${file} in ${dir} (${firstLine(error)})`)
  }
}

export async function readDdxplusRelease (dir: string): Promise<DdxplusRelease> {
  return {
    evidences: await readJson(dir, 'en/release_evidences.json') as Record<string, Evidence>,
    conditions: await readJson(dir, 'en/release_conditions.json') as Record<string, Condition>,
    codes: await readJson(dir, 'fr_en_code_map.json') as CodeMap,
    stats: await readJson(dir, 'fr/ddxplus_bed_stats_4.json') as Stats
  }
}

function valueKey (evidence: Evidence, value: string | number): string {
  return findingKey(`${evidence.name}_${String(value)}`)
}

function valueLabel (evidence: Evidence, value: string | number): string {
  return typeof value === 'number' ? String(value) : evidence.value_meaning[value]?.en ?? value
}

function findingsOf (evidence: Evidence, all: Record<string, Evidence>): KbFinding[] {
  // Some evidences name a parent question the release does not include: they stand alone.
  const parent = evidence.code_question !== evidence.name && all[evidence.code_question] !== undefined ? { parent: findingKey(evidence.code_question) } : {}
  const base = { question: evidence.question_en, ...(evidence.is_antecedent ? { antecedent: true } : {}), ...parent }
  if (evidence.data_type === 'B') {
    return [{ key: findingKey(evidence.name), code: evidence.name, term: evidence.question_en, description: '', synonyms: [evidence.name], background: UNSEEN, ...base }]
  }
  const values = evidence['possible-values'].filter((value) => value !== evidence.default_value)
  const options = evidence['possible-values'].map((value) => ({
    label: valueLabel(evidence, value),
    synonyms: typeof value === 'number' ? [] : [value],
    present: value === evidence.default_value ? [] : [valueKey(evidence, value)]
  }))
  const anchor: KbFinding = {
    key: findingKey(evidence.name),
    code: evidence.name,
    term: evidence.question_en,
    description: '',
    synonyms: [],
    options,
    ...(evidence.data_type === 'M' ? { multiple: true } : {}),
    ...base
  }
  return [anchor, ...values.map((value) => ({
    key: valueKey(evidence, value),
    code: `${evidence.name}_@_${String(value)}`,
    term: `${evidence.question_en} ${valueLabel(evidence, value)}`,
    description: '',
    synonyms: [],
    question: evidence.question_en,
    background: UNSEEN
  }))]
}

/** The release, as the interview's knowledge base; `lessons` shape its differential. */
export function ddxplusKnowledgeBase (release: DdxplusRelease, lessons?: DifferentialLessons): KnowledgeBase {
  const findings = Object.values(release.evidences).flatMap((evidence) => findingsOf(evidence, release.evidences))
  const englishByFrench = release.codes.conditions
  const conditions: KbCondition[] = Object.entries(release.stats).map(([french, stats]) => {
    const name = englishByFrench[french]
    const condition = name === undefined ? undefined : release.conditions[name]
    if (condition === undefined) throw new KnowledgeBaseError(`DDXPlus: no English condition for "${french}"`)
    const likelihoods: Record<string, number> = {}
    for (const [evidenceFr, p] of Object.entries(stats.findings)) {
      const code = release.codes.evidences[evidenceFr]
      const evidence = code === undefined ? undefined : release.evidences[code]
      if (evidence === undefined) throw new KnowledgeBaseError(`DDXPlus: unknown evidence "${evidenceFr}" for "${french}"`)
      if (typeof p === 'number') {
        likelihoods[findingKey(evidence.name)] = clamp(p)
        continue
      }
      for (const [valueFr, pValue] of Object.entries(p)) {
        const value = /^\d+$/.test(valueFr) ? Number(valueFr) : release.codes.values[evidenceFr]?.[valueFr]
        if (value === undefined || value === evidence.default_value) continue
        likelihoods[valueKey(evidence, value)] = clamp(pValue)
      }
    }
    const triage = TRIAGE_BY_SEVERITY[condition.severity] ?? 'consultation'
    return {
      key: findingKey(condition.condition_name),
      code: condition.condition_name,
      term: condition.condition_name,
      description: '',
      icd10: normalizeIcd10(condition['icd10-id']),
      prevalence: stats.prior,
      triage,
      specialist: triage === 'emergency' ? 'Emergency Department' : 'General Practitioner',
      selfCare: SELF_CARE[triage],
      findings: likelihoods,
      ...differentialOf(lessons, condition.condition_name)
    }
  })
  return {
    name: 'ddxplus',
    codingSystem: 'ddxplus',
    evidenceWeight: 1,
    // Measured on the development set: asking until 99 % sure costs about one more question
    // than 85 % and buys five points of top-1 accuracy. Without learned companions, a lighter
    // weight for the reported differential keeps its plausible alternatives.
    confidence: 0.99,
    ...(lessons === undefined ? { differentialWeight: 0.5 } : { differentialQuestions: lessons.questions.map(findingKey) }),
    conditions,
    findings
  }
}

function differentialOf (lessons: DifferentialLessons | undefined, name: string): Pick<KbCondition, 'companions' | 'kept'> {
  const companions = lessons?.companions[name]
  const kept = lessons?.kept[name]
  return {
    ...(companions === undefined ? {} : { companions: Object.fromEntries(Object.entries(companions).map(([other, share]) => [findingKey(other), share])) }),
    ...(kept === undefined
      ? {}
      : { kept: { bias: kept.bias, share: kept.share, findings: Object.fromEntries(Object.entries(kept.evidences).map(([code, weight]) => [findingKey(code), weight])) } })
  }
}

/** Evidences that may become differential questions: yes/no questions that stand alone. */
export function questionCandidates (release: DdxplusRelease): string[] {
  return Object.values(release.evidences)
    .filter((evidence) => evidence.data_type === 'B' && (evidence.code_question === evidence.name || release.evidences[evidence.code_question] === undefined))
    .map((evidence) => evidence.name)
}

/** The release in `dir`; with `differentials` (a patients file), what its reference differentials keep. */
export async function loadDdxplus (dir: string, differentials?: string): Promise<KnowledgeBase> {
  const release = await readDdxplusRelease(dir)
  if (differentials === undefined) return ddxplusKnowledgeBase(release)
  let patients
  try {
    patients = await readPatients(differentials, dir)
  } catch (error) {
    throw new KnowledgeBaseError(`DDXPLUS_DIFFERENTIALS: cannot read the patients file ${differentials} (${firstLine(error)})`)
  }
  return ddxplusKnowledgeBase(release, learnDifferentials(patients, questionCandidates(release)))
}
