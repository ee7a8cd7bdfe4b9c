import Fastify, { type FastifyInstance } from 'fastify'
import type { DiagnosisOutput, TriageLevel } from '../../schemas/diagnosis.js'
import serverApp from '../../server/app.js'
import { createReferenceInterviewer, type ReferenceInterviewer } from '../../server/interview/index.js'
import type { KnowledgeBase } from '../../server/interview/kb/model.js'
import { MemoryStore } from '../../server/store/memory.js'
import { TokenRegistry } from '../../server/tokens.js'
import type { DevVignette } from '../fixtures/vignettes-dev.js'
import { questionMeanings, VignettePatient } from './patient.js'
import { AUTH_A, TEST_CONFIG, TOKEN_A } from './server.js'

/** Levels of care, most urgent first: under-triage is advice later in this list than the case needs. */
export const TRIAGE_ORDER: readonly TriageLevel[] = ['emergency', 'urgent', 'consultation', 'self_care']

/** More turns than any interview takes: one that has not ended by then counts as a failure. */
const MAX_TURNS = 40

export interface VignetteResult {
  vignette: DevVignette
  /** Where the expected condition ranks in the differential (0 = first); -1 when absent. */
  rank: number
  /** The differential's first three conditions, by key. */
  top: string[]
  /** The advised level; undefined when the interview never ended. */
  triage?: TriageLevel
  /** Messages the patient sent after the opening. */
  answers: number
}

/** The reference server as the bench and the tests play it: in-memory store, one tenant, no chunk delay. */
export async function buildVignetteApp (): Promise<FastifyInstance> {
  const app = Fastify()
  await app.register(serverApp, {
    config: { ...TEST_CONFIG, RATE_LIMIT_PER_MINUTE: 1_000_000 },
    tokens: new TokenRegistry([['a', TOKEN_A]]),
    store: new MemoryStore(),
    interviewer: await createReferenceInterviewer()
  })
  await app.ready()
  return app
}

/** The assistant's reply to one patient message: a question, or the diagnosis. */
export type Reply =
  | { type: 'message', content: string }
  | DiagnosisOutput

/** One conversation: send a patient message, get the assistant's reply. */
export type Conversation = (input: string) => Promise<Reply>

/** Opens a conversation for a patient of this age and sex. */
export type Consultation = (patient: { age: number, sex: 'male' | 'female' }) => Promise<Conversation>

/**
 * Conversations through the HTTP API (Fastify's `inject`: the whole request path, routing,
 * validation, auth, the store, serialization; no socket).
 */
export function overHttp (app: FastifyInstance): Consultation {
  return async function open (patient) {
    const created = await app.inject({ method: 'POST', url: '/v1/conversations', headers: AUTH_A, payload: { patient } })
    const id = created.json().id as string
    return async function send (input) {
      const response = await app.inject({ method: 'POST', url: '/v1/chats', headers: AUTH_A, payload: { conversation_id: id, input } })
      if (response.statusCode !== 200) throw new Error(`${response.statusCode} ${response.body}`)
      return response.json().output as Reply
    }
  }
}

/**
 * Conversations with the interviewer in-process: the same engine the server runs, without the
 * HTTP layer, for a test that must stay fast. The replies are the same as over HTTP (the test
 * checks that on a sample).
 */
export function inProcess (interviewer: ReferenceInterviewer): Consultation {
  return async function open (patient) {
    let state = interviewer.begin({ patient, personality: 'professional', language: 'en', codingSystem: 'snomed' })
    return async function send (input) {
      const outcome = interviewer.answer(state, { input, forceDiagnose: false })
      state = outcome.state
      return outcome.reply.type === 'message' ? outcome.reply : outcome.reply.diagnosis
    }
  }
}

/**
 * Plays one vignette: opens the conversation with the patient's age and sex, sends the opening,
 * and answers every question as the simulated patient until the diagnosis.
 */
export async function playVignette (consult: Consultation, kb: KnowledgeBase, vignette: DevVignette, meanings = questionMeanings(kb), trace?: (line: string) => void): Promise<VignetteResult> {
  const keyOf = new Map(kb.conditions.map((condition) => [condition.code, condition.key]))
  const patient = new VignettePatient(vignette, meanings)
  const send = await consult({ age: vignette.age, sex: vignette.sex })
  let input = vignette.opening
  for (let turn = 0; turn < MAX_TURNS; turn++) {
    const output = await send(input)
    if (output.type === 'diagnosis') {
      const ranked = output.diseases.map((disease) => keyOf.get(disease.concept.id) as string)
      trace?.(`patient: ${input}\nengine:  ${ranked.slice(0, 3).join(', ')}; ${output.recommendation.triage}: ${output.recommendation.self_management}`)
      return { vignette, rank: ranked.indexOf(vignette.condition), top: ranked.slice(0, 3), triage: output.recommendation.triage, answers: turn }
    }
    trace?.(`patient: ${input}\nengine:  ${output.content}`)
    input = patient.answer(output.content)
  }
  return { vignette, rank: -1, top: [], answers: MAX_TURNS }
}

export interface VignetteScore {
  cases: number
  top1: number
  top3: number
  triageExact: number
  /** Advised below the level the case needs. */
  underTriaged: number
  /** Advised above it. */
  overTriaged: number
  emergencies: number
  emergenciesUnderTriaged: number
}

export function score (results: readonly VignetteResult[]): VignetteScore {
  const level = (triage: TriageLevel | undefined): number => triage === undefined ? TRIAGE_ORDER.length : TRIAGE_ORDER.indexOf(triage)
  let top1 = 0
  let top3 = 0
  let triageExact = 0
  let underTriaged = 0
  let overTriaged = 0
  let emergencies = 0
  let emergenciesUnderTriaged = 0
  for (const result of results) {
    if (result.rank === 0) top1++
    if (result.rank >= 0 && result.rank < 3) top3++
    const advised = level(result.triage)
    const needed = level(result.vignette.triage)
    if (advised === needed) triageExact++
    else if (advised > needed) underTriaged++
    else overTriaged++
    if (result.vignette.triage === 'emergency') {
      emergencies++
      if (advised > needed) emergenciesUnderTriaged++
    }
  }
  return { cases: results.length, top1, top3, triageExact, underTriaged, overTriaged, emergencies, emergenciesUnderTriaged }
}
