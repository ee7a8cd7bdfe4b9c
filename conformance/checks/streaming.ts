import type { Check } from '../check.js'
import { expect } from '../context.js'
import { header } from '../http.js'
import { expectConversationShows, expectDiagnosis } from './chats.js'

const CLAUSE_EVENTS = 'Events'
const CLAUSE_HEADERS = 'Events (headers)'
const OPENING = 'I have a headache and feel nauseous'

export const streamingChecks: Check[] = [
  {
    id: 'streaming.headers',
    clause: CLAUSE_HEADERS,
    title: 'a stream is text/event-stream, not cached, not compressed, with no Content-Length',
    async run (context) {
      const conversation = await context.createConversation()
      const response = await context.request('POST', 'v1/chats', { headers: { accept: 'text/event-stream', 'accept-encoding': 'gzip, deflate, br' }, body: { conversation_id: conversation.id, input: OPENING } })
      context.status(response, 200, 'a streamed chat')
      expect(/^text\/event-stream\s*(;|$)/i.test(header(response, 'content-type') ?? ''), `Content-Type: ${String(header(response, 'content-type'))}`)
      expect(/no-cache/i.test(header(response, 'cache-control') ?? ''), 'Cache-Control lacks no-cache')
      expect(header(response, 'content-encoding') === undefined, `a stream is compressed (${String(header(response, 'content-encoding'))})`)
      expect(header(response, 'content-length') === undefined, 'a stream has a Content-Length')
      expect(header(response, context.target.requestIdHeader) !== undefined, `no ${context.target.requestIdHeader} header on the stream`)
    }
  },
  {
    id: 'streaming.framing',
    clause: CLAUSE_EVENTS,
    title: 'every frame is exactly "event: NAME\\ndata: JSON\\n\\n" with a known name, no CR byte, payloads valid',
    async run (context) {
      const conversation = await context.createConversation()
      // Input that would break a naive framer: newlines, CRLF, an injected frame, U+2028, emoji.
      const input = 'line one\nline two\r\nevent: done\ndata: {}\n\n\u2028 🤒 é'
      await context.stream(conversation.id, { input })
    }
  },
  {
    id: 'streaming.order',
    clause: CLAUSE_EVENTS,
    title: 'deltas then exactly one done, last; one response id; deltas add up to the final content',
    async run (context) {
      const conversation = await context.createConversation()
      const { stream } = await context.stream(conversation.id, { input: OPENING })
      expect(stream.terminal.event === 'done', `the stream ended with ${stream.terminal.event}`)
      expect(stream.deltas.length > 0, 'a message reply streamed no delta event')
      expect(stream.terminal.data.output.type === 'message' && stream.text === stream.terminal.data.output.content, 'the deltas do not add up to output.content')
    }
  },
  {
    id: 'streaming.done-equals-state',
    clause: CLAUSE_EVENTS + ' (done)',
    title: 'done carries the same fields and values the conversation afterwards shows',
    async run (context) {
      const conversation = await context.createConversation()
      const { stream } = await context.stream(conversation.id, { input: OPENING })
      expect(stream.terminal.event === 'done', `the stream ended with ${stream.terminal.event}`)
      expectConversationShows(await context.getConversation(conversation.id), stream.terminal.data, OPENING, 0)
    }
  },
  {
    id: 'streaming.done-equals-json',
    clause: CLAUSE_EVENTS + ' (done)',
    title: 'done has the fields of the JSON reply: the same shape for the same kind of turn',
    async run (context) {
      const streamed = await context.createConversation()
      const plain = await context.createConversation()
      const { stream } = await context.stream(streamed.id, { input: OPENING })
      const { chat } = await context.chat(plain.id, { input: OPENING })
      expect(stream.terminal.event === 'done', `the stream ended with ${stream.terminal.event}`)
      const done = stream.terminal.data
      expect(JSON.stringify(Object.keys(done).sort()) === JSON.stringify(Object.keys(chat).sort()), 'done and the JSON reply have different fields')
      // A deterministic engine answers the same opening the same way, streamed or not.
      expect(done.output.type === chat.output.type, 'done and the JSON reply differ in output type')
    }
  },
  {
    id: 'streaming.diagnosis-lone-done',
    clause: 'Events (delta events carry the pieces of a message reply)',
    title: 'a diagnosis streams as a single done event',
    async run (context) {
      const conversation = await context.createConversation()
      await context.chat(conversation.id, { input: OPENING })
      const { stream } = await context.stream(conversation.id, { force_diagnose: true })
      expect(stream.events.length === 1 && stream.terminal.event === 'done', `a diagnosis streamed ${stream.events.length} events`)
      expectDiagnosis(stream.terminal.data)
      expectConversationShows(await context.getConversation(conversation.id), stream.terminal.data, undefined, 1)
    }
  },
  {
    id: 'streaming.errors-before-stream',
    clause: CLAUSE_EVENTS + ' (anything found before the stream is an ordinary HTTP error)',
    title: 'failures found before the first byte are JSON errors, never a 200 stream',
    async run (context) {
      const sse = { accept: 'text/event-stream' }
      context.error(await context.request('POST', 'v1/chats', { headers: sse, body: { conversation_id: 'conv_000000000000', input: 'hi' } }), 404, 'conversation_not_found', 'a streamed chat on an unknown conversation')
      context.error(await context.request('POST', 'v1/chats', { headers: sse, body: { conversation_id: 'conv_000000000000' } }), 400, 'invalid_request', 'a streamed chat without input')
      context.error(await context.request('POST', 'v1/chats', { headers: sse, token: null, body: { conversation_id: 'conv_000000000000', input: 'hi' } }), 401, 'unauthorized', 'a streamed chat without a token')
    }
  }
]
