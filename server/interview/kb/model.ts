import { Type, type Static } from '@sinclair/typebox'
import { Value, type ValueError } from '@sinclair/typebox/value'
import { TRIAGE_LEVELS } from 'fastify-medical-chats/schemas'

/**
 * The knowledge base the interview reasons over: conditions, findings, and P(finding | condition).
 * One schema for every source (the built-in starter KB, the DDXPlus adapter), checked at load.
 */

export const AGE_BANDS = ['0-4', '5-15', '16-39', '40-64', '65+'] as const
export type AgeBand = typeof AGE_BANDS[number]

export function ageBand (age: number): AgeBand {
  if (age < 5) return '0-4'
  if (age < 16) return '5-15'
  if (age < 40) return '16-39'
  if (age < 65) return '40-64'
  return '65+'
}

const Probability = Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 })
const Multiplier = Type.Number({ minimum: 0 })

/** One answer option of a choice question: what choosing it says about findings. */
export const OptionSchema = Type.Object({
  label: Type.String({ minLength: 1 }),
  /** Lay words that pick this option. */
  synonyms: Type.Array(Type.String({ minLength: 1 })),
  /** Findings (by key) this option makes present; every other finding of the question is absent. */
  present: Type.Array(Type.String({ minLength: 1 })),
  /** For duration questions: the option covers up to this many days. */
  maxDays: Type.Optional(Type.Number({ minimum: 0 }))
}, { additionalProperties: false })

export const FindingSchema = Type.Object({
  key: Type.String({ pattern: '^[a-z0-9_]+$' }),
  /** Concept id in the coding system (SNOMED CT for the starter KB). */
  code: Type.String({ minLength: 1 }),
  term: Type.String({ minLength: 1 }),
  description: Type.String(),
  /** Lay words and phrases a patient uses for it. */
  synonyms: Type.Array(Type.String({ minLength: 1 })),
  /** The question that asks about it, professional wording. */
  question: Type.String({ minLength: 1 }),
  /** The same question in friendly wording; derived from `question` when absent. */
  friendly: Type.Optional(Type.String({ minLength: 1 })),
  /** A finding that should never be missed: asked early, and never under-triaged. */
  redFlag: Type.Optional(Type.Boolean()),
  /**
   * A red flag that needs emergency care whatever its cause, once present (a reliever inhaler
   * that no longer helps in an asthma attack: BTS/SIGN British guideline on asthma, acute severe asthma).
   */
  emergency: Type.Optional(Type.Boolean()),
  /**
   * Findings (by key) that, present together with this one, need emergency care whatever the
   * cause: in pregnancy a headache, flashing lights or pain under the ribs (pre-eclampsia, NICE
   * NG133); bleeding from the bowel with dizziness or fainting (shock, NICE NG141 and CG141);
   * confusion or drowsiness in someone with diabetes (severe hypoglycaemia or ketoacidosis, NICE
   * NG17 and NG28); a disturbance of vision with jaw pain on chewing or a tender scalp (giant cell
   * arteritis threatening sight, BSR guideline 2020). The interview asks about them first once
   * this finding is present.
   */
  emergencyWith: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
  /**
   * A sign that needs a doctor the same day whatever its cause, once present (stridor, a baby
   * feeding much less than usual: NICE NG9 bronchiolitis and NG143 fever in under 5s).
   */
  urgent: Type.Optional(Type.Boolean()),
  /** P(present) when no listed condition explains it. @default 0.02 */
  background: Type.Optional(Probability),
  /** Asked only once this finding (by key) is present. */
  parent: Type.Optional(Type.String()),
  /** A 0-10 scale: a number at or above this answers yes. */
  scaleAtLeast: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
  /** Findings asked together as one choice question; this finding is the question's anchor. */
  options: Type.Optional(Type.Array(OptionSchema, { minItems: 2 })),
  /** The choice question takes several options at once ("where is the pain?"). */
  multiple: Type.Optional(Type.Boolean()),
  /** Not a symptom but a fact about the patient (history, exposure): no is as useful as yes. */
  antecedent: Type.Optional(Type.Boolean())
}, { additionalProperties: false })
export type KbFinding = Static<typeof FindingSchema>

/**
 * A logistic model of whether a differential keeps a condition: log-odds = bias + share x the
 * log-odds of its expected share as a companion + the weights of the findings present.
 */
export const KeptSchema = Type.Object({
  bias: Type.Number(),
  share: Type.Number(),
  /** Weight of each finding (by key) when present. */
  findings: Type.Record(Type.String(), Type.Number())
}, { additionalProperties: false })
export type KeptModel = Static<typeof KeptSchema>

/** A share's log-odds as the kept model reads it, kept finite: a share of 0 or 1 is not certainty. */
export function shareLogOdds (share: number): number {
  return Math.log((share + 0.05) / (1.05 - share))
}

export const ConditionSchema = Type.Object({
  key: Type.String({ pattern: '^[a-z0-9_]+$' }),
  code: Type.String({ minLength: 1 }),
  term: Type.String({ minLength: 1 }),
  description: Type.String(),
  icd10: Type.Optional(Type.String({ pattern: '^[A-Z][0-9]{2}(\\.[0-9A-Z]{1,4})?$' })),
  /** Relative prevalence among people who consult with symptoms. */
  prevalence: Type.Number({ exclusiveMinimum: 0 }),
  /** Multipliers of the prior by age band; a band not listed counts 1. 0 rules it out. */
  ages: Type.Optional(Type.Partial(Type.Object(Object.fromEntries(AGE_BANDS.map((band) => [band, Multiplier])) as Record<AgeBand, typeof Multiplier>, { additionalProperties: false }))),
  sexes: Type.Optional(Type.Object({ male: Type.Optional(Multiplier), female: Type.Optional(Multiplier) }, { additionalProperties: false })),
  triage: Type.Union(TRIAGE_LEVELS.map((level) => Type.Literal(level))),
  specialist: Type.String({ minLength: 1 }),
  selfCare: Type.String({ minLength: 1 }),
  /**
   * Advice given only when this condition leads the differential, as it would harm if another
   * cause were right: aspirin for a heart attack, which an aortic dissection makes dangerous.
   */
  leadingCare: Type.Optional(Type.String({ minLength: 1 })),
  /** P(finding present | condition), by finding key. */
  findings: Type.Record(Type.String(), Probability),
  /**
   * The other conditions a differential led by this one keeps, by key, each with the share of
   * cases that keep it (learned from reference differentials). Without companions anywhere the
   * differential is the posterior alone.
   */
  companions: Type.Optional(Type.Record(Type.String(), Type.Number({ exclusiveMinimum: 0, maximum: 1 }))),
  /** Whether a differential keeps this condition, beyond its share as a companion. */
  kept: Type.Optional(KeptSchema)
}, { additionalProperties: false })
export type KbCondition = Static<typeof ConditionSchema>

export const KnowledgeBaseSchema = Type.Object({
  name: Type.String({ minLength: 1 }),
  codingSystem: Type.String({ minLength: 1 }),
  /**
   * How much each finding's log-likelihood counts. Below 1 when the likelihoods are written by
   * hand and findings overlap (naive Bayes would count them twice); 1 when they are estimated
   * from data. @default 0.7
   */
  evidenceWeight: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
  /** Stop asking once the leading condition is this likely. @default 0.85 */
  confidence: Type.Optional(Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 })),
  /** The evidence weight of the reported differential (lower: a wider differential). @default evidenceWeight */
  differentialWeight: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
  /** A condition is listed beside the leader once the chance a differential keeps it reaches this. @default 0.4 */
  keepAt: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
  /** Findings (by key) asked before the diagnosis when still unknown: they decide what the differential keeps. */
  differentialQuestions: Type.Optional(Type.Array(Type.String())),
  conditions: Type.Array(ConditionSchema, { minItems: 1 }),
  findings: Type.Array(FindingSchema, { minItems: 1 })
}, { additionalProperties: false })
export type KnowledgeBase = Static<typeof KnowledgeBaseSchema>

/** A knowledge base that cannot be used; the message names the entry. */
export class KnowledgeBaseError extends Error {
  override name = 'KnowledgeBaseError'
}

function entryName (kb: KnowledgeBase, path: string): string {
  const match = /^\/(conditions|findings)\/(\d+)/.exec(path)
  if (match === null) return path
  const entry = (match[1] === 'conditions' ? kb.conditions : kb.findings)[Number(match[2])] as { key?: unknown } | undefined
  return `${match[1] === 'conditions' ? 'condition' : 'finding'} ${JSON.stringify(entry?.key ?? match[2])}${path.slice(match[0].length)}`
}

/**
 * Checks a knowledge base against the schema and its own references; throws a
 * KnowledgeBaseError naming the first bad entry.
 */
export function validateKnowledgeBase (kb: unknown): KnowledgeBase {
  if (!Value.Check(KnowledgeBaseSchema, kb)) {
    // A failed check has at least one error.
    const error = Value.Errors(KnowledgeBaseSchema, kb).First() as ValueError
    throw new KnowledgeBaseError(`invalid knowledge base: ${entryName(kb as KnowledgeBase, error.path)}: ${error.message}`)
  }
  const findingKeys = new Set<string>()
  for (const finding of kb.findings) {
    if (findingKeys.has(finding.key)) throw new KnowledgeBaseError(`invalid knowledge base: finding "${finding.key}" is defined twice`)
    findingKeys.add(finding.key)
  }
  const conditionKeys = new Set<string>()
  for (const condition of kb.conditions) {
    if (conditionKeys.has(condition.key)) throw new KnowledgeBaseError(`invalid knowledge base: condition "${condition.key}" is defined twice`)
    conditionKeys.add(condition.key)
    for (const key of Object.keys(condition.findings)) {
      if (!findingKeys.has(key)) throw new KnowledgeBaseError(`invalid knowledge base: condition "${condition.key}" names unknown finding "${key}"`)
    }
  }
  for (const condition of kb.conditions) {
    for (const key of Object.keys(condition.companions ?? {})) {
      if (!conditionKeys.has(key)) throw new KnowledgeBaseError(`invalid knowledge base: condition "${condition.key}" names unknown companion "${key}"`)
    }
    for (const key of Object.keys(condition.kept?.findings ?? {})) {
      if (!findingKeys.has(key)) throw new KnowledgeBaseError(`invalid knowledge base: condition "${condition.key}" keeps by unknown finding "${key}"`)
    }
  }
  for (const key of kb.differentialQuestions ?? []) {
    if (!findingKeys.has(key)) throw new KnowledgeBaseError(`invalid knowledge base: unknown differential question "${key}"`)
  }
  for (const finding of kb.findings) {
    if (finding.parent !== undefined && !findingKeys.has(finding.parent)) {
      throw new KnowledgeBaseError(`invalid knowledge base: finding "${finding.key}" has unknown parent "${finding.parent}"`)
    }
    for (const key of finding.emergencyWith ?? []) {
      if (!findingKeys.has(key)) throw new KnowledgeBaseError(`invalid knowledge base: finding "${finding.key}" is an emergency with unknown finding "${key}"`)
    }
    for (const option of finding.options ?? []) {
      for (const key of option.present) {
        if (!findingKeys.has(key)) throw new KnowledgeBaseError(`invalid knowledge base: finding "${finding.key}" option "${option.label}" names unknown finding "${key}"`)
      }
    }
  }
  return kb
}
