import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { parsePythonList, readPatients } from '../server/interview/kb/ddxplus-patients.js'
import { createReferenceInterviewer } from '../server/interview/index.js'
import { compileKnowledgeBase } from '../server/interview/kb/compile.js'
import { ddxplusKnowledgeBase, findingKey, loadDdxplus, normalizeIcd10, questionCandidates, readDdxplusRelease } from '../server/interview/kb/ddxplus.js'
import type { KbFinding } from '../server/interview/kb/model.js'
import { ddxplusRelease, PATIENTS_PER_CONDITION } from './fixtures/ddxplus-release.js'
import { denyEverything } from './helpers/ddxplus-interview.js'

// The synthetic release of test/fixtures/ddxplus-release.ts; the real one is tested in test/e2e/ddxplus-release.test.ts.

t.test('a DDXPlus release becomes a valid knowledge base', async (t) => {
  const release = await ddxplusRelease(t)
  const kb = await loadDdxplus(release.dir)
  t.same(kb.conditions.map((condition) => condition.code).sort(), [...release.conditions].sort())
  t.equal(kb.codingSystem, 'ddxplus')
  const compiled = compileKnowledgeBase(kb)
  t.equal(compiled.findings.length, kb.findings.length)
  const byCode = (code: string) => kb.findings.find((finding) => finding.code === code) as KbFinding
  t.match(byCode('E_91'), { key: 'e_91', question: 'Do you have a fever (either felt or measured with a thermometer)?', synonyms: ['E_91'] })
  t.notOk('options' in byCode('E_91'), 'a yes/no evidence is one finding')
  const location = byCode('E_55')
  t.equal(location.multiple, true, 'pain location takes several answers')
  t.equal(location.parent, 'e_53', 'and is asked only after pain = yes')
  t.same(location.options?.map((option) => [option.label, option.present]),
    [['nowhere', []], ['lower chest', ['e_55_v_29']], ['side of the chest(R)', ['e_55_v_55']], ['upper chest', ['e_55_v_101']]], 'the default means none')
  t.match(byCode('E_55_@_V_55'), { key: 'e_55_v_55', term: 'Do you feel pain somewhere? side of the chest(R)', question: 'Do you feel pain somewhere?' })
  t.notOk(kb.findings.some((finding) => finding.code === 'E_55_@_V_123'), 'the default value is no finding')
  const intensity = byCode('E_56')
  t.same(intensity.options?.map((option) => option.label), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'])
  t.equal(intensity.multiple, undefined, 'a scale takes one answer')
  t.equal(byCode('E_130').multiple, undefined, 'so does a categorical evidence')
  t.equal(byCode('E_130').parent, 'e_129')
  t.equal(byCode('E_204').antecedent, true)
  t.equal(byCode('E_69').parent, undefined, 'an evidence whose parent the release lacks stands alone')
  t.same(questionCandidates(await readDdxplusRelease(release.dir)).sort(), ['E_129', 'E_181', 'E_201', 'E_53', 'E_66', 'E_69', 'E_77', 'E_79', 'E_89', 'E_91'],
    'yes/no evidences that stand alone may become differential questions')

  const condition = (code: string) => kb.conditions.find((candidate) => candidate.code === code)
  t.match(condition('Spontaneous pneumothorax'), { key: 'spontaneous_pneumothorax', icd10: 'J93', triage: 'emergency', specialist: 'Emergency Department', prevalence: 0.2 })
  t.match(condition('Pneumonia'), { icd10: 'J17', triage: 'urgent', specialist: 'General Practitioner' })
  t.match(condition('SLE'), { icd10: 'M32', triage: 'consultation' }, 'SLE is M32, not the release\'s M34')
  t.match(condition('URTI'), { icd10: 'J06.9', triage: 'self_care' })
  const pneumothorax = condition('Spontaneous pneumothorax')?.findings ?? {}
  t.equal(pneumothorax.e_53, 1 - 1e-6, 'a certainty is clamped below 1')
  t.equal(pneumothorax.e_55_v_55, 0.8, 'a value\'s likelihood is its option finding\'s')
  t.equal(pneumothorax.e_56_7, 0.5, 'a scale value is read as a number')
  t.notOk('e_55_v_123' in pneumothorax || 'e_56_0' in pneumothorax || 'e_54_v_11' in pneumothorax, 'default values carry no likelihood')
  t.equal(kb.differentialWeight, 0.5, 'without learned companions, the differential is a lighter posterior')
})

t.test('ICD-10 codes are normalised', async (t) => {
  t.equal(normalizeIcd10('j17, j18'), 'J17')
  t.equal(normalizeIcd10('g44.009'), 'G44.009')
  t.equal(normalizeIcd10('M34'), 'M32')
  t.equal(findingKey('E_55_V_123'), 'e_55_v_123')
})

t.test('patients are read in either release\'s codes', async (t) => {
  const release = await ddxplusRelease(t)
  const french = await readPatients(release.patients, release.dir)
  t.equal(french.length, release.conditions.length * PATIENTS_PER_CONDITION)
  t.same(french, release.expected, 'French names become the English codes')
  const first = french[0] as (typeof french)[number]
  t.match(first, { sex: 'male', pathology: 'Spontaneous pneumothorax', initial: 'E_53' })
  t.same(first.evidences.get('E_53'), [], 'a yes/no evidence has no value')
  t.ok(french.some((patient) => patient.evidences.get('E_55')?.includes('V_123')), 'a default value is kept as the release lists it')

  const english = join(release.dir, 'english.csv')
  await writeFile(english, 'AGE,DIFFERENTIAL_DIAGNOSIS,SEX,PATHOLOGY,EVIDENCES,INITIAL_EVIDENCE\n' +
    '30,"[[\'Spontaneous pneumothorax\', 0.9]]",F,Spontaneous pneumothorax,"[\'E_53\', \'E_56_@_7\', \'E_55_@_V_29\']",E_53\n')
  const [patient] = await readPatients(english, release.dir)
  t.match(patient, { sex: 'female', pathology: 'Spontaneous pneumothorax', initial: 'E_53' })
  t.same(patient?.evidences.get('E_56'), ['7'])
  t.same(patient?.evidences.get('E_55'), ['V_29'])
  t.same(patient?.evidences.get('E_53'), [])
  const broken = join(release.dir, 'broken.csv')
  await writeFile(broken, 'AGE,DIFFERENTIAL_DIAGNOSIS,SEX,PATHOLOGY,EVIDENCES,INITIAL_EVIDENCE\n30,"[]",M,x,"[\'nonsense\']",nonsense\n')
  const oddValue = join(release.dir, 'odd.csv')
  await writeFile(oddValue, 'AGE,DIFFERENTIAL_DIAGNOSIS,SEX,PATHOLOGY,EVIDENCES,INITIAL_EVIDENCE\n30,"[]",M,x,"[\'douleurxx_carac_@_inconnu\']",fievre\n')
  t.same((await readPatients(oddValue, release.dir))[0]?.evidences.get('E_54'), ['inconnu'], 'a value the code map does not know is kept as it is')
  await t.rejects(readPatients(broken, release.dir), /unknown evidence nonsense/)
  t.same(parsePythonList("[['l\\'a', 0.5]]"), [["l'a", 0.5]])
})

t.test('the interviewer works the DDXPlus way: its questions, answered with yes/no, a number or option names', async (t) => {
  const release = await ddxplusRelease(t)
  const interviewer = await createReferenceInterviewer(`ddxplus:${release.dir}`)
  t.same(interviewer.capabilities.codingSystems, ['ddxplus'])
  let state = interviewer.begin({ patient: { age: 30, sex: 'male' }, personality: 'professional', language: 'en', codingSystem: 'ddxplus' })
  let outcome = interviewer.answer(state, { input: 'E_53', forceDiagnose: false })
  t.same(outcome.findings.map((finding) => [finding.concept.id, finding.status, finding.is_chief]), [['E_53', 'present', true]])
  t.equal(outcome.reply.type, 'message')
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
  const diagnosis = interviewer.answer(outcome.state, { forceDiagnose: true })
  t.equal(diagnosis.reply.type, 'diagnosis')
  if (diagnosis.reply.type === 'diagnosis') {
    t.equal(diagnosis.reply.diagnosis.diseases[0]?.concept.id, 'Spontaneous pneumothorax', 'sharp pain on the side of the chest, 7 of 10')
    const likelihoods = diagnosis.reply.diagnosis.diseases.map((disease) => disease.likelihood)
    t.same(likelihoods, [...likelihoods].sort((a, b) => b - a), 'most likely first')
  }
})

t.test('with a patients file, the knowledge base learns what reference differentials keep', async (t) => {
  const release = await ddxplusRelease(t)
  const kb = await loadDdxplus(release.dir, release.patients)
  t.equal(kb.differentialQuestions?.length, 5, `differential questions: ${kb.differentialQuestions?.join(', ')}`)
  for (const key of kb.differentialQuestions ?? []) {
    const finding = kb.findings.find((candidate) => candidate.key === key)
    t.ok(finding !== undefined && finding.options === undefined && finding.parent === undefined, `${key} is a yes/no question that stands alone`)
  }
  t.ok(kb.differentialQuestions?.includes('e_79'), 'smoking decides whether SLE keeps pneumothorax: it is asked')
  t.equal(kb.differentialWeight, undefined, 'the differential comes from what is kept, not from a lighter posterior')
  t.equal(kb.conditions.filter((condition) => condition.kept !== undefined).length, release.conditions.length)
  const condition = (code: string) => kb.conditions.find((candidate) => candidate.code === code)
  t.same(condition('Pneumonia')?.companions, { urti: 1 }, 'every pneumonia differential keeps URTI')
  t.same(condition('Spontaneous pneumothorax')?.companions, { pneumonia: 1 }, 'SLE is listed under the 1 % cut: not kept')
  const keptPneumothorax = condition('Spontaneous pneumothorax')?.kept?.findings ?? {}
  t.same(Object.entries(keptPneumothorax).sort(([, a], [, b]) => b - a)[0]?.[0], 'e_79', 'smoking is what most keeps pneumothorax (beside SLE)')

  const interviewer = await createReferenceInterviewer(`ddxplus:${release.dir}`, release.patients)
  const { asked, diagnosis } = denyEverything(interviewer)
  const questions = (kb.differentialQuestions ?? []).filter((key) => key !== 'e_201')
  t.same(questions.filter((key) => !asked.includes(key)), [], `every differential question was asked before the diagnosis: ${asked.join(', ')}`)
  t.ok(diagnosis.diseases.length > 1, `a differential: ${diagnosis.diseases.map((disease) => disease.concept.id).join(', ')}`)

  await t.rejects(loadDdxplus(release.dir, join(release.dir, 'nowhere.csv')), /DDXPLUS_DIFFERENTIALS: cannot read the patients file .*nowhere\.csv/)
  await t.rejects(createReferenceInterviewer('builtin', release.patients), /DDXPLUS_DIFFERENTIALS needs ENGINE_KB=ddxplus:<dir>/)
})

t.test('a DDXPlus folder that is missing or inconsistent fails with a clear message', async (t) => {
  const { dir } = await ddxplusRelease(t)
  await t.rejects(loadDdxplus(join(dir, 'nowhere')), /ENGINE_KB: cannot read the DDXPlus file en\/release_evidences\.json/)
  const release = await readDdxplusRelease(dir)
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
