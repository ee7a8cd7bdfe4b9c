import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'

/**
 * The environment for a child process, with the test runner's coverage switched off there.
 * The process entry and the command-line scripts run as a user runs them, through tsx; the
 * runner still follows such a child, but the coverage it would record is not usable (tsx
 * compiles lazily, so functions that never ran are missing from it rather than counted as
 * not run). Everything the entries call is covered in-process; the entries themselves are
 * checked by these end-to-end tests' assertions, not by the coverage report.
 */
export function childEnv (extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, _TAPJS_PROCESSINFO_COVERAGE_: '0', ...extra }
}

export interface RunningServer {
  child: ChildProcess
  port: number
  /** The server's own process (npm and tsx run above it), as its log reports it. */
  pid: number
  /** Sends a signal to the server process, as a process manager would. */
  signal: (name: NodeJS.Signals) => void
  /** Stops everything that was started, whatever state it is in. */
  kill: () => void
  /** Everything the process printed so far. */
  output: () => string
  /** Resolves with the first match of `pattern` in the output, as soon as it is printed. */
  printed: (pattern: RegExp) => Promise<RegExpExecArray>
  /** Resolves with the exit code. */
  exited: Promise<number | null>
}

/** Everything a child prints, stdout and stderr together, as it arrives. */
export function capture (child: ChildProcess): () => string {
  let output = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => { output += chunk })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => { output += chunk })
  return () => output
}

/**
 * Starts the reference server as a user would (`npm start`) with the given environment,
 * and resolves once it listens. PORT=0 lets the system pick a free port, read from the log.
 */
export async function startServer (env: Record<string, string>, args: string[] = []): Promise<RunningServer> {
  const child = spawn('npm', ['start', '--silent', '--', ...args], {
    env: childEnv({ PORT: '0', LOG_LEVEL: 'info', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true
  })
  const output = capture(child)
  const exited = once(child, 'exit').then(([code]) => code as number | null)
  const kill = (): void => {
    try {
      process.kill(-(child.pid as number), 'SIGKILL')
    } catch {}
  }
  const [port, pid] = await new Promise<[number, number]>((resolve, reject) => {
    const timer = setTimeout(() => {
      kill()
      reject(new Error(`the server did not start:\n${output()}`))
    }, 60_000)
    const check = (): void => {
      const match = /"pid":(\d+).*Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output())
      if (match !== null) {
        clearTimeout(timer)
        resolve([Number(match[2]), Number(match[1])])
      }
    }
    child.stdout?.on('data', check)
    exited.then(() => {
      clearTimeout(timer)
      reject(new Error(`the server exited:\n${output()}`))
    }, reject)
  })
  return { child, port, pid, output, printed: (pattern) => printed(child, output, pattern), exited, kill, signal: (name) => process.kill(pid, name) }
}

/** Waits for what a child prints to match `pattern`; rejects if it exits first. */
export async function printed (child: ChildProcess, output: () => string, pattern: RegExp): Promise<RegExpExecArray> {
  for (;;) {
    const match = pattern.exec(output())
    if (match !== null) return match
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`exited before printing ${pattern}:\n${output()}`)
    await Promise.race([once(child.stdout as NodeJS.EventEmitter, 'data'), once(child.stderr as NodeJS.EventEmitter, 'data'), once(child, 'exit')])
  }
}

/** Runs the server entry with arguments and waits for it to exit. */
export async function runServer (env: Record<string, string>, args: string[]): Promise<{ code: number | null, output: string }> {
  const child = spawn('npm', ['start', '--silent', '--', ...args], { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] })
  const output = capture(child)
  const [code] = await once(child, 'exit')
  return { code: code as number | null, output: output() }
}
