import type { FastifyBaseLogger } from 'fastify'

/** What the shutdown needs of `process`: injectable, so tests drive it with a fake one. */
export interface ShutdownProcess {
  on (event: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown
  on (event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown
  exit (code: number): void
}

export interface GracefulShutdownOptions {
  log: FastifyBaseLogger
  /** Closes the server: live turns get their grace, then the listener and the store close. */
  close: () => Promise<void>
  /** How long `close` may take before the process exits anyway, with code 1. */
  timeoutMs: number
  /** The process whose signals and errors start the shutdown, and which exits: `process`. */
  process: ShutdownProcess
}

/** The signals that stop the server: SIGTERM from process managers, SIGINT from Ctrl-C. */
export const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM'] as const

/**
 * One graceful shutdown per process, whatever starts it and however often. A signal sent to
 * the process group (Ctrl-C in a terminal, systemd stopping a unit) reaches the server
 * directly and again through each wrapper above it (npm, tsx) that relays it, so a repeat is
 * not a request to hurry: it is logged and ignored, and `timeoutMs` bounds the shutdown
 * instead. (close-with-grace, used before, exits at once on a second signal, cutting live
 * streams short of their terminal event.) An uncaught exception or unhandled rejection also
 * shuts down gracefully, then exits with code 1; a clean shutdown exits with 0.
 */
export function installGracefulShutdown (options: GracefulShutdownOptions): void {
  const { log, close, timeoutMs, process: host } = options
  let started = false
  let exitCode = 0

  function shutDown (): void {
    started = true
    const timer = setTimeout(function shutdownTimedOut () {
      log.error({ timeout_ms: timeoutMs }, 'the shutdown took too long; exiting')
      host.exit(1)
    }, timeoutMs)
    close().then(() => {
      clearTimeout(timer)
      log.info('shut down')
      host.exit(exitCode)
    }, (error: unknown) => {
      clearTimeout(timer)
      log.error({ err: error }, 'the shutdown failed')
      host.exit(1)
    })
  }

  function onSignal (signal: NodeJS.Signals): void {
    if (started) {
      log.info({ signal }, 'already shutting down; the repeated signal is ignored')
      return
    }
    log.info({ signal }, 'shutting down')
    shutDown()
  }

  function onFatal (error: unknown): void {
    exitCode = 1
    log.error({ err: error }, started ? 'an error while shutting down' : 'shutting down after an error')
    if (!started) shutDown()
  }

  for (const signal of SHUTDOWN_SIGNALS) host.on(signal, onSignal)
  host.on('uncaughtException', onFatal)
  host.on('unhandledRejection', onFatal)
}
