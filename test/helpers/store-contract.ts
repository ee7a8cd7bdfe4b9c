import type { Test } from 'tap'
import type { ConversationRecord, ConversationStore } from '../../server/store/types.js'

/** A new conversation's record, as the engine stores it. */
export function record (id: string, tenant = 'a'): ConversationRecord {
  return {
    tenant,
    state: { step: 0 },
    conversation: {
      id,
      created_at: 1774530618,
      is_complete: false,
      patient: { age: 30, sex: 'female' },
      personality: 'professional',
      language: 'en',
      coding_system: 'snomed',
      messages: [],
      findings: [],
      usage: { questions_asked: 0, turns: 0 }
    }
  }
}

/** Opens a store whose lease clock reads `now`; the store is closed by the caller. */
export type OpenStore = (t: Test, now: () => number) => Promise<ConversationStore>

/**
 * What every ConversationStore promises, run unchanged against each store (memory and SQLite
 * in the fast suite, PostgreSQL in the end-to-end one): tenant isolation, one lease at a time,
 * leases that expire, commits that hold only for the lease's holder, records that are copies.
 */
export function storeContract (t: Test, name: string, open: OpenStore): void {
  t.test(`${name} store: the same contract`, async (t) => {
    let clock = 1_000_000
    const store = await open(t, () => clock)
    t.teardown(() => store.close())
    await store.ping()
    await store.create(record('conv_000000000001'))
    t.same(await store.get('a', 'conv_000000000001'), record('conv_000000000001'))
    t.equal(await store.get('b', 'conv_000000000001'), undefined, 'another tenant sees nothing')
    t.equal(await store.get('a', 'conv_ffffffffffff'), undefined)

    t.same(await store.acquireLease('b', 'conv_000000000001', 'h1', 1000), { status: 'not_found' })
    t.same(await store.acquireLease('a', 'conv_ffffffffffff', 'h1', 1000), { status: 'not_found' })
    const lease = await store.acquireLease('a', 'conv_000000000001', 'h1', 1000)
    t.same(lease, { status: 'acquired', record: record('conv_000000000001') })
    t.same(await store.acquireLease('a', 'conv_000000000001', 'h2', 1000), { status: 'busy' })

    // Another tenant cannot free or overwrite the conversation, even knowing the holder.
    await store.releaseLease('b', 'conv_000000000001', 'h1')
    t.same(await store.acquireLease('a', 'conv_000000000001', 'h2', 1000), { status: 'busy' })
    const foreign = record('conv_000000000001', 'b')
    foreign.conversation.usage.turns = 9
    t.equal(await store.commitTurn(foreign, 'h1'), false, 'another tenant cannot commit')
    t.equal((await store.get('a', 'conv_000000000001'))?.conversation.usage.turns, 0)

    // A lease held past its time (a crashed process) expires.
    clock += 999
    t.same(await store.acquireLease('a', 'conv_000000000001', 'h2', 1000), { status: 'busy' }, 'not a millisecond early')
    clock += 1
    t.equal((await store.acquireLease('a', 'conv_000000000001', 'h2', 1000)).status, 'acquired')
    const next = record('conv_000000000001')
    next.conversation.usage.turns = 1
    next.state = { step: 1 }
    t.equal(await store.commitTurn(next, 'h1'), false, 'the expired holder cannot commit')
    t.equal((await store.get('a', 'conv_000000000001'))?.conversation.usage.turns, 0)
    t.equal(await store.commitTurn(next, 'h2'), true)
    t.same(await store.get('a', 'conv_000000000001'), next, 'the commit stored the document and the state')
    t.equal(await store.commitTurn(next, 'h2'), false, 'a commit frees the conversation: the lease is spent')

    // A released lease frees the conversation; a release by someone else does nothing.
    t.equal((await store.acquireLease('a', 'conv_000000000001', 'h3', 1000)).status, 'acquired')
    await store.releaseLease('a', 'conv_000000000001', 'someone-else')
    t.same(await store.acquireLease('a', 'conv_000000000001', 'h4', 1000), { status: 'busy' })
    await store.releaseLease('a', 'conv_000000000001', 'h3')
    t.equal((await store.acquireLease('a', 'conv_000000000001', 'h4', 1000)).status, 'acquired')

    const done = record('conv_000000000001')
    done.conversation.is_complete = true
    t.equal(await store.commitTurn(done, 'h4'), true)
    t.same(await store.acquireLease('a', 'conv_000000000001', 'h5', 1000), { status: 'complete' })
    t.same(await store.acquireLease('b', 'conv_000000000001', 'h5', 1000), { status: 'not_found' }, 'complete is not said to another tenant')
    t.equal(await store.commitTurn(done, 'h5'), false)
    await store.releaseLease('a', 'conv_ffffffffffff', 'h5')

    // What a caller does with a record it read does not change what is stored.
    const read = await store.get('a', 'conv_000000000001') as ConversationRecord
    read.conversation.messages.push({ role: 'user', content: 'x', created_at: 1 })
    t.same((await store.get('a', 'conv_000000000001'))?.conversation.messages, [])
  })

  t.test(`${name} store: many holders racing for one conversation, one wins`, async (t) => {
    const store = await open(t, () => 1_000_000)
    t.teardown(() => store.close())
    await store.create(record('conv_000000000002'))
    const results = await Promise.all(Array.from({ length: 8 }, (_, index) => store.acquireLease('a', 'conv_000000000002', `h${index}`, 1000)))
    t.equal(results.filter((result) => result.status === 'acquired').length, 1)
    t.equal(results.filter((result) => result.status === 'busy').length, 7)
  })

  t.test(`${name} store: text survives the round trip exactly`, async (t) => {
    const store = await open(t, () => 1_000_000)
    t.teardown(() => store.close())
    const stored = record('conv_000000000003')
    stored.conversation.messages.push({ role: 'user', content: 'Fièvre à 39,5 °C — 头痛 😷 "quoted" \\ back\u2028slash', created_at: 1774530619 })
    stored.state = { weights: [0.1, 1e-7, -0, 123456789.125], nested: { empty: {}, none: null } }
    await store.create(stored)
    const back = await store.get('a', 'conv_000000000003')
    t.same(back, JSON.parse(JSON.stringify(stored)))
  })
}
