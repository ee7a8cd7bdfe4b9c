import type { ChatResponse } from '../../schemas/chat.js'

/** What every server streams: 20 small `delta` events and a `done` of about 1 KB. */
export const WORDS = Array.from({ length: 20 }, (_, i) => (i === 0 ? 'Word0' : ` word${i}`))

const FINDINGS = ['Headache', 'Nausea', 'Fever', 'Cough', 'Fatigue'].map((term, i) => ({
  concept: { id: String(25064002 + i), term, description: `The patient reports ${term.toLowerCase()}, noted during the interview.` },
  status: 'present' as const,
  is_chief: i < 2
}))

export function doneResponse (id: string, conversationId: string): ChatResponse {
  return {
    id,
    created_at: 1774530618,
    is_complete: false,
    conversation_id: conversationId,
    output: { type: 'message', content: WORDS.join(''), media: [] },
    findings: FINDINGS
  }
}

export const RESPONSE_ID = 'resp_6e5d051505a0'
export const CONVERSATION_ID = 'conv_e389786b611e'
