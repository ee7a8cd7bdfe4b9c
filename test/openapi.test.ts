import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { createParser } from 'eventsource-parser'
import Fastify from 'fastify'
import t, { type Test } from 'tap'
import fastifyChats from '../plugin/index.js'
import { OPENAPI_PATHS, OPENAPI_VERSIONS } from '../plugin/openapi.js'
import { API_ERRORS, schemas } from '../schemas/index.js'
import { writeSchemas } from '../scripts/schema-files.js'
import { buildApp, createConversation } from './helpers/app.js'
import { FakeEngine } from './helpers/fake-engine.js'

type Json = any

async function served (t: Test, options: Parameters<typeof buildApp>[1] = { openapi: true }): Promise<{ app: Awaited<ReturnType<typeof buildApp>>['app'], documents: Json[] }> {
  const { app } = await buildApp(t, options)
  const documents = []
  for (const version of OPENAPI_VERSIONS) {
    const response = await app.inject({ url: OPENAPI_PATHS[version] })
    t.equal(response.statusCode, 200)
    t.match(response.headers['content-type'], /^application\/json/)
    documents.push(response.json())
  }
  return { app, documents }
}

/** Validates values against a schema of `document`, its `#/components/...` references resolved. */
function validatorOf (document: Json) {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  ajv.addSchema({ $id: 'openapi', components: document.components }, 'openapi')
  return (schema: Json, value: unknown): string[] => {
    const rooted = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/'))
    const validate = ajv.compile(rooted)
    return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`)
  }
}

const resolve = (document: Json, node: Json): Json =>
  typeof node?.$ref === 'string' ? (node.$ref as string).slice(2).split('/').reduce((at: Json, key: string) => at[key], document) : node

t.test('the plugin serves OpenAPI 3.1 and 3.2 documents, with the engine\'s enumerations and named components', async (t) => {
  const { documents: [v31, v32] } = await served(t)
  t.equal(v31.openapi, '3.1.0')
  t.equal(v32.openapi, '3.2.0')
  for (const doc of [v31, v32]) {
    t.same(Object.keys(doc.paths).sort(), ['/v1/chats', '/v1/conversations', '/v1/conversations/{conversation_id}'])
    t.same(doc.servers, [{ url: '/', description: 'The server that serves this document' }])
    t.match(doc.info, { license: { identifier: 'MIT' }, contact: {} })
    t.same(doc.tags.map((tag: Json) => tag.name), ['Conversations', 'Chats'])
    const create = doc.components.schemas.CreateConversationBody.properties
    t.same(create.personality.enum, ['professional', 'friendly'], 'the engine\'s personalities')
    t.same(create.language.enum, ['en'])
    t.same(create.coding_system.enum, ['snomed'])
    t.notOk(JSON.stringify(doc).includes('bearer'), 'no authentication scheme is assumed')
    t.notOk('securitySchemes' in doc.components)
    for (const [path, item] of Object.entries<Json>(doc.paths)) {
      for (const operation of Object.values<Json>(item)) {
        t.same(operation.security, [], `${path}: no security declared`)
        t.ok(operation.description && operation.summary && operation.tags.length === 1)
        for (const [status, response] of Object.entries<Json>(operation.responses)) {
          const resolved = resolve(doc, response)
          t.not(resolved.description, 'Default Response')
          if (status === '429' || status === '503') t.ok(resolved.headers['Retry-After'], `${path} ${status} documents Retry-After`)
        }
      }
    }
    t.same(doc.paths['/v1/conversations'].post.responses['201'].links.GetConversation.parameters, { conversation_id: '$response.body#/id' })
  }
  const stream31 = v31.paths['/v1/chats'].post.responses['200'].content['text/event-stream']
  t.equal(stream31.schema.type, 'string', '3.1 cannot describe the items of a stream')
  t.notOk('DeltaEvent' in v31.components.schemas, 'no component is left unreferenced')
  const stream32 = v32.paths['/v1/chats'].post.responses['200'].content['text/event-stream']
  t.same(stream32.itemSchema.oneOf.map((branch: Json) => [branch.properties.event.const, branch.properties.data.contentSchema.$ref]), [
    ['delta', '#/components/schemas/DeltaEvent'],
    ['done', '#/components/schemas/ChatResponse'],
    ['error', '#/components/schemas/ErrorResponse']
  ])
  t.same(Object.keys(v32.components.schemas).sort(), [...schemas.map((schema) => schema.$id as string)].filter((id) => id !== 'ConversationParams').sort())
})

t.test('the security scheme, servers and info come from the openapi option; the paths carry the prefix', async (t) => {
  const app = Fastify()
  t.teardown(() => app.close())
  await app.register(fastifyChats, {
    engine: new FakeEngine(),
    prefix: '/api',
    openapi: { securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' } }, servers: [{ url: 'https://chats.example' }], info: { title: 'Clinic chats' } }
  })
  const doc = (await app.inject({ url: '/api/v1/openapi-3.2.json' })).json()
  t.same(doc.components.securitySchemes, { apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' } })
  t.same(doc.paths['/api/v1/chats'].post.security, [{ apiKey: [] }])
  t.same(doc.servers, [{ url: 'https://chats.example' }])
  t.equal(doc.info.title, 'Clinic chats')
  t.equal(doc.info.license.identifier, 'MIT')
})

t.test('the documents are not served unless enabled', async (t) => {
  const { app } = await buildApp(t)
  for (const version of OPENAPI_VERSIONS) t.equal((await app.inject({ url: OPENAPI_PATHS[version] })).statusCode, 404)
})

t.test('every example validates against its schema, and every operation and error has examples', async (t) => {
  const { documents } = await served(t)
  // 3.1 has no DeltaEvent component: both documents' stream examples are checked against 3.2's.
  const checkEvent = validatorOf(documents[1])
  for (const doc of documents) {
    const check = validatorOf(doc)
    const stream = doc.paths['/v1/chats'].post.responses['200'].content['text/event-stream']
    const eventSchemas: Record<string, Json> = { delta: { $ref: '#/components/schemas/DeltaEvent' }, done: { $ref: '#/components/schemas/ChatResponse' }, error: { $ref: '#/components/schemas/ErrorResponse' } }
    if (doc.openapi === '3.2.0') {
      t.same(Object.fromEntries(stream.itemSchema.oneOf.map((branch: Json) => [branch.properties.event.const, branch.properties.data.contentSchema])), eventSchemas)
    }
    const errorCodes = new Set<string>()
    for (const [path, item] of Object.entries<Json>(doc.paths)) {
      for (const operation of Object.values<Json>(item)) {
        const where = `${doc.openapi as string} ${operation.operationId as string}`
        for (const parameter of operation.parameters ?? []) {
          t.ok(Object.keys(parameter.examples).length > 0)
          for (const example of Object.values<Json>(parameter.examples)) t.same(check(parameter.schema, example.value), [], `${where} ${parameter.name as string}`)
        }
        const media = [...Object.entries<Json>(operation.requestBody?.content ?? {})]
        for (const response of Object.values<Json>(operation.responses)) media.push(...Object.entries<Json>(resolve(doc, response).content))
        for (const [type, content] of media) {
          t.ok(Object.keys(content.examples).length > 0, `${where} ${type} has named examples`)
          for (const [name, example] of Object.entries<Json>(content.examples)) {
            t.ok(example.summary, `${where} ${name} is summarised`)
            if (type === 'text/event-stream') {
              const events: Array<{ event?: string, data: string }> = []
              createParser({ onEvent: (event) => events.push(event) }).feed(example.value)
              t.ok(events.length > 0)
              for (const event of events) t.same(checkEvent(eventSchemas[event.event as string], JSON.parse(event.data)), [], `${where} ${name} ${String(event.event)} event`)
              continue
            }
            t.same(check(content.schema, example.value), [], `${where} ${type} ${name}`)
            if (content.schema.$ref === '#/components/schemas/ErrorResponse') errorCodes.add(example.value.error.code)
          }
        }
        t.ok(path)
      }
    }
    const answered = Object.keys(API_ERRORS).filter((code) => !('reply' in API_ERRORS[code as keyof typeof API_ERRORS]) && !['not_found', 'method_not_allowed'].includes(code))
    t.same([...errorCodes].sort(), answered.sort(), 'an example for every error a documented operation can answer')
  }
})

t.test('the server accepts exactly the requests its published schemas accept', async (t) => {
  const { app, documents: [doc] } = await served(t)
  const check = validatorOf(doc)
  const id = await createConversation(app)
  const emoji = '\u{1F600}'
  const chats: Json[] = [
    { conversation_id: id, input: emoji.repeat(2001) },
    { conversation_id: id, input: emoji.repeat(4000) },
    { conversation_id: id, input: emoji.repeat(4001) },
    { conversation_id: id, input: 'x'.repeat(4001) },
    { conversation_id: id, input: '   ' },
    { conversation_id: id, input: '' },
    { conversation_id: id },
    { conversation_id: id, force_diagnose: false },
    { conversation_id: id, input: 'hi', extra: 1 },
    { conversation_id: 'conv_\u00e9', input: 'hi' },
    { conversation_id: 'x'.repeat(65), input: 'hi' },
    { conversation_id: id, input: 'hi', force_diagnose: 'true' },
    { conversation_id: id, input: ' yes ' }
  ]
  for (const body of chats) {
    const accepted = check({ $ref: '#/components/schemas/ChatBody' }, body).length === 0
    const response = await app.inject({ method: 'POST', url: '/v1/chats', payload: body })
    t.equal(response.statusCode !== 400, accepted, `${JSON.stringify(body).slice(0, 80)}: schema ${accepted ? 'accepts' : 'refuses'}, server ${response.statusCode}`)
  }
  const creates: Json[] = [
    { patient: { age: 34, sex: 'female' } },
    { patient: { age: 130, sex: 'male' }, personality: 'friendly', language: 'en', coding_system: 'snomed', max_questions: 99 },
    { patient: { age: 34, sex: 'female' }, personality: 'sarcastic' },
    { patient: { age: 34, sex: 'female' }, language: 'fr' },
    { patient: { age: 34, sex: 'female' }, coding_system: 'icd10' },
    { patient: { age: 131, sex: 'female' } },
    { patient: { age: 34 } }
  ]
  for (const body of creates) {
    const accepted = check({ $ref: '#/components/schemas/CreateConversationBody' }, body).length === 0
    const response = await app.inject({ method: 'POST', url: '/v1/conversations', payload: body })
    t.equal(response.statusCode === 201, accepted, `${JSON.stringify(body)}: server ${response.statusCode}`)
  }
})

t.test('npm run schemas writes one JSON Schema per named schema and both OpenAPI documents', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'schemas-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const written = await writeSchemas(dir)
  t.equal(written.length, schemas.length + 2)
  const concept = JSON.parse(await readFile(join(dir, 'Concept.json'), 'utf8'))
  t.equal(concept.$id, 'Concept')
  t.equal(concept.additionalProperties, false)
  const response = JSON.parse(await readFile(join(dir, 'ChatResponse.json'), 'utf8'))
  t.same(response.properties.findings.items, { $ref: 'Finding' }, 'references point at other files by $id')
  t.equal(JSON.parse(await readFile(join(dir, 'openapi.json'), 'utf8')).openapi, '3.1.0')
  const v32 = JSON.parse(await readFile(join(dir, 'openapi-3.2.json'), 'utf8'))
  t.equal(v32.openapi, '3.2.0')
  t.same(v32.components.securitySchemes.bearerAuth.scheme, 'bearer', 'the reference server declares bearer tokens')
})
