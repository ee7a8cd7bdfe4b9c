/**
 * `npm run lint:openapi`: writes the OpenAPI documents the reference server serves to a
 * temporary folder and lints each with Redocly CLI (recommended rules) and Spectral
 * (`spectral:oas`). Fails on any error or warning. Prints TAP, one test per document, and tap's
 * closing summary line, which `.ci/run` counts. Both linters run through `npx`, pinned: they
 * are large and needed only here, so they are not dependencies of the project.
 */
import { spawnSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Fastify from 'fastify'
import { OPENAPI_PATHS, OPENAPI_VERSIONS } from '../plugin/openapi.js'
import serverApp from '../server/app.js'
import { loadConfig } from '../server/config.js'
import { createReferenceInterviewer } from '../server/interview/index.js'
import { MemoryStore } from '../server/store/memory.js'
import { TokenRegistry } from '../server/tokens.js'

const REDOCLY = '@redocly/cli@2.77.0'
const SPECTRAL = '@stoplight/spectral-cli@6.16.3'

function run (command: string[]): { status: number, stdout: string } {
  const result = spawnSync('npx', ['--yes', ...command], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  return { status: result.status ?? 1, stdout: result.stdout }
}

const dir = await mkdtemp(join(tmpdir(), 'openapi-lint-'))
const app = Fastify()
let failed = 0
process.stdout.write(`TAP version 14\n1..${OPENAPI_VERSIONS.length}\n`)
try {
  await app.register(serverApp, {
    config: loadConfig([], {}).config,
    tokens: new TokenRegistry([['lint', 'lint-token-0123456789abcdef']]),
    store: new MemoryStore(),
    interviewer: await createReferenceInterviewer()
  })
  const ruleset = join(dir, '.spectral.json')
  await writeFile(ruleset, JSON.stringify({ extends: ['spectral:oas'] }))
  for (const version of OPENAPI_VERSIONS) {
    const file = join(dir, OPENAPI_PATHS[version].split('/').at(-1) as string)
    await writeFile(file, (await app.inject({ url: OPENAPI_PATHS[version] })).body)

    const redocly = run([REDOCLY, 'lint', '--format=json', file])
    const totals = (JSON.parse(redocly.stdout) as { totals: { errors: number, warnings: number } }).totals
    const spectral = run([SPECTRAL, 'lint', '--ruleset', ruleset, '--fail-severity=warn', '--format=text', file])
    const clean = totals.errors === 0 && totals.warnings === 0 && spectral.status === 0
    if (!clean) failed++
    const number = OPENAPI_VERSIONS.indexOf(version) + 1
    process.stdout.write(`${clean ? 'ok' : 'not ok'} ${number} - ${OPENAPI_PATHS[version]} (OpenAPI ${version}): redocly ${totals.errors} errors, ${totals.warnings} warnings; spectral ${spectral.status === 0 ? 'clean' : 'problems'}\n`)
    if (!clean) process.stdout.write((redocly.stdout + spectral.stdout).replace(/^/gm, '# '))
  }
} finally {
  await app.close()
  await rm(dir, { recursive: true, force: true })
}
const total = OPENAPI_VERSIONS.length
process.stdout.write(`# { total: ${total}, pass: ${total - failed}${failed > 0 ? `, fail: ${failed}` : ''} }\n`)
process.exitCode = failed === 0 ? 0 : 1
