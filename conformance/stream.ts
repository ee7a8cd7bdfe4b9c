import { createParser, type EventSourceMessage } from 'eventsource-parser'
import {
  ChatResponseSchema, DeltaEventSchema, ErrorResponseSchema, SseEvent,
  type ChatResponse, type DeltaEvent, type ErrorResponse
} from 'fastify-medical-chats/schemas'
import { ContractViolation, assertValid } from './validate.js'

/** A whole stream, parsed and checked. */
export interface ParsedChatStream {
  /** Every event in order, as the WHATWG parser saw it. */
  events: EventSourceMessage[]
  deltas: DeltaEvent[]
  /** The deltas' contents concatenated. */
  text: string
  /** The one terminal event, last. */
  terminal: { event: 'done', data: ChatResponse } | { event: 'error', data: ErrorResponse }
  /** The response id all events share (undefined for a stream that is a lone `error`). */
  responseId: string | undefined
  /** Heartbeat comments seen (`: ping`). */
  comments: number
}

const FRAME = /^event: (delta|done|error)\ndata: [^\n]*$/

/**
 * Parses a whole SSE body and checks every rule of the stream contract (README, "Events"
 * under "The stream contract"): no CR byte; every block a comment or exactly
 * `event: NAME\ndata: JSON` with a known name, ended by a blank line; the same events seen by a
 * WHATWG parser (`eventsource-parser`); payloads valid against DeltaEvent / ChatResponse /
 * ErrorResponse; exactly one terminal event (`done` or `error`), last; one response id on every
 * event; deltas that add up to a `done` message's content, and none before a diagnosis.
 * Throws a `ContractViolation` naming the first rule broken.
 */
export function parseChatStream (raw: string | Uint8Array): ParsedChatStream {
  const text = typeof raw === 'string' ? raw : new TextDecoder('utf-8', { fatal: true }).decode(raw)
  const fail = (message: string): never => { throw new ContractViolation(message) }
  if (text.includes('\r')) fail('a CR byte in the stream')
  if (text === '') fail('an empty stream')
  if (!text.endsWith('\n\n')) fail('the stream does not end with a blank line')

  const blocks = text.slice(0, -2).split('\n\n')
  let comments = 0
  const frames: string[] = []
  for (const block of blocks) {
    if (block.split('\n').every((line) => line.startsWith(':'))) comments++
    else if (FRAME.test(block)) frames.push(block)
    else fail(`malformed frame: ${JSON.stringify(block.slice(0, 120))}`)
  }

  const events: EventSourceMessage[] = []
  const parser = createParser({
    onEvent: (event) => { events.push(event) },
    onError: (error) => fail(`the SSE parser failed: ${error.message}`)
  })
  parser.feed(text)
  if (events.length !== frames.length) fail('the frames and the events a parser sees differ')
  if (events.length === 0) fail('a stream without events')

  const deltas: DeltaEvent[] = []
  let responseId: string | undefined
  const sameId = (id: string): void => {
    responseId ??= id
    if (id !== responseId) fail(`several response ids in one stream: ${responseId}, ${id}`)
  }
  let terminal: ParsedChatStream['terminal'] | undefined
  events.forEach((event, index) => {
    let data: unknown
    try {
      data = JSON.parse(event.data)
    } catch {
      fail(`the data of a ${String(event.event)} event is not JSON`)
    }
    if (terminal !== undefined) fail(`a ${String(event.event)} event after the terminal ${terminal.event}`)
    if (event.event === SseEvent.delta) {
      assertValid(DeltaEventSchema, data)
      sameId(data.id)
      deltas.push(data)
    } else if (event.event === SseEvent.done) {
      assertValid(ChatResponseSchema, data)
      sameId(data.id)
      terminal = { event: 'done', data }
    } else {
      assertValid(ErrorResponseSchema, data)
      terminal = { event: 'error', data }
    }
    if (index === events.length - 1 && terminal === undefined) fail('the stream ends without a done or error event')
  })
  const final = terminal as ParsedChatStream['terminal']
  const joined = deltas.map((delta) => delta.output.content).join('')
  if (final.event === 'done') {
    const output = final.data.output
    if (output.type === 'diagnosis' && deltas.length > 0) fail('delta events before a diagnosis (a diagnosis is a lone done)')
    if (output.type === 'message' && deltas.length > 0 && joined !== output.content) fail('the deltas do not add up to the done message')
  }
  return { events, deltas, text: joined, terminal: final, responseId, comments }
}
