import type { Check } from '../check.js'
import { CONVERSATION_ID, expect } from '../context.js'

const CLAUSE_CREATE = 'Routes: POST /v1/conversations'
const CLAUSE_GET = 'Routes: GET /v1/conversations/{conversation_id}'

/** Integer Unix seconds within a day of this machine's clock (README, "Routes": timestamps are seconds). */
export function isUnixSeconds (value: number): boolean {
  return Number.isInteger(value) && Math.abs(value - Date.now() / 1000) < 86_400
}

export const conversationChecks: Check[] = [
  {
    id: 'conversations.create',
    clause: CLAUSE_CREATE,
    title: 'a new conversation is 201 with the Conversation: empty, not complete, defaults filled in',
    async run (context) {
      const conversation = await context.createConversation({ patient: { age: 40, sex: 'male' } })
      expect(CONVERSATION_ID.test(conversation.id), `conversation id ${conversation.id} is not conv_ and 12 hex characters`)
      expect(isUnixSeconds(conversation.created_at), `created_at ${conversation.created_at} is not integer Unix seconds`)
      expect(conversation.is_complete === false, 'a new conversation is already complete')
      expect(conversation.messages.length === 0 && conversation.findings.length === 0, 'a new conversation has messages or findings')
      expect(conversation.patient.age === 40 && conversation.patient.sex === 'male', 'the patient is not the one sent')
      expect(conversation.personality === 'professional' && conversation.language === 'en' && conversation.coding_system === 'snomed',
        `defaults: expected professional/en/snomed, got ${conversation.personality}/${conversation.language}/${conversation.coding_system}`)
      expect(conversation.usage.turns === 0 && conversation.usage.questions_asked === 0, 'a new conversation has usage')
      expect(!('diagnosis' in conversation), 'a new conversation has a diagnosis')
    }
  },
  {
    id: 'conversations.options',
    clause: CLAUSE_CREATE,
    title: 'personality "friendly" and max_questions are accepted and kept',
    async run (context) {
      const conversation = await context.createConversation({ personality: 'friendly', max_questions: 5 })
      expect(conversation.personality === 'friendly', `personality: expected friendly, got ${conversation.personality}`)
    }
  },
  {
    id: 'conversations.get',
    clause: CLAUSE_GET,
    title: 'a conversation reads back as created',
    async run (context) {
      const created = await context.createConversation()
      const read = await context.getConversation(created.id)
      expect(JSON.stringify(read) === JSON.stringify(created), 'GET returns another document than POST did')
    }
  },
  {
    id: 'conversations.not-found',
    clause: CLAUSE_GET,
    title: 'an unknown conversation id is 404 conversation_not_found',
    async run (context) {
      context.error(await context.request('GET', 'v1/conversations/conv_000000000000'), 404, 'conversation_not_found', 'GET an unknown id')
    }
  },
  {
    id: 'conversations.tenant-isolation',
    clause: CLAUSE_GET,
    title: "another tenant's conversation is 404 conversation_not_found, for reading and for chatting",
    needsOtherTenant: true,
    async run (context) {
      const mine = await context.createConversation()
      const other = context.target.otherTenantToken as string
      context.error(await context.request('GET', `v1/conversations/${mine.id}`, { token: other }), 404, 'conversation_not_found', "GET another tenant's conversation")
      context.error(await context.request('POST', 'v1/chats', { token: other, body: { conversation_id: mine.id, input: 'hello' } }), 404, 'conversation_not_found', "POST /v1/chats on another tenant's conversation")
      context.error(await context.request('POST', 'v1/chats', { token: other, headers: { accept: 'text/event-stream' }, body: { conversation_id: mine.id, force_diagnose: true } }), 404, 'conversation_not_found', "a streamed chat on another tenant's conversation")
      const after = await context.getConversation(mine.id)
      expect(after.usage.turns === 0, "another tenant's chat changed the conversation")
    }
  }
]
