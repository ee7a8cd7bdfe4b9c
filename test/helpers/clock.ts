import FakeTimers from '@sinonjs/fake-timers'
import type { Test } from 'tap'
import { until } from './fake-engine.js'

export type InstalledClock = ReturnType<typeof FakeTimers.install>

/**
 * A fake clock for timeouts (and Date), uninstalled when the test ends. Intervals stay real:
 * the plugin's sweep of live turns keeps running. Install it after the setup that needs real
 * time (sockets, a stream under way), then move time with `clock.tickAsync(ms)`.
 */
export function fakeTimeouts (t: Test): InstalledClock {
  const clock = FakeTimers.install({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  t.teardown(() => clock.uninstall())
  return clock
}

/** Waits (on real time) until the code under test has set a timeout on `clock`: it has started waiting, for a grace period say. */
export async function timeoutSet (clock: InstalledClock): Promise<void> {
  const before = clock.countTimers()
  await until(() => clock.countTimers() > before)
}
