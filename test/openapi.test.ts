import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { buildOpenApiDocument, documentationEngine } from '../plugin/openapi-document.js'
import { schemas } from '../schemas/index.js'
import { writeSchemas } from '../scripts/schema-files.js'
import { buildApp } from './helpers/app.js'

t.test('the OpenAPI document is served at /v1/openapi.json when enabled, with named components', async (t) => {
  const { app } = await buildApp(t, { openapi: true })
  const response = await app.inject({ url: '/v1/openapi.json' })
  t.equal(response.statusCode, 200)
  const doc = response.json()
  t.equal(doc.openapi, '3.1.0')
  t.same(Object.keys(doc.paths).sort(), ['/v1/chats', '/v1/conversations', '/v1/conversations/{conversation_id}'])
  for (const schema of schemas.filter((s) => !['ChatBody', 'CreateConversationBody', 'ConversationParams'].includes(s.$id as string))) {
    t.ok(doc.components.schemas[schema.$id as string], `component ${String(schema.$id)}`)
  }
  const chat = doc.paths['/v1/chats'].post
  t.same(chat.responses['200'].content['application/json'].schema, { $ref: '#/components/schemas/ChatResponse' })
  t.ok(chat.responses['200'].content['text/event-stream'], 'the stream is documented')
  t.same(doc.paths['/v1/conversations'].post.responses['201'].content['application/json'].schema, { $ref: '#/components/schemas/Conversation' })
  t.same(doc.components.securitySchemes.bearerAuth, { type: 'http', scheme: 'bearer' })
  t.same(await buildOpenApiDocument(), doc, 'buildOpenApiDocument() gives the document the plugin serves')
})

t.test('the document is not served unless enabled', async (t) => {
  const { app } = await buildApp(t)
  t.equal((await app.inject({ url: '/v1/openapi.json' })).statusCode, 404)
})

t.test('npm run schemas writes one JSON Schema per named schema and the OpenAPI document', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'schemas-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const written = await writeSchemas(dir)
  t.equal(written.length, schemas.length + 1)
  const concept = JSON.parse(await readFile(join(dir, 'Concept.json'), 'utf8'))
  t.equal(concept.$id, 'Concept')
  t.equal(concept.additionalProperties, false)
  const response = JSON.parse(await readFile(join(dir, 'ChatResponse.json'), 'utf8'))
  t.same(response.properties.findings.items, { $ref: 'Finding' }, 'references point at other files by $id')
  const openapi = JSON.parse(await readFile(join(dir, 'openapi.json'), 'utf8'))
  t.equal(openapi.openapi, '3.1.0')
})

t.test('the engine behind the document answers nothing', async (t) => {
  await t.rejects(documentationEngine.startTurn({ conversation_id: 'x', force_diagnose: true, response_id: 'y' }, {} as never), /answers no requests/)
})
