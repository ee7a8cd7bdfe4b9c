import { createInterface } from 'node:readline/promises'
import type { EventEmitter } from 'node:events'
import type { Readable, Writable } from 'node:stream'
import type { DiagnosisOutput, Finding } from '../schemas/index.js'
import { createClient, type ChatsClient } from './client.js'
import { ApiError } from './errors.js'

/** What a triage level asks of the patient, in the words the summary uses. */
export const TRIAGE_ADVICE: Record<DiagnosisOutput['recommendation']['triage'], string> = {
  emergency: 'Call emergency services or go to an emergency department now.',
  urgent: 'See a doctor today.',
  consultation: 'Book an appointment with a doctor.',
  self_care: 'This can usually be looked after at home.'
}

export const NOTICE = 'This is a symptom checker for building and testing software, not a medical device: it gives no medical diagnosis or advice.'

const BAR_WIDTH = 20

/** A likelihood (0-1) as a bar of BAR_WIDTH cells and a percentage. */
export function likelihoodBar (likelihood: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, likelihood)) * BAR_WIDTH)
  return `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)} ${String(Math.round(likelihood * 100)).padStart(3)}%`
}

/** The differential and the recommendation, for a terminal. */
export function formatDiagnosis (diagnosis: DiagnosisOutput): string {
  const width = Math.max(10, ...diagnosis.diseases.map((disease) => disease.concept.term.length))
  const { recommendation } = diagnosis
  const lines = ['', 'Differential diagnosis:']
  for (const disease of diagnosis.diseases) lines.push(`  ${disease.concept.term.padEnd(width)}  ${likelihoodBar(disease.likelihood)}`)
  if (diagnosis.diseases.length === 0) lines.push('  (no condition stands out)')
  lines.push('', `Triage: ${recommendation.urgency} (${recommendation.triage}). ${TRIAGE_ADVICE[recommendation.triage]}`)
  lines.push(`See: ${recommendation.specialist}`)
  if (recommendation.red_flags.length > 0) lines.push(`Red flags: ${recommendation.red_flags.map((flag) => flag.term).join(', ')}`)
  // The advice fits the triage: home care for self-care, what to do until help comes for an emergency.
  if (recommendation.self_management !== '') lines.push(`What to do: ${recommendation.self_management}`)
  lines.push('', NOTICE, '')
  return lines.join('\n')
}

/** The findings a turn added, as one line ("Noted: Headache; not: Fever"). */
export function formatNewFindings (before: readonly Finding[], after: readonly Finding[]): string | undefined {
  const known = new Map(before.map((finding) => [finding.concept.id, finding.status]))
  const fresh = after.filter((finding) => known.get(finding.concept.id) !== finding.status)
  if (fresh.length === 0) return undefined
  const named = (status: Finding['status']): string[] => fresh.filter((finding) => finding.status === status).map((finding) => finding.concept.term)
  const parts = [['Noted', named('present')], ['not', named('absent')], ['unsure', named('unsure')]] as const
  return parts.filter(([, terms]) => terms.length > 0).map(([label, terms]) => `${label}: ${terms.join(', ')}`).join('; ')
}

export interface TerminalChatOptions {
  url: string
  token?: string
  input: Readable
  output: Writable
  /** Emits 'interrupt' when the user presses Ctrl-C: cancels the reply being streamed, or ends the chat at the prompt. */
  interrupts: EventEmitter
  patient?: { age: number, sex: 'male' | 'female' }
  /** For tests: the client to use instead of one made from url and token. */
  client?: ChatsClient
}

const SEXES = new Set(['male', 'female'])

/**
 * An interview in the terminal: asks the patient's age and sex, then reads a message a line,
 * prints the reply as it streams and the findings each turn noted, and at the end the
 * differential (likelihoods as bars) and the triage. `/diagnose` asks for the diagnosis now,
 * `/quit` (or the end of input) leaves. Resolves with the exit status.
 */
export async function runTerminalChat (options: TerminalChatOptions): Promise<number> {
  const { output } = options
  const write = (text: string): void => { output.write(text) }
  const lines = createInterface({ input: options.input, terminal: false })
  const iterator = lines[Symbol.asyncIterator]()
  let atPrompt = false
  const onInterruptAtPrompt = (): void => { if (atPrompt) lines.close() }
  options.interrupts.on('interrupt', onInterruptAtPrompt)
  const ask = async (prompt: string): Promise<string | undefined> => {
    write(prompt)
    atPrompt = true
    const next = await iterator.next()
    atPrompt = false
    return next.done === true ? undefined : next.value.trim()
  }
  const client = options.client ?? createClient({ baseUrl: options.url, token: options.token })
  try {
    write(`${NOTICE}\n\n`)
    let patient = options.patient
    while (patient === undefined) {
      const age = await ask('Age in years: ')
      if (age === undefined) return 0
      const sex = await ask('Sex (male or female): ')
      if (sex === undefined) return 0
      if (/^\d{1,3}$/.test(age) && Number(age) <= 130 && SEXES.has(sex.toLowerCase())) patient = { age: Number(age), sex: sex.toLowerCase() as 'male' | 'female' }
      else write('Please give an age from 0 to 130 and "male" or "female".\n')
    }
    const conversation = await client.createConversation({ patient })
    write('Describe what is wrong in your own words. /diagnose asks for the diagnosis now, /quit leaves.\n')
    let findings: Finding[] = []
    while (true) {
      const line = await ask('\nyou> ')
      if (line === undefined || line === '/quit') return 0
      if (line === '') continue
      const body = line === '/diagnose' ? { conversation_id: conversation.id, force_diagnose: true as const } : { conversation_id: conversation.id, input: line }
      const controller = new AbortController()
      const cancel = (): void => controller.abort()
      options.interrupts.on('interrupt', cancel)
      try {
        write('\nassistant> ')
        const stream = await client.streamChat(body, { signal: controller.signal })
        for await (const event of stream) {
          if (event.type === 'delta') write(event.data.output.content)
          else if (event.type === 'error') write(`\nThe reply failed (${event.data.error.code}): ${event.data.error.message}\n`)
          else {
            const noted = formatNewFindings(findings, event.data.findings)
            findings = event.data.findings
            if (event.data.output.type === 'diagnosis') {
              write(`${event.data.output.diseases[0]?.concept.term ?? 'No single condition stands out'}.\n`)
              if (noted !== undefined) write(`  (${noted})\n`)
              write(formatDiagnosis(event.data.output))
              return 0
            }
            write(noted === undefined ? '\n' : `\n  (${noted})\n`)
          }
        }
      } catch (error) {
        if (controller.signal.aborted) write('\n(cancelled)\n')
        else if (error instanceof ApiError) write(`\n${error.message} (${error.code})\n`)
        else throw error
      } finally {
        options.interrupts.off('interrupt', cancel)
      }
    }
  } catch (error) {
    write(`\nerror: ${error instanceof ApiError ? `${error.message} (${error.code})` : (error as Error).message}\n`)
    return 1
  } finally {
    options.interrupts.off('interrupt', onInterruptAtPrompt)
    lines.close()
  }
}
