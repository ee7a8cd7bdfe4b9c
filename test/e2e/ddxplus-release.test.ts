import { join, resolve } from 'node:path'
import t from 'tap'
import { readPatients } from '../../server/interview/kb/ddxplus-patients.js'
import { createReferenceInterviewer } from '../../server/interview/index.js'
import { compileKnowledgeBase } from '../../server/interview/kb/compile.js'
import { loadDdxplus } from '../../server/interview/kb/ddxplus.js'
import type { KbFinding } from '../../server/interview/kb/model.js'
import { requireEnv } from '../helpers/requires.js'
import { denyEverything } from '../helpers/ddxplus-interview.js'

// The real DDXPlus release, read where it is kept (never copied into the repository). The
// adapter's behaviour is tested on a synthetic release in test/ddxplus.test.ts; this checks that
// the real files still read as the adapter expects them.
const dir = requireEnv('DDXPLUS_DIR', '../shared/data/ddxplus', 'the tests on the real DDXPlus release')

if (dir !== undefined) {
  const DDXPLUS = resolve(dir)
  const PATIENTS = join(DDXPLUS, 'fr', 'release_validate_patients_sample588.csv')

  t.test('the DDXPlus release becomes a valid knowledge base', async (t) => {
    const kb = await loadDdxplus(DDXPLUS)
    t.equal(kb.conditions.length, 49)
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
    t.equal((kb.findings.find((finding) => finding.code === 'E_204') as KbFinding).antecedent, true)
    const pneumothorax = kb.conditions.find((condition) => condition.code === 'Spontaneous pneumothorax')
    t.match(pneumothorax, { icd10: 'J93', triage: 'emergency', specialist: 'Emergency Department' })
    t.equal(kb.conditions.find((condition) => condition.code === 'SLE')?.icd10, 'M32', 'SLE is M32, not the release\'s M34')
    for (const condition of kb.conditions) t.match(condition.icd10, /^[A-Z]\d{2}/, condition.code)
  })

  t.test('the validation patients are read from the French codes', async (t) => {
    const patients = await readPatients(PATIENTS, DDXPLUS)
    t.equal(patients.length, 588)
    const first = patients[0] as (typeof patients)[number]
    t.match(first, { age: 76, sex: 'male', pathology: 'Pulmonary neoplasm', initial: 'E_66' })
    t.same(first.evidences.get('E_55'), ['V_123'])
    t.same(first.evidences.get('E_56'), ['0'])
    t.equal(first.differential.get('Pulmonary neoplasm'), 0.18713051060778488)
  })

  t.test('learned from the validation patients, the differential keeps companions and asks what decides them', async (t) => {
    const kb = await loadDdxplus(DDXPLUS, PATIENTS)
    t.equal(kb.differentialQuestions?.length, 5, `differential questions: ${kb.differentialQuestions?.join(', ')}`)
    t.equal(kb.conditions.filter((condition) => condition.kept !== undefined).length, 49)
    const tuberculosis = kb.conditions.find((condition) => condition.code === 'Tuberculosis')
    t.ok(Object.keys(tuberculosis?.companions ?? {}).length > 3, 'tuberculosis keeps several companions')

    const interviewer = await createReferenceInterviewer(`ddxplus:${DDXPLUS}`, PATIENTS)
    const { asked, diagnosis } = denyEverything(interviewer)
    const questions = (kb.differentialQuestions ?? []).filter((key) => key !== 'e_201')
    t.same(questions.filter((key) => !asked.includes(key)), [], `every differential question was asked before the diagnosis: ${asked.join(', ')}`)
    t.ok(diagnosis.diseases.length > 2, `a differential: ${diagnosis.diseases.map((disease) => disease.concept.id).join(', ')}`)
  })
}
