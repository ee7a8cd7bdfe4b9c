import type { Check } from '../check.js'
import { expect } from '../context.js'
import { header } from '../http.js'

const CLAUSE = 'Errors'
const SECRET = 'PATIENT-TEXT-7f3a'

export const errorChecks: Check[] = [
  {
    id: 'errors.malformed-json',
    clause: CLAUSE + ' (400)',
    title: 'malformed JSON is 400 invalid_request, and the message does not echo the body',
    async run (context) {
      const body = `{"conversation_id": "conv_000000000000", "input": "${SECRET}`
      context.error(await context.request('POST', 'v1/chats', { headers: { 'content-type': 'application/json' }, body }), 400, 'invalid_request', 'malformed JSON', SECRET)
      context.error(await context.request('POST', 'v1/conversations', { headers: { 'content-type': 'application/json' }, body: '' }), 400, 'invalid_request', 'an empty JSON body')
    }
  },
  {
    id: 'errors.schema',
    clause: CLAUSE + ' (400)',
    title: 'a body that breaks the schema is 400 invalid_request',
    async run (context) {
      const bad: Array<[string, unknown]> = [
        ['age as a string', { patient: { age: '34', sex: 'female' } }],
        ['age over 130', { patient: { age: 131, sex: 'female' } }],
        ['a negative age', { patient: { age: -1, sex: 'female' } }],
        ['a fractional age', { patient: { age: 3.5, sex: 'female' } }],
        ['an unknown sex', { patient: { age: 34, sex: 'other' } }],
        ['no patient', {}],
        ['max_questions 0', { patient: { age: 34, sex: 'female' }, max_questions: 0 }],
        ['max_questions 100', { patient: { age: 34, sex: 'female' }, max_questions: 100 }],
        ['an unsupported language', { patient: { age: 34, sex: 'female' }, language: 'xx-unsupported' }],
        ['an unsupported coding_system', { patient: { age: 34, sex: 'female' }, coding_system: 'not-a-coding-system' }],
        ['an array body', []]
      ]
      for (const [what, body] of bad) {
        context.error(await context.request('POST', 'v1/conversations', { body }), 400, 'invalid_request', `POST /v1/conversations with ${what}`)
      }
    }
  },
  {
    id: 'errors.chat-input',
    clause: 'Routes: POST /v1/chats (input: 1–4,000 characters, not all whitespace; required unless force_diagnose)',
    title: 'missing, blank or over-long input is 400 invalid_request and takes no turn; 4,000 characters are accepted',
    async run (context) {
      const conversation = await context.createConversation()
      const cases: Array<[string, Record<string, unknown>]> = [
        ['no input', {}],
        ['an empty input', { input: '' }],
        ['an input of spaces', { input: '   \n\t ' }],
        ['an input of 4,001 characters', { input: 'a'.repeat(4001) }],
        ['a number as input', { input: 42 }],
        ['force_diagnose as a string', { force_diagnose: 'yes', input: 'hi' }]
      ]
      for (const [what, body] of cases) {
        context.error(await context.request('POST', 'v1/chats', { body: { conversation_id: conversation.id, ...body } }), 400, 'invalid_request', `POST /v1/chats with ${what}`)
      }
      expect((await context.getConversation(conversation.id)).usage.turns === 0, 'a refused chat took a turn')
      await context.chat(conversation.id, { input: 'a'.repeat(4000) })
    }
  },
  {
    id: 'errors.input-code-points',
    clause: 'Routes: POST /v1/chats (input: at most 4,000 characters, counted in code points as JSON Schema does)',
    title: 'input length is counted in characters (code points), as the published schema counts it',
    async run (context) {
      const conversation = await context.createConversation()
      // 4,000 emoji are 8,000 UTF-16 code units, and 4,000 characters: allowed. 4,001 are not.
      await context.chat(conversation.id, { input: '🤒'.repeat(4000) })
      context.error(await context.request('POST', 'v1/chats', { body: { conversation_id: conversation.id, input: '🤒'.repeat(4001) } }), 400, 'invalid_request', 'POST /v1/chats with 4,001 emoji')
    }
  },
  {
    id: 'errors.unauthorized',
    clause: CLAUSE + ' (401)',
    title: 'a missing, malformed or unknown token is 401 unauthorized on every route',
    async run (context) {
      const routes: Array<[string, string, unknown]> = [
        ['POST', 'v1/conversations', { patient: { age: 34, sex: 'female' } }],
        ['GET', 'v1/conversations/conv_000000000000', undefined],
        ['POST', 'v1/chats', { conversation_id: 'conv_000000000000', input: 'hi' }]
      ]
      for (const [method, path, body] of routes) {
        context.error(await context.request(method, path, { body, token: null }), 401, 'unauthorized', `${method} /${path} without a token`)
        context.error(await context.request(method, path, { body, token: `${context.target.token}x` }), 401, 'unauthorized', `${method} /${path} with a wrong token`, context.target.token)
        context.error(await context.request(method, path, { body, headers: { authorization: 'Bearer' } }), 401, 'unauthorized', `${method} /${path} with an empty bearer credential`)
        context.error(await context.request(method, path, { body, headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` } }), 401, 'unauthorized', `${method} /${path} with another scheme`)
      }
    }
  },
  {
    id: 'errors.route-not-found',
    clause: CLAUSE + ' (404 not_found)',
    title: 'an unknown route is 404 not_found',
    async run (context) {
      context.error(await context.request('GET', 'v1/nothing-here'), 404, 'not_found', 'GET an unknown route')
      context.error(await context.request('POST', 'v2/chats', { body: {} }), 404, 'not_found', 'POST an unknown route')
    }
  },
  {
    id: 'errors.method-not-allowed',
    clause: CLAUSE + ' (405)',
    title: 'a method a route does not allow is 405 method_not_allowed with an Allow header',
    async run (context) {
      for (const [method, path, allowed] of [['DELETE', 'v1/chats', 'POST'], ['PUT', 'v1/conversations', 'POST'], ['POST', 'v1/conversations/conv_000000000000', 'GET']] as const) {
        const response = await context.request(method, path, { body: method === 'DELETE' ? undefined : {} })
        context.error(response, 405, 'method_not_allowed', `${method} /${path}`)
        const allow = String(header(response, 'allow')).split(',').map((name) => name.trim().toUpperCase())
        expect(allow.includes(allowed), `${method} /${path}: Allow is ${allow.join(', ')}, without ${allowed}`)
      }
    }
  },
  {
    id: 'errors.payload-too-large',
    clause: CLAUSE + ' (413)',
    title: 'a body over the limit is 413 payload_too_large',
    async run (context) {
      const input = 'a'.repeat(context.target.bodyLimitBytes + 1024)
      context.error(await context.request('POST', 'v1/chats', { body: { conversation_id: 'conv_000000000000', input } }), 413, 'payload_too_large', `a body of ${input.length} bytes`)
    }
  },
  {
    id: 'errors.unsupported-media-type',
    clause: CLAUSE + ' (415)',
    title: 'a body that is not application/json is 415 unsupported_media_type',
    async run (context) {
      const conversation = await context.createConversation()
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
        context.error(await context.request('POST', 'v1/chats', { headers: { 'content-type': type }, body: `conversation_id=${conversation.id}&input=${SECRET}` }), 415, 'unsupported_media_type', `a ${type} body`, SECRET)
      }
      expect((await context.getConversation(conversation.id)).usage.turns === 0, 'a refused chat took a turn')
    }
  }
]
