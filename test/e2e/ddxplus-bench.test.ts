import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import t from 'tap'
import { ddxplusRelease, PATIENTS_PER_CONDITION } from '../fixtures/ddxplus-release.js'
import { childEnv } from '../helpers/process.js'

/** Runs `npm run bench:ddxplus` with `args` and returns its --json result. */
async function bench (args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'bench:ddxplus', '--', '--json', ...args], { env: childEnv() })
  return JSON.parse(stdout)
}

const RATES = ['gtpa1', 'gtpa3', 'gtpa5', 'ddr', 'ddp', 'ddf1', 'per']

t.test('the DDXPlus benchmark replays a release\'s patients in process, cross-validated', async (t) => {
  const release = await ddxplusRelease(t)
  const result = await bench(['--patients', release.patients, '--folds', '2'])
  t.match(result, { patients: release.conditions.length * PATIENTS_PER_CONDITION, path: 'in-process', differentials: 'cross-validated, 2 folds' })
  for (const rate of RATES) t.ok((result[rate] as number) >= 0 && (result[rate] as number) <= 1, `${rate} ${String(result[rate])} is a rate`)
  t.ok((result.gtpa3 as number) >= (result.gtpa1 as number) && (result.gtpa5 as number) >= (result.gtpa3 as number), 'top 5 holds top 3 holds top 1')
  // Four conditions with findings of their own: the engine tells them apart.
  t.ok((result.gtpa1 as number) >= 0.75, `GTPA@1 ${String(result.gtpa1)}`)
  t.ok((result.il as number) > 0 && (result.il as number) <= 30, `${String(result.il)} questions a patient`)

  const alone = await bench(['--patients', release.patients, '--differentials', 'none', '--limit', '6', '--max-turns', '3'])
  t.match(alone, { patients: 6, differentials: 'none' })
  t.ok((alone.il as number) <= 3, 'at most --max-turns questions')
})

t.test('the DDXPlus benchmark plays the same patients through the API of a spawned server', async (t) => {
  const release = await ddxplusRelease(t)
  const result = await bench(['--patients', release.patients, '--folds', '1', '--http', '--limit', '8'])
  t.match(result, { patients: 8, path: 'http', differentials: 'in-sample' })
  const inProcess = await bench(['--patients', release.patients, '--folds', '1', '--limit', '8'])
  t.same({ ...result, seconds: 0, path: '' }, { ...inProcess, seconds: 0, path: '' }, 'the same interviews, whichever the path')
})

t.test('the DDXPlus benchmark says how to call it', async (t) => {
  await t.rejects(bench([]), { code: 2, stderr: /usage: npm run bench:ddxplus -- --patients <csv>/ })
  const release = await ddxplusRelease(t)
  await t.rejects(bench(['--patients', release.patients, '--http']), { code: 2, stderr: /--http plays one server/ })
})
