/**
 * What a DDXPlus reference differential keeps, learned from patients that have one.
 *
 * The release's differentials come from its own rule-based generator, and they list beside the
 * true condition others the evidence barely supports (a lupus patient's may lead with a heart
 * attack): no posterior over the evidence reproduces them. They are regular, though. Which
 * conditions a differential keeps depends mostly on the condition that leads it, and then on a
 * few findings (breathlessness keeps the conditions that cause it, a cough the chest ones).
 * So three things are learned:
 * - companions: for each condition, the share of its patients whose differential keeps each
 *   other condition;
 * - differential questions: the yes/no evidences that tell most about what is kept (summed
 *   mutual information), asked before the diagnosis when still unknown;
 * - kept models: for each condition, a logistic model of being kept, over its expected share
 *   as a companion and those evidences.
 */
import { binaryEntropy } from '../inference.js'
import type { Patient } from './ddxplus-patients.js'
import { shareLogOdds } from './model.js'

/** A reference differential lists a condition from this probability up, as the benchmark cuts it. */
export const DIFFERENTIAL_CUT = 0.01
/** How many differential questions are asked. */
const QUESTIONS = 5
/** Gradient descent for the kept models: fixed, so the same patients always teach the same model. */
const ITERATIONS = 300
const LEARNING_RATE = 0.5
/** L2 penalty on the evidence weights: a finding seen with few patients does not decide alone. */
const PENALTY = 0.01

/** Condition → the other conditions its patients' differentials keep → the share of its patients that keep each (English names). */
export type Companions = Record<string, Record<string, number>>

export interface KeptByEvidence {
  bias: number
  share: number
  /** Weight of each evidence code when present. */
  evidences: Record<string, number>
}

export interface DifferentialLessons {
  companions: Companions
  /** Evidence codes, most telling first. */
  questions: string[]
  /** By condition (English name). */
  kept: Record<string, KeptByEvidence>
}

/** The conditions a patient's reference differential keeps (its own included), cut at DIFFERENTIAL_CUT. */
export function keptBy (patient: Patient): Set<string> {
  return new Set([...patient.differential].filter(([, p]) => p >= DIFFERENTIAL_CUT).map(([name]) => name))
}

/**
 * Learns from `patients` what their differentials keep. `candidates` are the evidence codes
 * that may become differential questions (yes/no questions that stand alone).
 */
export function learnDifferentials (patients: readonly Patient[], candidates: readonly string[]): DifferentialLessons {
  const kept = patients.map(keptBy)
  const conditions = [...new Set([...patients.map((patient) => patient.pathology), ...kept.flatMap((names) => [...names])])].sort()

  // counts.get(c).get(d): patients of c whose differential keeps d.
  const counts = new Map<string, Map<string, number>>()
  const totals = new Map<string, number>()
  patients.forEach((patient, i) => {
    totals.set(patient.pathology, (totals.get(patient.pathology) ?? 0) + 1)
    const row = counts.get(patient.pathology) ?? new Map<string, number>()
    for (const name of kept[i] as Set<string>) row.set(name, (row.get(name) ?? 0) + 1)
    counts.set(patient.pathology, row)
  })
  const companions: Companions = Object.fromEntries([...counts].map(([pathology, row]) => [pathology, Object.fromEntries(
    [...row].filter(([name]) => name !== pathology).map(([name, count]) => [name, count / (totals.get(pathology) as number)]))]))

  const questions = mostTelling(patients, kept, conditions, candidates)
  // Each patient's share of each condition as a companion, without the patient itself, so the
  // models learn how far a share from other patients can be trusted.
  const shares = patients.map((patient, i) => {
    const row = counts.get(patient.pathology) as Map<string, number>
    const others = Math.max((totals.get(patient.pathology) as number) - 1, 1)
    return conditions.map((name) => ((row.get(name) ?? 0) - ((kept[i] as Set<string>).has(name) ? 1 : 0)) / others)
  })
  const present = patients.map((patient) => questions.flatMap((code, q) => patient.evidences.has(code) ? [q] : []))
  const models = conditions.map((name, d) => fitKept(
    shares.map((row) => shareLogOdds(row[d] as number)), present, kept.map((names) => names.has(name)), questions.length))
  return {
    companions,
    questions,
    kept: Object.fromEntries(conditions.map((name, d) => {
      const model = models[d] as { bias: number, share: number, weights: Float64Array }
      return [name, { bias: model.bias, share: model.share, evidences: Object.fromEntries(questions.map((code, q) => [code, model.weights[q] as number])) }]
    }))
  }
}

/** The candidates whose answer tells most, summed over conditions, about whether a differential keeps them. */
function mostTelling (patients: readonly Patient[], kept: ReadonlyArray<Set<string>>, conditions: readonly string[], candidates: readonly string[]): string[] {
  const n = patients.length
  const rate = (count: number, of: number): number => of === 0 ? 0 : count / of
  const keptOverall = conditions.map((name) => kept.filter((names) => names.has(name)).length)
  const scored = candidates.map((code) => {
    // One pass over the patients: how many have the evidence, and how many of those keep each condition.
    let withIt = 0
    const keptWithIt = new Map<string, number>()
    patients.forEach((patient, i) => {
      if (!patient.evidences.has(code)) return
      withIt++
      for (const name of kept[i] as Set<string>) keptWithIt.set(name, (keptWithIt.get(name) ?? 0) + 1)
    })
    let information = 0
    conditions.forEach((name, d) => {
      const overall = keptOverall[d] as number
      const yes = keptWithIt.get(name) ?? 0
      information += binaryEntropy(rate(overall, n)) -
        (withIt * binaryEntropy(rate(yes, withIt)) + (n - withIt) * binaryEntropy(rate(overall - yes, n - withIt))) / n
    })
    return { code, information }
  })
  return scored.sort((a, b) => b.information - a.information || a.code.localeCompare(b.code)).slice(0, QUESTIONS).map(({ code }) => code)
}

/** Logistic regression by batch gradient descent: log-odds = bias + share x shareLogOdds + the weights of the evidences present. */
function fitKept (shareLogOddsByPatient: readonly number[], present: ReadonlyArray<readonly number[]>, labels: readonly boolean[], features: number) {
  let bias = 0
  let share = 1
  const weights = new Float64Array(features)
  const n = labels.length
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    let gradientBias = 0
    let gradientShare = 0
    const gradient = new Float64Array(features)
    for (let i = 0; i < n; i++) {
      const x = shareLogOddsByPatient[i] as number
      let logOdds = bias + share * x
      for (const q of present[i] as readonly number[]) logOdds += weights[q] as number
      const error = 1 / (1 + Math.exp(-logOdds)) - (labels[i] === true ? 1 : 0)
      gradientBias += error
      gradientShare += error * x
      for (const q of present[i] as readonly number[]) gradient[q] = (gradient[q] as number) + error
    }
    bias -= LEARNING_RATE * gradientBias / n
    share -= LEARNING_RATE * gradientShare / n
    for (let q = 0; q < features; q++) weights[q] = (weights[q] as number) - LEARNING_RATE * ((gradient[q] as number) / n + PENALTY * (weights[q] as number))
  }
  return { bias, share, weights }
}
