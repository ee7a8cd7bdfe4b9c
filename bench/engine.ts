/**
 * `npm run bench:engine`: the time of one interview turn (reading the message, inference,
 * choosing the next question) on the starter knowledge base, over every vignette's turns.
 * Beside it, in the same run, a baseline every turn pays anyway: the JSON round trip of the
 * interview state through the store. Reports medians of several rounds and the ratio.
 */
import { createReferenceInterviewer } from '../server/interview/index.js'
import { STARTER_KB } from '../server/interview/kb/starter.js'
import type { InterviewState } from '../server/interview/interviewer.js'
import { VIGNETTES } from '../test/fixtures/vignettes.js'
import { SimulatedPatient } from '../test/helpers/patient.js'
import { median, percentile } from './stats.js'

const ROUNDS = Number(process.env.ROUNDS ?? 7)
const GOAL_MS = 1

const interviewer = await createReferenceInterviewer()

interface Turn { state: InterviewState, input: string }

/** Every turn of every vignette, recorded once: the same inputs for each round. */
function recordTurns (): Turn[] {
  const turns: Turn[] = []
  for (const vignette of VIGNETTES) {
    const patient = new SimulatedPatient(vignette, STARTER_KB)
    let state = interviewer.begin({ patient: { age: vignette.age, sex: vignette.sex }, personality: 'professional', language: 'en', codingSystem: 'snomed' })
    let input = vignette.opening
    for (let i = 0; i < 30; i++) {
      turns.push({ state, input })
      const outcome = interviewer.answer(state, { input, forceDiagnose: false })
      if (outcome.reply.type === 'diagnosis') break
      state = outcome.state
      input = patient.answer(outcome.reply.content)
    }
  }
  return turns
}

const turns = recordTurns()
// Warm up the JIT on the same work.
for (let i = 0; i < 3; i++) for (const turn of turns) interviewer.answer(turn.state, { input: turn.input, forceDiagnose: false })

const turnMedians: number[] = []
const turnP95s: number[] = []
const baselineMedians: number[] = []
for (let round = 0; round < ROUNDS; round++) {
  const turnTimes: number[] = []
  const baselineTimes: number[] = []
  for (const turn of turns) {
    let start = performance.now()
    interviewer.answer(turn.state, { input: turn.input, forceDiagnose: false })
    turnTimes.push(performance.now() - start)
    start = performance.now()
    JSON.parse(JSON.stringify(turn.state))
    baselineTimes.push(performance.now() - start)
  }
  turnMedians.push(median(turnTimes))
  turnP95s.push(percentile(turnTimes, 0.95))
  baselineMedians.push(median(baselineTimes))
}

const turnMs = median(turnMedians)
const result = {
  turns: turns.length,
  rounds: ROUNDS,
  turn_median_ms: Number(turnMs.toFixed(4)),
  turn_p95_ms: Number(median(turnP95s).toFixed(4)),
  state_round_trip_median_ms: Number(median(baselineMedians).toFixed(4)),
  ratio_turn_to_state_round_trip: Number((turnMs / median(baselineMedians)).toFixed(1)),
  goal_ms: GOAL_MS,
  meets_goal: turnMs <= GOAL_MS
}
if (process.argv.includes('--json')) {
  process.stdout.write(JSON.stringify(result) + '\n')
} else {
  process.stdout.write([
    `one interview turn, starter knowledge base (${result.turns} turns from ${VIGNETTES.length} vignettes, median of ${ROUNDS} rounds)`,
    `  turn median        ${result.turn_median_ms} ms   (goal <= ${GOAL_MS} ms: ${result.meets_goal ? 'met' : 'NOT met'})`,
    `  turn p95           ${result.turn_p95_ms} ms`,
    `  state JSON round trip (baseline, paid by every turn in the store) ${result.state_round_trip_median_ms} ms`,
    `  turn / baseline    ${result.ratio_turn_to_state_round_trip}x`
  ].join('\n') + '\n')
}
