import { createParser, type EventSourceMessage } from 'eventsource-parser'
import type { ChatResponse } from '../schemas/chat.js'
import { ErrorCode, ErrorResponseSchema, type ErrorCodeValue, type ErrorResponse } from '../schemas/errors.js'
import { DeltaEventSchema, SseEvent, type DeltaEvent } from '../schemas/events.js'
import { ChatResponseSchema } from '../schemas/chat.js'
import { ApiError, ProtocolError, type ProtocolViolation } from './errors.js'
import { readPayload } from './payload.js'

/** One event of a streamed reply, discriminated by `type` (the SSE event name). */
export type ChatStreamEvent =
  | { type: 'delta', data: DeltaEvent }
  | { type: 'done', data: ChatResponse }
  | { type: 'error', data: ErrorResponse }

/** The codes an `error` event may carry (README, "Events": failures after the stream began). */
const STREAM_ERROR_CODES: ReadonlySet<string> = new Set<ErrorCodeValue>([ErrorCode.streamError, ErrorCode.engineTimeout, ErrorCode.shuttingDown])

interface StreamMeta {
  status: number
  requestId: string | undefined
}

/**
 * A streamed chat reply (`POST /v1/chats` with `Accept: text/event-stream`). Iterate it with
 * `for await` for each `delta`, then the one terminal event (`done` or `error`); or await
 * `response()` for the final ChatResponse. Read it once.
 *
 * Strict: a framing error, an unknown event, a payload that breaks its schema, deltas of
 * another response id, deltas that do not add up to the final content, an event after the
 * terminal one, or a body that ends without one all throw a `ProtocolError`. Aborting the
 * request's `AbortSignal` rejects the pending read with the signal's reason (an `AbortError`).
 */
export class ChatStream implements AsyncIterable<ChatStreamEvent> {
  /** The response's `x-request-id`. */
  readonly requestId: string | undefined
  #events: AsyncGenerator<ChatStreamEvent>
  #text = ''
  #taken = false

  constructor (body: ReadableStream<Uint8Array>, meta: StreamMeta) {
    this.requestId = meta.requestId
    this.#events = readEvents(body, meta, (piece) => { this.#text += piece })
  }

  /** The reply's text so far: the concatenated deltas. */
  get text (): string {
    return this.#text
  }

  [Symbol.asyncIterator] (): AsyncIterator<ChatStreamEvent> {
    if (this.#taken) throw new TypeError('A ChatStream can be read only once.')
    this.#taken = true
    return this.#events
  }

  /**
   * Reads the rest of the stream and resolves with the `done` payload (the same ChatResponse a
   * JSON reply carries). An `error` event rejects with an `ApiError` (status 200, its code).
   */
  async response (): Promise<ChatResponse> {
    let final: ChatStreamEvent | undefined
    for await (const event of this) {
      if (event.type !== 'delta') final = event
    }
    // The iterator throws unless exactly one terminal event arrived, so `final` is set here.
    const terminal = final as Exclude<ChatStreamEvent, { type: 'delta' }>
    if (terminal.type === 'error') {
      throw new ApiError({ status: 200, code: terminal.data.error.code as ErrorCodeValue, message: terminal.data.error.message, requestId: this.requestId })
    }
    return terminal.data
  }
}

/**
 * Decodes the body, parses the SSE frames (WHATWG rules, `eventsource-parser`) and checks each
 * event against the contract as it arrives. After the terminal event it reads on to the end of
 * the body, so an event that follows it is reported rather than silently dropped.
 */
async function * readEvents (body: ReadableStream<Uint8Array>, meta: StreamMeta, onText: (piece: string) => void): AsyncGenerator<ChatStreamEvent> {
  const fail = (violation: ProtocolViolation, message: string): never => {
    throw new ProtocolError(violation, message, meta)
  }
  const parsed: EventSourceMessage[] = []
  let framingError: string | undefined
  const parser = createParser({
    onEvent: (message) => { parsed.push(message) },
    onError: (error) => { framingError ??= error.message }
  })
  // The DOM lib types the decoder's input as BufferSource, which excludes a Uint8Array over a
  // SharedArrayBuffer; a response body never is one.
  const reader = body.pipeThrough(new TextDecoderStream() as TransformStream<Uint8Array, string>).getReader()
  let responseId: string | undefined
  let text = ''
  let terminal = false
  // The body's last two characters: a complete stream ends with the blank line after a frame.
  let tail = ''

  const check = (message: EventSourceMessage): ChatStreamEvent => {
    // An event with no `event:` line is a "message" event (WHATWG), which this API never sends.
    const name = message.event ?? 'message'
    if (terminal) fail('event_after_terminal', `a "${name}" event after the terminal event`)
    let data: unknown
    try {
      data = JSON.parse(message.data)
    } catch {
      fail('framing', `the data of a "${name}" event is not JSON`)
    }
    const sameId = (id: string): void => {
      responseId ??= id
      if (id !== responseId) fail('mixed_response_ids', `response id ${id} in a stream of ${responseId}`)
    }
    switch (name) {
      case SseEvent.delta: {
        const delta = readPayload(DeltaEventSchema, data)
        if (!delta.ok) return fail('invalid_payload', `delta: ${delta.violation}`)
        sameId(delta.value.id)
        text += delta.value.output.content
        onText(delta.value.output.content)
        return { type: 'delta', data: delta.value }
      }
      case SseEvent.done: {
        const done = readPayload(ChatResponseSchema, data)
        if (!done.ok) return fail('invalid_payload', `done: ${done.violation}`)
        sameId(done.value.id)
        if (text !== '' && (done.value.output.type !== 'message' || done.value.output.content !== text)) {
          fail('invalid_payload', 'the deltas do not add up to the final message')
        }
        terminal = true
        return { type: 'done', data: done.value }
      }
      case SseEvent.error: {
        const error = readPayload(ErrorResponseSchema, data)
        if (!error.ok) return fail('invalid_payload', `error: ${error.violation}`)
        if (!STREAM_ERROR_CODES.has(error.value.error.code)) fail('invalid_payload', `error: ${error.value.error.code} is not a stream error code`)
        terminal = true
        return { type: 'error', data: error.value }
      }
      default:
        return fail('unknown_event', `an event named ${JSON.stringify(name)}`)
    }
  }

  try {
    while (true) {
      const { done, value } = await reader.read()
      if (done) break
      parser.feed(value)
      tail = (tail + value).slice(-2)
      if (framingError !== undefined) fail('framing', framingError)
      for (const message of parsed.splice(0)) yield check(message)
    }
    // A frame without its closing blank line is discarded by the SSE algorithm; here it is an error.
    if (tail !== '' && tail !== '\n\n') fail('framing', 'the stream ended in the middle of an event')
    if (!terminal) fail('missing_terminal_event', 'the stream ended without a done or error event')
  } finally {
    // Ends the request when the reader stops early (a `break`, an error, a violation).
    await reader.cancel().catch(() => {})
  }
}
