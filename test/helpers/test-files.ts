import { readdirSync } from 'node:fs'

/**
 * The fast suite runs as two processes, not one per file. Each process pays about 1.8 s of CPU
 * before its first test (tsx's and tap's module hooks, then fastify, TypeBox and ajv loaded through
 * them), which made 41 files cost 74 CPU-seconds before any test ran; two processes that import
 * the files in turn run the same tests in a third of the time, side by side (`npm run test:unit`
 * is `tap --jobs=2`: tap's default leaves a core free, which on two cores ran them one after the
 * other). The files do not share state: each builds its apps and fakes its clocks inside its own
 * tests and tears them down.
 *
 * Every `test/*.test.ts` runs in exactly one of the two: the plugin's side lists its files, the
 * reference server's side takes all the others, so a new file runs without being listed.
 * `npx tap test/foo.test.ts` still runs one file on its own.
 */
export const PLUGIN_SIDE: readonly string[] = [
  'client', 'conformance', 'contract', 'error-codes', 'example-kit', 'framework-errors', 'host-headers',
  'negotiation', 'openapi', 'options', 'public-api', 'readme', 'request-schemas', 'sse-framing',
  'stream-connection', 'stream-failures', 'stream-socket', 'terminal-chat', 'turn-run'
]

const TEST_DIR = new URL('../', import.meta.url)

/** The names (without `.test.ts`) of the fast suite's files, in a stable order. */
export function testFileNames (): string[] {
  return readdirSync(TEST_DIR).filter((file) => file.endsWith('.test.ts')).map((file) => file.slice(0, -'.test.ts'.length)).sort()
}

/** Imports one side's test files into this process; tap runs their tests one file after another. */
export async function importSide (side: 'plugin' | 'server'): Promise<void> {
  const names = testFileNames()
  const unknown = PLUGIN_SIDE.filter((name) => !names.includes(name))
  if (unknown.length > 0) throw new Error(`PLUGIN_SIDE names no test file: ${unknown.join(', ')}`)
  for (const name of names) {
    if (PLUGIN_SIDE.includes(name) === (side === 'plugin')) await import(new URL(`${name}.test.ts`, TEST_DIR).href)
  }
}
