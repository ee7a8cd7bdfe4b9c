import type { Check } from '../check.js'
import { expect, mediaType, SSE_TYPE, JSON_TYPE } from '../context.js'

const CLAUSE = 'Events (negotiation: the Accept header)'

/** Accept values and what they must get (README, "Events": stream only when SSE is acceptable and preferred at least as much as JSON). */
export const NEGOTIATION_TABLE: ReadonlyArray<{ accept: string | undefined, expect: 'json' | 'sse' }> = [
  { accept: undefined, expect: 'json' },
  { accept: '*/*', expect: 'json' },
  { accept: 'application/json', expect: 'json' },
  { accept: 'application/*', expect: 'json' },
  { accept: 'text/event-stream', expect: 'sse' },
  { accept: 'text/*', expect: 'sse' },
  { accept: 'text/event-stream, application/json', expect: 'sse' },
  { accept: 'application/json;q=0.9, text/event-stream', expect: 'sse' },
  { accept: 'text/event-stream;q=0.5, application/json', expect: 'json' },
  { accept: 'text/event-stream;q=0, application/json', expect: 'json' },
  { accept: 'text/event-stream;q=0, */*;q=0.1', expect: 'json' },
  { accept: 'TEXT/EVENT-STREAM', expect: 'sse' }
]

export const negotiationChecks: Check[] = [
  {
    id: 'negotiation.table',
    clause: CLAUSE,
    title: 'Accept decides JSON or stream, q-values honoured',
    async run (context) {
      for (const row of NEGOTIATION_TABLE) {
        const conversation = await context.createConversation()
        const headers: Record<string, string> = row.accept === undefined ? {} : { accept: row.accept }
        const response = await context.request('POST', 'v1/chats', { headers, body: { conversation_id: conversation.id, input: 'I have a cough' } })
        context.status(response, 200, `Accept: ${String(row.accept)}`)
        const type = mediaType(response)
        const wanted = row.expect === 'sse' ? SSE_TYPE : JSON_TYPE
        expect(type === wanted, `Accept: ${String(row.accept)} → expected ${wanted}, got ${type}`)
      }
    }
  },
  {
    id: 'negotiation.not-acceptable',
    clause: CLAUSE,
    title: 'an Accept that allows neither JSON nor a stream is 406 not_acceptable',
    async run (context) {
      for (const accept of ['text/html', 'application/json;q=0, text/event-stream;q=0', 'image/png, text/plain']) {
        const conversation = await context.createConversation()
        context.error(await context.request('POST', 'v1/chats', { headers: { accept }, body: { conversation_id: conversation.id, input: 'I have a cough' } }), 406, 'not_acceptable', `Accept: ${accept}`)
        const after = await context.getConversation(conversation.id)
        expect(after.usage.turns === 0, `Accept: ${accept} refused, yet a turn was taken`)
      }
    }
  }
]
