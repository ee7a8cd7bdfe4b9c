import t, { type Test } from 'tap'
import { ApiError, ProtocolError, createClient, parseRetryAfter, type ChatStreamEvent, type ChatsClient } from 'medical-chats-client'
import { buildApp } from './helpers/app.js'
import { AUTH_A, TOKEN_A, buildServer } from './helpers/server.js'
import { listen } from './helpers/socket.js'

const PATIENT = { age: 34, sex: 'female' as const }

async function serverClient (t: Test, config = {}): Promise<ChatsClient> {
  const { app } = await buildServer(t, { config })
  const port = await listen(app)
  return createClient({ baseUrl: `http://127.0.0.1:${port}`, token: TOKEN_A })
}

async function collect (events: AsyncIterable<ChatStreamEvent>): Promise<ChatStreamEvent[]> {
  const seen: ChatStreamEvent[] = []
  for await (const event of events) seen.push(event)
  return seen
}

t.test('a conversation created, chatted in JSON and streamed, and read back', async (t) => {
  const client = await serverClient(t)
  const conversation = await client.createConversation({ patient: PATIENT })
  t.match(conversation, { is_complete: false, patient: PATIENT, messages: [], findings: [] })
  t.match(conversation.id, /^conv_[0-9a-f]{12}$/)

  const json = await client.chat({ conversation_id: conversation.id, input: 'I have had a headache since yesterday' })
  t.equal(json.output.type, 'message')
  t.ok(json.findings.length > 0, 'the opening was read')

  const stream = await client.streamChat({ conversation_id: conversation.id, input: 'yes' })
  t.match(stream.requestId, /.+/, 'the request id is kept')
  const events = await collect(stream)
  const done = events.at(-1)
  t.equal(done?.type, 'done')
  const deltas = events.filter((event) => event.type === 'delta')
  t.ok(deltas.length > 1, 'the reply arrived in pieces')
  if (done?.type === 'done' && done.data.output.type === 'message') {
    t.equal(stream.text, done.data.output.content, 'text is the concatenated deltas')
  }

  const diagnosis = await (await client.streamChat({ conversation_id: conversation.id, force_diagnose: true })).response()
  t.equal(diagnosis.output.type, 'diagnosis')
  t.equal(diagnosis.is_complete, true)

  const read = await client.getConversation(conversation.id)
  t.equal(read.is_complete, true)
  t.same(read.diagnosis, diagnosis.output, 'the conversation shows the diagnosis the stream ended with')
  t.equal(read.usage.turns, 3)
})

t.test('errors before the stream are ApiErrors with the status, code, request id and Retry-After', async (t) => {
  const client = await serverClient(t, { RATE_LIMIT_PER_MINUTE: 3 })
  const missing = await client.getConversation('conv_000000000000').catch((error: unknown) => error)
  t.type(missing, ApiError)
  t.match(missing, { status: 404, code: 'conversation_not_found', retryAfter: undefined })
  t.match((missing as ApiError).requestId, /.+/)

  const conversation = await client.createConversation({ patient: PATIENT })
  await client.chat({ conversation_id: conversation.id, force_diagnose: true })
  const limited = await client.streamChat({ conversation_id: conversation.id, input: 'hello' }).catch((error: unknown) => error)
  t.match(limited, { name: 'ApiError', status: 429, code: 'rate_limited' })
  t.ok((limited as ApiError).retryAfter !== undefined && (limited as ApiError).retryAfter! > 0, 'Retry-After read as seconds')
})

t.test('a wrong token and a finished conversation', async (t) => {
  const { app } = await buildServer(t)
  const port = await listen(app)
  const baseUrl = `http://127.0.0.1:${port}/`
  const wrong = createClient({ baseUrl, token: 'not-a-token' })
  await t.rejects(wrong.createConversation({ patient: PATIENT }), { name: 'ApiError', status: 401, code: 'unauthorized' })
  // The token may come as a header of the host's choosing too.
  const client = createClient({ baseUrl, headers: AUTH_A })
  const conversation = await client.createConversation({ patient: PATIENT, max_questions: 1 })
  await client.chat({ conversation_id: conversation.id, force_diagnose: true })
  await t.rejects(client.chat({ conversation_id: conversation.id, input: 'more' }), { name: 'ApiError', status: 409, code: 'conversation_complete' })
  await t.rejects(client.streamChat({ conversation_id: conversation.id, input: 'more' }), { name: 'ApiError', status: 409, code: 'conversation_complete' })
})

t.test('aborting the signal ends the stream with an AbortError and the engine sees the disconnect', async (t) => {
  const { app, engine } = await buildApp(t)
  engine.script = { chunks: ['Where', ' is', ' it?'], stallAt: 1 }
  const port = await listen(app)
  const client = createClient({ baseUrl: `http://127.0.0.1:${port}` })
  const { id } = await client.createConversation({ patient: PATIENT })
  const controller = new AbortController()
  const stream = await client.streamChat({ conversation_id: id, input: 'headache' }, { signal: controller.signal })
  const error = await (async () => {
    try {
      for await (const event of stream) {
        if (event.type === 'delta') controller.abort()
      }
    } catch (error) {
      return error
    }
  })()
  t.match(error, { name: 'AbortError' })
  t.equal(stream.text, 'Where')
  while (engine.probe.finallyRan === 0) await new Promise((resolve) => setImmediate(resolve))
  t.equal(engine.probe.aborted.length, 1, 'the engine turn was aborted')
})

/** A client whose fetch answers with the given status, headers and body pieces. */
function scripted (pieces: Array<string | Uint8Array> | null, init: { status?: number, type?: string, headers?: Record<string, string> } = {}): { client: ChatsClient, cancelled: () => boolean, requests: Request[] } {
  let cancelled = false
  const requests: Request[] = []
  const client = createClient({
    baseUrl: 'http://api.test/base',
    token: 'tok',
    fetch: async (input, requestInit) => {
      requests.push(new Request(input, requestInit))
      const encoder = new TextEncoder()
      let index = 0
      const body = pieces === null
        ? null
        : new ReadableStream<Uint8Array>({
          pull (controller) {
            const piece = pieces[index++]
            if (piece === undefined) controller.close()
            else controller.enqueue(typeof piece === 'string' ? encoder.encode(piece) : piece)
          },
          cancel () { cancelled = true }
        })
      const headers = new Headers({ 'content-type': init.type ?? 'text/event-stream; charset=utf-8', 'x-request-id': 'req-1', ...init.headers })
      // An empty value in the script means the header is absent.
      for (const [name, value] of [...headers]) if (value === '') headers.delete(name)
      return new Response(body, { status: init.status ?? 200, headers })
    }
  })
  return { client, cancelled: () => cancelled, requests }
}

const ID = 'resp_6e5d051505a0'
const CONV = 'conv_e389786b611e'
const delta = (content: string, id = ID): string => `event: delta\ndata: ${JSON.stringify({ id, output: { content } })}\n\n`
const doneOf = (content: string, id = ID): string => `event: done\ndata: ${JSON.stringify({ id, created_at: 1774530618, is_complete: false, conversation_id: CONV, output: { type: 'message', content, media: [] }, findings: [] })}\n\n`
const errorEvent = (code: string): string => `event: error\ndata: ${JSON.stringify({ error: { code, message: 'An unexpected error occurred.' } })}\n\n`

async function violation (t: Test, pieces: string[], expected: string): Promise<void> {
  const { client } = scripted(pieces)
  const stream = await client.streamChat({ conversation_id: CONV, input: 'hi' })
  const error = await collect(stream).catch((error: unknown) => error)
  t.type(error, ProtocolError)
  t.equal((error as ProtocolError).violation, expected)
  t.equal((error as ProtocolError).requestId, 'req-1')
}

t.test('the stream is parsed across arbitrary chunk boundaries, heartbeats ignored', async (t) => {
  const whole = delta('Where is') + ': ping\n\n' + delta(' your 🤕\n headache?') + doneOf('Where is your 🤕\n headache?')
  // Seven bytes at a time: the emoji's four UTF-8 bytes are split across chunks.
  const bytes = new TextEncoder().encode(whole)
  const pieces: Uint8Array[] = []
  for (let at = 0; at < bytes.length; at += 7) pieces.push(bytes.subarray(at, at + 7))
  const { client, requests } = scripted(pieces)
  const stream = await client.streamChat({ conversation_id: CONV, input: 'hi' })
  const response = await stream.response()
  t.equal(response.output.type === 'message' ? response.output.content : '', 'Where is your 🤕\n headache?')
  t.equal(requests[0]?.url, 'http://api.test/base/v1/chats')
  t.equal(requests[0]?.headers.get('accept'), 'text/event-stream')
  t.equal(requests[0]?.headers.get('authorization'), 'Bearer tok')
  t.throws(() => stream[Symbol.asyncIterator](), TypeError, 'a stream is read once')
})

t.test('every broken stream reaches the caller as a typed ProtocolError', async (t) => {
  await violation(t, ['event: delta\ndata: {not json\n\n'], 'framing')
  await violation(t, ['event: delta\nfoo: bar\ndata: {}\n\n'], 'framing')
  await violation(t, ['event: surprise\ndata: {}\n\n'], 'unknown_event')
  await violation(t, ['data: {}\n\n'], 'unknown_event')
  await violation(t, [`event: delta\ndata: ${JSON.stringify({ output: { content: 'x' } })}\n\n`], 'invalid_payload')
  await violation(t, ['event: done\ndata: {"id":"resp_6e5d051505a0"}\n\n'], 'invalid_payload')
  await violation(t, ['event: error\ndata: {"error":{}}\n\n'], 'invalid_payload')
  await violation(t, [errorEvent('conversation_busy')], 'invalid_payload')
  await violation(t, [delta('a'), delta('b', 'resp_000000000000')], 'mixed_response_ids')
  await violation(t, [delta('a'), doneOf('b')], 'invalid_payload')
  await violation(t, [doneOf('a'), delta('b')], 'event_after_terminal')
  await violation(t, [doneOf('a'), errorEvent('stream_error')], 'event_after_terminal')
  await violation(t, [delta('a')], 'missing_terminal_event')
  await violation(t, [delta('a'), doneOf('a').trimEnd()], 'framing')
  await violation(t, [], 'missing_terminal_event')
})

t.test('an error event ends the stream; response() rejects with its code', async (t) => {
  const { client } = scripted([delta('Where'), errorEvent('engine_timeout')])
  const stream = await client.streamChat({ conversation_id: CONV, input: 'hi' })
  await t.rejects(stream.response(), { name: 'ApiError', status: 200, code: 'engine_timeout', requestId: 'req-1' })
  t.equal(stream.text, 'Where')
})

t.test('leaving the loop early cancels the body', async (t) => {
  const { client, cancelled } = scripted([delta('a'), delta('b'), doneOf('ab')])
  const stream = await client.streamChat({ conversation_id: CONV, input: 'hi' })
  const iterator = stream[Symbol.asyncIterator]()
  const first = await iterator.next()
  t.equal(first.value?.type, 'delta')
  await iterator.return?.()
  t.ok(cancelled(), 'the request was ended')
})

t.test('replies outside the contract are ProtocolErrors; unknown fields are dropped', async (t) => {
  const html = scripted(['<html>bad gateway</html>'], { status: 502, type: 'text/html' })
  await t.rejects(html.client.chat({ conversation_id: CONV, input: 'hi' }), { name: 'ProtocolError', violation: 'unexpected_response', status: 502 })
  const badJson = scripted(['{'], { status: 500, type: 'application/json' })
  await t.rejects(badJson.client.chat({ conversation_id: CONV, input: 'hi' }), { name: 'ProtocolError', violation: 'unexpected_response' })
  const unknownCode = scripted([JSON.stringify({ error: { code: 'teapot', message: 'no' } })], { status: 418, type: 'application/json' })
  await t.rejects(unknownCode.client.getConversation(CONV), { name: 'ProtocolError', violation: 'unexpected_response', status: 418 })
  const notSse = scripted([JSON.stringify({})], { type: 'application/json' })
  await t.rejects(notSse.client.streamChat({ conversation_id: CONV, input: 'hi' }), { name: 'ProtocolError', violation: 'unexpected_response' })
  const untyped = scripted(null, { type: '', headers: { 'x-request-id': '' } })
  await t.rejects(untyped.client.streamChat({ conversation_id: CONV, input: 'hi' }), { message: /no content type/, requestId: undefined })
  const empty = scripted(null)
  await t.rejects((await empty.client.streamChat({ conversation_id: CONV, input: 'hi' })).response(), { name: 'ProtocolError', violation: 'missing_terminal_event' })
  await t.rejects(scripted([''], { type: '' }).client.chat({ conversation_id: CONV, input: 'hi' }), { name: 'ProtocolError', message: /no content type/ })
  const notAnObject = scripted(['[]'], { type: 'application/json' })
  await t.rejects(notAnObject.client.chat({ conversation_id: CONV, input: 'hi' }), { name: 'ProtocolError', violation: 'invalid_payload', message: /^ChatResponse: \/ / })
  const wrongShape = scripted([JSON.stringify({ id: 'x' })], { type: 'application/json' })
  await t.rejects(wrongShape.client.chat({ conversation_id: CONV, input: 'hi' }), { name: 'ProtocolError', violation: 'invalid_payload', message: /^ChatResponse: \/created_at Expected required property/ })

  const body = JSON.parse(doneOf('Hello').split('data: ')[1] as string) as Record<string, unknown>
  const extra = scripted([JSON.stringify({ ...body, added_later: true })], { type: 'application/json' })
  const response = await extra.client.chat({ conversation_id: CONV, input: 'hi' })
  t.notOk('added_later' in response, 'an unknown field is ignored, not an error')
  t.equal(extra.requests[0]?.headers.get('content-type'), 'application/json')
})

t.test('Retry-After as delta-seconds or an HTTP date', async (t) => {
  t.equal(parseRetryAfter(null), undefined)
  t.equal(parseRetryAfter(' 120 '), 120)
  t.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')), 10)
  t.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 08:00:00 GMT')), 0)
  t.equal(parseRetryAfter('soon'), undefined)
  const busy = scripted([JSON.stringify({ error: { code: 'unavailable', message: 'Retry later.' } })], { status: 503, type: 'application/json', headers: { 'retry-after': '7' } })
  await t.rejects(busy.client.createConversation({ patient: PATIENT }), { name: 'ApiError', status: 503, code: 'unavailable', retryAfter: 7 })
})
