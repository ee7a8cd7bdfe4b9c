import type { CheckContext } from './context.js'

/** One rule of the contract, checked black-box against a running server. */
export interface Check {
  /** Stable id, `area.rule`; `--only`/`--skip` take ids or their area prefix. */
  id: string
  /** Where the rule is written: a section of the plugin's README ("Routes" and "Events" under "The stream contract", "Errors") or of its OpenAPI document. */
  clause: string
  title: string
  /** Runs only with a second tenant's token. */
  needsOtherTenant?: boolean
  /** Throws a ContractViolation (or any error) when the server breaks the rule. */
  run (context: CheckContext): Promise<void>
}

/** Thrown by a check that could not observe what it checks: the result is `skip`, with this message. */
export class CheckSkipped extends Error {
  override name = 'CheckSkipped'
}
