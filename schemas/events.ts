import { Type, type Static } from '@sinclair/typebox'
import { ResponseIdSchema } from './common.js'

/** The only event names a stream carries. Names never come from input. */
export const SseEvent = Object.freeze({
  delta: 'delta',
  done: 'done',
  error: 'error'
} as const)
export type SseEventName = typeof SseEvent[keyof typeof SseEvent]

export const SSE_CONTENT_TYPE = 'text/event-stream'

/** Payload of a `delta` event: a piece of the reply's text. */
export const DeltaEventSchema = Type.Object({
  id: ResponseIdSchema,
  output: Type.Object({
    content: Type.String({ description: 'Partial message text; the deltas of a stream concatenate to the final output.content' })
  }, { additionalProperties: false })
}, { $id: 'DeltaEvent', additionalProperties: false })
export type DeltaEvent = Static<typeof DeltaEventSchema>
