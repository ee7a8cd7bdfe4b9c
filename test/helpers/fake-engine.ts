export { DIAGNOSIS, FakeEngine, HEADACHE_FINDING } from '../../conformance/fake-engine.js'
export type { FakeEngineProbe, Script } from '../../conformance/fake-engine.js'
import { setImmediate as nextTurn } from 'node:timers/promises'

/** Waits (on real time, whatever timers are faked) until `predicate` holds. */
export async function until (predicate: () => boolean): Promise<void> {
  while (!predicate()) await nextTurn()
}

/**
 * Waits (on real time) until `value` has stayed the same for `turns` turns of the event loop,
 * I/O included: a producer held by backpressure has stopped, a buffer has filled. Resolves with it.
 */
export async function steady<T> (value: () => T, turns = 20): Promise<T> {
  let last = value()
  for (let same = 0; same < turns; same++) {
    await nextTurn()
    const now = value()
    if (now !== last) same = -1
    last = now
  }
  return last
}
