import { ShuttingDownError } from './errors.js'
import type { TurnRegistry, TurnRun } from './turn.js'

/** The turns in flight, so that `close()` can wait for them and then end the ones left. */
export class LiveTurns implements TurnRegistry {
  readonly #runs = new Set<TurnRun>()

  add (run: TurnRun): void {
    this.#runs.add(run)
  }

  delete (run: TurnRun): void {
    this.#runs.delete(run)
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
