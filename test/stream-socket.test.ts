import { once } from 'node:events'
import type { ServerResponse } from 'node:http'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { runInNewContext } from 'node:vm'
import { setFlagsFromString } from 'node:v8'
import t, { type Test } from 'tap'
import { buildApp, createConversation } from './helpers/app.js'
import { fakeTimeouts, timeoutSet } from './helpers/clock.js'
import { steady, until } from './helpers/fake-engine.js'
import { parseStream } from './helpers/contract.js'
import { listen, openStream } from './helpers/socket.js'

t.test('a client abort mid-stream aborts the engine promptly; its finally runs; nothing is kept', async (t) => {
  const lines: Array<Record<string, any>> = []
  const { app, engine } = await buildApp(t, {}, { logger: { level: 'info', stream: { write: (line: string) => { lines.push(JSON.parse(line)) } } } })
  const port = await listen(app)
  const id = await createConversation(app)
  engine.script = { chunks: ['a', 'b', 'c'], stallAt: 1 }
  const stream = await openStream(port, { conversation_id: id, input: 'hi' })
  await until(() => engine.probe.stalled && stream.text().includes('event: delta'))
  stream.request.destroy()
  await until(() => engine.probe.finallyRan === 1)
  t.match(engine.probe.aborted, [{ code: 'CHATS_CLIENT_CLOSED' }])
  t.equal(engine.probe.committed, 0)
  await until(() => lines.some((line) => line.msg === 'stream ended'))
  t.match(lines.find((line) => line.msg === 'stream ended'), { stream: { outcome: 'client_closed', events: 1 } })
  const conversation = (await app.inject({ url: `/v1/conversations/${id}` })).json()
  t.same(conversation.messages, [], 'the abandoned turn left the conversation as it was')
  engine.script = { chunks: ['ok'] }
  const next = await app.inject({ method: 'POST', url: '/v1/chats', payload: { conversation_id: id, input: 'hi' } })
  t.equal(next.statusCode, 200, 'the conversation is free for the next turn')
})

t.test('a client that leaves during a JSON turn abandons it too', async (t) => {
  const lines: string[] = []
  const { app, engine } = await buildApp(t, {}, { logger: { level: 'info', stream: { write: (line: string) => { lines.push(line) } } } })
  const abandoned = () => lines.filter((line) => line.includes('turn abandoned')).length
  const port = await listen(app)
  const id = await createConversation(app)
  engine.script = { chunks: ['a', 'b'], stallAt: 1 }
  const { request } = await import('node:http')
  const body = JSON.stringify({ conversation_id: id, input: 'hi' })
  const req = request({ host: '127.0.0.1', port, path: '/v1/chats', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length } })
  req.on('error', () => {})
  req.end(body)
  await until(() => engine.probe.stalled)
  req.destroy()
  await until(() => engine.probe.finallyRan === 1)
  t.match(engine.probe.aborted, [{ code: 'CHATS_CLIENT_CLOSED' }])
  t.equal(engine.probe.committed, 0)

  let open!: () => void
  engine.startGate = new Promise((resolve) => { open = resolve })
  const req2 = request({ host: '127.0.0.1', port, path: '/v1/chats', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length } })
  req2.on('error', () => {})
  req2.end(body)
  await until(() => engine.probe.calls === 2)
  req2.destroy()
  await until(() => abandoned() === 2)
  open()
  await until(() => engine.probe.aborted.length === 2)
  t.match(engine.probe.aborted[1], { code: 'CHATS_CLIENT_CLOSED' }, 'a client gone while the turn starts abandons it')
})

t.test('a POST body being read is not taken for a disconnect: a slow engine streams to the end', async (t) => {
  const { app, engine } = await buildApp(t)
  const port = await listen(app)
  const id = await createConversation(app)
  engine.script = { chunks: Array.from({ length: 10 }, (_, i) => `w${i} `) }
  const slow = engine.startTurn.bind(engine)
  engine.startTurn = async (request, context) => {
    const turn = await slow(request, context)
    return (async function * delayed () {
      let step = await turn.next()
      while (step.done !== true) {
        // A turn of the event loop between pieces: socket events run while the engine works.
        await nextTurn()
        yield step.value
        step = await turn.next()
      }
      return step.value
    })()
  }
  const stream = await openStream(port, { conversation_id: id, input: 'hi' })
  const parsed = parseStream(await stream.ended)
  t.equal(parsed.terminal.event, 'done')
  t.equal(parsed.deltas.length, 10)
  t.same(engine.probe.aborted, [])
})

t.test('backpressure: a slow reader gets the whole stream and the engine is not pulled ahead of it', async (t) => {
  const { app, engine } = await buildApp(t)
  const port = await listen(app)
  const id = await createConversation(app)
  const piece = 'x'.repeat(64 * 1024)
  const pieces = 300
  engine.script = { chunks: Array.from({ length: pieces }, () => piece) }
  let yielded = 0
  const inner = engine.startTurn.bind(engine)
  engine.startTurn = async (request, context) => {
    const turn = await inner(request, context)
    return (async function * counted () {
      let step = await turn.next()
      while (step.done !== true) {
        yielded++
        yield step.value
        step = await turn.next()
      }
      return step.value
    })()
  }
  const stream = await openStream(port, { conversation_id: id, input: 'hi' })
  stream.response.pause()
  const pulledWhilePaused = await steady(() => yielded)
  // What is pulled while paused is what the socket buffers hold (a few MB on loopback), not the stream.
  t.ok(pulledWhilePaused < pieces / 2, `the engine waited for the reader (${pulledWhilePaused} of ${pieces} pieces pulled while paused)`)
  // Read slowly: a chunk at a time, with a turn of the event loop between.
  // Until the engine has given everything: the rest is in the socket buffers.
  const allPulled = () => stream.response.readableEnded || yielded === pieces
  while (!allPulled()) {
    stream.response.resume()
    await Promise.race([once(stream.response, 'data'), stream.ended])
    stream.response.pause()
    await nextTurn()
  }
  stream.response.resume()
  const parsed = parseStream(await stream.ended)
  t.equal(parsed.terminal.event, 'done')
  t.equal(parsed.deltas.join('').length, pieces * piece.length, 'every byte arrived')
})

t.test('a client that stops reading and then disconnects leaves no drain wait pending', async (t) => {
  const { app, engine } = await buildApp(t)
  const port = await listen(app)
  const id = await createConversation(app)
  const piece = 'y'.repeat(64 * 1024)
  engine.script = { chunks: Array.from({ length: 1000 }, () => piece) }
  let response!: ServerResponse
  app.server.once('request', (_request, serverResponse: ServerResponse) => { response = serverResponse })
  const stream = await openStream(port, { conversation_id: id, input: 'hi' })
  stream.response.pause()
  await until(() => response.writableNeedDrain)
  t.equal(await steady(() => response.writableNeedDrain), true, 'the stream is stuck on a full buffer')
  t.equal(engine.probe.finallyRan, 0)
  stream.request.destroy()
  await until(() => engine.probe.finallyRan === 1)
  t.match(engine.probe.aborted, [{ code: 'CHATS_CLIENT_CLOSED' }])
})

t.test('hundreds of connect/abort cycles leave listeners, handles and heap flat', async (t) => {
  const { app, engine } = await buildApp(t)
  const port = await listen(app)
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  const handles = () => process.getActiveResourcesInfo().filter((kind) => kind !== 'TTYWrap').length

  const id = await createConversation(app)
  engine.script = { chunks: ['a', 'b'], stallAt: 1 }
  async function cycle (): Promise<void> {
    const stream = await openStream(port, { conversation_id: id, input: 'hi' })
    await until(() => engine.probe.stalled)
    const before = engine.probe.finallyRan
    stream.request.destroy()
    await until(() => engine.probe.finallyRan === before + 1)
    engine.probe.aborted.length = 0
  }
  const connections = () => new Promise<number>((resolve, reject) => app.server.getConnections((error, count) => error === null ? resolve(count) : reject(error)))
  async function closed (): Promise<void> {
    while (await connections() > 0) await nextTurn()
  }
  for (let i = 0; i < 20; i++) await cycle()
  await closed()
  gc()
  const heapBefore = process.memoryUsage().heapUsed
  const handlesBefore = handles()
  const requestListeners = app.server.listenerCount('request')
  for (let i = 0; i < 300; i++) await cycle()
  await closed()
  gc()
  const heapGrowth = process.memoryUsage().heapUsed - heapBefore
  t.ok(handles() <= handlesBefore, `active handles back to ${handlesBefore} (now ${handles()})`)
  // A leaked request, socket or stream would be well over 6 KB a cycle.
  t.ok(heapGrowth < 2 * 1024 * 1024, `heap grew ${Math.round(heapGrowth / 1024)} KB over 300 cycles`)
  t.equal(engine.probe.finallyRan, 320)
  t.equal(app.server.listenerCount('request'), requestListeners, 'no listener left on the server')
})

/**
 * A stream whose engine stalls after its first piece, then `app.close()` called on a fake clock:
 * resolves once the close has set its grace period's timer.
 */
async function closingWhileStalled (t: Test, closeGraceMs: number) {
  const { app, engine } = await buildApp(t, { closeGraceMs })
  const port = await listen(app)
  const id = await createConversation(app)
  engine.script = { chunks: ['a', 'b'], stallAt: 1 }
  const stream = await openStream(port, { conversation_id: id, input: 'hi' })
  await until(() => engine.probe.stalled)
  const clock = fakeTimeouts(t)
  const closed = app.close()
  await timeoutSet(clock)
  return { engine, stream, clock, closed }
}

t.test('app.close() ends a live stream promptly with shutting_down', async (t) => {
  const { engine, stream, clock, closed } = await closingWhileStalled(t, 100)
  await clock.tickAsync(100)
  await closed
  const parsed = parseStream(await stream.ended)
  t.same(parsed.terminal.data, { error: { code: 'shutting_down', message: 'The server is shutting down.' } }, 'ended when the grace period ran out')
  t.match(engine.probe.aborted, [{ code: 'CHATS_SHUTTING_DOWN' }])
})

t.test('app.close() lets a stream that finishes within the grace period end normally', async (t) => {
  const { engine, stream, clock, closed: closing } = await closingWhileStalled(t, 5000)
  t.notOk(stream.response.complete, 'the stream is still open during the grace period')
  engine.resume()
  // The clock never moves: close() resolving means it did not wait out the grace period.
  await closing
  t.equal(clock.countTimers(), 0, 'and the grace period\'s timer was cleared')
  t.equal(parseStream(await stream.ended).terminal.event, 'done')
  t.equal(engine.probe.committed, 1)
})
