import t, { type Test } from 'tap'
import { buildApp, createConversation, PATIENT } from './helpers/app.js'
import { FakeEngine } from './helpers/fake-engine.js'
import { assertErrorResponse } from './helpers/contract.js'
import { formatSchemaErrors } from '../plugin/validation.js'

function expectInvalid (t: Test, response: { statusCode: number, json: () => any, body: string }, message: RegExp): void {
  t.equal(response.statusCode, 400, response.body)
  assertErrorResponse(response.json())
  t.equal(response.json().error.code, 'invalid_request')
  t.match(response.json().error.message, message)
}

const chat = (payload: Record<string, unknown>) => ({ method: 'POST' as const, url: '/v1/chats', payload })
const EMOJI = '\u{1F600}'

t.test('input length is counted in characters (code points), as JSON Schema counts it', async (t) => {
  const { app, engine } = await buildApp(t)
  const id = await createConversation(app)
  // 4,000 emoji are 4,000 characters but 8,000 UTF-16 code units.
  const accepted = await app.inject(chat({ conversation_id: id, input: EMOJI.repeat(4000) }))
  t.equal(accepted.statusCode, 200, accepted.body)
  t.equal(engine.probe.started, 1)
  expectInvalid(t, await app.inject(chat({ conversation_id: id, input: EMOJI.repeat(4001) })), /^body\/input must NOT have more than 4000 characters$/)
  expectInvalid(t, await app.inject(chat({ conversation_id: id, input: 'x'.repeat(4001) })), /body\/input/)
  t.equal(engine.probe.started, 1, 'no refused input reached the engine')
})

t.test('blank input is refused, as the published pattern says; the engine gets the input trimmed', async (t) => {
  const { app, engine } = await buildApp(t)
  const id = await createConversation(app)
  for (const blank of ['', ' ', '\n\t \r', '\u00a0\u2028\ufeff']) {
    expectInvalid(t, await app.inject(chat({ conversation_id: id, input: blank })), /^body\/input must (contain a character that is not whitespace|NOT have fewer than 1 characters)$/)
  }
  t.equal(engine.probe.started, 0)
  t.equal((await app.inject(chat({ conversation_id: id, input: '\u00a0 I have a cough \n' }))).statusCode, 200)
  const conversation = (await app.inject({ url: `/v1/conversations/${id}` })).json()
  t.equal(conversation.messages[0].content, 'I have a cough')
})

t.test('input is required unless force_diagnose is true', async (t) => {
  const { app, engine } = await buildApp(t)
  const id = await createConversation(app)
  expectInvalid(t, await app.inject(chat({ conversation_id: id })), /^body\/input is required$/)
  expectInvalid(t, await app.inject(chat({ conversation_id: id, force_diagnose: false })), /^body\/input is required$/)
  t.equal(engine.probe.started, 0)
  t.equal((await app.inject(chat({ conversation_id: id, force_diagnose: true }))).statusCode, 200)
})

t.test('conversation ids are 1-64 URL-safe characters, in a path as in a body', async (t) => {
  const { app } = await buildApp(t)
  expectInvalid(t, await app.inject({ url: '/v1/conversations/' + 'a'.repeat(65) }), /params\/conversation_id must NOT have more than 64 characters/)
  expectInvalid(t, await app.inject({ url: '/v1/conversations/' + encodeURIComponent('conv_é') }), /params\/conversation_id must contain only letters, digits and \. _ ~ -/)
  expectInvalid(t, await app.inject(chat({ conversation_id: EMOJI, input: 'hi' })), /body\/conversation_id must contain only/)
  t.equal((await app.inject({ url: '/v1/conversations/' + 'a'.repeat(64) })).statusCode, 404, 'the longest id is an unknown conversation')
})

t.test('personality, language and coding_system are enumerations of what the engine supports', async (t) => {
  const { app } = await buildApp(t)
  expectInvalid(t, await app.inject({ method: 'POST', url: '/v1/conversations', payload: { patient: PATIENT, personality: 'sarcastic' } }), /^body\/personality must be one of: professional, friendly$/)
  expectInvalid(t, await app.inject({ method: 'POST', url: '/v1/conversations', payload: { patient: PATIENT, language: 'xx' } }), /^body\/language must be one of: en$/)
  expectInvalid(t, await app.inject({ method: 'POST', url: '/v1/conversations', payload: { patient: { ...PATIENT, sex: 'other' } } }), /^body\/patient\/sex must be one of: male, female$/)
  expectInvalid(t, await app.inject({ method: 'POST', url: '/v1/conversations', payload: { patient: PATIENT, extra: 1 } }), /^body must not have the field extra$/)
})

t.test('a field left out defaults to the contract\'s default when the engine supports it, else to the engine\'s first', async (t) => {
  const engine = new FakeEngine()
  Object.defineProperty(engine, 'capabilities', { value: { personalities: ['terse', 'professional'], languages: ['fr', 'de'], codingSystems: ['icd10'] } })
  const { app } = await buildApp(t, { engine })
  const created = await app.inject({ method: 'POST', url: '/v1/conversations', payload: { patient: PATIENT } })
  t.equal(created.statusCode, 201, created.body)
  t.match(created.json(), { personality: 'professional', language: 'fr', coding_system: 'icd10' })
})

t.test('schema errors name the field and never quote the value', async (t) => {
  const error = (errors: unknown[]) => formatSchemaErrors(errors as never, 'body').message
  t.equal(error([{ instancePath: '/age', keyword: 'maximum', params: {}, message: 'must be <= 130' }]), 'body/age must be <= 130')
  t.equal(error([{ instancePath: '/x', keyword: 'pattern', params: { pattern: '^a$' }, message: 'must match' }]), 'body/x has an invalid format')
  t.equal(error([{ instancePath: '/x', keyword: 'custom', params: {} }]), 'body/x is not valid')
})
