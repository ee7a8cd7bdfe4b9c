import { compileKnowledgeBase } from './kb/compile.js'
import { loadDdxplus } from './kb/ddxplus.js'
import { STARTER_KB } from './kb/starter.js'
import { ReferenceInterviewer } from './interviewer.js'

export { ReferenceInterviewer } from './interviewer.js'
export type { Interviewer, InterviewOptions, InterviewOutcome, InterviewTurn } from './types.js'

export const DDXPLUS_PREFIX = 'ddxplus:'

/**
 * The reference interviewer over the knowledge base ENGINE_KB names: `builtin` (the starter
 * knowledge base) or `ddxplus:<dir>` (a DDXPlus release folder; `differentials`, a DDXPlus
 * patients file, teaches it which conditions a differential keeps beside its leader).
 */
export async function createReferenceInterviewer (kb: string = 'builtin', differentials?: string): Promise<ReferenceInterviewer> {
  if (kb.startsWith(DDXPLUS_PREFIX) && kb.length > DDXPLUS_PREFIX.length) {
    return new ReferenceInterviewer(compileKnowledgeBase(await loadDdxplus(kb.slice(DDXPLUS_PREFIX.length), differentials)))
  }
  if (differentials !== undefined) throw new Error('DDXPLUS_DIFFERENTIALS needs ENGINE_KB=ddxplus:<dir>')
  if (kb === 'builtin') return new ReferenceInterviewer(compileKnowledgeBase(STARTER_KB))
  throw new Error(`ENGINE_KB: unknown knowledge base ${JSON.stringify(kb)} (use builtin or ddxplus:<dir>)`)
}
