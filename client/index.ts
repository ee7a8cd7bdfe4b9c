/**
 * A typed client of the medical-interview Conversations API: JSON and streamed (SSE) chats,
 * every reply checked against the contract. Framework-independent; browsers and Node 20+.
 */
export { createClient, parseRetryAfter } from './client.js'
export type { ChatRequest, ChatsClient, ClientOptions, NewConversation, RequestOptions } from './client.js'
export { ChatStream } from './stream.js'
export type { ChatStreamEvent } from './stream.js'
export { ApiError, ProtocolError } from './errors.js'
export type { ProtocolViolation } from './errors.js'
export type { ChatResponse, Conversation, DeltaEvent, DiagnosisOutput, ErrorCodeValue, ErrorResponse, Finding, MessageOutput } from '../schemas/index.js'
