import type { EventSourceMessage } from 'eventsource-parser'
import { parseChatStream } from '../../conformance/stream.js'
import * as kit from '../../conformance/validate.js'

// Plain checks here (no type narrowing), as the tests were written against them.
export const assertValid: (schema: Parameters<typeof kit.assertValid>[0], value: unknown) => void = kit.assertValid
export const assertChatResponse: (value: unknown) => void = kit.assertChatResponse
export const assertConversation: (value: unknown) => void = kit.assertConversation
export const assertErrorResponse: (value: unknown) => void = kit.assertErrorResponse

export interface ParsedStream {
  events: EventSourceMessage[]
  deltas: string[]
  /** The terminal event's payload. */
  terminal: { event: string, data: unknown }
  ids: Set<string>
}

/** A whole SSE body, checked against every rule of the stream contract (the kit's `parseChatStream`). */
export function parseStream (raw: string): ParsedStream {
  const stream = parseChatStream(raw)
  return {
    events: stream.events,
    deltas: stream.deltas.map((delta) => delta.output.content),
    terminal: stream.terminal,
    ids: new Set(stream.responseId === undefined ? [] : [stream.responseId])
  }
}
