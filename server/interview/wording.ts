import type { DiagnosisOutput } from 'fastify-medical-chats/schemas'
import type { KbFinding } from './kb/model.js'

export const PERSONALITIES = ['professional', 'friendly'] as const
export type Personality = typeof PERSONALITIES[number]

/** What the interviewer needs said, independent of wording. */
export type Utterance =
  | { kind: 'ask', finding: KbFinding, acknowledged: string[], turn: number }
  | { kind: 'reask', finding: KbFinding }
  | { kind: 'opening', attempt: number }

/** A choice question lists its options in full up to this many. */
const MAX_LISTED_OPTIONS = 12

const FRIENDLY_ACKS = ['Thanks for telling me.', 'Got it, thank you.', 'Okay, that helps.', 'Thank you.', 'I see.']

function list (terms: string[]): string {
  const lower = terms.map((term) => term.toLowerCase())
  return lower.length <= 1 ? lower.join('') : `${lower.slice(0, -1).join(', ')} and ${lower.at(-1) as string}`
}

function questionText (finding: KbFinding, personality: Personality): string {
  return personality === 'friendly' ? finding.friendly ?? finding.question : finding.question
}

function howToAnswer (finding: KbFinding, personality: Personality): string {
  if (finding.options !== undefined) {
    const labels = finding.options.map((option) => option.label)
    if (finding.multiple === true || labels.length > MAX_LISTED_OPTIONS) {
      const examples = labels.slice(0, 3).join(', ')
      return personality === 'friendly'
        ? `Just name the ones that apply, for example: ${examples}.`
        : `Please name the options that apply, for example: ${examples}.`
    }
    return `${personality === 'friendly' ? 'You can pick one:' : 'Please choose one:'} ${labels.slice(0, -1).join(', ')} or ${labels.at(-1) as string}.`
  }
  if (finding.scaleAtLeast !== undefined) {
    return personality === 'friendly' ? 'A number from 0 (none) to 10 (the worst) is perfect.' : 'Please answer with a number from 0 (none) to 10 (worst imaginable).'
  }
  return personality === 'friendly' ? 'You can just say yes, no, or not sure.' : 'Please answer yes, no, or not sure.'
}

/** The assistant's message for a question, in the conversation's personality. */
export function say (utterance: Utterance, personality: Personality): string {
  switch (utterance.kind) {
    case 'opening':
      if (personality === 'friendly') {
        return utterance.attempt === 0
          ? "Hi, I'm here to help. What's bothering you most today? For example a headache, a cough, or a tummy ache."
          : "Sorry, I didn't quite catch that. Could you tell me your main symptom in a few words, like 'sore throat' or 'chest pain'?"
      }
      return utterance.attempt === 0
        ? 'Please describe your main symptom, for example: headache, cough, or abdominal pain.'
        : 'I could not identify a symptom in that. Please name your main symptom in a few words, for example "sore throat" or "chest pain".'
    case 'reask':
      return personality === 'friendly'
        ? `Sorry, I didn't quite get that. ${questionText(utterance.finding, personality)} ${howToAnswer(utterance.finding, personality)}`
        : `I could not tell how that answers the question. ${questionText(utterance.finding, personality)} ${howToAnswer(utterance.finding, personality)}`
    case 'ask': {
      const question = questionText(utterance.finding, personality)
      const hint = utterance.finding.options !== undefined || utterance.finding.scaleAtLeast !== undefined ? ` ${howToAnswer(utterance.finding, personality)}` : ''
      // Findings named by a question (as in DDXPlus) are not echoed back: "Noted: do you have...?" reads badly.
      if (utterance.acknowledged.length > 0 && !utterance.acknowledged.some((term) => term.endsWith('?'))) {
        const heard = list(utterance.acknowledged)
        return personality === 'friendly'
          ? `I'm sorry you're dealing with ${heard}. Let me ask a few questions. ${question}${hint}`
          : `Noted: ${heard}. ${question}${hint}`
      }
      return personality === 'friendly'
        ? `${FRIENDLY_ACKS[utterance.turn % FRIENDLY_ACKS.length] as string} ${question}${hint}`
        : `${question}${hint}`
    }
  }
}

function percent (likelihood: number): string {
  return `${Math.round(likelihood * 100)}%`
}

/** The short plain-text summary stored as the assistant's message after a diagnosis. */
export function summarize (diagnosis: DiagnosisOutput, personality: Personality): string {
  const { diseases, recommendation } = diagnosis
  const advice = `${recommendation.urgency}: ${recommendation.specialist}. ${recommendation.self_management}`
  const caveat = personality === 'friendly'
    ? 'Remember, this is not a diagnosis; a doctor can tell you for sure.'
    : 'This assessment is not a medical diagnosis.'
  const [top, ...others] = diseases
  if (top === undefined) {
    return personality === 'friendly'
      ? `I couldn't work out a likely cause from what we discussed. ${advice} ${caveat}`
      : `No likely cause could be identified from the information given. ${advice} ${caveat}`
  }
  const rest = others.slice(0, 2).map((disease) => `${disease.concept.term} (${percent(disease.likelihood)})`)
  const alternatives = rest.length === 0 ? '' : ` Other possibilities: ${rest.join(', ')}.`
  return personality === 'friendly'
    ? `Thanks for answering my questions. The most likely cause is ${top.concept.term} (${percent(top.likelihood)}).${alternatives} My advice: ${advice} ${caveat}`
    : `Assessment complete. Most likely: ${top.concept.term} (${percent(top.likelihood)}).${alternatives} Recommendation: ${advice} ${caveat}`
}
