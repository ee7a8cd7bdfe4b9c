import t from 'tap'
import { compileKnowledgeBase, logPriorFor } from '../server/interview/kb/compile.js'
import { KnowledgeBaseError, ageBand, validateKnowledgeBase, type KnowledgeBase } from '../server/interview/kb/model.js'
import { STARTER_KB } from '../server/interview/kb/starter.js'
import { HARD_QUESTION_CAP, MAX_REASKS, ReferenceInterviewer, type InterviewState } from '../server/interview/interviewer.js'
import { createReferenceInterviewer } from '../server/interview/index.js'
import { recommend } from '../server/interview/recommendation.js'
import type { InterviewOutcome } from '../server/interview/types.js'
import { posterior } from '../server/interview/inference.js'

const interviewer = await createReferenceInterviewer()
const kb = compileKnowledgeBase(STARTER_KB)

type Outcome = InterviewOutcome<InterviewState>

function start (options: { age?: number, sex?: 'male' | 'female', personality?: string, maxQuestions?: number } = {}): InterviewState {
  return interviewer.begin({
    patient: { age: options.age ?? 34, sex: options.sex ?? 'female' },
    personality: options.personality ?? 'professional',
    language: 'en',
    codingSystem: 'snomed',
    ...(options.maxQuestions === undefined ? {} : { maxQuestions: options.maxQuestions })
  })
}

function say (state: InterviewState, input: string): Outcome {
  return interviewer.answer(state, { input, forceDiagnose: false })
}

function text (outcome: Outcome): string {
  return outcome.reply.type === 'message' ? outcome.reply.content : outcome.reply.summary
}

t.test('"I have a headache and feel nauseous": headache and nausea, present and chief, then a question', async (t) => {
  const outcome = say(start(), 'I have a headache and feel nauseous')
  t.same(outcome.findings, [
    { concept: { id: '25064002', term: 'Headache', description: 'Pain in the head' }, status: 'present', is_chief: true },
    { concept: { id: '422587007', term: 'Nausea', description: 'Feeling sick to the stomach' }, status: 'present', is_chief: true }
  ])
  t.equal(outcome.reply.type, 'message')
  t.match(text(outcome), /\?/)
  t.equal(outcome.state.questions, 1)
})

t.test('a greeting gets the opening prompt; the complaint that follows is the chief complaint', async (t) => {
  const hello = say(start(), 'hello')
  t.same(hello.findings, [])
  t.match(text(hello), /main symptom/)
  const again = say(hello.state, 'erm')
  t.match(text(again), /could not identify a symptom/)
  const complaint = say(again.state, 'my ear hurts')
  t.same(complaint.findings.map((f) => [f.concept.term, f.is_chief]), [['Ear pain', true]])
  const answer = say(complaint.state, 'I also have a fever')
  t.same(answer.findings.map((f) => [f.concept.term, f.is_chief]), [['Ear pain', true], ['Fever', false]], 'later findings are not chief')
})

t.test('negated and uncertain findings are recorded as such, and only present ones count as a complaint', async (t) => {
  const outcome = say(start(), 'no fever, maybe a cough')
  t.same(outcome.findings.map((f) => [f.concept.term, f.status, f.is_chief]), [['Fever', 'absent', false], ['Cough', 'unsure', false]])
  t.match(text(outcome), /main symptom/, 'nothing present yet: the engine asks for the main symptom')
})

t.test('an answer it cannot place is never guessed: it asks again in other words, then moves on', async (t) => {
  let outcome = say(start(), 'I have a sore throat')
  const question = text(outcome)
  const pending = outcome.state.pending
  t.ok(pending)
  const known = outcome.findings.length
  for (let i = 0; i < MAX_REASKS; i++) {
    outcome = say(outcome.state, 'banana')
    t.equal(outcome.findings.length, known, 'no finding was added')
    t.not(text(outcome), question, 'asked in other words')
    t.match(text(outcome), /yes, no, or not sure|pick one|number from 0/)
    t.equal(outcome.state.pending, pending)
  }
  outcome = say(outcome.state, 'banana')
  t.equal(outcome.findings.length, known)
  t.not(outcome.state.pending, pending, 'after two tries it moves on to another question')
})

t.test('yes, no and not sure answer the pending question', async (t) => {
  const first = say(start(), 'I have a sore throat')
  const key = first.state.pending as string
  for (const [answer, status] of [['yes', 'present'], ['no', 'absent'], ['not sure', 'unsure']]) {
    const next = say(first.state, answer as string)
    t.equal(next.state.known.find(([k]) => k === key)?.[1], status, `${answer as string} → ${status as string}`)
  }
})

t.test('a duration answers the duration question, by option name or in words', async (t) => {
  const state = start()
  state.known = [['cough', 'present', true]]
  state.asked = ['cough']
  state.pending = 'duration'
  const byName = say(state, 'more than 10 days')
  t.same(byName.state.known.filter(([k]) => k === 'duration_long' || k === 'onset_recent').sort(), [['duration_long', 'present', false], ['onset_recent', 'absent', false]])
  const inWords = say(state, 'about three weeks now')
  t.same(inWords.state.known.find(([k]) => k === 'duration_long')?.[1], 'present')
  const short = say(state, 'since yesterday')
  t.same(short.state.known.find(([k]) => k === 'onset_recent')?.[1], 'present')
  const middle = say(state, '2 to 10 days')
  t.same(middle.state.known.filter(([k]) => k === 'duration_long' || k === 'onset_recent').map(([, s]) => s), ['absent', 'absent'])
  const unclear = say(state, 'I really cannot remember')
  t.equal(unclear.state.pending, 'duration', 'asked again')
  t.match(text(unclear), /Please choose one: less than 2 days, 2 to 10 days or more than 10 days/)
  const volunteered = say(start(), 'I have had a cough for three weeks')
  t.ok(volunteered.state.asked.includes('duration'), 'a duration in free text answers the question before it is asked')
  t.equal(volunteered.state.known.find(([k]) => k === 'duration_long')?.[1], 'present')
  const twice = say(volunteered.state, 'and a fever since yesterday')
  t.equal(twice.state.known.find(([k]) => k === 'onset_recent')?.[1], 'absent', 'once answered, a duration is not read again')
})

t.test('a scale question takes a number; a plain yes or no still answers it', async (t) => {
  const state = start()
  state.known = [['flank_pain', 'present', true]]
  state.asked = ['flank_pain', 'severe_pain']
  state.pending = 'severe_pain'
  t.equal(say(state, '9').state.known.find(([k]) => k === 'severe_pain')?.[1], 'present')
  t.equal(say(state, 'about a 3').state.known.find(([k]) => k === 'severe_pain')?.[1], 'absent')
  t.equal(say(state, 'yes it is severe').state.known.find(([k]) => k === 'severe_pain')?.[1], 'present')
  const unclear = say(state, 'hmm')
  t.match(text(unclear), /number from 0 \(none\) to 10/)
})

t.test('a detail implies what it details', async (t) => {
  const outcome = say(start(), 'throbbing headache on one side of my head')
  const keys = outcome.state.known.map(([k, s]) => `${k}:${s}`)
  t.ok(keys.includes('headache:present'))
  t.ok(keys.includes('throbbing_headache:present'))
})

t.test('red flags are asked early: a headache with vomiting is screened for a sudden severe onset', async (t) => {
  let outcome = say(start({ age: 50 }), 'I have a headache and I have been vomiting')
  const asked: string[] = []
  for (let i = 0; i < 4 && outcome.reply.type === 'message'; i++) {
    asked.push(outcome.state.pending as string)
    outcome = say(outcome.state, 'no')
  }
  t.ok(asked.includes('thunderclap_headache'), `asked: ${asked.join(', ')}`)
})

t.test('a sign that is an emergency whatever its cause, in the opening, ends the interview at once', async (t) => {
  const outcome = say(start({ age: 31 }), 'I am 34 weeks pregnant and I have a bad headache')
  t.equal(outcome.reply.type, 'diagnosis', 'no question first')
  const diagnosis = outcome.reply.type === 'diagnosis' ? outcome.reply.diagnosis : undefined
  t.equal(diagnosis?.recommendation.triage, 'emergency')
  t.match(diagnosis?.recommendation.self_management, /\(pregnancy and headache\)/)
  t.equal(say(start({ age: 31 }), 'I have a bad headache').reply.type, 'message', 'a headache alone is asked about')
  const breathless = say(start({ age: 25 }), "I have asthma and I can't speak in full sentences")
  t.equal(breathless.reply.type === 'diagnosis' ? breathless.reply.diagnosis.recommendation.triage : undefined, 'emergency', 'too breathless to finish a sentence')
})

t.test('heavy bleeding that will not stop is an emergency whatever its cause, and never heavy periods in a man', async (t) => {
  for (const opening of [
    'I cut my leg and it is bleeding heavily and will not stop', 'I am bleeding heavily', 'I am losing a lot of blood',
    'there is blood everywhere, I cannot stop the bleeding', 'my wound is bleeding heavily', 'I have heavy bleeding'
  ]) {
    const outcome = say(start({ age: 35, sex: 'male' }), opening)
    t.equal(outcome.reply.type, 'diagnosis', `${opening}: no question first`)
    const diagnosis = outcome.reply.type === 'diagnosis' ? outcome.reply.diagnosis : undefined
    t.equal(diagnosis?.recommendation.triage, 'emergency', opening)
    t.equal(diagnosis?.diseases[0]?.concept.term, 'Severe bleeding', opening)
    t.notOk(outcome.findings.some((finding) => finding.concept.term === 'Heavy periods'), `${opening}: not heavy periods`)
  }
  const forced = interviewer.answer(say(start({ age: 35, sex: 'male' }), 'hello').state, { input: 'I am bleeding heavily', forceDiagnose: false })
  t.equal(forced.reply.type === 'diagnosis' ? forced.reply.diagnosis.recommendation.triage : undefined, 'emergency', 'after a greeting too')
  const periods = say(start({ age: 35, sex: 'female' }), 'I have heavy bleeding during my period and feel tired')
  t.ok(periods.findings.some((finding) => finding.concept.term === 'Heavy periods'), 'heavy bleeding said of a period is heavy periods')
  t.equal(periods.reply.type, 'message', 'and is asked about')
})

t.test('an overdose or a poison swallowed, in the opening, is an emergency at once whatever the symptoms', async (t) => {
  for (const [opening, condition] of [
    ['I took an overdose of paracetamol', 'Paracetamol overdose'], ['I swallowed a whole bottle of pills', 'Paracetamol overdose'],
    ['I took too many tablets', 'Paracetamol overdose'], ['my toddler drank bleach', 'Swallowed poison']
  ] as const) {
    const outcome = say(start({ age: opening.includes('toddler') ? 2 : 30 }), opening)
    t.equal(outcome.reply.type, 'diagnosis', `${opening}: no question first`)
    const diagnosis = outcome.reply.type === 'diagnosis' ? outcome.reply.diagnosis : undefined
    t.equal(diagnosis?.recommendation.triage, 'emergency', opening)
    t.equal(diagnosis?.diseases[0]?.concept.term, condition, opening)
  }
})

t.test('pregnancy with a headache and flashing lights: the pair is reported as red flags, and pre-eclampsia leads', async (t) => {
  const outcome = say(start({ age: 30 }), 'I am pregnant and have a bad headache and flashing lights')
  const diagnosis = outcome.reply.type === 'diagnosis' ? outcome.reply.diagnosis : undefined
  t.equal(diagnosis?.recommendation.triage, 'emergency')
  t.same(diagnosis?.recommendation.red_flags.map((flag) => flag.term), ['Pregnancy', 'Headache', 'Visual aura'])
  t.equal(diagnosis?.diseases[0]?.concept.term, 'Pre-eclampsia')
  t.match(diagnosis?.recommendation.self_management, /\(pregnancy and headache; pregnancy and visual aura\)/)
})

t.test('a thunderclap headache in the opening: subarachnoid haemorrhage leads, even forced at once', async (t) => {
  const opened = say(start({ age: 45, sex: 'male' }), 'sudden worst headache of my life')
  const diagnosis = opened.reply.type === 'diagnosis' ? opened.reply.diagnosis : undefined
  t.equal(diagnosis?.recommendation.triage, 'emergency')
  t.equal(diagnosis?.diseases[0]?.concept.term, 'Subarachnoid haemorrhage')
  t.notMatch(opened.reply.type === 'diagnosis' ? opened.reply.summary : '', /Most likely: Influenza/)
})

t.test('aspirin is advised only when a heart attack leads, and with its cautions', async (t) => {
  const mi = STARTER_KB.conditions.find((condition) => condition.key === 'myocardial_infarction')
  t.match(mi?.leadingCare, /unless you are allergic to it or have been told not to take it/)
  t.notMatch(mi?.selfCare, /aspirin/)
  for (const condition of STARTER_KB.conditions) t.notMatch(condition.selfCare, /chew/i, `${condition.key}: no aspirin whatever leads`)
})

t.test('a clear leader does not end the interview while an emergency that would raise the triage is still in play', async (t) => {
  const question = (key: string): string => STARTER_KB.findings.find((finding) => finding.key === key)?.question as string
  let state = start({ age: 24, sex: 'male' })
  let outcome = say(state, "I've had the runs and been throwing up since a dodgy takeaway")
  const asked: string[] = []
  while (outcome.reply.type === 'message') {
    const message = outcome.reply.content
    asked.push(message)
    state = outcome.state
    const no = message.includes(question('blood_in_stool')) || message.includes(question('abdominal_pain'))
    outcome = say(state, no ? 'no' : message.includes(question('nausea')) ? 'yes' : message.includes(question('duration')) ? 'since last night' : "I don't know")
  }
  t.ok(asked.length > 8, `asked on past the point where the stomach bug was clear (${asked.length} questions)`)
  t.ok(asked.some((message) => message.includes(question('abdominal_pain'))), 'the belly pain that would point to appendicitis is asked about')
  t.equal(outcome.reply.type === 'diagnosis' ? outcome.reply.diagnosis.recommendation.triage : undefined, 'self_care', 'no belly pain: a stomach bug, cared for at home')
})

t.test('the screening asks about what explains the whole complaint, when something does', async (t) => {
  const question = (key: string): string => STARTER_KB.findings.find((finding) => finding.key === key)?.question as string
  let state = start({ age: 5 })
  const asked: string[] = []
  let outcome = say(state, 'My daughter has a temperature and will not put weight on her leg, her hip hurts')
  for (let turn = 0; turn < 4 && outcome.reply.type === 'message'; turn++) {
    asked.push(text(outcome))
    state = outcome.state
    outcome = say(state, "I don't know")
  }
  t.equal(asked.length, 4)
  t.notOk(asked.some((message) => message.includes(question('travel_tropics')) || message.includes(question('seizure'))), 'a fever with a limp: not malaria or a febrile fit first')
  t.match(text(say(start({ age: 5 }), 'she has a temperature')), question('seizure'), 'a fever alone still screens for a fit')
})

t.test('what would make a finding present an emergency is asked first', async (t) => {
  const question = (key: string): string => STARTER_KB.findings.find((finding) => finding.key === key)?.question as string
  t.match(text(say(start({ age: 28 }), 'I am pregnant and I feel sick')), question('headache'), 'in pregnancy, a headache')
  t.match(text(say(start({ age: 70, sex: 'male' }), 'there is blood in my poo')), question('dizziness'), 'with bleeding from the bowel, dizziness')
})

t.test('force_diagnose ends the interview at once; with nothing known there is no differential', async (t) => {
  const empty = interviewer.answer(start(), { forceDiagnose: true })
  t.equal(empty.reply.type, 'diagnosis')
  if (empty.reply.type === 'diagnosis') {
    t.same(empty.reply.diagnosis.diseases, [])
    t.equal(empty.reply.diagnosis.recommendation.triage, 'consultation')
    t.match(empty.reply.summary, /No likely cause/)
  }
  const friendly = interviewer.answer(start({ personality: 'friendly' }), { forceDiagnose: true })
  t.match(text(friendly), /couldn't work out/)

  const some = say(start(), 'I have a sore throat')
  const forced = interviewer.answer(some.state, { input: 'ignored: chest pain', forceDiagnose: true })
  t.equal(forced.reply.type, 'diagnosis')
  t.notOk(forced.state.known.some(([k]) => k === 'chest_pain'), 'force_diagnose ignores input')
  if (forced.reply.type === 'diagnosis') {
    t.ok(forced.reply.diagnosis.diseases.length > 0)
    const sum = forced.reply.diagnosis.diseases.reduce((total, d) => total + d.likelihood, 0)
    t.ok(sum <= 1, `likelihoods sum to ${sum}`)
    t.ok(forced.reply.diagnosis.diseases.length <= 10)
    const likelihoods = forced.reply.diagnosis.diseases.map((d) => d.likelihood)
    t.same(likelihoods, [...likelihoods].sort((a, b) => b - a), 'most likely first')
  }
})

t.test('max_questions and the hard cap end the interview with a diagnosis', async (t) => {
  let outcome = say(start({ maxQuestions: 2 }), 'I feel tired')
  outcome = say(outcome.state, 'banana')
  t.equal(outcome.state.questions, 2)
  outcome = say(outcome.state, 'banana')
  t.equal(outcome.reply.type, 'diagnosis', 'after two questions the next turn is a diagnosis')

  t.equal(start({ maxQuestions: 99 }).cap, HARD_QUESTION_CAP)
  let capped = say(start({ maxQuestions: 99 }), 'I feel tired')
  let turns = 1
  while (capped.reply.type === 'message') {
    capped = say(capped.state, 'banana')
    turns++
  }
  t.ok(capped.state.questions <= HARD_QUESTION_CAP, `${capped.state.questions} questions`)
  t.ok(turns <= HARD_QUESTION_CAP + 1)
})

t.test('the interview ends by itself once the leading condition is clear', async (t) => {
  let outcome = say(start({ age: 26, sex: 'male' }), 'Every spring I get a runny nose, sneezing and itchy watery eyes')
  let turns = 0
  while (outcome.reply.type === 'message' && turns < 30) {
    outcome = say(outcome.state, ['itchy_nose', 'seasonal_triggers', 'previous_similar', 'nasal_congestion'].includes(outcome.state.pending as string) ? 'yes' : 'no')
    turns++
  }
  t.equal(outcome.reply.type, 'diagnosis')
  t.ok(turns < 15, `${turns} answers`)
  if (outcome.reply.type === 'diagnosis') t.equal(outcome.reply.diagnosis.diseases[0]?.concept.term, 'Allergic rhinitis')
})

t.test('the same conversation always gets the same replies', async (t) => {
  const script = ['I have a cough and a fever', 'yes', 'no', 'not sure', 'three days', 'no', 'yes', 'no']
  function play (): string[] {
    let state = start({ age: 61, sex: 'male' })
    const replies: string[] = []
    for (const line of script) {
      const outcome = say(state, line)
      replies.push(JSON.stringify(outcome))
      state = outcome.state
      if (outcome.reply.type === 'diagnosis') break
    }
    replies.push(JSON.stringify(interviewer.answer(state, { forceDiagnose: true })))
    return replies
  }
  t.same(play(), play())
})

t.test('wording follows the personality', async (t) => {
  const professional = say(start(), 'I have a sore throat')
  const friendly = say(start({ personality: 'friendly' }), 'I have a sore throat')
  t.match(text(professional), /^Noted: sore throat\./)
  t.match(text(friendly), /^I'm sorry you're dealing with sore throat\./)
  const next = say(friendly.state, 'no')
  t.match(text(next), /^(Thanks for telling me|Got it, thank you|Okay, that helps|Thank you|I see)\./)
  const reask = say(friendly.state, 'banana')
  t.match(text(reask), /^Sorry, I didn't quite get that\./)
  const opening = say(start({ personality: 'friendly' }), 'hi')
  t.match(text(opening), /What's bothering you most/)
  const again = say(opening.state, 'hi')
  t.match(text(again), /main symptom in a few words/)
  const diagnosis = interviewer.answer(next.state, { forceDiagnose: true })
  t.match(text(diagnosis), /^Thanks for answering my questions\. The most likely cause is/)
  const professionalDiagnosis = interviewer.answer(professional.state, { forceDiagnose: true })
  t.match(text(professionalDiagnosis), /^Assessment complete\. Most likely:/)
})

t.test('a present red flag is never under-triaged', async (t) => {
  const logPrior = logPriorFor(kb, 30, 'male')
  const evidence = new Map(['runny_nose', 'sneezing', 'nasal_congestion', 'sick_contact'].map((key) => [kb.findingIndex.get(key) as number, 'present' as const]))
  const p = posterior(kb, logPrior, evidence)
  const calm = recommend(kb, p, evidence)
  t.equal(calm.triage, 'self_care')
  t.same(calm.red_flags, [])
  const flagged = recommend(kb, p, new Map([...evidence, [kb.findingIndex.get('hemoptysis') as number, 'present' as const]]))
  t.equal(flagged.triage, 'urgent')
  t.same(flagged.red_flags.map((c) => c.term), ['Coughing up blood'])
  t.match(flagged.self_management, /coughing up blood/)
})

t.test('triage follows the most severe condition with real probability', async (t) => {
  const p = new Float64Array(kb.conditions.length)
  const index = (key: string) => kb.conditions.findIndex((c) => c.key === key)
  p[index('costochondritis')] = 0.8
  p[index('myocardial_infarction')] = 0.1
  p[index('angina')] = 0.1
  const recommendation = recommend(kb, p, new Map())
  t.equal(recommendation.triage, 'emergency')
  t.equal(recommendation.specialist, 'Emergency Department')
  t.same(recommendation.red_flags, [], 'no red flag present, none listed')
  p[index('myocardial_infarction')] = 0.01
  p[index('angina')] = 0.19
  t.equal(recommend(kb, p, new Map()).triage, 'urgent')
})

t.test('age bands', async (t) => {
  t.same([0, 4, 5, 15, 16, 39, 40, 64, 65, 130].map(ageBand), ['0-4', '0-4', '5-15', '5-15', '16-39', '16-39', '40-64', '40-64', '65+', '65+'])
})

t.test('the starter knowledge base is large enough and well formed', async (t) => {
  t.ok(STARTER_KB.conditions.length >= 100, `${STARTER_KB.conditions.length} conditions`)
  t.ok(STARTER_KB.findings.length >= 180, `${STARTER_KB.findings.length} findings`)
  for (const must of [
    'myocardial_infarction', 'stroke', 'bacterial_meningitis', 'appendicitis', 'anaphylaxis', 'pulmonary_embolism', 'aortic_dissection',
    'ruptured_abdominal_aortic_aneurysm', 'testicular_torsion', 'ovarian_torsion', 'epiglottitis', 'diabetic_ketoacidosis', 'sepsis',
    'pre_eclampsia', 'upper_gi_bleeding', 'bowel_obstruction', 'cauda_equina_syndrome', 'acute_angle_closure_glaucoma', 'retinal_detachment',
    'intussusception', 'haemolytic_uraemic_syndrome', 'malaria', 'paracetamol_overdose', 'acute_liver_failure'
  ]) {
    t.equal(STARTER_KB.conditions.find((c) => c.key === must)?.triage, 'emergency', must)
  }
  t.ok(STARTER_KB.findings.filter((f) => f.redFlag === true).length >= 15)
  for (const condition of STARTER_KB.conditions) t.ok(Object.keys(condition.findings).length >= 8, `${condition.key} has findings`)
})

t.test('a bad knowledge base fails with a message that names the entry', async (t) => {
  const copy = (): KnowledgeBase => structuredClone(STARTER_KB)
  const cases: Array<[(kb: KnowledgeBase) => void, RegExp]> = [
    [(kb) => { (kb.conditions[2] as { findings: Record<string, number> }).findings.fever = 1.5 }, /condition "covid19"\/findings\/fever/],
    [(kb) => { (kb.conditions[0] as { findings: Record<string, number> }).findings.telepathy = 0.5 }, /condition "common_cold" names unknown finding "telepathy"/],
    [(kb) => { kb.findings.push({ ...(kb.findings[0] as KnowledgeBase['findings'][number]) }) }, /finding "fever" is defined twice/],
    [(kb) => { kb.conditions.push({ ...(kb.conditions[0] as KnowledgeBase['conditions'][number]) }) }, /condition "common_cold" is defined twice/],
    [(kb) => { (kb.findings[1] as { parent?: string }).parent = 'nothing' }, /finding "chills" has unknown parent "nothing"/],
    [(kb) => { (kb.findings[1] as { key: string }).key = 'Bad Key' }, /finding "Bad Key"\/key/],
    [(kb) => { (kb.findings.find((f) => f.key === 'duration')?.options?.[0] as { present: string[] }).present.push('nope') }, /finding "duration" option "less than 2 days" names unknown finding "nope"/],
    [(kb) => { (kb as { name?: string }).name = undefined }, /invalid knowledge base: \/name/],
    [(kb) => { (kb.findings[1] as { emergencyWith?: string[] }).emergencyWith = ['nothing'] }, /finding "chills" is an emergency with unknown finding "nothing"/],
    [(kb) => { (kb.conditions[0] as { icd10?: string }).icd10 = 'j00' }, /condition "common_cold"\/icd10/]
  ]
  for (const [breakIt, message] of cases) {
    const broken = copy()
    breakIt(broken)
    t.throws(() => validateKnowledgeBase(broken), message)
    t.throws(() => validateKnowledgeBase(broken), KnowledgeBaseError)
  }
  t.throws(() => validateKnowledgeBase('not a kb'), /invalid knowledge base: : /)
  t.throws(() => new ReferenceInterviewer(compileKnowledgeBase({ ...copy(), conditions: [] })), /conditions/)
})

t.test('only the built-in knowledge base is known', async (t) => {
  await t.rejects(createReferenceInterviewer('elsewhere'), /ENGINE_KB: unknown knowledge base "elsewhere"/)
})

t.test('choice questions and knowledge bases at their edges', async (t) => {
  const kb: KnowledgeBase = {
    name: 'edges',
    codingSystem: 'test',
    conditions: [
      { key: 'a', code: 'A', term: 'Condition A', description: '', prevalence: 1, triage: 'self_care', specialist: 'GP', selfCare: 'Rest.', findings: { pain: 0.9, short: 0.8 } },
      { key: 'b', code: 'B', term: 'Condition B', description: '', icd10: 'B00', prevalence: 1, triage: 'self_care', specialist: 'GP', selfCare: 'Rest.', findings: { pain: 0.9, long: 0.8 } }
    ],
    findings: [
      { key: 'pain', code: 'P', term: 'Pain', description: '', synonyms: ['pain', '!!!'], question: 'Any pain?' },
      { key: 'short', code: 'S', term: 'Short', description: '', synonyms: [], question: 'Short?' },
      { key: 'long', code: 'L', term: 'Long', description: '', synonyms: [], question: 'Long?' },
      {
        key: 'how_long',
        code: 'H',
        term: 'How long',
        description: '',
        synonyms: [],
        question: 'How long?',
        options: [
          { label: 'a day', synonyms: [], present: ['short'], maxDays: 1 },
          { label: 'a week', synonyms: [], present: ['long'], maxDays: 7 }
        ]
      },
      {
        key: 'mood',
        code: 'M',
        term: 'Mood',
        description: '',
        synonyms: [],
        question: 'How is your mood?',
        options: [{ label: 'fine', synonyms: [], present: [] }, { label: 'low', synonyms: [], present: [] }]
      }
    ]
  }
  const interviewer = new ReferenceInterviewer(compileKnowledgeBase(kb))
  let state = interviewer.begin({ patient: { age: 30, sex: 'female' }, personality: 'professional', language: 'en', codingSystem: 'test' })
  const opened = interviewer.answer(state, { input: 'pain for a month', forceDiagnose: false })
  t.notOk(opened.state.known.some(([key]) => key === 'short' || key === 'long'), 'a duration beyond every option answers nothing')
  state = opened.state
  state.pending = 'mood'
  const mood = interviewer.answer(state, { input: 'low', forceDiagnose: false })
  t.ok(mood.state.known.some(([key, status]) => key === 'mood' && status === 'present'), 'an option that names no finding records the question itself')
  state.pending = 'how_long'
  t.ok(interviewer.answer(state, { input: 'a week', forceDiagnose: false }).state.known.some(([key, status]) => key === 'long' && status === 'present'))
  const diagnosis = interviewer.answer(opened.state, { forceDiagnose: true })
  if (diagnosis.reply.type === 'diagnosis') {
    const [first, second] = diagnosis.reply.diagnosis.diseases
    t.ok(first !== undefined && second !== undefined)
    t.same([first, second].map((disease) => 'icd10' in (disease as object)).sort(), [false, true], 'icd10 only where the knowledge base has it')
  }
  const broken = structuredClone(kb) as unknown as { conditions: Array<Record<string, unknown>> }
  delete broken.conditions[0]?.key
  t.throws(() => validateKnowledgeBase(broken), /invalid knowledge base: condition "0"/)
})

t.test('a multi-choice question with many options says how to answer', async (t) => {
  const { say } = await import('../server/interview/wording.js')
  const options = Array.from({ length: 20 }, (_, i) => ({ label: `place ${i}`, synonyms: [], present: [] }))
  const finding = { key: 'where', code: 'W', term: 'Where', description: '', synonyms: [], question: 'Where is it?', options }
  t.match(say({ kind: 'reask', finding }, 'professional'), /Please name the options that apply, for example: place 0, place 1, place 2\./)
  t.match(say({ kind: 'reask', finding: { ...finding, multiple: true, options: options.slice(0, 3) } }, 'friendly'), /Just name the ones that apply, for example: place 0, place 1, place 2\./)
  t.match(say({ kind: 'reask', finding: { ...finding, options: options.slice(0, 3) } }, 'friendly'), /You can pick one: place 0, place 1 or place 2\./)
  t.match(say({ kind: 'ask', finding: { ...finding, options: undefined, scaleAtLeast: 7 }, acknowledged: [], turn: 0 }, 'friendly'), /A number from 0 \(none\) to 10 \(the worst\) is perfect\./)
})
