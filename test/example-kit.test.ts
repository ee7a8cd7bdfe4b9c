import Fastify from 'fastify'
import t from 'tap'
import fastifyChats from 'fastify-medical-chats'
import { FakeEngine, parseChatStream, runConformance } from 'medical-chats-conformance'

t.test('the conformance README example: a fake engine, a strict stream parser, the checks against the app', async (t) => {
  const engine = new FakeEngine({ script: { chunks: ['Where does', ' it hurt?'] } })
  const app = Fastify()
  await app.register(fastifyChats, { engine })
  t.teardown(() => app.close())
  const { id } = (await app.inject({ method: 'POST', url: '/v1/conversations', payload: { patient: { age: 30, sex: 'male' } } })).json()
  const response = await app.inject({ method: 'POST', url: '/v1/chats', headers: { accept: 'text/event-stream' }, payload: { conversation_id: id, input: 'my knee' } })
  const stream = parseChatStream(response.body)
  t.equal(stream.text, 'Where does it hurt?')
  t.equal(stream.terminal.event, 'done')

  const report = await runConformance({ baseUrl: await app.listen({ port: 0, host: '127.0.0.1' }), token: 'any', only: ['streaming.order', 'negotiation'] })
  t.equal(report.results.at(-1)?.message, 'Accept: text/html: no x-request-id header', 'a host that does not echo the request id is told so')
  t.same(report.results.map((result) => [result.id, result.status]), [['streaming.order', 'pass'], ['negotiation.table', 'pass'], ['negotiation.not-acceptable', 'fail']])
})
