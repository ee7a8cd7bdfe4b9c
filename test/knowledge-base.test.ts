import t from 'tap'
import { compileKnowledgeBase, DEFAULT_BACKGROUND } from '../server/interview/kb/compile.js'
import { STARTER_KB } from '../server/interview/kb/starter.js'
import { ReferenceInterviewer, type InterviewState } from '../server/interview/interviewer.js'
import { PRESENTATIONS } from './fixtures/presentations.js'
import { VIGNETTES, type Vignette } from './fixtures/vignettes.js'
import { SimulatedPatient } from './helpers/patient.js'

/** A finding listed for at least this many conditions occurs across the body, not in one disease. */
const COMMON_IN = 8
/** ...so where it is not listed it is not near-impossible: its background is at least its median likelihood over this. */
const MAX_SWING = 20

t.test('a finding common across conditions is not near-impossible in the others, so one answer does not decide the differential', async (t) => {
  for (const finding of STARTER_KB.findings) {
    const listed = STARTER_KB.conditions.flatMap((condition) => condition.findings[finding.key] ?? []).sort((a, b) => a - b)
    if (listed.length < COMMON_IN) continue
    const median = listed[Math.floor(listed.length / 2)] as number
    const background = finding.background ?? DEFAULT_BACKGROUND
    t.ok(median / background <= MAX_SWING, `${finding.key}: listed for ${listed.length} conditions (median ${median}), background ${background}`)
  }
})

t.test('codes: one SNOMED CT concept per condition, ICD-10 for every condition', async (t) => {
  const codes = new Map<string, string>()
  for (const condition of STARTER_KB.conditions) {
    t.match(condition.code, /^\d{6,18}$/, `${condition.key} has a SNOMED CT concept id`)
    t.notOk(codes.has(condition.code), `${condition.key} shares its code with ${codes.get(condition.code) ?? 'none'}`)
    codes.set(condition.code, condition.key)
    t.ok(condition.icd10, `${condition.key} has an ICD-10 code`)
  }
  for (const finding of STARTER_KB.findings) t.match(finding.code, /^\d{6,18}$/, `${finding.key} has a SNOMED CT concept id`)
})

t.test('every finding is used, and every emergency has something to screen for', async (t) => {
  const used = new Set(STARTER_KB.conditions.flatMap((condition) => Object.keys(condition.findings)))
  const anchors = new Set(STARTER_KB.findings.filter((finding) => finding.options !== undefined).map((finding) => finding.key))
  for (const finding of STARTER_KB.findings) t.ok(used.has(finding.key) || anchors.has(finding.key), `${finding.key} is used by a condition`)
  // A red flag, or a fact that tells (pregnant, back from the tropics), shown in at least 30 % of cases.
  const telling = new Set(STARTER_KB.findings.filter((finding) => finding.redFlag === true || finding.antecedent === true).map((finding) => finding.key))
  for (const condition of STARTER_KB.conditions.filter((c) => c.triage === 'emergency')) {
    const flags = Object.entries(condition.findings).filter(([key, p]) => telling.has(key) && p >= 0.3)
    t.ok(flags.length > 0, `${condition.key} has a red flag or a telling fact it shows in at least 30 % of cases`)
  }
})

const kb = compileKnowledgeBase(STARTER_KB)
const interviewer = new ReferenceInterviewer(kb)
const SEVERITY = { emergency: 0, urgent: 1, consultation: 2, self_care: 3 } as const

function play (vignette: Vignette): { ranked: string[], triage: keyof typeof SEVERITY } {
  const patient = new SimulatedPatient(vignette, STARTER_KB)
  let state: InterviewState = interviewer.begin({ patient: { age: vignette.age, sex: vignette.sex }, personality: 'professional', language: 'en', codingSystem: 'snomed' })
  let input = vignette.opening
  for (;;) {
    const outcome = interviewer.answer(state, { input, forceDiagnose: false })
    if (outcome.reply.type === 'diagnosis') {
      const { diseases, recommendation } = outcome.reply.diagnosis
      return { ranked: diseases.map((disease) => STARTER_KB.conditions.find((condition) => condition.code === disease.concept.id)?.key ?? ''), triage: recommendation.triage }
    }
    state = outcome.state
    input = patient.answer(outcome.reply.content)
  }
}

t.test('each added condition, presented as a patient would, is found and triaged no lower than it should be', async (t) => {
  let inTop3 = 0
  for (const presentation of PRESENTATIONS) {
    const { ranked, triage } = play(presentation)
    const rank = ranked.indexOf(presentation.condition)
    if (rank >= 0 && rank < 3) inTop3++
    else t.comment(`${presentation.condition}: not in the top 3 (${ranked.slice(0, 3).join(', ')})`)
    const expected = (STARTER_KB.conditions.find((condition) => condition.key === presentation.condition) as { triage: keyof typeof SEVERITY }).triage
    if (expected === 'emergency' || expected === 'urgent') t.ok(SEVERITY[triage] <= SEVERITY[expected], `${presentation.condition} (${expected}) is triaged ${triage}`)
  }
  t.ok(inTop3 / PRESENTATIONS.length >= 0.9, `${inTop3} of ${PRESENTATIONS.length} have the true condition in the top 3`)
})

t.test('every condition has a vignette or a presentation', async (t) => {
  const covered = new Set([...VIGNETTES, ...PRESENTATIONS].map((vignette) => vignette.condition))
  for (const condition of STARTER_KB.conditions) t.ok(covered.has(condition.key), condition.key)
})
