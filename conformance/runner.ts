import { CheckSkipped, type Check } from './check.js'
import { checks as allChecks } from './checks/index.js'
import { CheckContext } from './context.js'

export const DEFAULT_BODY_LIMIT_BYTES = 1_048_576
export const DEFAULT_REQUEST_ID_HEADER = 'x-request-id'
export const DEFAULT_TIMEOUT_MS = 30_000

export interface ConformanceOptions {
  /** The server under test, e.g. `http://127.0.0.1:3000` (routes resolve under it: `/v1/...`). */
  baseUrl: string | URL
  /** A bearer token the server accepts. */
  token: string
  /** A token of another tenant: enables the tenant-isolation checks. */
  otherTenantToken?: string
  /** Run only these checks (ids, or an area prefix such as `streaming`). */
  only?: readonly string[]
  /** Skip these checks (ids or area prefixes). */
  skip?: readonly string[]
  /** The server's body limit, to send a body just over it. @default 1048576 */
  bodyLimitBytes?: number
  /** The header that carries the request id. @default 'x-request-id' */
  requestIdHeader?: string
  /** Per-request timeout (ms). @default 30000 */
  timeoutMs?: number
  /** Called as each check starts (for a progress line). */
  onCheckStart?: (check: Check, index: number, total: number) => void
  /** Called with each result as it is known. */
  onResult?: (result: CheckResult) => void
}

export interface CheckResult {
  id: string
  clause: string
  title: string
  status: 'pass' | 'fail' | 'skip'
  /** Why it failed, or why it was skipped. */
  message?: string
  /** Milliseconds the check took. */
  durationMs: number
}

export interface ConformanceReport {
  baseUrl: string
  results: CheckResult[]
  passed: number
  failed: number
  skipped: number
  /** True when no check failed. */
  ok: boolean
}

function selected (id: string, list: readonly string[]): boolean {
  return list.some((entry) => id === entry || id.startsWith(`${entry}.`))
}

/**
 * Runs the contract's checks black-box against a server and resolves with every result.
 * Never throws for a failing server: a failure is a result. Checks run one after another,
 * each on conversations of its own.
 */
export async function runConformance (options: ConformanceOptions): Promise<ConformanceReport> {
  const unknown = [...(options.only ?? []), ...(options.skip ?? [])].filter((entry) => !allChecks.some((check) => selected(check.id, [entry])))
  if (unknown.length > 0) throw new TypeError(`no check is named ${unknown.join(', ')}`)
  const context = new CheckContext({
    baseUrl: new URL(options.baseUrl.toString().endsWith('/') ? options.baseUrl : `${options.baseUrl.toString()}/`),
    token: options.token,
    otherTenantToken: options.otherTenantToken,
    bodyLimitBytes: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    requestIdHeader: (options.requestIdHeader ?? DEFAULT_REQUEST_ID_HEADER).toLowerCase(),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  })
  const chosen = allChecks.filter((check) =>
    (options.only === undefined || options.only.length === 0 || selected(check.id, options.only)) &&
    !selected(check.id, options.skip ?? []))
  const results: CheckResult[] = []
  for (const [index, check] of chosen.entries()) {
    options.onCheckStart?.(check, index, chosen.length)
    const started = performance.now()
    const base = { id: check.id, clause: check.clause, title: check.title }
    let result: CheckResult
    if (check.needsOtherTenant === true && options.otherTenantToken === undefined) {
      result = { ...base, status: 'skip', message: 'needs --other-tenant-token', durationMs: 0 }
    } else {
      try {
        await check.run(context)
        result = { ...base, status: 'pass', durationMs: performance.now() - started }
      } catch (error) {
        result = error instanceof CheckSkipped
          ? { ...base, status: 'skip', message: error.message, durationMs: performance.now() - started }
          : { ...base, status: 'fail', message: error instanceof Error ? error.message : String(error), durationMs: performance.now() - started }
      }
    }
    results.push(result)
    options.onResult?.(result)
  }
  const count = (status: CheckResult['status']): number => results.filter((result) => result.status === status).length
  return { baseUrl: context.target.baseUrl.toString(), results, passed: count('pass'), failed: count('fail'), skipped: count('skip'), ok: count('fail') === 0 }
}
