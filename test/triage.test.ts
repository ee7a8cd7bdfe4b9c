import t from 'tap'
import type { TriageLevel } from '../schemas/diagnosis.js'
import { compileKnowledgeBase } from '../server/interview/kb/compile.js'
import type { KbCondition, KnowledgeBase } from '../server/interview/kb/model.js'
import { emergencySigns, nonComplaints, recommend, signWords, withEmergencySigns } from '../server/interview/recommendation.js'

/** A knowledge base small enough to set every posterior by hand. */
function condition (key: string, triage: TriageLevel, findings: Record<string, number>): KbCondition {
  return { key, code: key.toUpperCase(), term: key, description: '', prevalence: 1, triage, specialist: `${key} clinic`, selfCare: `${key} care.`, findings }
}
const KB: KnowledgeBase = {
  name: 'triage',
  codingSystem: 'test',
  conditions: [
    condition('cold', 'self_care', { runny: 0.9, cough: 0.5, ache: 0.3 }),
    condition('strain', 'self_care', { chest: 0.9, ache: 0.2 }),
    condition('flu', 'consultation', { cough: 0.8, ache: 0.6 }),
    condition('angina', 'urgent', { chest: 0.9 }),
    condition('colic', 'urgent', { ache: 0.9 }),
    condition('infarct', 'emergency', { chest: 0.9, ache: 0.7 }),
    condition('embolus', 'emergency', { chest: 0.6, breathless: 0.9 })
  ],
  findings: [
    { key: 'runny', code: 'R', term: 'Runny nose', description: '', synonyms: [], question: 'Runny?' },
    { key: 'cough', code: 'C', term: 'Cough', description: '', synonyms: [], question: 'Cough?' },
    { key: 'chest', code: 'P', term: 'Chest pain', description: '', synonyms: [], question: 'Chest?', redFlag: true },
    { key: 'breathless', code: 'B', term: 'Breathlessness', description: '', synonyms: [], question: 'Breathless?', redFlag: true },
    { key: 'ache', code: 'S', term: 'Severe pain', description: '', synonyms: [], question: 'How bad?', scaleAtLeast: 7 },
    { key: 'smoker', code: 'H', term: 'Smoker', description: '', synonyms: [], question: 'Smoke?', antecedent: true },
    { key: 'recent', code: 'N', term: 'Recent', description: '', synonyms: [], question: 'Recent?' },
    { key: 'how_long', code: 'D', term: 'How long', description: '', synonyms: [], question: 'How long?', options: [{ label: 'a day', synonyms: [], present: ['recent'], maxDays: 1 }, { label: 'longer', synonyms: [], present: [] }] }
  ]
}
const kb = compileKnowledgeBase(KB)
const f = (key: string): number => kb.findingIndex.get(key) as number

function posterior (shares: Record<string, number>): Float64Array {
  return Float64Array.from(kb.conditions, (c) => shares[c.key] ?? 0)
}
type Status = 'present' | 'absent' | 'unsure'
function evidence (statuses: Record<string, Status>): Map<number, Status> {
  return new Map(Object.entries(statuses).map(([key, status]) => [f(key), status]))
}
const TWO_COMPLAINTS = { runny: 'present', cough: 'present' } as const

t.test('history and how long are not complaints', async (t) => {
  t.same([...nonComplaints(kb)].map((index) => kb.findings[index]?.key).sort(), ['how_long', 'recent', 'smoker'])
  t.equal(nonComplaints(kb), nonComplaints(kb), 'computed once per knowledge base')
  const bare = compileKnowledgeBase({ ...KB, findings: KB.findings.filter((finding) => finding.options === undefined) })
  t.same([...nonComplaints(bare)].map((index) => bare.findings[index]?.key), ['smoker'], 'a knowledge base without a duration question')
})

t.test('a settled self-care condition with symptoms understood is self-care', async (t) => {
  const advice = recommend(kb, posterior({ cold: 0.9, flu: 0.1 }), evidence(TWO_COMPLAINTS))
  t.equal(advice.triage, 'self_care')
  t.equal(advice.self_management, 'cold care.')
  t.same(advice.red_flags, [])
})

t.test('every must-not-miss condition still plausible counts, not only the leader', async (t) => {
  const spread = recommend(kb, posterior({ cold: 0.91, infarct: 0.045, embolus: 0.045 }), evidence(TWO_COMPLAINTS))
  t.equal(spread.triage, 'emergency', 'two emergencies at 4.5 % each, 9 % together')
  t.equal(spread.specialist, 'infarct clinic', 'the likeliest of them sets the specialist')
  const urgent = recommend(kb, posterior({ cold: 0.74, angina: 0.13, colic: 0.13 }), evidence(TWO_COMPLAINTS))
  t.equal(urgent.triage, 'urgent', 'urgent conditions together at 26 %')
  t.equal(urgent.specialist, 'angina clinic')
  t.equal(recommend(kb, posterior({ cold: 0.9, angina: 0.1 }), evidence(TWO_COMPLAINTS)).triage, 'self_care', 'one urgent condition at 10 % alone does not')
})

t.test('a red flag in the patient\'s words', async (t) => {
  const plausible = recommend(kb, posterior({ cold: 0.9, infarct: 0.03, strain: 0.07 }), evidence({ ...TWO_COMPLAINTS, chest: 'present' }))
  t.equal(plausible.triage, 'emergency', 'points to emergencies at 3 % together')
  t.equal(plausible.specialist, 'Emergency Department', 'a raised emergency goes to the emergency department')
  t.same(plausible.red_flags.map((concept) => concept.term), ['Chest pain'])
  t.match(plausible.self_management, /chest pain\) needs a doctor's assessment now/)

  const accounted = recommend(kb, posterior({ strain: 0.9, infarct: 0.025, cold: 0.075 }), evidence({ ...TWO_COMPLAINTS, chest: 'present' }))
  t.equal(accounted.triage, 'urgent', 'explained by a settled leader: urgent while its emergencies stay under 3 %')
  t.equal(recommend(kb, posterior({ strain: 0.9, infarct: 0.04, cold: 0.06 }), evidence({ ...TWO_COMPLAINTS, chest: 'present' })).triage, 'emergency', 'and an emergency from 3 %')

  const unexplained = recommend(kb, posterior({ cold: 0.99, embolus: 0.01 }), evidence({ ...TWO_COMPLAINTS, breathless: 'present' }))
  t.equal(unexplained.triage, 'emergency', 'a flag the leader does not explain: its emergencies count from 0.5 %')

  const explained = recommend(kb, posterior({ strain: 0.998, infarct: 0.002 }), evidence({ ...TWO_COMPLAINTS, chest: 'present' }))
  t.equal(explained.triage, 'consultation', 'explained by a settled leader, emergencies under 0.5 %: a doctor should still see it')
  t.same(explained.red_flags, [], 'red flags are listed only when they make the visit urgent')

  const unsettled = recommend(kb, posterior({ strain: 0.45, cold: 0.45, flu: 0.098, infarct: 0.002 }), evidence({ ...TWO_COMPLAINTS, chest: 'present' }))
  t.equal(unsettled.triage, 'urgent', 'no settled explanation: urgent')
  t.match(unsettled.self_management, /needs a doctor's assessment today/)
})

t.test('a red flag the knowledge base marks an emergency is one whatever its cause', async (t) => {
  const marked = compileKnowledgeBase({ ...KB, findings: [...KB.findings, { key: 'rescue', code: 'X', term: 'Reliever not helping', description: '', synonyms: [], question: 'Helping?', redFlag: true, emergency: true }] })
  const statuses = new Map([...evidence(TWO_COMPLAINTS), [marked.findingIndex.get('rescue') as number, 'present' as const]])
  const advice = recommend(marked, Float64Array.from(marked.conditions, (c) => c.key === 'cold' ? 0.95 : c.key === 'flu' ? 0.05 : 0), statuses)
  t.equal(advice.triage, 'emergency', 'no must-not-miss condition is plausible, yet the flag alone is an emergency')
  t.same(advice.red_flags.map((concept) => concept.term), ['Reliever not helping'])
  statuses.set(marked.findingIndex.get('rescue') as number, 'absent')
  t.equal(recommend(marked, Float64Array.from(marked.conditions, (c) => c.key === 'cold' ? 0.95 : c.key === 'flu' ? 0.05 : 0), statuses).triage, 'self_care', 'absent, it asks for nothing')
})

t.test('a finding present with one it is an emergency with is an emergency whatever the cause, with no home-care advice', async (t) => {
  const marked = compileKnowledgeBase({
    ...KB,
    findings: [...KB.findings, { key: 'expecting', code: 'E', term: 'Pregnant', description: '', synonyms: [], question: 'Pregnant?', antecedent: true, emergencyWith: ['cough'] }]
  })
  const settledCold = Float64Array.from(marked.conditions, (c) => c.key === 'cold' ? 0.95 : c.key === 'flu' ? 0.05 : 0)
  const statuses = new Map([...evidence(TWO_COMPLAINTS), [marked.findingIndex.get('expecting') as number, 'present' as const]])
  const advice = recommend(marked, settledCold, statuses)
  t.equal(advice.triage, 'emergency', 'a cough in pregnancy, in this made-up rule, whatever the leader')
  t.match(advice.self_management, /\(pregnant and cough\)/, 'the pair reads as one')
  t.same(advice.red_flags.map((flag) => flag.term), ['Pregnant', 'Cough'], 'the pair that made it an emergency is reported')
  t.match(advice.self_management, /Call an ambulance/)
  t.notMatch(advice.self_management, /cold care/, 'the leader\'s home care would contradict the level')
  t.equal(advice.specialist, 'Emergency Department')
  statuses.set(marked.findingIndex.get('cough') as number, 'absent')
  t.equal(recommend(marked, settledCold, statuses).triage, 'self_care', 'without its partner the finding asks for nothing')
})

t.test('a sign marked urgent needs a doctor today even when a settled self-care leader explains it', async (t) => {
  const marked = compileKnowledgeBase({ ...KB, findings: [...KB.findings, { key: 'noisy', code: 'Q', term: 'Noisy breathing', description: '', synonyms: [], question: 'Noisy?', redFlag: true, urgent: true }] })
  const statuses = new Map([...evidence(TWO_COMPLAINTS), [marked.findingIndex.get('noisy') as number, 'present' as const]])
  const advice = recommend(marked, Float64Array.from(marked.conditions, (c) => c.key === 'cold' ? 0.95 : c.key === 'flu' ? 0.05 : 0), statuses)
  t.equal(advice.triage, 'urgent')
  t.match(advice.self_management, /noisy breathing\) needs a doctor's assessment today/)
  t.match(advice.self_management, /see a doctor today/)
  t.notMatch(advice.self_management, /cold care/)
  const consultation = recommend(kb, posterior({ cold: 0.45, flu: 0.1, strain: 0.45 }), evidence(TWO_COMPLAINTS))
  t.match(consultation.self_management, /book an appointment/, 'raised to a consultation: no home-care text either')
})

t.test('what is still unknown', async (t) => {
  const unknown = recommend(kb, posterior({ cold: 0.9, embolus: 0.05 * 0.9, flu: 0.055 }), evidence({ ...TWO_COMPLAINTS, breathless: 'unsure' }))
  t.equal(unknown.triage, 'urgent', 'a red flag not answered, pointing to emergencies at 4.5 %')
  t.match(unknown.self_management, /not yet known whether you have breathlessness/)
  t.equal(recommend(kb, posterior({ cold: 0.99, embolus: 0.01 }), evidence({ ...TWO_COMPLAINTS, breathless: 'unsure' })).triage, 'self_care', 'at 1 % it does not')
  t.equal(recommend(kb, posterior({ cold: 0.99, embolus: 0.01 }), evidence({ ...TWO_COMPLAINTS, breathless: 'absent' })).triage, 'self_care')

  const possible = recommend(kb, posterior({ cold: 0.96, infarct: 0.02, embolus: 0.02 }), evidence(TWO_COMPLAINTS))
  t.equal(possible.triage, 'urgent', 'emergencies at 4 % together, not ruled out')
  t.match(possible.self_management, /A serious cause \(infarct\) cannot yet be ruled out/)

  const alone = { runny: 'present', smoker: 'present', recent: 'present' } as const
  const little = recommend(kb, posterior({ cold: 0.8, strain: 0.2 }), evidence(alone))
  t.equal(little.triage, 'consultation', 'one symptom understood (history and duration do not count) does not end in self-care...')
  t.match(little.self_management, /not clear enough/)
  t.equal(recommend(kb, posterior({ cold: 0.9, flu: 0.1 }), evidence(alone)).triage, 'self_care', '...unless it settles the leader at 85 %')
  t.equal(recommend(kb, posterior({ cold: 0.45, flu: 0.1, strain: 0.45 }), evidence(TWO_COMPLAINTS)).triage, 'consultation', 'a leader under 50 % never ends in self-care')
})

t.test('the severity the patient describes', async (t) => {
  const explained = recommend(kb, posterior({ flu: 0.3, cold: 0.7 }), evidence({ ...TWO_COMPLAINTS, ache: 'present' }))
  t.equal(explained.triage, 'consultation', 'severe, and the leader explains it: a doctor should see it')
  const unexplained = recommend(kb, posterior({ cold: 0.05, strain: 0.95 }), evidence({ ...TWO_COMPLAINTS, ache: 'present' }))
  t.equal(unexplained.triage, 'urgent', 'severe, and the leader does not explain it')
  t.match(unexplained.self_management, /Severe pain that is not explained needs a doctor today/)
})

t.test('advice that would harm if another cause were right is given only when its condition leads', async (t) => {
  const careful = compileKnowledgeBase({ ...KB, conditions: KB.conditions.map((c) => c.key === 'infarct' ? { ...c, leadingCare: 'Chew an aspirin.' } : c) })
  const chest = evidence({ chest: 'present', ache: 'present' })
  const leading = recommend(careful, Float64Array.from(careful.conditions, (c) => c.key === 'infarct' ? 0.6 : c.key === 'embolus' ? 0.4 : 0), chest)
  t.equal(leading.self_management, 'infarct care. Chew an aspirin.')
  const behind = recommend(careful, Float64Array.from(careful.conditions, (c) => c.key === 'infarct' ? 0.3 : c.key === 'strain' ? 0.7 : 0), chest)
  t.equal(behind.triage, 'emergency', 'the heart attack still sets the level')
  t.notMatch(behind.self_management, /aspirin/, 'but not the advice that needs it to be the cause')
})

t.test('an interview ended by an emergency sign reports what explains the sign first', async (t) => {
  const marked = compileKnowledgeBase({
    ...KB,
    conditions: KB.conditions.map((c) => c.key === 'embolus' ? { ...c, findings: { ...c.findings, expecting: 0.5 } } : c),
    findings: [...KB.findings, { key: 'expecting', code: 'E', term: 'Pregnancy', description: '', synonyms: [], question: 'Pregnant?', antecedent: true, emergencyWith: ['breathless'] }]
  })
  const statuses = new Map([[marked.findingIndex.get('expecting') as number, 'present' as const], [marked.findingIndex.get('breathless') as number, 'present' as const]])
  const signs = emergencySigns(marked, statuses)
  t.same(signs.map((sign) => signWords(marked, sign)), ['pregnancy and breathlessness'])
  const p = Float64Array.from(marked.conditions, (c) => c.key === 'cold' ? 0.9 : c.key === 'embolus' ? 0.1 : 0)
  const reported = withEmergencySigns(marked, p, signs)
  t.ok(Math.abs((reported[marked.conditions.findIndex((c) => c.key === 'embolus')] as number) - 0.5) < 1e-9, 'the emergency that explains both findings takes half')
  t.ok(Math.abs((reported[0] as number) - 0.5) < 1e-9, 'the rest keep theirs in proportion')
  t.equal(withEmergencySigns(marked, p, []), p, 'no sign, no change')
  const ahead = Float64Array.from(marked.conditions, (c) => c.key === 'embolus' ? 0.7 : c.key === 'cold' ? 0.3 : 0)
  t.equal(withEmergencySigns(marked, ahead, signs), ahead, 'already leading, no change')
})
