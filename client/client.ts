import type { Static, TSchema } from '@sinclair/typebox'
import { ChatResponseSchema, type ChatResponse } from '../schemas/chat.js'
import { ConversationSchema, type Conversation } from '../schemas/conversation.js'
import { ErrorCode, ErrorResponseSchema, type ErrorCodeValue } from '../schemas/errors.js'
import { SSE_CONTENT_TYPE } from '../schemas/events.js'
import { ApiError, ProtocolError } from './errors.js'
import { readPayload } from './payload.js'
import { ChatStream } from './stream.js'

/** Body of `POST /v1/conversations`. */
export interface NewConversation {
  patient: { age: number, sex: 'male' | 'female' }
  personality?: string
  language?: string
  coding_system?: string
  max_questions?: number
}

/** Body of `POST /v1/chats`: `input` is required unless `force_diagnose` is true. */
export type ChatRequest =
  | { conversation_id: string, input: string, force_diagnose?: false }
  | { conversation_id: string, force_diagnose: true, input?: string }

export interface ClientOptions {
  /** Where the API is served, e.g. `http://127.0.0.1:3000` (routes are resolved under it: `/v1/...`). */
  baseUrl: string | URL
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string
  /** Sent with every request (e.g. an `x-api-key` for a host that authenticates that way). */
  headers?: Record<string, string>
  /** The `fetch` to use. @default globalThis.fetch */
  fetch?: typeof globalThis.fetch
}

export interface RequestOptions {
  /** Cancels the request; for a stream, also the reading of its body. */
  signal?: AbortSignal
  /** Extra headers for this request only (e.g. `Prefer`). */
  headers?: Record<string, string>
}

export interface ChatsClient {
  /** `POST /v1/conversations` → 201 Conversation. */
  createConversation (body: NewConversation, options?: RequestOptions): Promise<Conversation>
  /** `GET /v1/conversations/{id}` → 200 Conversation. */
  getConversation (conversationId: string, options?: RequestOptions): Promise<Conversation>
  /** `POST /v1/chats` as JSON → 200 ChatResponse (the next question, or the diagnosis). */
  chat (body: ChatRequest, options?: RequestOptions): Promise<ChatResponse>
  /**
   * `POST /v1/chats` with `Accept: text/event-stream`. Resolves once the stream has begun
   * (status 200); an error found before it (4xx/5xx with a JSON body) rejects with `ApiError`.
   */
  streamChat (body: ChatRequest, options?: RequestOptions): Promise<ChatStream>
}

const JSON_TYPE = 'application/json'
const ERROR_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode))

/** Seconds from a `Retry-After` value (RFC 9110 §10.2.3): delta-seconds or an HTTP date. */
export function parseRetryAfter (value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined
  if (/^\d+$/.test(value.trim())) return Number(value.trim())
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000))
}

/**
 * A typed client of the Conversations API, for browsers and Node 20+ (only `fetch`, web
 * streams and `TextDecoderStream`). Every reply is checked against the contract's schemas;
 * errors come back as `ApiError` (the API's own) or `ProtocolError` (a reply that breaks the
 * contract).
 */
export function createClient (options: ClientOptions): ChatsClient {
  const base = new URL(options.baseUrl)
  if (!base.pathname.endsWith('/')) base.pathname += '/'
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis)
  const common: Record<string, string> = { ...options.headers }
  if (options.token !== undefined) common.authorization = `Bearer ${options.token}`

  async function send (method: string, path: string, accept: string, body: unknown, request: RequestOptions | undefined): Promise<Response> {
    const headers: Record<string, string> = { ...common, accept, ...request?.headers }
    if (body !== undefined) headers['content-type'] = JSON_TYPE
    return await doFetch(new URL(path, base), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: request?.signal
    })
  }

  async function expect<T extends TSchema> (response: Response, status: number, schema: T): Promise<Static<T>> {
    const meta = metaOf(response)
    if (response.status !== status) throw await errorOf(response)
    const data = await readJson(response, meta)
    const payload = readPayload(schema, data)
    if (!payload.ok) throw new ProtocolError('invalid_payload', `${String(schema.$id)}: ${payload.violation}`, meta)
    return payload.value
  }

  return {
    async createConversation (body, request) {
      return await expect(await send('POST', 'v1/conversations', JSON_TYPE, body, request), 201, ConversationSchema)
    },
    async getConversation (conversationId, request) {
      return await expect(await send('GET', `v1/conversations/${encodeURIComponent(conversationId)}`, JSON_TYPE, undefined, request), 200, ConversationSchema)
    },
    async chat (body, request) {
      return await expect(await send('POST', 'v1/chats', JSON_TYPE, body, request), 200, ChatResponseSchema)
    },
    async streamChat (body, request) {
      const response = await send('POST', 'v1/chats', SSE_CONTENT_TYPE, body, request)
      const meta = metaOf(response)
      if (response.status !== 200) throw await errorOf(response)
      const type = mediaType(response)
      if (type !== SSE_CONTENT_TYPE) {
        await response.body?.cancel()
        throw new ProtocolError('unexpected_response', `expected a ${SSE_CONTENT_TYPE} stream, got ${type === '' ? 'no content type' : type}`, meta)
      }
      // No body at all reads as an empty stream: one that ends without its terminal event.
      return new ChatStream(response.body ?? new ReadableStream({ start (controller) { controller.close() } }), meta)
    }
  }
}

/** What every error names of the response it came from. */
function metaOf (response: Response): { status: number, requestId: string | undefined } {
  return { status: response.status, requestId: response.headers.get('x-request-id') ?? undefined }
}

/** The media type of a response, without parameters; '' when it has none. */
function mediaType (response: Response): string {
  return (response.headers.get('content-type') ?? '').replace(/;.*$/s, '').trim().toLowerCase()
}

async function readJson (response: Response, meta: { status: number, requestId: string | undefined }): Promise<unknown> {
  const type = mediaType(response)
  const text = await response.text()
  if (type !== JSON_TYPE) throw new ProtocolError('unexpected_response', `expected ${JSON_TYPE}, got ${type === '' ? 'no content type' : type}`, meta)
  try {
    return JSON.parse(text)
  } catch {
    throw new ProtocolError('unexpected_response', 'the body is not valid JSON', meta)
  }
}

/** The API's error from a response that is not the expected status, or a ProtocolError if it is not in the API's shape. */
async function errorOf (response: Response): Promise<ApiError | ProtocolError> {
  const meta = metaOf(response)
  let data: unknown
  try {
    data = await readJson(response, meta)
  } catch (error) {
    return new ProtocolError('unexpected_response', `HTTP ${response.status} without an ErrorResponse body: ${(error as Error).message}`, meta)
  }
  const payload = readPayload(ErrorResponseSchema, data)
  if (!payload.ok || !ERROR_CODES.has(payload.value.error.code)) {
    return new ProtocolError('unexpected_response', `HTTP ${response.status} without an ErrorResponse body`, meta)
  }
  return new ApiError({
    status: response.status,
    code: payload.value.error.code as ErrorCodeValue,
    message: payload.value.error.message,
    requestId: meta.requestId,
    retryAfter: parseRetryAfter(response.headers.get('retry-after'))
  })
}
