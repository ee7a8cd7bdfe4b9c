import type { ChatResponse } from '../schemas/chat.js'
import type { Conversation } from '../schemas/conversation.js'
import type { DiagnosisOutput } from '../schemas/diagnosis.js'
import type { DeltaEvent } from '../schemas/events.js'

/**
 * The OpenAPI document's named examples: one conversation from creation to diagnosis, so that
 * ids, times and findings agree across operations. Every example is checked against its
 * schema by the tests.
 */
export const CONVERSATION_ID = 'conv_e389786b611e'
export const RESPONSE_ID = 'resp_6e5d051505a0'
const CREATED_AT = 1774530600

const HEADACHE = { id: '25064002', term: 'Headache', description: 'Pain in the head' }
const NAUSEA = { id: '422587007', term: 'Nausea', description: 'Feeling sick' }

const QUESTION = 'Is the headache worse in bright light?'

export const DIAGNOSIS_EXAMPLE: DiagnosisOutput = {
  type: 'diagnosis',
  diseases: [
    { concept: { id: '37796009', term: 'Migraine', description: 'Recurring headaches, often with nausea and sensitivity to light' }, likelihood: 0.62, icd10: 'G43.9' },
    { concept: { id: '398057008', term: 'Tension-type headache', description: 'A band-like headache' }, likelihood: 0.21, icd10: 'G44.2' }
  ],
  recommendation: {
    triage: 'consultation',
    urgency: 'See a doctor',
    specialist: 'General Practitioner',
    self_management: 'Rest in a quiet, dark room and drink water.',
    red_flags: []
  }
}

const FINDINGS = [
  { concept: HEADACHE, status: 'present' as const, is_chief: true },
  { concept: NAUSEA, status: 'present' as const, is_chief: true }
]

export const QUESTION_EXAMPLE: ChatResponse = {
  id: RESPONSE_ID,
  created_at: CREATED_AT + 18,
  is_complete: false,
  conversation_id: CONVERSATION_ID,
  output: { type: 'message', content: QUESTION, media: [] },
  findings: FINDINGS
}

export const DIAGNOSIS_RESPONSE_EXAMPLE: ChatResponse = {
  id: 'resp_0b1c2d3e4f50',
  created_at: CREATED_AT + 41,
  is_complete: true,
  conversation_id: CONVERSATION_ID,
  output: DIAGNOSIS_EXAMPLE,
  findings: FINDINGS
}

export function newConversationExample (settings: { personality: string, language: string, coding_system: string }): Conversation {
  return {
    id: CONVERSATION_ID,
    created_at: CREATED_AT,
    is_complete: false,
    patient: { age: 34, sex: 'female' },
    ...settings,
    messages: [],
    findings: [],
    usage: { questions_asked: 0, turns: 0 }
  }
}

export function inProgressExample (settings: { personality: string, language: string, coding_system: string }): Conversation {
  return {
    ...newConversationExample(settings),
    messages: [
      { role: 'user', content: 'I have had a headache since yesterday and feel sick', created_at: CREATED_AT + 18 },
      { role: 'assistant', content: QUESTION, created_at: CREATED_AT + 18 }
    ],
    findings: FINDINGS,
    usage: { questions_asked: 1, turns: 1 }
  }
}

export function completeExample (settings: { personality: string, language: string, coding_system: string }): Conversation {
  const progress = inProgressExample(settings)
  return {
    ...progress,
    is_complete: true,
    messages: [
      ...progress.messages,
      { role: 'user', content: 'Yes, a little', created_at: CREATED_AT + 41 },
      { role: 'assistant', content: 'Most likely: Migraine. Advice: See a doctor (General Practitioner).', created_at: CREATED_AT + 41 }
    ],
    usage: { questions_asked: 1, turns: 2 },
    diagnosis: DIAGNOSIS_EXAMPLE
  }
}

/** The deltas of QUESTION_EXAMPLE, as a stream sends them. */
export const DELTA_EXAMPLES: DeltaEvent[] = ['Is the headache', ' worse in', ' bright light?']
  .map((content) => ({ id: RESPONSE_ID, output: { content } }))

function frame (event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`
}

/** A whole message stream, as bytes on the wire. */
export const MESSAGE_STREAM_EXAMPLE = DELTA_EXAMPLES.map((delta) => frame('delta', delta)).join('') + frame('done', QUESTION_EXAMPLE)
/** A diagnosis streams as a lone `done`. */
export const DIAGNOSIS_STREAM_EXAMPLE = frame('done', DIAGNOSIS_RESPONSE_EXAMPLE)
/** A failure after the stream began. */
export const ERROR_STREAM_EXAMPLE = frame('delta', DELTA_EXAMPLES[0]) +
  frame('error', { error: { code: 'engine_timeout', message: 'The engine did not answer in time.' } })
