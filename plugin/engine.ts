import type { FastifyBaseLogger } from 'fastify'
import type { ChatResponse } from '../schemas/chat.js'
import type { Conversation, Patient } from '../schemas/conversation.js'
import { newConversationId } from './ids.js'

/**
 * The port through which the plugin talks to whatever produces replies. The plugin owns
 * HTTP (validation, negotiation, streaming, errors); the engine owns conversations.
 *
 * To refuse a request, throw the plugin's errors (`ConversationNotFoundError`,
 * `ConversationCompleteError`, `ConversationBusyError`, `InvalidRequestError`): each becomes
 * its status code and API error code.
 */
export interface ChatEngine {
  /** What `POST /v1/conversations` may ask for; anything else is a 400 naming the field. */
  readonly capabilities: EngineCapabilities
  createConversation (request: NewConversation, context: EngineContext): Promise<Conversation>
  /** The conversation, or `undefined` when it does not exist or belongs to another tenant. */
  getConversation (conversationId: string, context: EngineContext): Promise<Conversation | undefined>
  /**
   * Begin one chat turn. Everything that can refuse the turn (unknown conversation, complete,
   * busy) must be decided before this promise resolves: the client still gets a status code.
   * The returned generator yields the reply's text in pieces and returns the ChatResponse;
   * a diagnosis yields nothing. The turn must take effect only when the generator returns:
   * if `context.signal` aborts (client gone, timeout, shutdown) or the generator is closed
   * early with `return()`, nothing of the turn may be kept.
   */
  startTurn (request: TurnRequest, context: TurnContext): Promise<ChatTurn>
}

export interface EngineCapabilities {
  personalities: readonly string[]
  languages: readonly string[]
  codingSystems: readonly string[]
}

export interface EngineContext {
  /** Whose data this is: set by the host's authentication, read through the `getTenant` option. */
  tenant: string
  /** The request's logger. Never log patient text. */
  log: FastifyBaseLogger
}

export interface TurnContext extends EngineContext {
  /** Aborted when the client disconnects, the engine times out or the server shuts down; `reason` says which. */
  signal: AbortSignal
}

/** A conversation to create, with every default applied. */
export interface NewConversation {
  patient: Patient
  personality: string
  language: string
  coding_system: string
  max_questions?: number
}

/** One chat turn. `input` is trimmed and present unless `force_diagnose` is true. */
export interface TurnRequest {
  conversation_id: string
  input?: string
  force_diagnose: boolean
  /** The id the ChatResponse must carry: the stream's `delta` events already carry it. */
  response_id: string
}

/** Yields the reply's text in pieces, returns the complete ChatResponse. */
export type ChatTurn = AsyncGenerator<string, ChatResponse, undefined>

/** A new, empty conversation for `request`: what an engine stores and returns from `createConversation`. */
export function emptyConversation (request: NewConversation, createdAt: number): Conversation {
  return {
    id: newConversationId(),
    created_at: createdAt,
    is_complete: false,
    patient: request.patient,
    personality: request.personality,
    language: request.language,
    coding_system: request.coding_system,
    messages: [],
    findings: [],
    usage: { questions_asked: 0, turns: 0 }
  }
}
