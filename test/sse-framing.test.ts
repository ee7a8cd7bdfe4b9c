import Fastify from 'fastify'
import compress from '@fastify/compress'
import t from 'tap'
import fastifyChats from '../plugin/index.js'
import { formatDelta, formatEvent } from '../plugin/sse.js'
import { buildApp, createConversation } from './helpers/app.js'
import { DIAGNOSIS, FakeEngine } from './helpers/fake-engine.js'
import { parseStream } from './helpers/contract.js'

const SSE = { accept: 'text/event-stream' }

t.test('the stream has the SSE headers and no length or encoding', async (t) => {
  const app = Fastify()
  await app.register(compress, { global: true, threshold: 0 })
  const engine = new FakeEngine()
  await app.register(fastifyChats, { engine })
  t.teardown(() => app.close())
  const id = await createConversation(app)
  const response = await app.inject({
    method: 'POST', url: '/v1/chats', headers: { ...SSE, 'accept-encoding': 'gzip' }, payload: { conversation_id: id, input: 'hi' }
  })
  t.equal(response.statusCode, 200)
  t.equal(response.headers['content-type'], 'text/event-stream; charset=utf-8')
  t.equal(response.headers['cache-control'], 'no-cache, no-transform')
  t.equal(response.headers['x-accel-buffering'], 'no')
  t.equal(response.headers.connection, 'keep-alive')
  t.notOk(response.headers['content-length'])
  t.notOk(response.headers['content-encoding'])
  t.equal(parseStream(response.body).terminal.event, 'done', 'readable as plain text: not compressed')
})

t.test('hostile and multi-byte text round-trips: the deltas concatenate to the done content', async (t) => {
  const { app, engine } = await buildApp(t)
  const pieces = [
    ['line\nbreak', ' and\r\ncrlf', ' and a lone \r'],
    ['\n\ndata: x', '\n\nevent: done\ndata: {}', '\n\n'],
    ['sep\u2028ar\u2029ator', ' emoji 🤒🤕', ' 頭痛 ', 'é'],
    ['\ud83e', '\udd12 split surrogate'],
    ['0', '', 'false', 'null', ' '],
    ['"quotes" and \\backslashes\\ and </script>', '\u0000\u0007 controls']
  ]
  for (const chunks of pieces) {
    const id = await createConversation(app)
    engine.script = { chunks }
    const response = await app.inject({ method: 'POST', url: '/v1/chats', headers: SSE, payload: { conversation_id: id, input: 'hi' } })
    const { deltas, terminal, events } = parseStream(response.body)
    t.equal(events.length, chunks.length + 1, 'one delta per piece, none dropped, plus done')
    t.equal(deltas.join(''), chunks.join(''))
    t.equal((terminal.data as { output: { content: string } }).output.content, chunks.join(''))
  }
})

t.test('a diagnosis is a lone done event', async (t) => {
  const { app, engine } = await buildApp(t)
  const id = await createConversation(app)
  engine.script = { diagnosis: DIAGNOSIS }
  const response = await app.inject({ method: 'POST', url: '/v1/chats', headers: SSE, payload: { conversation_id: id, force_diagnose: true } })
  const { events, terminal } = parseStream(response.body)
  t.equal(events.length, 1)
  t.equal(terminal.event, 'done')
  t.same((terminal.data as { output: unknown }).output, DIAGNOSIS)
})

t.test('fields outside the schema never reach the client, streamed or not', async (t) => {
  const { app, engine } = await buildApp(t)
  engine.script = { chunks: ['a'], extraField: true }
  const streamed = await app.inject({ method: 'POST', url: '/v1/chats', headers: SSE, payload: { conversation_id: await createConversation(app), input: 'hi' } })
  t.notMatch(streamed.body, 'internal_score')
  const json = await app.inject({ method: 'POST', url: '/v1/chats', payload: { conversation_id: await createConversation(app), input: 'hi' } })
  t.notMatch(json.body, 'internal_score')
})

t.test('two concurrent streams never interleave', async (t) => {
  const { app, engine } = await buildApp(t)
  engine.script = { chunks: Array.from({ length: 30 }, (_, i) => `w${i} `) }
  const [a, b] = await Promise.all([createConversation(app), createConversation(app)])
  const [ra, rb] = await Promise.all([a, b].map((id) =>
    app.inject({ method: 'POST', url: '/v1/chats', headers: SSE, payload: { conversation_id: id, input: 'hi' } })))
  const sa = parseStream(ra!.body)
  const sb = parseStream(rb!.body)
  t.equal(sa.ids.size, 1)
  t.equal(sb.ids.size, 1)
  t.not([...sa.ids][0], [...sb.ids][0])
  t.equal(sa.deltas.join(''), engine.script.chunks!.join(''))
  t.equal((sb.terminal.data as { conversation_id: string }).conversation_id, b)
})

t.test('the frame formatter keeps every payload on one data line', async (t) => {
  t.equal(formatEvent('done', '{"a":1}'), 'event: done\ndata: {"a":1}\n\n')
  t.equal(formatDelta('resp_000000000000', 'a\nb\r'), 'event: delta\ndata: {"id":"resp_000000000000","output":{"content":"a\\nb\\r"}}\n\n')
  t.equal(formatDelta('resp_000000000000', ''), 'event: delta\ndata: {"id":"resp_000000000000","output":{"content":""}}\n\n')
})

t.test('the writer writes nothing after the end, and sends the headers of a silent stream at once', async (t) => {
  const { createServer } = await import('node:http')
  const { SseWriter } = await import('../plugin/sse.js')
  const results: unknown[] = []
  let endSilent: (() => void) | undefined
  const server = createServer((_req, res) => {
    const writer = new SseWriter(res, 60_000)
    writer.open({})
    if (_req.url === '/silent') {
      // Nothing written: the headers leave alone; the test ends the stream once they arrived.
      endSilent = () => writer.end(': bye\n\n')
      return
    }
    writer.end('event: done\ndata: {}\n\n')
    results.push(writer.write('event: delta\ndata: {}\n\n'), writer.events)
    writer.end('event: done\ndata: {}\n\n')
    results.push(writer.events)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => { server.closeAllConnections(); server.close() })
  const { port } = server.address() as { port: number }
  const body = await (await fetch(`http://127.0.0.1:${port}/`)).text()
  t.equal(body, 'event: done\ndata: {}\n\n', 'one frame: the late write and the second end wrote nothing')
  t.same(results, [undefined, 1, 1])
  const silent = await fetch(`http://127.0.0.1:${port}/silent`)
  t.equal(silent.headers.get('content-type'), 'text/event-stream; charset=utf-8', 'headers arrive before any frame')
  endSilent?.()
  t.equal(await silent.text(), ': bye\n\n')
})

t.test('a fast engine\'s frames are written out as they pile up, not held without bound', async (t) => {
  const { app, engine } = await buildApp(t)
  const { listen, openStream } = await import('./helpers/socket.js')
  const port = await listen(app)
  const big = 'z'.repeat(6000)
  engine.script = { chunks: [big, big, big, big, big] }
  const stream = await openStream(port, { conversation_id: await createConversation(app), input: 'hi' })
  const { deltas } = parseStream(await stream.ended)
  t.equal(deltas.join('').length, 5 * big.length)
})
