import Fastify from 'fastify'
import fastifyChats, {
  ConversationCompleteError, ConversationNotFoundError, emptyConversation, type ChatEngine, type ChatTurn
} from 'fastify-medical-chats'
import type { Conversation } from 'fastify-medical-chats/schemas'

// An engine owns conversations and writes replies. This one only echoes; yours calls a model
// or an interview engine behind the same three methods.
const conversations = new Map<string, Conversation>()
const now = () => Math.floor(Date.now() / 1000)

const engine: ChatEngine = {
  capabilities: { personalities: ['professional'], languages: ['en'], codingSystems: ['snomed'] },
  async createConversation (request, { tenant }) {
    const conversation = emptyConversation(request, now())
    conversations.set(`${tenant}/${conversation.id}`, conversation)
    return conversation
  },
  async getConversation (id, { tenant }) {
    return conversations.get(`${tenant}/${id}`)
  },
  async startTurn (request, { tenant }) {
    // Refuse before the reply starts, so the client still gets a status code.
    const conversation = conversations.get(`${tenant}/${request.conversation_id}`)
    if (conversation === undefined) throw new ConversationNotFoundError()
    if (conversation.is_complete) throw new ConversationCompleteError()
    return (async function * reply (): ChatTurn {
      const content = 'Thank you. How long have you had it?'
      for (const piece of content.split(/(?= )/)) yield piece // each piece is a `delta` event
      // The turn takes effect only once the reply is complete.
      conversation.messages.push(
        { role: 'user', content: request.input ?? '', created_at: now() },
        { role: 'assistant', content, created_at: now() }
      )
      conversation.usage.turns += 1
      conversation.usage.questions_asked += 1
      return {
        id: request.response_id,
        created_at: now(),
        is_complete: false,
        conversation_id: conversation.id,
        output: { type: 'message', content, media: [] },
        findings: []
      }
    })()
  }
}

const app = Fastify({ logger: true })
await app.register(fastifyChats, {
  engine,
  // Your authentication decides the tenant; undefined answers 401.
  getTenant: (request) => request.headers['x-api-key'] === process.env.API_KEY ? 'my-clinic' : undefined
})
await app.listen({ port: Number(process.env.PORT ?? 3000) })
