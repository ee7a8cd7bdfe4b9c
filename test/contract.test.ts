import t from 'tap'
import { buildApp, createConversation, PATIENT } from './helpers/app.js'
import { DIAGNOSIS } from './helpers/fake-engine.js'
import { assertChatResponse, assertConversation, assertValid, parseStream } from './helpers/contract.js'
import { ConversationSchema, CreateConversationBodySchema, ChatBodySchema } from '../schemas/index.js'

t.test('every JSON body of a whole conversation validates against the contract', async (t) => {
  const { app, engine } = await buildApp(t)
  const created = await app.inject({ method: 'POST', url: '/v1/conversations', payload: { patient: PATIENT, personality: 'friendly', max_questions: 5 } })
  t.equal(created.statusCode, 201)
  const conversation = created.json()
  assertConversation(conversation)
  t.match(conversation, { is_complete: false, messages: [], findings: [], personality: 'friendly', language: 'en', coding_system: 'snomed' })
  t.notOk('diagnosis' in conversation)

  const message = await app.inject({ method: 'POST', url: '/v1/chats', payload: { conversation_id: conversation.id, input: 'I have a headache' } })
  assertChatResponse(message.json())
  t.match(message.json(), { is_complete: false, conversation_id: conversation.id, output: { type: 'message' } })
  t.match(message.json().id, /^resp_[0-9a-f]{12}$/)

  engine.script = { diagnosis: DIAGNOSIS }
  const diagnosis = await app.inject({ method: 'POST', url: '/v1/chats', payload: { conversation_id: conversation.id, force_diagnose: true } })
  assertChatResponse(diagnosis.json())
  t.match(diagnosis.json(), { is_complete: true, output: { type: 'diagnosis' } })

  const after = (await app.inject({ url: `/v1/conversations/${conversation.id}` })).json()
  assertConversation(after)
  t.equal(after.is_complete, true)
  t.same(after.diagnosis, DIAGNOSIS)
  t.same(after.usage, { questions_asked: 1, turns: 2 })
})

t.test('every streamed event validates, for a message and for a diagnosis', async (t) => {
  const { app, engine } = await buildApp(t)
  const id = await createConversation(app)
  const message = parseStream((await app.inject({ method: 'POST', url: '/v1/chats', headers: { accept: 'text/event-stream' }, payload: { conversation_id: id, input: 'hi' } })).body)
  t.equal(message.terminal.event, 'done')
  engine.script = { diagnosis: DIAGNOSIS }
  const diagnosis = parseStream((await app.inject({ method: 'POST', url: '/v1/chats', headers: { accept: 'text/event-stream' }, payload: { conversation_id: id, force_diagnose: true } })).body)
  t.equal(diagnosis.events.length, 1)
})

t.test('the contract checker rejects what breaks the contract', async (t) => {
  t.throws(() => assertValid(ConversationSchema, { id: 'conv_x' }), /Conversation violated/)
  t.throws(() => assertChatResponse({ id: 'resp_000000000000', created_at: 1, is_complete: false, conversation_id: 'conv_000000000000', output: { type: 'message', content: 'x', media: [] }, findings: [], extra: 1 }))
  t.throws(() => parseStream('event: delta\ndata: {"id":"resp_000000000000","output":{"content":"x"}}\n\n'), /ends without a done or error event/)
  t.throws(() => parseStream('event: done\r\ndata: {}\r\n\r\n'), /CR/)
  t.throws(() => parseStream('event: other\ndata: {}\n\n'), /malformed frame/)
  t.throws(() => parseStream('event: error\ndata: {"error":{"code":"stream_error","message":"y"}}\n\nevent: error\ndata: {"error":{"code":"stream_error","message":"y"}}\n\n'), /after the terminal error/)
  t.throws(() => parseStream('event: error\ndata: {"error":{"code":"stream_error","message":"y"}}\ndata: more\n\n'), /malformed frame/)
  t.throws(() => parseStream(''), /an empty stream/)
  t.throws(() => parseStream('event: done\ndata: {}'), /blank line/)
  t.throws(() => parseStream('event: delta\ndata: {"id":"resp_000000000000","output":{"content":"x"}}\n\nevent: delta\ndata: {"id":"resp_111111111111","output":{"content":"x"}}\n\nevent: error\ndata: {"error":{"code":"stream_error","message":"y"}}\n\n'), /several response ids/)
  // Request bodies are schemas too, for clients that validate before sending.
  assertValid(CreateConversationBodySchema, { patient: PATIENT })
  assertValid(ChatBodySchema, { conversation_id: 'conv_000000000000', input: 'hi' })
})
