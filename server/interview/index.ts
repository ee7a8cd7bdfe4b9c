import { compileKnowledgeBase } from './kb/compile.js'
import { STARTER_KB } from './kb/starter.js'
import { ReferenceInterviewer } from './interviewer.js'

export { ReferenceInterviewer } from './interviewer.js'
export type { Interviewer, InterviewOptions, InterviewOutcome, InterviewTurn } from './types.js'

/** The reference interviewer over the knowledge base ENGINE_KB names (`builtin`: the starter KB). */
export async function createReferenceInterviewer (kb: string = 'builtin'): Promise<ReferenceInterviewer> {
  if (kb !== 'builtin') throw new Error(`ENGINE_KB: unknown knowledge base ${JSON.stringify(kb)} (use builtin)`)
  return new ReferenceInterviewer(compileKnowledgeBase(STARTER_KB))
}
