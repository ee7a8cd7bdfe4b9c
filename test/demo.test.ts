import { Writable } from 'node:stream'
import Fastify from 'fastify'
import t from 'tap'
import { demo, demoFiles } from '../server/demo.js'
import { AUTH_A, buildServer } from './helpers/server.js'

t.test('the reference server serves the browser demo and the modules it imports, with no token', async (t) => {
  const { app } = await buildServer(t, { config: { SCENARIOS: 'on' } })
  const page = await app.inject({ url: '/' })
  t.equal(page.statusCode, 200)
  t.match(page.headers['content-type'], /text\/html/)
  t.match(page.body, /"medical-chats-client": "\/demo\/lib\/client\/client\/index\.js"/)
  t.match(page.body, /Not a medical diagnosis/)
  t.match((await app.inject({ url: '/demo.js' })).body, /from 'medical-chats-client'/)
  t.match((await app.inject({ url: '/demo/lib/typebox/value/index.mjs' })).statusCode, 200)
  t.match((await app.inject({ url: '/demo/lib/eventsource-parser/index.js' })).statusCode, 200)
  t.same((await app.inject({ url: '/demo/config.json' })).json(), { scenarios: true })
  // The API itself still needs its token.
  t.equal((await app.inject({ method: 'POST', url: '/v1/conversations', payload: { patient: { age: 1, sex: 'male' } } })).statusCode, 401)
  t.equal((await app.inject({ method: 'POST', url: '/v1/conversations', headers: AUTH_A, payload: { patient: { age: 1, sex: 'male' } } })).statusCode, 201)
})

t.test('without the client built, the server says how to build it', async (t) => {
  let logged = ''
  const app = Fastify({ logger: { stream: new Writable({ write (chunk, _encoding, done) { logged += String(chunk); done() } }) } })
  t.teardown(() => app.close())
  await app.register(demo, { scenarios: false, files: { ...demoFiles(), client: '/nonexistent/client/dist' } })
  await app.ready()
  t.match(logged, /the browser demo needs the client built: npm run build -w client/)
  t.same((await app.inject({ url: '/demo/config.json' })).json(), { scenarios: false })
})

t.test('with the client built, no warning', async (t) => {
  let logged = ''
  const app = Fastify({ logger: { stream: new Writable({ write (chunk, _encoding, done) { logged += String(chunk); done() } }) } })
  t.teardown(() => app.close())
  const built = t.testdir({ client: { 'index.js': 'export {}' } })
  await app.register(demo, { scenarios: false, files: { ...demoFiles(), client: built } })
  await app.ready()
  t.notMatch(logged, /needs the client built/)
})
