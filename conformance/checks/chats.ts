import { CheckSkipped, type Check } from '../check.js'
import { CONVERSATION_ID, RESPONSE_ID, expect, type CheckContext } from '../context.js'
import type { ChatResponse, Conversation } from 'fastify-medical-chats/schemas'
import { isUnixSeconds } from './conversations.js'

const CLAUSE_CHATS = 'Routes: POST /v1/chats'
const CLAUSE_SCHEMAS = 'OpenAPI components (Conversation, ChatResponse, Diagnosis)'
const CLAUSE_CREATE_MAX = 'Routes: POST /v1/conversations (max_questions)'
const OPENING = 'I have had a headache and a fever since yesterday'

/** A conversation's state after a turn must show exactly what the turn's response said. */
export function expectConversationShows (conversation: Conversation, response: ChatResponse, input: string | undefined, turnsBefore: number): void {
  expect(conversation.usage.turns === turnsBefore + 1, `usage.turns: expected ${turnsBefore + 1}, got ${conversation.usage.turns}`)
  expect(conversation.is_complete === response.is_complete, 'is_complete differs between the response and the conversation')
  expect(JSON.stringify(conversation.findings) === JSON.stringify(response.findings), 'the conversation\'s findings are not the response\'s findings')
  const last = conversation.messages.at(-1)
  expect(last?.role === 'assistant', 'the last message is not the assistant\'s reply')
  if (response.output.type === 'message') {
    expect(last.content === response.output.content, 'the assistant message is not the response\'s content')
  } else {
    expect(last.content.trim() !== '', 'the diagnosis has no summary message')
    expect(JSON.stringify(conversation.diagnosis) === JSON.stringify(response.output), 'the conversation\'s diagnosis is not the response\'s')
  }
  if (input !== undefined) {
    const user = conversation.messages.at(-2)
    expect(user?.role === 'user' && user.content === input, 'the user message is not the input sent')
  }
}

function expectResponse (response: ChatResponse, conversationId: string): void {
  expect(RESPONSE_ID.test(response.id), `response id ${response.id} is not resp_ and 12 hex characters`)
  expect(CONVERSATION_ID.test(response.conversation_id) && response.conversation_id === conversationId, 'conversation_id is not the conversation\'s')
  expect(isUnixSeconds(response.created_at), `created_at ${response.created_at} is not integer Unix seconds`)
}

/** A diagnosis as the OpenAPI document defines it: at most 10 diseases, most likely first, likelihoods summing to at most 1. */
export function expectDiagnosis (response: ChatResponse): void {
  expect(response.output.type === 'diagnosis', `expected a diagnosis, got a ${response.output.type}`)
  const { diseases } = response.output
  expect(response.is_complete, 'a diagnosis is not complete')
  expect(diseases.length <= 10, `${diseases.length} diseases (at most 10)`)
  const sum = diseases.reduce((total, disease) => total + disease.likelihood, 0)
  expect(sum <= 1 + 1e-9, `likelihoods sum to ${sum} (at most 1)`)
  expect(diseases.every((disease, index) => index === 0 || (diseases[index - 1]?.likelihood ?? 0) >= disease.likelihood), 'diseases are not most likely first')
}

async function firstTurn (context: CheckContext): Promise<{ conversation: Conversation, chat: ChatResponse }> {
  const conversation = await context.createConversation()
  const { chat } = await context.chat(conversation.id, { input: OPENING })
  return { conversation, chat }
}

export const chatChecks: Check[] = [
  {
    id: 'chats.json',
    clause: CLAUSE_CHATS,
    title: 'a JSON chat turn is 200 with a ChatResponse of this conversation, and the conversation shows it',
    async run (context) {
      const { conversation, chat } = await firstTurn(context)
      expectResponse(chat, conversation.id)
      expectConversationShows(await context.getConversation(conversation.id), chat, OPENING, 0)
    }
  },
  {
    id: 'chats.findings',
    clause: CLAUSE_SCHEMAS,
    title: 'findings are cumulative, and those of the opening message are is_chief',
    async run (context) {
      const { conversation, chat } = await firstTurn(context)
      const second = (await context.chat(conversation.id, { input: 'yes' })).chat
      for (const finding of chat.findings) {
        expect(second.findings.some((later) => later.concept.id === finding.concept.id), `finding ${finding.concept.id} of turn 1 is gone after turn 2`)
      }
      // Read from the opening message, so named in it; an option ruled out by it (absent) is not named.
      const named = chat.findings.filter((finding) => finding.status === 'present')
      expect(named.length > 0, 'the opening message named a headache and a fever, yet no finding is present')
      expect(named.every((finding) => finding.is_chief), 'a finding named in the opening message is not is_chief')
    }
  },
  {
    id: 'chats.usage',
    clause: CLAUSE_SCHEMAS,
    title: 'usage counts the turns answered and, of those, the questions',
    async run (context) {
      const { conversation } = await firstTurn(context)
      await context.chat(conversation.id, { input: 'no' })
      const after = await context.getConversation(conversation.id)
      const questions = after.messages.filter((message) => message.role === 'assistant').length
      expect(after.usage.turns === 2, `usage.turns: expected 2, got ${after.usage.turns}`)
      expect(after.usage.questions_asked === questions, `usage.questions_asked: expected ${questions}, got ${after.usage.questions_asked}`)
      expect(after.messages.length === 4, `expected 4 messages after 2 turns, got ${after.messages.length}`)
    }
  },
  {
    id: 'chats.diagnosis',
    clause: CLAUSE_CHATS,
    title: 'force_diagnose answers the diagnosis; the conversation is then complete and shows it',
    async run (context) {
      const { conversation } = await firstTurn(context)
      const { chat } = await context.chat(conversation.id, { force_diagnose: true })
      expectResponse(chat, conversation.id)
      expectDiagnosis(chat)
      expectConversationShows(await context.getConversation(conversation.id), chat, undefined, 1)
    }
  },
  {
    id: 'chats.max-questions',
    clause: CLAUSE_CREATE_MAX,
    title: 'after max_questions questions the next turn is the diagnosis',
    async run (context) {
      const conversation = await context.createConversation({ max_questions: 1 })
      const first = (await context.chat(conversation.id, { input: OPENING })).chat
      const next = first.output.type === 'message' ? (await context.chat(conversation.id, { input: 'yes' })).chat : first
      expectDiagnosis(next)
    }
  },
  {
    id: 'chats.complete',
    clause: CLAUSE_CHATS,
    title: 'a chat after the diagnosis is 409 conversation_complete, JSON even when a stream is asked for',
    async run (context) {
      const { conversation } = await firstTurn(context)
      await context.chat(conversation.id, { force_diagnose: true })
      context.error(await context.request('POST', 'v1/chats', { body: { conversation_id: conversation.id, input: 'one more thing' } }), 409, 'conversation_complete', 'a JSON chat on a complete conversation')
      context.error(await context.request('POST', 'v1/chats', { headers: { accept: 'text/event-stream' }, body: { conversation_id: conversation.id, input: 'one more thing' } }), 409, 'conversation_complete', 'a streamed chat on a complete conversation')
    }
  },
  {
    id: 'chats.busy',
    clause: CLAUSE_CHATS,
    title: 'concurrent turns on one conversation: each 200 or 409 conversation_busy, none lost or interleaved',
    async run (context) {
      let busy = 0
      // Turns are strictly sequential: of simultaneous requests, those that find one in flight are refused.
      for (let round = 0; round < 5 && busy === 0; round++) {
        const conversation = await context.createConversation()
        const responses = await Promise.all(Array.from({ length: 8 }, (_, index) =>
          context.request('POST', 'v1/chats', { headers: { accept: index % 2 === 0 ? 'text/event-stream' : 'application/json' }, body: { conversation_id: conversation.id, input: `I have a headache (${index})` } })))
        let answered = 0
        for (const response of responses) {
          if (response.status === 200) answered++
          else if (response.text.includes('conversation_complete')) context.error(response, 409, 'conversation_complete', 'a chat after a diagnosis')
          else {
            context.error(response, 409, 'conversation_busy', 'a chat while a turn is in flight')
            busy++
          }
        }
        const after = await context.getConversation(conversation.id)
        expect(after.usage.turns === answered, `${answered} turns answered but usage.turns is ${after.usage.turns}`)
        expect(after.messages.length === answered * 2, `${answered} turns answered but ${after.messages.length} messages`)
        expect(after.messages.every((message, index) => message.role === (index % 2 === 0 ? 'user' : 'assistant')), 'messages of concurrent turns are interleaved')
      }
      if (busy === 0) throw new CheckSkipped('not observed: the server answered 5 bursts of 8 simultaneous turns one after another; slow its replies (e.g. a per-word delay) to check it')
    }
  }
]
