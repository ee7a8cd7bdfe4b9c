import t from 'tap'
import { compileKnowledgeBase } from '../server/interview/kb/compile.js'
import type { KnowledgeBase } from '../server/interview/kb/model.js'
import { createReferenceInterviewer } from '../server/interview/index.js'
import { MAX_OPENINGS, ReferenceInterviewer, type InterviewState } from '../server/interview/interviewer.js'
import type { InterviewOutcome } from '../server/interview/types.js'

const interviewer = await createReferenceInterviewer()

function start (): InterviewState {
  return interviewer.begin({ patient: { age: 34, sex: 'female' }, personality: 'professional', language: 'en', codingSystem: 'snomed' })
}
function say (state: InterviewState, input: string): InterviewOutcome<InterviewState> {
  return interviewer.answer(state, { input, forceDiagnose: false })
}
function text (outcome: InterviewOutcome<InterviewState>): string {
  return outcome.reply.type === 'message' ? outcome.reply.content : outcome.reply.summary
}
function status (outcome: InterviewOutcome<InterviewState>, key: string): string | undefined {
  return outcome.state.known.find(([k]) => k === key)?.[1]
}

t.test('an opening that gives only how long is not a complaint: the main symptom is asked for', async (t) => {
  const only = say(start(), 'for three days')
  t.match(text(only), /describe your main symptom/)
  t.equal(status(only, 'onset_recent'), 'absent', 'the duration is kept')
  const complaint = say(only.state, 'chest pain')
  t.match(text(complaint), /^Noted: chest pain\./, 'the symptom named next is the chief complaint, acknowledged')
  t.same(complaint.state.known.filter(([, , chief]) => chief).map(([key]) => key), ['chest_pain'])
})

t.test('after the opening prompt twice, the interview asks its own questions rather than wait', async (t) => {
  let outcome = say(start(), 'hello')
  for (let attempt = 1; attempt < MAX_OPENINGS; attempt++) outcome = say(outcome.state, 'hello again')
  t.match(text(outcome), /main symptom/)
  const asked = say(outcome.state, 'well, it is hard to explain')
  t.equal(asked.reply.type, 'message')
  t.notMatch(text(asked), /main symptom/, 'a question, not the prompt again')
  t.type(asked.state.pending, 'string')
})

t.test('"I don\'t know" answers a choice question: it is not asked again', async (t) => {
  const first = say(start(), 'I have a cough')
  const state = structuredClone(first.state)
  state.pending = 'duration'
  const unknown = say(state, "I don't know")
  t.equal(status(unknown, 'duration'), 'unsure')
  t.not(unknown.state.pending, 'duration')
  t.notMatch(text(unknown), /How long/)
  const unread = say(state, 'purple')
  t.equal(unread.state.pending, 'duration', 'an answer that is not one is still asked again')
})

t.test('a counted duration wins over the words of an option', async (t) => {
  const first = say(start(), 'I have a cough')
  const state = structuredClone(first.state)
  state.pending = 'duration'
  const outcome = say(state, 'since 3 days ago and it got worse today')
  t.equal(status(outcome, 'onset_recent'), 'absent', 'not "today", which would be under 2 days')
  t.equal(status(outcome, 'duration_long'), 'absent')
  t.equal(status(say(start(), 'My 6-year-old has a cough'), 'duration_long'), undefined, 'an age is no duration')
})

t.test('a temperature in degrees says whether there is a fever', async (t) => {
  t.equal(status(say(start(), 'I have a headache and my temperature is 37.2'), 'fever'), 'absent', 'the word "temperature" is not a fever')
  t.equal(status(say(start(), 'headache and a temperature of 39.1'), 'fever'), 'present')
  const first = say(start(), 'I have a headache')
  const state = structuredClone(first.state)
  state.pending = 'fever'
  t.equal(status(say(state, '38.5'), 'fever'), 'present', 'a temperature answers the fever question')
})

t.test('a scale question answered in words', async (t) => {
  const first = say(start(), 'I have pain in my side')
  const state = structuredClone(first.state)
  state.pending = 'severe_pain'
  t.equal(status(say(state, 'mild'), 'severe_pain'), 'absent', '"mild" is not severe pain')
  t.equal(status(say(state, 'it is unbearable'), 'severe_pain'), 'present')
})

t.test('a knowledge base without a fever finding reads no temperature', async (t) => {
  const kb: KnowledgeBase = {
    name: 'no-fever',
    codingSystem: 'test',
    conditions: [{ key: 'a', code: 'A', term: 'A', description: '', prevalence: 1, triage: 'self_care', specialist: 'GP', selfCare: 'Rest.', findings: { pain: 0.9 } }],
    findings: [{ key: 'pain', code: 'P', term: 'Pain', description: '', synonyms: ['pain'], question: 'Any pain?' }]
  }
  const bare = new ReferenceInterviewer(compileKnowledgeBase(kb))
  const state = bare.begin({ patient: { age: 30, sex: 'male' }, personality: 'professional', language: 'en', codingSystem: 'test' })
  const outcome = bare.answer(state, { input: 'pain and a temperature of 39', forceDiagnose: false })
  t.same(outcome.state.known.map(([key]) => key), ['pain'])
})
