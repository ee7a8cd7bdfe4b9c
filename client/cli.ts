import type { EventEmitter } from 'node:events'
import type { Readable, Writable } from 'node:stream'
import { parseArgs } from 'node:util'
import { runTerminalChat } from './terminal.js'

export const USAGE = `Usage: medical-chats-client chat [--url URL] [--token T] [--age N --sex male|female]

An interview in the terminal against a Conversations API server: the reply printed as it
streams, the findings noted, and at the end the differential and the triage.
Ctrl-C cancels the reply being streamed; at the prompt it leaves.

Options:
  --url URL      the server (default http://127.0.0.1:3000)
  --token T      a bearer token the server accepts (or TOKEN)
  --age N        the patient's age in years (asked when absent)
  --sex S        male or female (asked when absent)
  -h, --help     this text
`

export interface CliIo {
  stdin: Readable
  stdout: Writable
  stderr: Writable
  env: Record<string, string | undefined>
  /** Emits 'interrupt' on Ctrl-C. */
  interrupts: EventEmitter
}

/** The `medical-chats-client` command line; resolves with the exit status. */
export async function main (argv: string[], io: CliIo): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        url: { type: 'string', default: 'http://127.0.0.1:3000' },
        token: { type: 'string' },
        age: { type: 'string' },
        sex: { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      }
    })
  } catch (error) {
    io.stderr.write(`error: ${(error as Error).message}\n\n${USAGE}`)
    return 2
  }
  const { values, positionals } = parsed
  if (values.help === true) {
    io.stdout.write(USAGE)
    return 0
  }
  const problem = positionals.length !== 1 || positionals[0] !== 'chat'
    ? 'the command is "chat"'
    : (values.age === undefined) !== (values.sex === undefined)
        ? 'give --age and --sex together'
        : values.age !== undefined && (!/^\d{1,3}$/.test(values.age) || Number(values.age) > 130)
          ? '--age must be a whole number from 0 to 130'
          : values.sex !== undefined && values.sex !== 'male' && values.sex !== 'female'
            ? '--sex must be male or female'
            : undefined
  if (problem !== undefined) {
    io.stderr.write(`error: ${problem}\n\n${USAGE}`)
    return 2
  }
  return await runTerminalChat({
    url: values.url as string,
    token: values.token ?? io.env.TOKEN,
    input: io.stdin,
    output: io.stdout,
    interrupts: io.interrupts,
    patient: values.age === undefined ? undefined : { age: Number(values.age), sex: values.sex as 'male' | 'female' }
  })
}
