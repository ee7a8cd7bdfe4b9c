import {
  ChatResponseSchema, ConversationSchema, ErrorResponseSchema,
  type ChatResponse, type Conversation, type ErrorCodeValue
} from 'fastify-medical-chats/schemas'
import { header, send, type RawResponse } from './http.js'
import { parseChatStream, type ParsedChatStream } from './stream.js'
import { ContractViolation, assertValid } from './validate.js'

export const JSON_TYPE = 'application/json'
export const SSE_TYPE = 'text/event-stream'
/** Ids: a prefix and 12 lowercase hex characters (README, "Routes"). */
export const CONVERSATION_ID = /^conv_[0-9a-f]{12}$/
export const RESPONSE_ID = /^resp_[0-9a-f]{12}$/

/** What a check needs to know about the server under test. */
export interface Target {
  baseUrl: URL
  token: string
  otherTenantToken: string | undefined
  /** The server's request body limit in bytes (413 above it). */
  bodyLimitBytes: number
  /** The response header that carries the request id. */
  requestIdHeader: string
  timeoutMs: number
}

export interface ApiRequest {
  method?: string
  headers?: Record<string, string>
  /** An object is sent as JSON; a string or bytes as they are. */
  body?: unknown
  /** The bearer token to send; `null` sends none. @default the target's token */
  token?: string | null
}

/** Throws a ContractViolation unless `condition` holds. */
export function expect (condition: boolean, message: string): asserts condition {
  if (!condition) throw new ContractViolation(message)
}

/** A message that carries a stack, a file path or the given secret leaks what it must not. */
const LEAKS = /\n\s+at |(?:\/[\w.-]+){2,}\.(?:[cm]?js|ts)\b|node_modules/

/** The helpers every check uses: requests to the target, and the contract's common assertions. */
export class CheckContext {
  readonly target: Target
  constructor (target: Target) {
    this.target = target
  }

  async request (method: string, path: string, options: ApiRequest = {}): Promise<RawResponse> {
    const headers: Record<string, string> = { ...options.headers }
    const token = options.token === undefined ? this.target.token : options.token
    if (token !== null && !Object.keys(headers).some((name) => name.toLowerCase() === 'authorization')) headers.authorization = `Bearer ${token}`
    let body: string | Buffer | undefined
    if (typeof options.body === 'string' || Buffer.isBuffer(options.body)) body = options.body
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body)
      headers['content-type'] ??= JSON_TYPE
    }
    return await send(this.target.baseUrl, { method, path, headers, body, timeoutMs: this.target.timeoutMs })
  }

  /** The parsed JSON body of a response whose Content-Type is application/json. */
  json (response: RawResponse): unknown {
    const type = mediaType(response)
    if (type !== JSON_TYPE) throw new ContractViolation(`expected ${JSON_TYPE}, got ${type === '' ? 'no Content-Type' : type} (HTTP ${response.status})`)
    try {
      return JSON.parse(response.text)
    } catch {
      throw new ContractViolation(`HTTP ${response.status}: the body is not valid JSON`)
    }
  }

  /** Asserts a status; the message shows the body, which says why. */
  status (response: RawResponse, expected: number, what: string): void {
    if (response.status !== expected) {
      // A run sends a few hundred requests: a server's rate limit, not the contract, may answer them.
      const hint = response.status === 429 && expected !== 429 ? ' (the server rate-limited the run: raise its limit while checking it)' : ''
      throw new ContractViolation(`${what}: expected HTTP ${expected}, got ${response.status}${hint}: ${response.text.slice(0, 200)}`)
    }
  }

  /**
   * An error in the API's shape (README, "Errors"): the status, a JSON ErrorResponse with
   * the code, the request id header, and a message without stacks, paths or the given secret.
   */
  error (response: RawResponse, expected: number, code: ErrorCodeValue, what: string, secret?: string): void {
    this.status(response, expected, what)
    const body = this.json(response)
    assertValid(ErrorResponseSchema, body)
    if (body.error.code !== code) throw new ContractViolation(`${what}: expected code ${code}, got ${body.error.code}`)
    if (header(response, this.target.requestIdHeader) === undefined) throw new ContractViolation(`${what}: no ${this.target.requestIdHeader} header`)
    if (LEAKS.test(body.error.message) || (secret !== undefined && body.error.message.includes(secret))) {
      throw new ContractViolation(`${what}: the error message leaks internals or input: ${JSON.stringify(body.error.message)}`)
    }
    if (response.status === 503 || response.status === 429) {
      if (header(response, 'retry-after') === undefined) throw new ContractViolation(`${what}: HTTP ${response.status} without Retry-After`)
    }
  }

  /** POST /v1/conversations → 201 Conversation. */
  async createConversation (body: Record<string, unknown> = {}): Promise<Conversation> {
    const response = await this.request('POST', 'v1/conversations', { body: { patient: { age: 34, sex: 'female' }, max_questions: 99, ...body } })
    this.status(response, 201, 'POST /v1/conversations')
    const conversation = this.json(response)
    assertValid(ConversationSchema, conversation)
    return conversation
  }

  async getConversation (id: string, token?: string | null): Promise<Conversation> {
    const response = await this.request('GET', `v1/conversations/${encodeURIComponent(id)}`, { token })
    this.status(response, 200, 'GET /v1/conversations/{id}')
    const conversation = this.json(response)
    assertValid(ConversationSchema, conversation)
    return conversation
  }

  /** A JSON chat turn → 200 ChatResponse. */
  async chat (conversationId: string, body: Record<string, unknown>, accept = JSON_TYPE): Promise<{ response: RawResponse, chat: ChatResponse }> {
    const response = await this.request('POST', 'v1/chats', { headers: { accept }, body: { conversation_id: conversationId, ...body } })
    this.status(response, 200, 'POST /v1/chats')
    const chat = this.json(response)
    assertValid(ChatResponseSchema, chat)
    return { response, chat }
  }

  /** A streamed chat turn → 200 text/event-stream, parsed and checked whole. */
  async stream (conversationId: string, body: Record<string, unknown>, accept = SSE_TYPE): Promise<{ response: RawResponse, stream: ParsedChatStream }> {
    const response = await this.request('POST', 'v1/chats', { headers: { accept }, body: { conversation_id: conversationId, ...body } })
    this.status(response, 200, 'POST /v1/chats (streamed)')
    const type = mediaType(response)
    if (type !== SSE_TYPE) throw new ContractViolation(`a stream must be ${SSE_TYPE}, got ${type === '' ? 'no Content-Type' : type}`)
    return { response, stream: parseChatStream(response.bytes) }
  }
}

/** The media type of a response, lower case, without parameters; '' when absent. */
export function mediaType (response: RawResponse): string {
  return (header(response, 'content-type') ?? '').replace(/;.*$/s, '').trim().toLowerCase()
}
