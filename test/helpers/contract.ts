import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler'
import type { TSchema } from '@sinclair/typebox'
import { createParser, type EventSourceMessage } from 'eventsource-parser'
import {
  ChatResponseSchema, ConversationSchema, DeltaEventSchema, ErrorResponseSchema, SseEvent, schemas
} from '../../schemas/index.js'

const checks = new Map<TSchema, TypeCheck<TSchema>>()

/** Throws with every violation when `value` does not match `schema` (references resolved). */
export function assertValid (schema: TSchema, value: unknown): void {
  let check = checks.get(schema)
  if (check === undefined) {
    check = TypeCompiler.Compile(schema, [...schemas])
    checks.set(schema, check)
  }
  if (!check.Check(value)) {
    const errors = [...check.Errors(value)].map((error) => `${error.path} ${error.message}`)
    throw new Error(`${String(schema.$id)} violated: ${errors.join('; ')}\n${JSON.stringify(value)}`)
  }
}

export const assertChatResponse = (value: unknown) => assertValid(ChatResponseSchema, value)
export const assertConversation = (value: unknown) => assertValid(ConversationSchema, value)
export const assertErrorResponse = (value: unknown) => assertValid(ErrorResponseSchema, value)

export interface ParsedStream {
  events: EventSourceMessage[]
  deltas: string[]
  /** The terminal event's payload. */
  terminal: { event: string, data: unknown }
  ids: Set<string>
}

/**
 * Parses a whole SSE body strictly and checks every rule of the contract: known event names,
 * one JSON `data:` line per event, a blank line after each, no CR byte, exactly one terminal
 * event and it last, one response id, payloads valid against their schemas.
 */
export function parseStream (raw: string): ParsedStream {
  if (raw.includes('\r')) throw new Error('a CR byte in the stream')
  const events: EventSourceMessage[] = []
  const parser = createParser({
    onEvent: (event) => { events.push(event) },
    onError: (error) => { throw error }
  })
  parser.feed(raw)
  // Raw framing: every block (heartbeats aside) is exactly "event: X\ndata: JSON".
  const blocks = raw.split('\n\n')
  if (blocks.pop() !== '') throw new Error('the stream does not end with a blank line')
  const frames = blocks.filter((block) => !block.startsWith(':'))
  if (frames.length !== events.length) throw new Error('frames and parsed events differ')
  for (const frame of frames) {
    const lines = frame.split('\n')
    if (lines.length !== 2 || !lines[0]?.startsWith('event: ') || !lines[1]?.startsWith('data: ')) {
      throw new Error(`malformed frame: ${JSON.stringify(frame)}`)
    }
  }
  const deltas: string[] = []
  const ids = new Set<string>()
  events.forEach((event, index) => {
    const data = JSON.parse(event.data) as Record<string, unknown>
    const last = index === events.length - 1
    if (event.event === SseEvent.delta) {
      if (last) throw new Error('a delta is the last event')
      assertValid(DeltaEventSchema, data)
      ids.add(data.id as string)
      deltas.push((data.output as { content: string }).content)
    } else if (event.event === SseEvent.done || event.event === SseEvent.error) {
      if (!last) throw new Error(`${event.event} is not the last event`)
      if (event.event === SseEvent.done) {
        assertChatResponse(data)
        ids.add(data.id as string)
      } else {
        assertErrorResponse(data)
      }
    } else {
      throw new Error(`unknown event ${String(event.event)}`)
    }
  })
  const lastEvent = events.at(-1)
  if (lastEvent === undefined) throw new Error('an empty stream')
  if (ids.size > 1) throw new Error(`several response ids in one stream: ${[...ids].join(', ')}`)
  return { events, deltas, terminal: { event: lastEvent.event as string, data: JSON.parse(lastEvent.data) }, ids }
}
