/**
 * `npm run bench:vignettes [-- --json] [--only <condition or id>] [--trace] [--in-process]`: the development vignettes
 * (test/fixtures/vignettes-dev.ts), each played through the HTTP API (Fastify's `inject`, the
 * full request path without a socket) by a simulated patient that answers only from the
 * vignette's facts and "I don't know" otherwise. Reports top-1, top-3, triage exact, under- and
 * over-triage (and emergencies under-triaged), then lists every failure. `--in-process` plays
 * the interviewer without the HTTP layer (what the fast test does; same replies); `--trace`
 * prints each conversation. See bench/README.md.
 */
import { parseArgs } from 'node:util'
import { createReferenceInterviewer } from '../server/interview/index.js'
import { STARTER_KB } from '../server/interview/kb/starter.js'
import { DEV_VIGNETTES } from '../test/fixtures/vignettes-dev.js'
import { PATIENT_CONCEPTS } from '../test/fixtures/patient-concepts.js'
import { questionMeanings } from '../test/helpers/patient.js'
import { buildVignetteApp, inProcess, overHttp, playVignette, score, TRIAGE_ORDER, type VignetteResult } from '../test/helpers/play.js'

const { values: flags } = parseArgs({ options: { json: { type: 'boolean', default: false }, only: { type: 'string' }, 'in-process': { type: 'boolean', default: false }, trace: { type: 'boolean', default: false } } })
const vignettes = flags.only === undefined ? DEV_VIGNETTES : DEV_VIGNETTES.filter((vignette) => vignette.condition === flags.only || vignette.id === flags.only)

const app = await buildVignetteApp()
const consult = flags['in-process'] ? inProcess(await createReferenceInterviewer()) : overHttp(app)
const meanings = questionMeanings(STARTER_KB)
const results: VignetteResult[] = []
const started = performance.now()
for (const vignette of vignettes) results.push(await playVignette(consult, STARTER_KB, vignette, meanings, flags.trace ? (line) => process.stdout.write(line + '\n') : undefined))
const elapsedMs = performance.now() - started
await app.close()

const total = score(results)
const known = new Set(STARTER_KB.conditions.map((condition) => condition.key))
const kbCodes = new Set(STARTER_KB.findings.map((finding) => finding.code))
const missingConditions = [...new Set(vignettes.map((vignette) => vignette.condition))].filter((key) => !known.has(key))
const unaskable = [...new Set(vignettes.flatMap((vignette) => [...vignette.present, ...vignette.absent]))]
  .filter((name) => !(PATIENT_CONCEPTS[name] ?? []).some((code) => kbCodes.has(code))).sort()
const percent = (count: number, of: number): string => `${count}/${of} (${of === 0 ? 0 : Math.round(count / of * 1000) / 10} %)`
const level = (triage: string | undefined): number => triage === undefined ? TRIAGE_ORDER.length : TRIAGE_ORDER.indexOf(triage as typeof TRIAGE_ORDER[number])
const failures = results.filter((result) => result.rank < 0 || result.rank >= 3 || result.triage !== result.vignette.triage)

if (flags.json) {
  process.stdout.write(JSON.stringify({ ...total, elapsedMs: Math.round(elapsedMs), missingConditions, unaskable }) + '\n')
} else {
  const lines = [
    `development vignettes: ${total.cases} cases, ${new Set(vignettes.map((vignette) => vignette.condition)).size} conditions, played ${flags['in-process'] ? 'in-process' : 'over HTTP (inject)'} in ${Math.round(elapsedMs)} ms`,
    `  top-1                 ${percent(total.top1, total.cases)}`,
    `  top-3                 ${percent(total.top3, total.cases)}`,
    `  triage exact          ${percent(total.triageExact, total.cases)}`,
    `  under-triaged         ${percent(total.underTriaged, total.cases)}   emergencies under-triaged ${total.emergenciesUnderTriaged}/${total.emergencies}`,
    `  over-triaged          ${percent(total.overTriaged, total.cases)}`,
    `  conditions not in the knowledge base: ${missingConditions.length === 0 ? 'none' : missingConditions.join(', ')}`,
    `  facts no question can reach (no finding with their concept): ${unaskable.length === 0 ? 'none' : unaskable.join(', ')}`,
    '',
    `failures (${failures.length}): id | expected triage -> advised | rank | top 3 | answers`
  ]
  for (const result of failures) {
    const triage = result.triage === result.vignette.triage ? 'ok' : `${result.vignette.triage} -> ${result.triage ?? 'none'}${level(result.triage) > level(result.vignette.triage) ? ' UNDER' : ''}`
    lines.push(`  ${result.vignette.id} | ${triage} | ${result.rank < 0 ? 'absent' : result.rank + 1} | ${result.top.join(', ')} | ${result.answers}`)
  }
  process.stdout.write(lines.join('\n') + '\n')
}
