import { binaryEntropy } from '../inference.js'
import { buildLexicon, type Lexicon } from '../reading.js'
import { phraseTokens } from '../text.js'
import { AGE_BANDS, ageBand, validateKnowledgeBase, type KbCondition, type KbFinding, type KnowledgeBase } from './model.js'

export const DEFAULT_BACKGROUND = 0.005
export const DEFAULT_KEEP_AT = 0.4
/**
 * Findings are not independent given the condition (a cough and phlegm travel together), so
 * naive Bayes counts shared evidence twice and grows overconfident. Each finding's
 * log-likelihood is scaled down to keep the posterior calibrated, unless the knowledge base
 * says otherwise (likelihoods estimated from data).
 */
export const EVIDENCE_WEIGHT = 0.7

/**
 * A knowledge base made ready for the interview: indexes, log-likelihood tables and the
 * lexicon are computed once at load, so a turn does only arithmetic.
 */
export interface CompiledKb {
  name: string
  codingSystem: string
  findings: readonly KbFinding[]
  conditions: readonly KbCondition[]
  findingIndex: ReadonlyMap<string, number>
  /** pPresent[f][c] = P(finding f present | condition c). */
  pPresent: readonly Float64Array[]
  /** answerEntropy[f][c] = the entropy of the answer about finding f under condition c (bits). */
  answerEntropy: readonly Float64Array[]
  logPresent: readonly Float64Array[]
  logAbsent: readonly Float64Array[]
  /** logPrior[band][sex][c], sex 0 = male, 1 = female. */
  logPrior: ReadonlyArray<readonly [Float64Array, Float64Array]>
  /** Conditions each finding is listed for (P above its background). */
  relevant: ReadonlyArray<readonly number[]>
  lexicon: Lexicon
  /** For a finding that belongs to a choice question, the index of that question's anchor; else itself. */
  askedBy: readonly number[]
  /** Option phrases of each choice question, by anchor index. */
  optionPhrases: ReadonlyMap<number, ReadonlyArray<readonly string[][]>>
  /** Conditions whose triage is emergency: the ones never to miss. */
  mustNotMiss: readonly number[]
  /** The weight each finding's log-likelihood carries in the tables. */
  evidenceWeight: number
  /** Stop asking once the leading condition is this likely; the interviewer's default when absent. */
  confidence?: number
  /** The evidence weight of the reported differential, when it differs from `evidenceWeight`. */
  differentialWeight?: number
  /** companions[c][d]: the share of differentials led by c that keep d (1 for c itself); absent when the KB has none. */
  companions?: readonly Float64Array[]
  /** kept[d]: whether a differential keeps condition d, by finding index; undefined for a condition without a model. */
  kept: ReadonlyArray<{ bias: number, share: number, findings: ReadonlyArray<readonly [number, number]> } | undefined>
  /** A condition is listed beside the leader once the chance a differential keeps it reaches this. */
  keepAt: number
  /** Findings asked before the diagnosis when still unknown, in order. */
  differentialQuestions: readonly number[]
  /** The choice question whose options are durations, which free text like "for 3 weeks" answers. */
  durationQuestion?: number
}

export function compileKnowledgeBase (input: unknown): CompiledKb {
  const kb: KnowledgeBase = validateKnowledgeBase(input)
  const findingIndex = new Map(kb.findings.map((finding, index) => [finding.key, index]))
  const conditionCount = kb.conditions.length
  const weight = kb.evidenceWeight ?? EVIDENCE_WEIGHT

  const pPresent = kb.findings.map((finding) => {
    const row = new Float64Array(conditionCount).fill(finding.background ?? DEFAULT_BACKGROUND)
    kb.conditions.forEach((condition, c) => {
      const p = condition.findings[finding.key]
      if (p !== undefined) row[c] = p
    })
    return row
  })
  const relevant = kb.findings.map((finding) => {
    const listed: number[] = []
    kb.conditions.forEach((condition, c) => {
      if (condition.findings[finding.key] !== undefined) listed.push(c)
    })
    return listed
  })

  const logPrior = AGE_BANDS.map((band) => [0, 1].map((sexIndex) => {
    const row = new Float64Array(conditionCount)
    kb.conditions.forEach((condition, c) => {
      const sexFactor = (sexIndex === 0 ? condition.sexes?.male : condition.sexes?.female) ?? 1
      const prior = condition.prevalence * (condition.ages?.[band] ?? 1) * sexFactor
      row[c] = prior > 0 ? Math.log(prior) : -Infinity
    })
    return row
  }) as [Float64Array, Float64Array])

  const askedBy = kb.findings.map((_, index) => index)
  const optionPhrases = new Map<number, string[][][]>()
  kb.findings.forEach((finding, anchor) => {
    if (finding.options === undefined) return
    optionPhrases.set(anchor, finding.options.map((option) => [option.label, ...option.synonyms].map(phraseTokens)))
    for (const option of finding.options) {
      for (const key of option.present) askedBy[findingIndex.get(key) as number] = anchor
    }
  })

  return {
    name: kb.name,
    codingSystem: kb.codingSystem,
    findings: kb.findings,
    conditions: kb.conditions,
    findingIndex,
    pPresent,
    answerEntropy: pPresent.map((row) => row.map(binaryEntropy)),
    logPresent: pPresent.map((row) => row.map((p) => weight * Math.log(p))),
    logAbsent: pPresent.map((row) => row.map((p) => weight * Math.log(1 - p))),
    logPrior,
    relevant,
    lexicon: buildLexicon(kb.findings.map((finding) => finding.options === undefined ? [finding.term, ...finding.synonyms] : [])),
    askedBy,
    optionPhrases,
    evidenceWeight: weight,
    ...(kb.confidence === undefined ? {} : { confidence: kb.confidence }),
    ...(kb.differentialWeight === undefined ? {} : { differentialWeight: kb.differentialWeight }),
    ...companionsOf(kb),
    kept: kb.conditions.map((condition) => condition.kept === undefined
      ? undefined
      : { ...condition.kept, findings: Object.entries(condition.kept.findings).map(([key, weight]) => [findingIndex.get(key) as number, weight] as const) }),
    keepAt: kb.keepAt ?? DEFAULT_KEEP_AT,
    differentialQuestions: (kb.differentialQuestions ?? []).map((key) => findingIndex.get(key) as number),
    mustNotMiss: kb.conditions.flatMap((condition, c) => condition.triage === 'emergency' ? [c] : []),
    ...durationQuestionOf(kb)
  }
}

export function logPriorFor (kb: CompiledKb, age: number, sex: 'male' | 'female'): Float64Array {
  const band = AGE_BANDS.indexOf(ageBand(age))
  return (kb.logPrior[band] as readonly [Float64Array, Float64Array])[sex === 'male' ? 0 : 1]
}

function durationQuestionOf (kb: KnowledgeBase): { durationQuestion?: number } {
  const index = kb.findings.findIndex((finding) => finding.options?.some((option) => option.maxDays !== undefined) === true)
  return index < 0 ? {} : { durationQuestion: index }
}

function companionsOf (kb: KnowledgeBase): { companions?: Float64Array[] } {
  if (!kb.conditions.some((condition) => condition.companions !== undefined)) return {}
  const index = new Map(kb.conditions.map((condition, c) => [condition.key, c]))
  return {
    companions: kb.conditions.map((condition, c) => {
      const row = new Float64Array(kb.conditions.length)
      for (const [key, share] of Object.entries(condition.companions ?? {})) row[index.get(key) as number] = share
      row[c] = 1
      return row
    })
  }
}
