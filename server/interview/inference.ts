import type { FindingStatus } from '../../schemas/concept.js'
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

export function entropy (p: Float64Array): number {
  let h = 0
  for (const value of p) if (value > 0) h -= value * Math.log2(value)
  return h
}

/**
 * Expected information gain, in bits, of asking about `finding`: the entropy now minus the
 * expected entropy after a yes or a no.
 */
export function informationGain (kb: CompiledKb, p: Float64Array, finding: number, hNow: number): number {
  const row = kb.pPresent[finding] as Float64Array
  let pYes = 0
  for (let c = 0; c < p.length; c++) pYes += (p[c] as number) * (row[c] as number)
  const pNo = 1 - pYes
  let hYes = 0
  let hNo = 0
  for (let c = 0; c < p.length; c++) {
    const prior = p[c] as number
    if (prior === 0) continue
    const likelihood = row[c] as number
    const yes = prior * likelihood / pYes
    const no = prior * (1 - likelihood) / pNo
    if (yes > 0) hYes -= yes * Math.log2(yes)
    if (no > 0) hNo -= no * Math.log2(no)
  }
  return hNow - (pYes * hYes + pNo * hNo)
}
