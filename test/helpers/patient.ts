import type { KnowledgeBase } from '../../server/interview/kb/model.js'
import { PATIENT_CONCEPTS } from '../fixtures/patient-concepts.js'
import type { DevVignette } from '../fixtures/vignettes-dev.js'
import type { Vignette } from '../fixtures/vignettes.js'

/**
 * A simulated patient: reads the assistant's question, works out which finding it asks
 * about from the knowledge base's question texts, and answers from the vignette.
 */
export class SimulatedPatient {
  readonly #vignette: Vignette
  readonly #questions: Array<{ text: string, key: string }>
  readonly #kb: KnowledgeBase

  constructor (vignette: Vignette, kb: KnowledgeBase) {
    this.#vignette = vignette
    this.#kb = kb
    this.#questions = kb.findings
      .flatMap((finding) => [finding.question, finding.friendly].filter((text): text is string => text !== undefined).map((text) => ({ text, key: finding.key })))
      .sort((a, b) => b.text.length - a.text.length)
  }

  /** The finding a message asks about, or undefined (the opening prompt). */
  askedAbout (message: string): string | undefined {
    return this.#questions.find((question) => message.includes(question.text))?.key
  }

  answer (message: string): string {
    const key = this.askedAbout(message)
    if (key === undefined) return this.#vignette.opening
    const finding = this.#kb.findings.find((candidate) => candidate.key === key)
    if (finding?.options !== undefined) return this.#vignette.duration ?? 'about 4 days'
    if (finding?.scaleAtLeast !== undefined) {
      return String(this.#vignette.pain ?? (this.#vignette.present.includes(key) ? 8 : 3))
    }
    return this.#vignette.present.includes(key) ? 'yes' : 'no'
  }
}

/** What the patient understands of a question: the concept it asks about and how to answer. */
export interface QuestionMeaning {
  text: string
  code: string
  kind: 'yes_no' | 'scale' | 'duration' | 'choice'
  /** For a choice: each option's label and the concept ids it stands for. */
  options: Array<{ label: string, codes: string[] }>
}

export const DONT_KNOW = "I don't know"

/**
 * What a reader of the engine's questions understands from them: for each question text, the
 * concept (SNOMED CT id) it asks about and whether it wants yes/no, a 0-10 rating, a duration
 * or a choice among named options. Built from the knowledge base's question texts and concept
 * ids only; synonyms, likelihoods and conditions are never read.
 */
export function questionMeanings (kb: KnowledgeBase): QuestionMeaning[] {
  const codeOf = new Map(kb.findings.map((finding) => [finding.key, finding.code]))
  return kb.findings
    .flatMap((finding) => [finding.question, finding.friendly].filter((text): text is string => text !== undefined).map((text): QuestionMeaning => ({
      text,
      code: finding.code,
      kind: finding.options?.some((option) => option.maxDays !== undefined) === true
        ? 'duration'
        : finding.options !== undefined ? 'choice' : finding.scaleAtLeast !== undefined ? 'scale' : 'yes_no',
      options: (finding.options ?? []).map((option) => ({ label: option.label, codes: option.present.map((key) => codeOf.get(key) as string) }))
    })))
    .sort((a, b) => b.text.length - a.text.length)
}

/**
 * A patient played from a development vignette: answers only from the vignette's facts, and
 * "I don't know" to whatever the vignette does not say (see bench/README.md, "The simulated patient").
 */
export class VignettePatient {
  readonly #vignette: DevVignette
  readonly #meanings: readonly QuestionMeaning[]
  readonly #present: ReadonlySet<string>
  readonly #absent: ReadonlySet<string>

  constructor (vignette: DevVignette, meanings: readonly QuestionMeaning[]) {
    this.#vignette = vignette
    this.#meanings = meanings
    const codes = (names: readonly string[]): Set<string> => new Set(names.flatMap((name) => PATIENT_CONCEPTS[name] ?? []))
    this.#present = codes(vignette.present)
    this.#absent = codes(vignette.absent)
  }

  /** The patient's reply to the assistant's message. */
  answer (message: string): string {
    const meaning = this.#meanings.find((candidate) => message.includes(candidate.text))
    // Not a question about a finding: the prompt to name the main symptom.
    if (meaning === undefined) return this.#vignette.opening
    switch (meaning.kind) {
      case 'duration':
        return this.#vignette.duration ?? DONT_KNOW
      case 'scale':
        return this.#vignette.severity ?? (this.#present.has(meaning.code) ? 'it is really bad' : DONT_KNOW)
      case 'choice': {
        const chosen = meaning.options.filter((option) => option.codes.some((code) => this.#present.has(code))).map((option) => option.label)
        return chosen.length > 0 ? chosen.join(', ') : DONT_KNOW
      }
      case 'yes_no':
        return this.#present.has(meaning.code) ? 'yes' : this.#absent.has(meaning.code) ? 'no' : DONT_KNOW
    }
  }
}
