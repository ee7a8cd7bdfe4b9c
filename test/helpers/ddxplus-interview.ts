import type { ReferenceInterviewer } from '../../server/interview/index.js'

/**
 * A DDXPlus interview of a 40-year-old man who opens with evidence E_201 and then answers "no"
 * to every question. Returns the findings asked, in order, and the diagnosis it ends in.
 */
export function denyEverything (interviewer: ReferenceInterviewer) {
  let state = interviewer.begin({ patient: { age: 40, sex: 'male' }, personality: 'professional', language: 'en', codingSystem: 'ddxplus' })
  let outcome = interviewer.answer(state, { input: 'E_201', forceDiagnose: false })
  const asked: string[] = []
  while (outcome.reply.type === 'message') {
    state = outcome.state
    asked.push(state.pending as string)
    outcome = interviewer.answer(state, { input: 'no', forceDiagnose: false })
  }
  return { asked, diagnosis: outcome.reply.diagnosis }
}
