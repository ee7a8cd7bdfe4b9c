import type { ChatResponse } from '../schemas/chat.js'
import type { ChatEngine, ChatTurn, EngineContext, TurnRequest } from './engine.js'
import { EngineTimeoutError, TurnAbandonedError } from './errors.js'

const ABORTED = Symbol('aborted')

function ignore (): void {}

function closeQuietly (turn: ChatTurn): void {
  turn.return(undefined as never).catch(ignore)
}

/**
 * One chat turn in flight: the engine's generator, its AbortController and its stall timer.
 * Every wait on the engine is raced against the signal, so an abort (client gone, timeout,
 * shutdown) is seen at once even when the engine ignores the signal; the engine's own
 * promise is then left to settle on its own, its rejection observed and its generator closed.
 */
export class TurnRun {
  readonly #controller = new AbortController()
  readonly #aborted: Promise<typeof ABORTED>
  readonly #timer: NodeJS.Timeout
  #turn: ChatTurn | undefined
  #finished = false
  #resolveSettled!: () => void
  /** Resolves once `dispose()` has run: the turn is over, whatever its outcome. */
  readonly settled = new Promise<void>((resolve) => { this.#resolveSettled = resolve })

  constructor (timeoutMs: number) {
    const signal = this.#controller.signal
    this.#aborted = new Promise((resolve) => {
      signal.addEventListener('abort', () => resolve(ABORTED), { once: true })
    })
    this.#timer = setTimeout(() => this.abort(new EngineTimeoutError()), timeoutMs).unref()
  }

  get signal (): AbortSignal {
    return this.#controller.signal
  }

  /** Ends the turn for `reason` (the engine sees it as `signal.reason`); the first reason wins. */
  abort (reason: Error): void {
    if (!this.#controller.signal.aborted) this.#controller.abort(reason)
  }

  /** Asks the engine to begin the turn; throws the engine's refusal or the abort reason. */
  async start (engine: ChatEngine, request: TurnRequest, context: EngineContext): Promise<void> {
    const started = engine.startTurn(request, { tenant: context.tenant, log: context.log, signal: this.signal })
    const result = await Promise.race([started, this.#aborted])
    if (result === ABORTED) {
      started.then(closeQuietly, ignore)
      throw this.signal.reason
    }
    this.#turn = result
    this.#timer.refresh()
  }

  /** The next piece of text, or (done) the response; throws an engine failure or the abort reason. */
  async next (): Promise<IteratorResult<string, ChatResponse>> {
    const pending = (this.#turn as ChatTurn).next()
    const result = await Promise.race([pending, this.#aborted])
    if (result === ABORTED) {
      pending.catch(ignore)
      throw this.signal.reason
    }
    this.#timer.refresh()
    if (result.done === true) this.#finished = true
    return result
  }

  /**
   * Always called once the turn is over: stops the timer and, for a turn that did not finish,
   * aborts the signal (the engine's cue to release what the turn holds: a generator that never
   * started cannot run its `finally`) and closes the generator.
   */
  dispose (): void {
    clearTimeout(this.#timer)
    if (!this.#finished) {
      this.abort(new TurnAbandonedError())
      if (this.#turn !== undefined) closeQuietly(this.#turn)
    }
    this.#resolveSettled()
  }
}
