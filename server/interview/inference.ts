import type { FindingStatus } from 'fastify-medical-chats/schemas'
import type { CompiledKb } from './kb/compile.js'

/** What is known: finding index to status. `unsure` carries no evidence. */
export type Evidence = ReadonlyMap<number, FindingStatus>

/**
 * P(condition | age, sex, findings) by naive Bayes in log space. A finding not listed for a
 * condition has its background probability there (a small epsilon), never zero, so one
 * unexpected answer lowers a condition but does not rule it out.
 */
export function posterior (kb: CompiledKb, logPrior: Float64Array, evidence: Evidence, reweight?: number): Float64Array {
  const log = Float64Array.from(logPrior)
  // The tables hold weighted log-likelihoods; another weight rescales them.
  const scale = reweight === undefined ? 1 : reweight / kb.evidenceWeight
  for (const [finding, status] of evidence) {
    if (status === 'unsure') continue
    const table = status === 'present' ? kb.logPresent[finding] as Float64Array : kb.logAbsent[finding] as Float64Array
    for (let c = 0; c < log.length; c++) log[c] = (log[c] as number) + scale * (table[c] as number)
  }
  return normalizeLog(log)
}

/** exp and normalise, stably (log-sum-exp). */
export function normalizeLog (log: Float64Array): Float64Array {
  let max = -Infinity
  for (const value of log) if (value > max) max = value
  let sum = 0
  const out = new Float64Array(log.length)
  for (let c = 0; c < log.length; c++) {
    const value = Math.exp((log[c] as number) - max)
    out[c] = value
    sum += value
  }
  for (let c = 0; c < out.length; c++) out[c] = (out[c] as number) / sum
  return out
}

/** The entropy, in bits, of a yes/no answer that is yes with probability `p`. */
export function binaryEntropy (p: number): number {
  return p <= 0 || p >= 1 ? 0 : -(p * Math.log2(p) + (1 - p) * Math.log2(1 - p))
}

/**
 * Expected information gain, in bits, of asking about `finding`: the mutual information of
 * the answer and the condition, H(answer) - H(answer | condition). It equals the expected drop
 * in the entropy over conditions, but costs a dot product: H(answer | condition) depends on
 * the knowledge base alone and is computed once at load.
 */
export function informationGain (kb: CompiledKb, p: Float64Array, finding: number): number {
  const row = kb.pPresent[finding] as Float64Array
  const uncertainty = kb.answerEntropy[finding] as Float64Array
  let pYes = 0
  let given = 0
  for (let c = 0; c < p.length; c++) {
    const weight = p[c] as number
    pYes += weight * (row[c] as number)
    given += weight * (uncertainty[c] as number)
  }
  return binaryEntropy(pYes) - given
}
