import { compileKnowledgeBase } from './kb/compile.js'
import { loadDdxplus } from './kb/ddxplus.js'
import { STARTER_KB } from './kb/starter.js'
import { ReferenceInterviewer } from './interviewer.js'

export { ReferenceInterviewer } from './interviewer.js'
export type { Interviewer, InterviewOptions, InterviewOutcome, InterviewTurn } from './types.js'

export const DDXPLUS_PREFIX = 'ddxplus:'

/**
 * The reference interviewer over the knowledge base ENGINE_KB names: `builtin` (the starter
 * knowledge base) or `ddxplus:<dir>` (a DDXPlus release folder).
 */
export async function createReferenceInterviewer (kb: string = 'builtin'): Promise<ReferenceInterviewer> {
  if (kb === 'builtin') return new ReferenceInterviewer(compileKnowledgeBase(STARTER_KB))
  if (kb.startsWith(DDXPLUS_PREFIX) && kb.length > DDXPLUS_PREFIX.length) {
    return new ReferenceInterviewer(compileKnowledgeBase(await loadDdxplus(kb.slice(DDXPLUS_PREFIX.length))))
  }
  throw new Error(`ENGINE_KB: unknown knowledge base ${JSON.stringify(kb)} (use builtin or ddxplus:<dir>)`)
}
