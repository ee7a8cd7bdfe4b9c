import t from 'tap'
import { STARTER_KB } from '../server/interview/kb/starter.js'
import { MUST_NOT_MISS, VIGNETTES } from './fixtures/vignettes.js'
import { assertChatResponse, assertConversation } from './helpers/contract.js'
import { SimulatedPatient } from './helpers/patient.js'
import { AUTH_A, buildServer } from './helpers/server.js'

t.test('every vignette, played through the HTTP API as a patient would', async (t) => {
  const { app } = await buildServer(t)
  const codes = new Map(STARTER_KB.conditions.map((condition) => [condition.code, condition.key]))
  const keys = new Set(STARTER_KB.conditions.map((condition) => condition.key))
  for (const vignette of VIGNETTES) t.ok(keys.has(vignette.condition), `${vignette.condition} is a condition of the knowledge base`)

  let inTop3 = 0
  for (const vignette of VIGNETTES) {
    const patient = new SimulatedPatient(vignette, STARTER_KB)
    const created = await app.inject({ method: 'POST', url: '/v1/conversations', headers: AUTH_A, payload: { patient: { age: vignette.age, sex: vignette.sex } } })
    const id = created.json().id
    let input = vignette.opening
    let response
    for (let turn = 0; turn < 30; turn++) {
      response = (await app.inject({ method: 'POST', url: '/v1/chats', headers: AUTH_A, payload: { conversation_id: id, input } })).json()
      assertChatResponse(response)
      if (response.output.type === 'diagnosis') break
      input = patient.answer(response.output.content)
    }
    t.equal(response.output.type, 'diagnosis', `${vignette.condition}: the interview ends`)
    const ranked = response.output.diseases.map((disease: { concept: { id: string } }) => codes.get(disease.concept.id))
    const rank = ranked.indexOf(vignette.condition)
    if (rank >= 0 && rank < 3) inTop3++
    else t.comment(`${vignette.condition}: not in the top 3 (${ranked.slice(0, 3).join(', ')})`)
    const least = MUST_NOT_MISS[vignette.condition]
    if (least !== undefined) {
      const triage = response.output.recommendation.triage
      t.ok(triage === 'emergency' || (least === 'urgent' && triage === 'urgent'), `${vignette.condition} is triaged ${triage}`)
    }
    const conversation = (await app.inject({ url: `/v1/conversations/${id}`, headers: AUTH_A })).json()
    assertConversation(conversation)
    t.equal(conversation.is_complete, true)
    t.same(conversation.diagnosis, response.output)
  }
  const share = inTop3 / VIGNETTES.length
  t.ok(share >= 0.9, `${inTop3} of ${VIGNETTES.length} (${Math.round(share * 100)}%) have the true condition in the top 3`)
})
