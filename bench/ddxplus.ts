/**
 * `npm run bench:ddxplus -- --patients <csv> [--kb <dir>] [--limit N] [--max-turns 30] [--json] [--http]
 *   [--differentials <csv|none>] [--folds 12]`
 *
 * The DDXPlus protocol: the interviewer gets age, sex and the patient's initial evidence, asks
 * one evidence per turn, and the simulated patient answers from its evidence list (anything
 * not listed is no, or the evidence's default value); at most `--max-turns` questions, then
 * the differential. Metrics as in the DDXPlus paper: IL, GTPA@1/3/5, DDR/DDP/DDF1 (both
 * differentials cut at 0.01) and PER. With --http the same patients play through the real API
 * of a spawned server.
 *
 * The engine learns which conditions a differential keeps from the reference differentials of
 * `--differentials` (by default the patients file itself). Learning from the patients it is
 * measured on would flatter it, so then it is cross-validated: the patients are split into
 * `--folds` folds, and each fold is played by an engine that learned from the others.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { ReferenceInterviewer } from '../server/interview/index.js'
import { compileKnowledgeBase } from '../server/interview/kb/compile.js'
import { ddxplusKnowledgeBase, findingKey, questionCandidates, readDdxplusRelease } from '../server/interview/kb/ddxplus.js'
import { DIFFERENTIAL_CUT, keptBy, learnDifferentials } from '../server/interview/kb/ddxplus-differentials.js'
import { readPatients, type Patient } from '../server/interview/kb/ddxplus-patients.js'
import type { KbFinding } from '../server/interview/kb/model.js'
import type { DiagnosisOutput } from '../schemas/diagnosis.js'

const USAGE = 'usage: npm run bench:ddxplus -- --patients <csv> [--kb <dir>] [--limit N] [--max-turns 30] [--json] [--http] [--differentials <csv|none>] [--folds 12]\n'
const { values: flags } = parseArgs({
  options: {
    patients: { type: 'string' },
    kb: { type: 'string' },
    limit: { type: 'string' },
    'max-turns': { type: 'string', default: '30' },
    json: { type: 'boolean', default: false },
    http: { type: 'boolean', default: false },
    concurrency: { type: 'string', default: '8' },
    differentials: { type: 'string' },
    folds: { type: 'string', default: '12' }
  }
})
if (flags.patients === undefined) {
  process.stderr.write(USAGE)
  process.exit(2)
}
const patientsFile = resolve(flags.patients)
const kbDir = resolve(flags.kb ?? [dirname(patientsFile), join(dirname(patientsFile), '..')].find((dir) => existsSync(join(dir, 'fr_en_code_map.json'))) ?? '.')
const maxTurns = Number(flags['max-turns'])
const differentials = flags.differentials === 'none' ? undefined : resolve(flags.differentials ?? patientsFile)
const folds = differentials === patientsFile ? Number(flags.folds) : 1
if (flags.http && folds > 1) {
  process.stderr.write('--http plays one server, which learns from the whole --differentials file: add --folds 1 (or --differentials none, or another file)\n')
  process.exit(2)
}
const learning = differentials === undefined
  ? 'none'
  : differentials !== patientsFile ? differentials : folds > 1 ? `cross-validated, ${folds} folds` : 'in-sample'

const release = await readDdxplusRelease(kbDir)
const kb = ddxplusKnowledgeBase(release)
const findingsByKey = new Map(kb.findings.map((finding) => [finding.key, finding]))
const allPatients = await readPatients(patientsFile, kbDir)
const foldOf = new Map(allPatients.map((patient, index) => [patient, index % folds]))
const patients = flags.limit === undefined ? allPatients : allPatients.slice(0, Number(flags.limit))

/** One interviewer per fold, each learning from the patients outside its fold. */
const teachers = differentials === undefined ? undefined : differentials === patientsFile ? allPatients : await readPatients(differentials, kbDir)
const interviewers = Array.from({ length: folds }, (_, fold) => {
  if (teachers === undefined) return new ReferenceInterviewer(compileKnowledgeBase(kb))
  const taught = teachers.filter((patient) => folds === 1 || foldOf.get(patient) !== fold)
  return new ReferenceInterviewer(compileKnowledgeBase(ddxplusKnowledgeBase(release, learnDifferentials(taught, questionCandidates(release)))))
})

/** What the patient says to the question about `key` (an evidence's finding key). */
function answer (patient: Patient, key: string): string {
  const finding = findingsByKey.get(key) as KbFinding
  const values = patient.evidences.get(finding.code)
  if (finding.options === undefined) return values === undefined ? 'no' : 'yes'
  const labels = finding.options.filter((option) => option.present.some((present) => values?.some((value) => findingKey(`${finding.code}_${value}`) === present)))
  const chosen = labels.length > 0 ? labels : finding.options.filter((option) => option.present.length === 0)
  return chosen.map((option) => option.label).join(', ')
}

interface Played { diagnosis: DiagnosisOutput, asked: string[] }

function playInProcess (patient: Patient): Played {
  const interviewer = interviewers[foldOf.get(patient) as number] as ReferenceInterviewer
  let state = interviewer.begin({ patient: { age: patient.age, sex: patient.sex }, personality: 'professional', language: 'en', codingSystem: 'ddxplus', maxQuestions: Math.min(maxTurns, 99) })
  let input = patient.initial
  const asked: string[] = []
  for (;;) {
    const outcome = interviewer.answer(state, { input, forceDiagnose: false })
    state = outcome.state
    if (outcome.reply.type === 'diagnosis') return { diagnosis: outcome.reply.diagnosis, asked }
    const key = state.pending as string
    asked.push(key)
    input = answer(patient, key)
  }
}

/** The question texts of the evidences (not of their option findings), longest first: which evidence a message asks about. */
const questions = kb.findings
  .filter((finding) => !finding.code.includes('_@_'))
  .map((finding) => ({ text: finding.question, key: finding.key }))
  .sort((a, b) => b.text.length - a.text.length)

async function playOverHttp (port: number, patient: Patient): Promise<Played> {
  const headers = { authorization: 'Bearer bench-token-0123456789', 'content-type': 'application/json' }
  const post = async (path: string, body: unknown): Promise<any> => (await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers, body: JSON.stringify(body) })).json()
  const conversation = await post('/v1/conversations', { patient: { age: patient.age, sex: patient.sex }, coding_system: 'ddxplus', max_questions: Math.min(maxTurns, 99) })
  let input = patient.initial
  const asked: string[] = []
  for (;;) {
    const response = await post('/v1/chats', { conversation_id: conversation.id, input })
    if (response.output.type === 'diagnosis') return { diagnosis: response.output, asked }
    const key = questions.find((question) => response.output.content.includes(question.text))?.key as string
    asked.push(key)
    input = answer(patient, key)
  }
}

function score (patient: Patient, played: Played): Record<string, number> {
  const ranked = played.diagnosis.diseases.map((disease) => disease.concept.id)
  const rank = ranked.indexOf(patient.pathology)
  const predicted = new Set(played.diagnosis.diseases.filter((disease) => disease.likelihood >= DIFFERENTIAL_CUT).map((disease) => disease.concept.id))
  const truth = keptBy(patient)
  const hits = [...predicted].filter((name) => truth.has(name)).length
  const ddr = truth.size === 0 ? 0 : hits / truth.size
  const ddp = predicted.size === 0 ? 0 : hits / predicted.size
  const positives = [...patient.evidences.keys()].filter((code) => code !== patient.initial)
  const askedCodes = new Set(played.asked.map((key) => (findingsByKey.get(key) as KbFinding).code))
  return {
    il: played.asked.length,
    gtpa1: rank === 0 ? 1 : 0,
    gtpa3: rank >= 0 && rank < 3 ? 1 : 0,
    gtpa5: rank >= 0 && rank < 5 ? 1 : 0,
    ddr,
    ddp,
    ddf1: ddr + ddp === 0 ? 0 : 2 * ddr * ddp / (ddr + ddp),
    per: positives.length === 0 ? 1 : positives.filter((code) => askedCodes.has(code)).length / positives.length
  }
}

async function startServer (): Promise<{ port: number, stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: '0', DATABASE_URL: 'memory:', API_TOKENS: 'bench:bench-token-0123456789', ENGINE_KB: `ddxplus:${kbDir}`, ...(differentials === undefined ? {} : { DDXPLUS_DIFFERENTIALS: differentials }), LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '100000000' },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  let output = ''
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => { output += chunk })
  while (!/Server listening at http:\/\/127\.0\.0\.1:(\d+)/.test(output)) await once(child.stdout, 'data')
  // Request logs follow: keep reading so the server never blocks on a full pipe.
  return { port: Number(/127\.0\.0\.1:(\d+)/.exec(output)?.[1]), stop: () => child.kill('SIGTERM') }
}

const started = performance.now()
const scores: Array<Record<string, number>> = []
const progress = (): void => {
  if (process.stderr.isTTY === true && !flags.json) process.stderr.write(`\r${scores.length}/${patients.length} patients`)
}
if (flags.http) {
  const server = await startServer()
  let next = 0
  await Promise.all(Array.from({ length: Number(flags.concurrency) }, async () => {
    while (next < patients.length) {
      const patient = patients[next++] as Patient
      scores.push(score(patient, await playOverHttp(server.port, patient)))
      progress()
    }
  }))
  server.stop()
} else {
  for (const patient of patients) {
    scores.push(score(patient, playInProcess(patient)))
    progress()
  }
}
const mean = (field: string): number => scores.reduce((sum, entry) => sum + (entry[field] as number), 0) / scores.length
const result = {
  patients: scores.length,
  il: Number(mean('il').toFixed(2)),
  gtpa1: Number(mean('gtpa1').toFixed(4)),
  gtpa3: Number(mean('gtpa3').toFixed(4)),
  gtpa5: Number(mean('gtpa5').toFixed(4)),
  ddr: Number(mean('ddr').toFixed(4)),
  ddp: Number(mean('ddp').toFixed(4)),
  ddf1: Number(mean('ddf1').toFixed(4)),
  per: Number(mean('per').toFixed(4)),
  seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
  path: flags.http ? 'http' : 'in-process',
  differentials: learning
}
if (flags.json) {
  process.stdout.write(JSON.stringify(result) + '\n')
} else {
  if (process.stderr.isTTY === true) process.stderr.write('\n')
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`
  process.stdout.write([
    `DDXPlus, ${result.patients} patients (${result.path}), at most ${maxTurns} questions, ${result.seconds} s`,
    `  differentials learned: ${learning}`,
    `  IL     ${result.il} questions`,
    `  GTPA@1 ${pct(result.gtpa1)}   GTPA@3 ${pct(result.gtpa3)}   GTPA@5 ${pct(result.gtpa5)}`,
    `  DDR    ${pct(result.ddr)}   DDP ${pct(result.ddp)}   DDF1 ${pct(result.ddf1)}`,
    `  PER    ${pct(result.per)}`
  ].join('\n') + '\n')
}
