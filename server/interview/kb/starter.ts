import type { KnowledgeBase } from './model.js'
import { STARTER_CONDITIONS } from './starter-conditions.js'
import { STARTER_FINDINGS } from './starter-findings.js'

/** The built-in knowledge base: common primary- and urgent-care complaints, SNOMED CT coded. */
export const STARTER_KB: KnowledgeBase = {
  name: 'starter',
  codingSystem: 'snomed',
  conditions: STARTER_CONDITIONS,
  findings: STARTER_FINDINGS
}
