export { DIAGNOSIS, FakeEngine, HEADACHE_FINDING } from '../../conformance/fake-engine.js'
export type { FakeEngineProbe, Script } from '../../conformance/fake-engine.js'
import { setImmediate as nextTurn } from 'node:timers/promises'

/** Waits (on real time, whatever timers are faked) until `predicate` holds. */
export async function until (predicate: () => boolean): Promise<void> {
  while (!predicate()) await nextTurn()
}
