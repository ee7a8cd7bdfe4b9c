import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import t, { type Test } from 'tap'
import { parseStream } from '../helpers/contract.js'
import { requireEnv } from '../helpers/requires.js'
import { DATABASE_TEST_URL_EXAMPLE, REDIS_TEST_URL_EXAMPLE, createTestSchema } from '../helpers/services.js'
import { startServer, type RunningServer } from '../helpers/process.js'

/** A fetch Response whose JSON body is read untyped. */
type ApiResponse = Omit<Response, 'json'> & { json: () => Promise<any> }

/** A token of its own for each run: rate-limit counters in a shared Redis never carry over. */
const TOKEN = `multi-${randomBytes(12).toString('hex')}`
const HEADERS = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }

async function api (server: RunningServer, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
  return fetch(`http://127.0.0.1:${server.port}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...HEADERS, ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  })
}

/** Starts `count` server processes on one database; all are killed when the test ends, whatever happened. */
async function startInstances (t: Test, count: number, env: Record<string, string>): Promise<RunningServer[]> {
  const started = await Promise.allSettled(Array.from({ length: count }, () => startServer({ API_TOKENS: `multi:${TOKEN}`, ...env })))
  t.teardown(() => { for (const server of started) if (server.status === 'fulfilled') server.value.kill() })
  return started.map((server) => {
    if (server.status === 'rejected') throw server.reason
    return server.value
  })
}

/** A streaming turn, read until its first word: from then on the instance holds the conversation's lease. */
async function startStream (server: RunningServer, conversationId: string, input: string): Promise<{ rest: () => Promise<string> }> {
  const response = await api(server, '/v1/chats', { conversation_id: conversationId, input }, { accept: 'text/event-stream' })
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  const decoder = new TextDecoder()
  let text = ''
  while (!text.includes('event: delta')) {
    const chunk = await reader.read()
    if (chunk.done === true) throw new Error(`the stream ended before its first word:\n${text}`)
    text += decoder.decode(chunk.value, { stream: true })
  }
  return {
    rest: async () => {
      for (let chunk = await reader.read(); chunk.done !== true; chunk = await reader.read()) text += decoder.decode(chunk.value, { stream: true })
      return text
    }
  }
}

const PATIENT = { patient: { age: 44, sex: 'female' } }
const ANSWERS = ['I have a headache and a fever', 'yes', 'no', 'since yesterday']

const url = requireEnv('DATABASE_TEST_URL', DATABASE_TEST_URL_EXAMPLE, 'the multi-instance tests')
const redisUrl = process.env.REDIS_TEST_URL

if (url !== undefined) {
  t.test('three instances on one PostgreSQL database: parallel chats spread across them, then a rolling restart with live streams', async (t) => {
    const database = await createTestSchema(t, url)
    const env = { DATABASE_URL: database.url, DATABASE_POOL_SIZE: '4', STREAM_CHUNK_DELAY_MS: '20', SHUTDOWN_GRACE_MS: '300' }
    const instances = await startInstances(t, 3, env)
    const at = (index: number): RunningServer => instances[index % instances.length] as RunningServer

    // Eight conversations, each created on one instance and continued on the next ones in turn;
    // every turn is raced by the same request on the other two instances.
    const conversations = await Promise.all(Array.from({ length: 8 }, async (_, index) => (await (await api(at(index), '/v1/conversations', PATIENT)).json()).id as string))
    const outcomes = await Promise.all(conversations.map(async (id, index) => {
      const statuses: number[] = []
      /** The input of every request that was answered 200, in order: what must be stored. */
      const answered: string[] = []
      for (const [turn, input] of ANSWERS.entries()) {
        const body = { conversation_id: id, input }
        const raced = await Promise.all([0, 1, 2].map((offset) => api(at(index + turn + offset), '/v1/chats', body)))
        for (const response of raced) {
          statuses.push(response.status)
          if (response.status === 200) answered.push(input)
          if (response.status === 409) t.equal((await response.json()).error.code, 'conversation_busy')
          else await response.arrayBuffer()
        }
      }
      return { id, statuses, answered }
    }))
    let refusals = 0
    for (const { id, statuses, answered } of outcomes) {
      t.same(statuses.filter((status) => status !== 200 && status !== 409), [], 'every request was a turn or a 409')
      refusals += statuses.filter((status) => status === 409).length
      const stored = await (await api(at(0), `/v1/conversations/${id}`)).json()
      t.equal(stored.usage.turns, answered.length, `${id}: each 200 is one stored turn, none lost or doubled`)
      t.same(stored.messages.filter((message: { role: string }) => message.role === 'user').map((message: { content: string }) => message.content),
        answered, 'the answered inputs, in order')
      t.equal(stored.messages.length, 2 * answered.length)
      t.ok(answered.length >= ANSWERS.length, 'each round moved the conversation on')
    }
    t.ok(refusals > 0, 'racing requests were refused')

    // A turn in progress on one instance is busy on the others.
    const busyId = conversations[0] as string
    const live = await startStream(at(0), busyId, 'it started two days ago')
    for (const other of [at(1), at(2)]) {
      const refused = await api(other, '/v1/chats', { conversation_id: busyId, input: 'also a cough' })
      t.equal(refused.status, 409)
      t.equal((await refused.json()).error.code, 'conversation_busy', 'busy across instances')
    }
    t.equal(parseStream(await live.rest()).terminal.event, 'done')

    // Rolling restart: each instance in turn gets SIGTERM while streams are live on every
    // instance, and is replaced by a new one; every stream ends with done or shutting_down.
    const before = new Map<string, number>()
    for (const id of conversations) before.set(id, (await (await api(at(0), `/v1/conversations/${id}`)).json()).usage.turns)
    const endings: Array<Promise<{ id: string, event: string, data: unknown }>> = []
    for (let index = 0; index < instances.length; index++) {
      const streams = await Promise.all([0, 1].map(async (offset) => {
        const id = conversations[(index * 2 + offset) % conversations.length] as string
        const stream = await startStream(at(index + offset), id, 'the pain is worse at night')
        return { id, stream }
      }))
      for (const { id, stream } of streams) endings.push(stream.rest().then((text) => ({ id, ...parseStream(text).terminal })))
      const stopping = at(index)
      stopping.signal('SIGTERM')
      t.equal(await stopping.exited, 0, `instance ${index} stopped cleanly`)
      instances[index] = (await startInstances(t, 1, env))[0] as RunningServer
    }
    const ended = await Promise.all(endings)
    for (const { event, data } of ended) {
      t.ok(event === 'done' || (event === 'error' && (data as { error: { code: string } }).error.code === 'shutting_down'), `ended with ${event}`)
    }
    // No conversation is left locked, and each holds exactly the turns that said done.
    for (const id of conversations) {
      const done = ended.filter((ending) => ending.id === id && ending.event === 'done').length
      const stored = await (await api(at(1), `/v1/conversations/${id}`)).json()
      t.equal(stored.usage.turns, (before.get(id) as number) + done, `${id}: the turns that said done, no more`)
      if (stored.is_complete === true) continue
      t.equal((await api(at(2), '/v1/chats', { conversation_id: id, input: 'no' })).status, 200, `${id} is not left locked`)
    }
    for (const instance of instances) instance.signal('SIGTERM')
    t.same(await Promise.all(instances.map((instance) => instance.exited)), [0, 0, 0])
  })

  t.test('an instance killed in the middle of a turn: after LEASE_TTL_MS the conversation continues on another, unchanged by the lost turn', async (t) => {
    const database = await createTestSchema(t, url)
    const leaseTtlMs = 1000
    const [a, b] = await startInstances(t, 2, { DATABASE_URL: database.url, STREAM_CHUNK_DELAY_MS: '200', LEASE_TTL_MS: String(leaseTtlMs) }) as [RunningServer, RunningServer]
    const { id } = await (await api(a, '/v1/conversations', PATIENT)).json()
    t.equal((await api(a, '/v1/chats', { conversation_id: id, input: 'I have a headache and a fever' })).status, 200)
    const before = await (await api(b, `/v1/conversations/${id}`)).json()

    await startStream(a, id, 'it started two days ago')
    a.kill()
    const killedAt = Date.now()
    await a.exited
    t.equal((await api(b, '/v1/chats', { conversation_id: id, input: 'it started two days ago' })).status, 409, 'the dead instance\'s lease still holds')
    // The lease is a time in the database: waiting it out is what this test is about.
    await sleep(leaseTtlMs - (Date.now() - killedAt))
    t.same(await (await api(b, `/v1/conversations/${id}`)).json(), before, 'the lost turn left nothing')
    const resumed = await api(b, '/v1/chats', { conversation_id: id, input: 'it started two days ago' })
    t.equal(resumed.status, 200, 'another instance continues the conversation')
    const after = await (await api(b, `/v1/conversations/${id}`)).json()
    t.equal(after.usage.turns, before.usage.turns + 1)
    t.same(after.messages.slice(0, before.messages.length), before.messages)
    b.signal('SIGTERM')
    t.equal(await b.exited, 0)
  })

  t.test('the rate limit is shared through Redis: requests spread over three instances are counted once', { skip: redisUrl === undefined ? `set REDIS_TEST_URL=${REDIS_TEST_URL_EXAMPLE} to run the shared rate limit's test` : false }, async (t) => {
    const database = await createTestSchema(t, url)
    const limit = 6
    const instances = await startInstances(t, 3, { DATABASE_URL: database.url, REDIS_URL: redisUrl as string, RATE_LIMIT_PER_MINUTE: String(limit) })
    const statuses: number[] = []
    for (let index = 0; index < limit + 3; index++) {
      const response = await api(instances[index % 3] as RunningServer, '/v1/conversations/conv_000000000000')
      statuses.push(response.status)
      await response.arrayBuffer()
    }
    t.same(statuses, [...Array<number>(limit).fill(404), 429, 429, 429], `${limit} requests a minute in all, not ${limit} on each instance`)
    for (const instance of instances) t.equal((await fetch(`http://127.0.0.1:${instance.port}/readyz`)).status, 200, 'ready, Redis included')
    for (const instance of instances) instance.signal('SIGTERM')
    t.same(await Promise.all(instances.map((instance) => instance.exited)), [0, 0, 0])
  })
}
