import { ShuttingDownError } from './errors.js'
import type { TurnRegistry, TurnRun } from './turn.js'

/**
 * The turns in flight: one timer sweeps them all (engine stalls, stream heartbeats), where a
 * timer or two per stream would cost memory and time on every stream; and `close()` waits for
 * them, then ends the ones left.
 */
export class LiveTurns implements TurnRegistry {
  readonly #runs = new Set<TurnRun>()
  readonly #sweepMs: number
  #timer: NodeJS.Timeout | undefined

  /** @param sweepMs how often live turns are checked: the precision of timeouts and heartbeats. */
  constructor (sweepMs: number) {
    this.#sweepMs = sweepMs
  }

  add (run: TurnRun): void {
    this.#runs.add(run)
    this.#timer ??= setInterval(LiveTurns.#sweep, this.#sweepMs, this).unref()
  }

  delete (run: TurnRun): void {
    this.#runs.delete(run)
    if (this.#runs.size === 0) {
      clearInterval(this.#timer)
      this.#timer = undefined
    }
  }

  static #sweep (live: LiveTurns): void {
    const now = Date.now()
    for (const run of live.#runs) run.sweep(now)
  }

  /**
   * Lets live turns finish for up to `graceMs`, then ends the rest with `shutting_down`
   * (a stream gets the `error` event, a JSON request a 503) and waits for them to settle.
   */
  async close (graceMs: number): Promise<void> {
    if (this.#runs.size === 0) return
    let timer: NodeJS.Timeout | undefined
    const grace = new Promise<void>((resolve) => { timer = setTimeout(resolve, graceMs) })
    await Promise.race([this.#allSettled(), grace])
    clearTimeout(timer)
    for (const run of this.#runs) run.abort(new ShuttingDownError())
    await this.#allSettled()
  }

  #allSettled (): Promise<unknown> {
    return Promise.all(Array.from(this.#runs, (run) => run.settled))
  }
}
