import type { EngineCapabilities } from 'fastify-medical-chats'
import type { DiagnosisOutput, Finding, Patient } from 'fastify-medical-chats/schemas'

export interface InterviewOptions {
  patient: Patient
  personality: string
  language: string
  codingSystem: string
  maxQuestions?: number
}

export interface InterviewTurn {
  /** The patient's message, trimmed; absent when the turn forces a diagnosis. */
  input?: string
  forceDiagnose: boolean
}

export type InterviewReply =
  | { type: 'message', content: string }
  | { type: 'diagnosis', diagnosis: DiagnosisOutput, summary: string }

export interface InterviewOutcome<State> {
  state: State
  /** Every finding so far, after this turn. */
  findings: Finding[]
  reply: InterviewReply
}

/**
 * The interview itself, free of HTTP and storage: a pure function of its state and the
 * patient's message. The same state and input always give the same outcome, so a
 * conversation replays byte for byte.
 */
export interface Interviewer<State = unknown> {
  readonly capabilities: EngineCapabilities
  begin (options: InterviewOptions): State
  answer (state: State, turn: InterviewTurn): InterviewOutcome<State>
}
