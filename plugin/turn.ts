import type { FastifyBaseLogger } from 'fastify'
import type { ChatResponse } from '../schemas/chat.js'
import type { ChatEngine, ChatTurn, EngineContext, TurnContext, TurnRequest } from './engine.js'
import { EngineTimeoutError, TurnAbandonedError } from './errors.js'

function ignore (): void {}

function closeQuietly (turn: ChatTurn): void {
  turn.return(undefined as never).catch(ignore)
}

/** Where a run reports that it is over; the plugin's registry of live turns. */
export interface TurnRegistry {
  add (run: TurnRun): void
  delete (run: TurnRun): void
}

/** Told once when the turn is aborted, and at every sweep of the live turns while it lasts. */
export interface AbortListener {
  onTurnAbort (reason: unknown): void
  onSweep (now: number): void
}

/** What the engine is given: the signal is made only if the engine asks for it. */
class RunContext implements TurnContext {
  readonly tenant: string
  readonly log: FastifyBaseLogger
  readonly #run: TurnRun

  constructor (context: EngineContext, run: TurnRun) {
    this.tenant = context.tenant
    this.log = context.log
    this.#run = run
  }

  get signal (): AbortSignal {
    return this.#run.signal
  }
}

/**
 * One chat turn in flight: the engine's generator, its abort, and when it last made progress
 * (the registry's sweep ends a turn silent for longer than the engine timeout). An abort
 * (client gone, timeout, shutdown) must be seen at once even when the engine ignores its
 * signal: the waits here are raced against it, and the stream reacts to it itself. The
 * engine's own promise is then left to settle on its own, its rejection observed and its
 * generator closed.
 *
 * The AbortController is created only when the engine reads `context.signal`: Node's
 * AbortSignal is costly to make, and an engine that never blocks has no use for it.
 */
export class TurnRun {
  readonly #timeoutMs: number
  readonly #registry: TurnRegistry
  #lastProgress = Date.now()
  #controller: AbortController | undefined
  #aborted = false
  #reason: unknown
  #listener: AbortListener | undefined
  #waiter: (() => void) | undefined
  #turn: ChatTurn | undefined
  #finished = false
  #disposed = false
  #settled: Promise<void> | undefined
  #resolveSettled: (() => void) | undefined

  constructor (timeoutMs: number, registry: TurnRegistry) {
    this.#timeoutMs = timeoutMs
    this.#registry = registry
    registry.add(this)
  }

  get signal (): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController()
      if (this.#aborted) this.#controller.abort(this.#reason)
    }
    return this.#controller.signal
  }

  /** True once `dispose()` has run: the turn is over and nothing more is done for it. */
  get disposed (): boolean {
    return this.#disposed
  }

  /** The engine's generator, once `start()` has resolved. */
  get turn (): ChatTurn {
    return this.#turn as ChatTurn
  }

  /** Resolves once `dispose()` has run (asked only of live turns, by the registry). */
  get settled (): Promise<void> {
    this.#settled ??= new Promise<void>((resolve) => { this.#resolveSettled = resolve })
    return this.#settled
  }

  /** The one listener told when the turn is aborted (the stream that serves it). */
  listen (listener: AbortListener): void {
    this.#listener = listener
  }

  /** Ends the turn for `reason` (the engine sees it as `signal.reason`); the first reason wins. */
  abort (reason: Error): void {
    if (this.#aborted) return
    this.#aborted = true
    this.#reason = reason
    this.#controller?.abort(reason)
    this.#waiter?.()
    this.#listener?.onTurnAbort(reason)
  }

  /** The engine made progress: its stall time starts again. */
  progress (): void {
    this.#lastProgress = Date.now()
  }

  /** Called by the registry's sweep: a turn silent past the engine timeout is ended. */
  sweep (now: number): void {
    if (now - this.#lastProgress >= this.#timeoutMs) this.abort(new EngineTimeoutError())
    else this.#listener?.onSweep(now)
  }

  /** Asks the engine to begin the turn; throws the engine's refusal or the abort reason. */
  async start (engine: ChatEngine, request: TurnRequest, context: EngineContext): Promise<void> {
    const started = engine.startTurn(request, new RunContext(context, this))
    const result = await this.#raced(started)
    if (result === undefined) {
      started.then(closeQuietly, ignore)
      throw this.#reason
    }
    this.#turn = result
    this.progress()
  }

  /** The next piece of text, or (done) the response; throws an engine failure or the abort reason. */
  async next (): Promise<IteratorResult<string, ChatResponse>> {
    const pending = (this.#turn as ChatTurn).next()
    const result = await this.#raced(pending)
    if (result === undefined) {
      pending.catch(ignore)
      throw this.#reason
    }
    this.progress()
    if (result.done === true) this.#finished = true
    return result
  }

  /** `pending`'s value, or undefined if the turn is aborted first. */
  #raced<T> (pending: Promise<T>): Promise<T | undefined> {
    if (this.#aborted) return Promise.resolve(undefined)
    return new Promise<T | undefined>((resolve, reject) => {
      this.#waiter = () => resolve(undefined)
      pending.then((value) => {
        this.#waiter = undefined
        resolve(value)
      }, (error: unknown) => {
        this.#waiter = undefined
        reject(error)
      })
    })
  }

  /**
   * Always called once the turn is over. For a turn that did not return its response it
   * aborts (the engine's cue to release what the turn holds: a generator that never started
   * cannot run its `finally`) and closes the generator.
   */
  dispose (finished = this.#finished): void {
    if (this.#disposed) return
    this.#disposed = true
    this.#listener = undefined
    if (!finished) {
      this.abort(new TurnAbandonedError())
      if (this.#turn !== undefined) closeQuietly(this.#turn)
    }
    this.#registry.delete(this)
    this.#resolveSettled?.()
  }
}
