import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import t from 'tap'
import { parsePythonList, readPatients } from '../server/interview/kb/ddxplus-patients.js'
import { createReferenceInterviewer } from '../server/interview/index.js'
import { compileKnowledgeBase } from '../server/interview/kb/compile.js'
import { ddxplusKnowledgeBase, findingKey, loadDdxplus, normalizeIcd10, readDdxplusRelease } from '../server/interview/kb/ddxplus.js'
import type { KbFinding } from '../server/interview/kb/model.js'

/** The DDXPlus release, read where it is kept beside the repository (never copied into it); DDXPLUS_DIR points elsewhere. */
const DDXPLUS = process.env.DDXPLUS_DIR ?? resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'ddxplus')
const PATIENTS = join(DDXPLUS, 'fr', 'release_validate_patients_sample588.csv')

t.test('the DDXPlus release becomes a valid knowledge base', async (t) => {
  const kb = await loadDdxplus(DDXPLUS)
  t.equal(kb.conditions.length, 49)
  t.equal(kb.codingSystem, 'ddxplus')
  const compiled = compileKnowledgeBase(kb)
  t.ok(compiled.findings.length > 223, `${compiled.findings.length} findings from 223 evidences`)
  const fever = kb.findings.find((finding) => finding.code === 'E_91') as KbFinding
  t.match(fever, { key: 'e_91', question: 'Do you have a fever (either felt or measured with a thermometer)?' })
  const location = kb.findings.find((finding) => finding.code === 'E_55') as KbFinding
  t.equal(location.multiple, true, 'pain location takes several answers')
  t.equal(location.parent, 'e_53', 'and is asked only after pain = yes')
  t.ok(location.options?.some((option) => option.label === 'nowhere' && option.present.length === 0), 'the default means none')
  const intensity = kb.findings.find((finding) => finding.code === 'E_56') as KbFinding
  t.same(intensity.options?.map((option) => option.label), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'])
  const travel = kb.findings.find((finding) => finding.code === 'E_204') as KbFinding
  t.equal(travel.antecedent, true)
  const pneumothorax = kb.conditions.find((condition) => condition.code === 'Spontaneous pneumothorax')
  t.match(pneumothorax, { icd10: 'J93', triage: 'emergency', specialist: 'Emergency Department' })
  const sle = kb.conditions.find((condition) => condition.code === 'SLE')
  t.equal(sle?.icd10, 'M32', 'SLE is M32, not the release\'s M34')
  for (const condition of kb.conditions) t.match(condition.icd10, /^[A-Z]\d{2}/, condition.code)
})

t.test('ICD-10 codes are normalised', async (t) => {
  t.equal(normalizeIcd10('j17, j18'), 'J17')
  t.equal(normalizeIcd10('g44.009'), 'G44.009')
  t.equal(normalizeIcd10('M34'), 'M32')
  t.equal(findingKey('E_55_V_123'), 'e_55_v_123')
})

t.test('patients are read in either release\'s codes', async (t) => {
  const french = await readPatients(PATIENTS, DDXPLUS)
  t.equal(french.length, 588)
  const first = french[0] as (typeof french)[number]
  t.match(first, { age: 76, sex: 'male', pathology: 'Pulmonary neoplasm', initial: 'E_66' })
  t.same(first.evidences.get('E_55'), ['V_123'])
  t.same(first.evidences.get('E_56'), ['0'])
  t.equal(first.differential.get('Pulmonary neoplasm'), 0.18713051060778488)

  const dir = await mkdtemp(join(tmpdir(), 'patients-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const english = join(dir, 'english.csv')
  await writeFile(english, 'AGE,DIFFERENTIAL_DIAGNOSIS,SEX,PATHOLOGY,EVIDENCES,INITIAL_EVIDENCE\n' +
    '30,"[[\'Spontaneous pneumothorax\', 0.9]]",F,Spontaneous pneumothorax,"[\'E_53\', \'E_56_@_7\', \'E_55_@_V_29\']",E_53\n')
  const [patient] = await readPatients(english, DDXPLUS)
  t.match(patient, { sex: 'female', pathology: 'Spontaneous pneumothorax', initial: 'E_53' })
  t.same(patient?.evidences.get('E_56'), ['7'])
  t.same(patient?.evidences.get('E_53'), [])
  const broken = join(dir, 'broken.csv')
  await writeFile(broken, 'AGE,DIFFERENTIAL_DIAGNOSIS,SEX,PATHOLOGY,EVIDENCES,INITIAL_EVIDENCE\n30,"[]",M,x,"[\'nonsense\']",nonsense\n')
  const oddValue = join(dir, 'odd.csv')
  await writeFile(oddValue, 'AGE,DIFFERENTIAL_DIAGNOSIS,SEX,PATHOLOGY,EVIDENCES,INITIAL_EVIDENCE\n30,"[]",M,x,"[\'douleurxx_carac_@_inconnu\']",fievre\n')
  t.same((await readPatients(oddValue, DDXPLUS))[0]?.evidences.get('E_54'), ['inconnu'], 'a value the code map does not know is kept as it is')
  await t.rejects(readPatients(broken, DDXPLUS), /unknown evidence nonsense/)
  t.same(parsePythonList("[['l\\'a', 0.5]]"), [["l'a", 0.5]])
})

t.test('the interviewer works the DDXPlus way: its questions, answered with yes/no, a number or option names', async (t) => {
  const interviewer = await createReferenceInterviewer(`ddxplus:${DDXPLUS}`)
  t.same(interviewer.capabilities.codingSystems, ['ddxplus'])
  let state = interviewer.begin({ patient: { age: 30, sex: 'male' }, personality: 'professional', language: 'en', codingSystem: 'ddxplus' })
  let outcome = interviewer.answer(state, { input: 'E_53', forceDiagnose: false })
  t.same(outcome.findings.map((finding) => [finding.concept.id, finding.status, finding.is_chief]), [['E_53', 'present', true]])
  if (outcome.reply.type === 'message') t.notMatch(outcome.reply.content, /^Noted:/, 'a finding named by a question is not echoed back')
  state = outcome.state
  // Ask about pain location directly: a multi-choice question with several answers at once.
  state.pending = 'e_55'
  state.asked.push('e_55')
  outcome = interviewer.answer(state, { input: 'lower chest, side of the chest(R)', forceDiagnose: false })
  const present = outcome.findings.filter((finding) => finding.status === 'present').map((finding) => finding.concept.id)
  t.ok(present.includes('E_55_@_V_29') && present.includes('E_55_@_V_55'), present.join(', '))
  state = outcome.state
  state.pending = 'e_56'
  state.asked.push('e_56')
  outcome = interviewer.answer(state, { input: '7', forceDiagnose: false })
  t.ok(outcome.findings.some((finding) => finding.concept.id === 'E_56_@_7' && finding.status === 'present'))
  t.equal(outcome.reply.type, 'message')
  if (outcome.reply.type === 'message') t.match(outcome.reply.content, /\?/)
  const diagnosis = interviewer.answer(outcome.state, { forceDiagnose: true })
  t.equal(diagnosis.reply.type, 'diagnosis')
  if (diagnosis.reply.type === 'diagnosis') t.ok(diagnosis.reply.diagnosis.diseases.length > 1, 'a differential, not one condition')
})

t.test('with a patients file, the knowledge base learns what reference differentials keep', async (t) => {
  const kb = await loadDdxplus(DDXPLUS, PATIENTS)
  t.equal(kb.differentialQuestions?.length, 5, `differential questions: ${kb.differentialQuestions?.join(', ')}`)
  for (const key of kb.differentialQuestions ?? []) {
    const finding = kb.findings.find((candidate) => candidate.key === key)
    t.ok(finding !== undefined && finding.options === undefined && finding.parent === undefined, `${key} is a yes/no question that stands alone`)
  }
  t.equal(kb.differentialWeight, undefined, 'the differential comes from what is kept, not from a lighter posterior')
  t.equal(kb.conditions.filter((condition) => condition.kept !== undefined).length, 49)
  const tuberculosis = kb.conditions.find((condition) => condition.code === 'Tuberculosis')
  t.ok(Object.keys(tuberculosis?.companions ?? {}).length > 3, 'tuberculosis keeps several companions')

  const interviewer = await createReferenceInterviewer(`ddxplus:${DDXPLUS}`, PATIENTS)
  let state = interviewer.begin({ patient: { age: 40, sex: 'male' }, personality: 'professional', language: 'en', codingSystem: 'ddxplus' })
  let outcome = interviewer.answer(state, { input: 'E_201', forceDiagnose: false })
  const asked: string[] = []
  while (outcome.reply.type === 'message') {
    state = outcome.state
    asked.push(state.pending as string)
    outcome = interviewer.answer(state, { input: 'no', forceDiagnose: false })
  }
  const questions = (kb.differentialQuestions ?? []).filter((key) => key !== 'e_201')
  t.same(questions.filter((key) => !asked.includes(key)), [], `every differential question was asked before the diagnosis: ${asked.join(', ')}`)
  t.ok(outcome.reply.diagnosis.diseases.length > 2, `a differential: ${outcome.reply.diagnosis.diseases.map((disease) => disease.concept.id).join(', ')}`)

  await t.rejects(loadDdxplus(DDXPLUS, join(DDXPLUS, 'nowhere.csv')), /DDXPLUS_DIFFERENTIALS: cannot read the patients file .*nowhere\.csv/)
  await t.rejects(createReferenceInterviewer('builtin', PATIENTS), /DDXPLUS_DIFFERENTIALS needs ENGINE_KB=ddxplus:<dir>/)
})

t.test('a DDXPlus folder that is missing or inconsistent fails with a clear message', async (t) => {
  await t.rejects(loadDdxplus(join(DDXPLUS, 'nowhere')), /ENGINE_KB: cannot read the DDXPlus file en\/release_evidences\.json/)
  const release = await readDdxplusRelease(DDXPLUS)
  const unknownCondition = { ...release, stats: { ...release.stats, 'Maladie inconnue': { prior: 0.1, findings: {} } } }
  t.throws(() => ddxplusKnowledgeBase(unknownCondition), /no English condition for "Maladie inconnue"/)
  const [french, stats] = Object.entries(release.stats)[0] as [string, (typeof release.stats)[string]]
  const unknownEvidence = { ...release, stats: { [french]: { ...stats, findings: { inconnue: 0.5 } } } }
  t.throws(() => ddxplusKnowledgeBase(unknownEvidence), /unknown evidence "inconnue"/)
  const unknownValue = { ...release, stats: { [french]: { ...stats, findings: { douleurxx_endroitducorps: { inconnu: 0.5, nulle_part: 0.5 } } } } }
  t.same(Object.keys(ddxplusKnowledgeBase(unknownValue).conditions[0]?.findings ?? {}), [], 'unknown and default values carry no finding')
  const evidences = structuredClone(release.evidences)
  delete (evidences.E_55 as { value_meaning: Record<string, unknown> }).value_meaning.V_29
  const location = ddxplusKnowledgeBase({ ...release, evidences }).findings.find((finding) => finding.code === 'E_55')
  t.ok(location?.options?.some((option) => option.label === 'V_29'), 'a value without a meaning is labelled by its code')
  const badSeverity = { ...release, conditions: Object.fromEntries(Object.entries(release.conditions).map(([name, condition]) => [name, { ...condition, severity: 9 }])) }
  t.equal(ddxplusKnowledgeBase(badSeverity).conditions[0]?.triage, 'consultation')
})
