import type { KnowledgeBase } from '../../server/interview/kb/model.js'
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
