import { parseArgs } from 'node:util'
import { checks } from './checks/index.js'
import { REPORTERS, reporters, type ReporterName } from './reporters.js'
import { runConformance, DEFAULT_BODY_LIMIT_BYTES, DEFAULT_REQUEST_ID_HEADER, DEFAULT_TIMEOUT_MS } from './runner.js'

export const USAGE = `Usage: medical-chats-conformance <baseUrl> --token T [options]

Checks a server black-box against the Conversations API contract.

Options:
  --token T                 a bearer token the server accepts (or CONFORMANCE_TOKEN)
  --other-tenant-token U    a token of another tenant: adds the tenant-isolation checks
  --reporter NAME           human (default), tap, junit or json
  --only IDS                run only these checks (comma-separated ids or areas)
  --skip IDS                skip these checks
  --body-limit BYTES        the server's body limit (default ${DEFAULT_BODY_LIMIT_BYTES})
  --request-id-header NAME  the request id header (default ${DEFAULT_REQUEST_ID_HEADER})
  --timeout MS              per-request timeout (default ${DEFAULT_TIMEOUT_MS})
  --list                    list the checks and the clauses they test
  -h, --help                this text

Exit status: 0 every check passed, 1 a check failed, 2 bad usage.
`

export interface Io {
  stdout: { write: (text: string) => unknown, isTTY?: boolean }
  stderr: { write: (text: string) => unknown, isTTY?: boolean }
  env: Record<string, string | undefined>
}

function list (value: string | undefined): string[] {
  return value === undefined ? [] : value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '')
}

function positiveInteger (name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^[1-9]\d*$/.test(value)) throw new TypeError(`${name} must be a positive integer, got ${value}`)
  return Number(value)
}

/** The command line: parses `argv`, runs the checks, writes the report; resolves with the exit status. */
export async function main (argv: string[], io: Io): Promise<number> {
  let options
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        token: { type: 'string' },
        'other-tenant-token': { type: 'string' },
        reporter: { type: 'string', default: 'human' },
        only: { type: 'string' },
        skip: { type: 'string' },
        'body-limit': { type: 'string' },
        'request-id-header': { type: 'string' },
        timeout: { type: 'string' },
        list: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
      }
    })
    if (values.help === true) {
      io.stdout.write(USAGE)
      return 0
    }
    if (values.list === true) {
      for (const check of checks) io.stdout.write(`${check.id.padEnd(34)} ${check.clause}\n${''.padEnd(34)} ${check.title}\n`)
      return 0
    }
    const reporter = values.reporter as ReporterName
    if (!REPORTERS.includes(reporter)) throw new TypeError(`--reporter must be one of ${REPORTERS.join(', ')}`)
    const [baseUrl, ...extra] = positionals
    if (baseUrl === undefined || extra.length > 0) throw new TypeError('give exactly one base URL')
    if (!/^https?:\/\//.test(baseUrl)) throw new TypeError(`the base URL must be http:// or https://, got ${baseUrl}`)
    const token = values.token ?? io.env.CONFORMANCE_TOKEN
    if (token === undefined || token === '') throw new TypeError('--token is required')
    options = {
      reporter,
      run: {
        baseUrl,
        token,
        otherTenantToken: values['other-tenant-token'],
        only: list(values.only),
        skip: list(values.skip),
        bodyLimitBytes: positiveInteger('--body-limit', values['body-limit']),
        requestIdHeader: values['request-id-header'],
        timeoutMs: positiveInteger('--timeout', values.timeout)
      }
    }
  } catch (error) {
    io.stderr.write(`error: ${(error as Error).message}\n\n${USAGE}`)
    return 2
  }
  // A progress line on a terminal, rewritten in place; nothing when the output is piped.
  const progress = io.stderr.isTTY === true
  let report
  try {
    report = await runConformance({
      ...options.run,
      onCheckStart: progress ? (check, index, total) => { io.stderr.write(`\r\u001b[K[${index + 1}/${total}] ${check.id}`) } : undefined
    })
  } catch (error) {
    io.stderr.write(`error: ${(error as Error).message}\n`)
    return 2
  } finally {
    if (progress) io.stderr.write('\r\u001b[K')
  }
  io.stdout.write(reporters[options.reporter](report))
  return report.ok ? 0 : 1
}
