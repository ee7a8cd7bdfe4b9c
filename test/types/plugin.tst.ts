import Fastify from 'fastify'
import { expect, test } from 'tstyche'
import fastifyChats, {
  ClientClosedError, ConversationBusyError, ConversationCompleteError, ConversationNotFoundError, EngineTimeoutError,
  InvalidOptionError, InvalidRequestError, ShuttingDownError, TurnAbandonedError, emptyConversation,
  type ChatEngine, type ChatTurn, type EngineContext, type FastifyChatsOptions, type NewConversation, type TurnContext, type TurnRequest
} from 'fastify-medical-chats'
import type { ChatResponse, Conversation } from 'fastify-medical-chats/schemas'

/** An engine as a user writes one: a class over a Map, replying with one piece of text. */
class EchoEngine implements ChatEngine {
  readonly capabilities = { personalities: ['professional'], languages: ['en'], codingSystems: ['snomed'] }
  readonly #conversations = new Map<string, Conversation>()

  async createConversation (request: NewConversation, _context: EngineContext): Promise<Conversation> {
    const conversation = emptyConversation(request, Math.floor(Date.now() / 1000))
    this.#conversations.set(conversation.id, conversation)
    return conversation
  }

  async getConversation (id: string): Promise<Conversation | undefined> {
    return this.#conversations.get(id)
  }

  async startTurn (request: TurnRequest, context: TurnContext): Promise<ChatTurn> {
    const conversation = this.#conversations.get(request.conversation_id)
    if (conversation === undefined) throw new ConversationNotFoundError()
    if (conversation.is_complete) throw new ConversationCompleteError()
    if (context.signal.aborted) throw new ConversationBusyError()
    return (async function * (): ChatTurn {
      yield 'Tell me more.'
      const response: ChatResponse = {
        id: request.response_id,
        created_at: Math.floor(Date.now() / 1000),
        is_complete: false,
        conversation_id: conversation.id,
        output: { type: 'message', content: 'Tell me more.', media: [] },
        findings: []
      }
      return response
    })()
  }
}

const app = Fastify()

test('the plugin registers with an engine, and not without one', () => {
  expect(app.register(fastifyChats, { engine: new EchoEngine() })).type.not.toRaiseError()
  expect(app.register(fastifyChats, { engine: new EchoEngine(), getTenant: (request) => request.headers['x-tenant'] as string | undefined, openapi: true })).type.not.toRaiseError()
  expect(app.register(fastifyChats, {})).type.toRaiseError()
  expect(app.register(fastifyChats)).type.toRaiseError()
  expect<FastifyChatsOptions>().type.not.toBeAssignableFrom({ heartbeatMs: 1000 })
})

test('an engine must implement every method of the port', () => {
  expect<ChatEngine>().type.toBeAssignableFrom(new EchoEngine())
  const { startTurn: _omitted, ...withoutStartTurn } = new EchoEngine()
  expect<ChatEngine>().type.not.toBeAssignableFrom({ ...withoutStartTurn, capabilities: new EchoEngine().capabilities })
  expect<ChatTurn>().type.not.toBeAssignableFrom((async function * () { yield 'text' })())
})

test('the error classes are typed, constructible and narrow with instanceof', () => {
  expect(new ConversationBusyError()).type.toHaveProperty('code')
  expect(new ConversationBusyError().code).type.toBe<'CHATS_CONVERSATION_BUSY'>()
  expect(new ConversationBusyError().statusCode).type.toBe<409>()
  expect(new ConversationNotFoundError().statusCode).type.toBe<404>()
  expect(new TurnAbandonedError().code).type.toBe<'CHATS_TURN_ABANDONED'>()
  expect(new ClientClosedError()).type.toBeAssignableTo<Error>()
  expect(InvalidRequestError).type.toBeConstructableWith('body/input is required')
  expect(InvalidRequestError).type.not.toBeConstructableWith(42)
  expect(InvalidOptionError).type.toBeConstructableWith('engine', 'pass an object implementing ChatEngine')
  expect(ConversationBusyError).type.not.toBeConstructableWith('a message the class fixes itself')

  const reason: unknown = new AbortController().signal.reason
  if (reason instanceof EngineTimeoutError) expect(reason.code).type.toBe<'CHATS_ENGINE_TIMEOUT'>()
  if (reason instanceof ShuttingDownError) expect(reason.statusCode).type.toBe<503>()
  expect(new EngineTimeoutError()).type.not.toBeAssignableTo<number>()
})
