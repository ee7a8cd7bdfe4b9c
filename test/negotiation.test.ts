import t from 'tap'
import { negotiate } from '../plugin/negotiate.js'
import { buildApp, createConversation } from './helpers/app.js'
import { assertChatResponse, assertErrorResponse, parseStream } from './helpers/contract.js'

t.test('negotiate() follows q-values and prefers the stream only when it is named', async (t) => {
  const cases: Array<[string | undefined, string]> = [
    [undefined, 'json'],
    ['', 'json'],
    ['*/*', 'json'],
    ['application/json', 'json'],
    ['application/*', 'json'],
    ['text/event-stream', 'sse'],
    ['TEXT/Event-Stream', 'sse'],
    ['text/event-stream, application/json', 'sse'],
    ['application/json, text/event-stream', 'sse'],
    ['text/event-stream;q=0, application/json', 'json'],
    ['text/event-stream;q=0.5, application/json', 'json'],
    ['text/event-stream, application/json;q=0.9', 'sse'],
    ['text/event-stream;q=0.8, */*;q=0.8', 'sse'],
    ['text/*', 'sse'],
    ['text/*, application/json', 'json'],
    ['*/*;q=0.1, text/event-stream;q=0', 'json'],
    ['text/html', 'none'],
    ['application/json;q=0', 'none'],
    ['application/json;q=0, text/event-stream;q=0', 'none'],
    ['text/event-stream;q=abc', 'none'],
    ['text/event-stream;q=7', 'sse'],
    ['garbage, /json, */json', 'none'],
    ['text/event-stream; charset=utf-8; q=1', 'sse']
  ]
  for (const [accept, expected] of cases) {
    t.equal(negotiate(accept), expected, `Accept: ${String(accept)}`)
  }
})

t.test('JSON and the stream carry the same ChatResponse', async (t) => {
  const { app } = await buildApp(t)
  for (const accept of [undefined, '*/*', 'application/json', 'text/event-stream;q=0, application/json']) {
    const id = await createConversation(app)
    const response = await app.inject({
      method: 'POST',
      url: '/v1/chats',
      headers: accept === undefined ? {} : { accept },
      payload: { conversation_id: id, input: 'I have a headache' }
    })
    t.equal(response.statusCode, 200)
    t.match(response.headers['content-type'], /^application\/json/, `Accept: ${String(accept)} answers JSON`)
    assertChatResponse(response.json())
    t.equal(response.json().output.content, 'Where is your headache located?')
  }

  const id = await createConversation(app)
  const streamed = await app.inject({
    method: 'POST', url: '/v1/chats', headers: { accept: 'text/event-stream' }, payload: { conversation_id: id, input: 'I have a headache' }
  })
  const { terminal, deltas } = parseStream(streamed.body)
  t.equal(terminal.event, 'done')
  t.equal(deltas.join(''), (terminal.data as { output: { content: string } }).output.content)

  // The same turn as JSON on a fresh conversation: equal apart from the ids.
  const other = await createConversation(app)
  const json = (await app.inject({ method: 'POST', url: '/v1/chats', payload: { conversation_id: other, input: 'I have a headache' } })).json()
  const done = terminal.data as Record<string, unknown>
  t.same({ ...json, id: 'x', conversation_id: 'y' }, { ...done, id: 'x', conversation_id: 'y' })
})

t.test('an Accept that allows neither JSON nor the stream is 406, before the engine is asked', async (t) => {
  const { app, engine } = await buildApp(t)
  const id = await createConversation(app)
  const response = await app.inject({ method: 'POST', url: '/v1/chats', headers: { accept: 'text/html' }, payload: { conversation_id: id, input: 'hi' } })
  t.equal(response.statusCode, 406)
  assertErrorResponse(response.json())
  t.equal(response.json().error.code, 'not_acceptable')
  t.equal(engine.probe.started, 0)
})

t.test('answers for many different Accept headers stay right as the memory of them turns over', async (t) => {
  for (let i = 0; i < 300; i++) t.equal(negotiate(`text/event-stream;q=0.${i % 10}, application/json;q=0.5, x/y-${i}`), i % 10 >= 5 ? 'sse' : 'json')
  t.equal(negotiate('text/event-stream'), 'sse')
})
