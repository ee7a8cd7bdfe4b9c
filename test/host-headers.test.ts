import Fastify from 'fastify'
import cors from '@fastify/cors'
import t, { type Test } from 'tap'
import fastifyChats from '../plugin/index.js'
import { createConversation } from './helpers/app.js'
import { FakeEngine } from './helpers/fake-engine.js'
import { parseStream } from './helpers/contract.js'
import { listen, openStream } from './helpers/socket.js'

async function hostApp (t: Test) {
  const app = Fastify({ genReqId: () => 'req-fixed-1' })
  await app.register(cors, { origin: 'https://client.example' })
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })
  const engine = new FakeEngine()
  await app.register(fastifyChats, { engine, prefix: '/api' })
  t.teardown(() => app.close())
  return { app, engine }
}

t.test('headers set by host hooks (CORS, request id) are on the stream exactly once', async (t) => {
  const { app } = await hostApp(t)
  const id = await createConversation(app, {}).catch(() => undefined)
  t.equal(id, undefined, 'the routes moved under the prefix')
  const created = await app.inject({ method: 'POST', url: '/api/v1/conversations', payload: { patient: { age: 40, sex: 'male' } } })
  const port = await listen(app)
  const stream = await openStream(port, { conversation_id: created.json().id, input: 'hi' }, '/api/v1/chats', { origin: 'https://client.example' })
  const raw = stream.response.rawHeaders
  const count = (name: string) => raw.filter((_, i) => i % 2 === 0 && raw[i]?.toLowerCase() === name).length
  t.equal(count('x-request-id'), 1)
  t.equal(stream.response.headers['x-request-id'], 'req-fixed-1')
  t.equal(count('access-control-allow-origin'), 1)
  t.equal(stream.response.headers['access-control-allow-origin'], 'https://client.example')
  t.equal(count('content-type'), 1)
  t.equal(parseStream(await stream.ended).terminal.event, 'done')
})

t.test('the plugin\'s handlers stay inside it: the host keeps its own 404 and error handling', async (t) => {
  const { app } = await hostApp(t)
  app.get('/host-route', async () => { throw Object.assign(new Error('host error'), { statusCode: 418 }) })
  const outside = await app.inject({ url: '/elsewhere' })
  t.equal(outside.statusCode, 404)
  t.notOk(outside.json().error?.code, 'the host\'s 404 is Fastify\'s own')
  const hostError = await app.inject({ url: '/host-route' })
  t.equal(hostError.json().message, 'host error', 'the host\'s errors are not rewritten')
  const inside = await app.inject({ url: '/api/v1/nothing' })
  t.same(inside.json(), { error: { code: 'not_found', message: 'No such route.' } })
})
