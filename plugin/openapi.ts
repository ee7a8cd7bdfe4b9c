import { STATUS_CODES } from 'node:http'
import type { TSchema } from '@sinclair/typebox'
import type { FastifyInstance, FastifySchema } from 'fastify'
import { ConversationIdInputSchema } from '../schemas/common.js'
import { createConversationBodySchemaFor, defaultOf, DEFAULT_CODING_SYSTEM, DEFAULT_LANGUAGE, DEFAULT_PERSONALITY, type ConversationOptions } from '../schemas/conversation.js'
import { API_ERRORS, type ErrorCodeValue } from '../schemas/errors.js'
import { SSE_CONTENT_TYPE, SseEvent } from '../schemas/events.js'
import { schemas } from '../schemas/index.js'
import {
  completeExample, CONVERSATION_ID, DIAGNOSIS_RESPONSE_EXAMPLE, DIAGNOSIS_STREAM_EXAMPLE, ERROR_STREAM_EXAMPLE,
  inProgressExample, MESSAGE_STREAM_EXAMPLE, newConversationExample, QUESTION_EXAMPLE
} from './openapi-examples.js'

/** The OpenAPI versions served: 3.1 for the tools most use, 3.2 to describe each stream event (`itemSchema`). */
export const OPENAPI_VERSIONS = ['3.1.0', '3.2.0'] as const
export type OpenApiVersion = typeof OPENAPI_VERSIONS[number]

/** Where the plugin serves each version, under its prefix. */
export const OPENAPI_PATHS: Readonly<Record<OpenApiVersion, string>> = Object.freeze({
  '3.1.0': '/v1/openapi.json',
  '3.2.0': '/v1/openapi-3.2.json'
})

type JsonObject = Record<string, unknown>

export interface OpenApiOptions {
  /**
   * The security schemes (OpenAPI Security Scheme Objects, by name) the host's authentication
   * accepts; every operation requires one of them. The plugin itself assumes none.
   * @default {} (operations are documented with `security: []`)
   */
  securitySchemes?: Record<string, JsonObject>
  /** @default [{ url: '/' }] (the host that serves the document) */
  servers?: Array<{ url: string, description?: string }>
  /** Merged over the document's `info` (title, version, description, license, contact). */
  info?: JsonObject
}

/** What the document describes beyond the contract: the engine's choices and the routes' prefix. */
export interface DocumentSubject {
  /** What the engine supports: the request schema's enumerations. */
  capabilities: ConversationOptions
  /** The prefix the plugin is registered under ('' for none). */
  prefix?: string
}

export const OPENAPI_INFO = Object.freeze({
  title: 'Diagnostic Engine Conversations API',
  version: '1.0.0',
  description: 'A medical interview over HTTP: create a conversation, chat turn by turn (JSON, or Server-Sent Events ' +
    'with `Accept: text/event-stream`), and receive a ranked differential diagnosis with triage. Every error is an ' +
    '`ErrorResponse` with a code from one table. The 3.1 document documents the stream as text; the 3.2 document ' +
    'describes each of its events (`itemSchema`).',
  license: { name: 'MIT', identifier: 'MIT' },
  contact: { name: 'fastify-medical-chats' }
})

const TAGS = [
  { name: 'Conversations', description: 'A patient\'s interview: created once, read at any time' },
  { name: 'Chats', description: 'One turn of the interview: the next question, or the diagnosis' }
]

const componentRef = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` })
const schemaRef = (name: string) => componentRef('schemas', name)

/** A TypeBox schema as an OpenAPI component: references by `$id` point at components, and `$id` goes. */
function toComponent (schema: TSchema): JsonObject {
  return JSON.parse(JSON.stringify(schema, function rewrite (key, value: unknown) {
    if (key === '$id') return undefined
    if (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) return `#/components/schemas/${value}`
    return value
  }))
}

/** `OpenAPI`-style component name of a status: 409 → `Conflict`. */
function statusName (status: number): string {
  return (STATUS_CODES[status] as string).replace(/[^A-Za-z]/g, '')
}

const ALWAYS: ErrorCodeValue[] = ['unauthorized', 'request_timeout', 'uri_too_long', 'headers_too_large', 'rate_limited', 'internal_error', 'unavailable']
const WITH_BODY: ErrorCodeValue[] = ['invalid_request', 'payload_too_large', 'unsupported_media_type']

/** The errors each operation can answer, beyond those of every request. */
const OPERATION_ERRORS: Readonly<Record<string, ErrorCodeValue[]>> = {
  createConversation: [...WITH_BODY, ...ALWAYS],
  getConversation: ['invalid_request', 'conversation_not_found', ...ALWAYS],
  chat: [...WITH_BODY, 'conversation_not_found', 'not_acceptable', 'conversation_complete', 'conversation_busy', ...ALWAYS]
}

const RETRY_AFTER_STATUSES = new Set([429, 503])

function errorResponses (codes: ErrorCodeValue[]): JsonObject {
  const statuses = [...new Set(codes.map((code) => API_ERRORS[code].status))].sort()
  return Object.fromEntries(statuses.map((status) => [String(status), componentRef('responses', statusName(status))]))
}

/** One response component per status an operation can answer, its examples one per code. */
function errorResponseComponents (): JsonObject {
  const used = new Set(Object.values(OPERATION_ERRORS).flat())
  const byStatus = new Map<number, ErrorCodeValue[]>()
  for (const code of used) byStatus.set(API_ERRORS[code].status, [...byStatus.get(API_ERRORS[code].status) ?? [], code])
  return Object.fromEntries([...byStatus].sort(([a], [b]) => a - b).map(([status, codes]) => [statusName(status), {
    description: codes.map((code) => `\`${code}\`: ${API_ERRORS[code].when}`).join(' '),
    ...(RETRY_AFTER_STATUSES.has(status) ? { headers: { 'Retry-After': componentRef('headers', 'RetryAfter') } } : {}),
    content: {
      'application/json': {
        schema: schemaRef('ErrorResponse'),
        examples: Object.fromEntries(codes.map((code) => [code, {
          summary: API_ERRORS[code].when,
          value: { error: { code, message: API_ERRORS[code].message } }
        }]))
      }
    }
  }]))
}

function jsonContent (schema: JsonObject, examples: Record<string, { summary: string, value: unknown }>): JsonObject {
  return { 'application/json': { schema, examples } }
}

/**
 * The stream, as each version can say it. 3.2: each event (`itemSchema`) with its payload
 * schema by event name, so tools can check and type every event. 3.1 has no way to describe
 * the items of a stream: it is text, with examples of whole streams.
 */
function streamContent (version: OpenApiVersion): JsonObject {
  const streams = {
    question: { summary: 'A question, streamed in pieces', value: MESSAGE_STREAM_EXAMPLE },
    diagnosis: { summary: 'A diagnosis: a lone done', value: DIAGNOSIS_STREAM_EXAMPLE },
    failure: { summary: 'A failure after the stream began', value: ERROR_STREAM_EXAMPLE }
  }
  if (version === '3.1.0') {
    return {
      schema: { type: 'string', description: 'Server-Sent Events: `event: delta|done|error` and one `data:` line of JSON each (DeltaEvent, ChatResponse, ErrorResponse); the 3.2 document describes each event' },
      examples: streams
    }
  }
  const event = (name: string, payload: string) => ({
    required: ['event'],
    properties: {
      event: { const: name },
      data: { type: 'string', contentMediaType: 'application/json', contentSchema: schemaRef(payload) }
    }
  })
  return {
    itemSchema: {
      type: 'object',
      description: 'One event. `delta` (message replies only) carries a piece of the text; exactly one `done` (the ChatResponse) or `error` (the ErrorResponse) ends the stream. Comments (`: ping`) are heartbeats, not events.',
      required: ['event', 'data'],
      properties: { event: { type: 'string', enum: Object.values(SseEvent) }, data: { type: 'string' } },
      oneOf: [event(SseEvent.delta, 'DeltaEvent'), event(SseEvent.done, 'ChatResponse'), event(SseEvent.error, 'ErrorResponse')]
    },
    examples: streams
  }
}

/**
 * The OpenAPI document of the plugin's routes, in one place: the contract's schemas, the
 * engine's enumerations, every error from the error table with an example each, links between
 * operations, and the host's servers and security schemes.
 */
export function buildOpenApiDocument (version: OpenApiVersion, subject: DocumentSubject, options: OpenApiOptions = {}): JsonObject {
  const { capabilities, prefix = '' } = subject
  const securitySchemes = options.securitySchemes ?? {}
  const security = Object.keys(securitySchemes).map((name) => ({ [name]: [] }))
  const settings = {
    personality: defaultOf(capabilities.personalities, DEFAULT_PERSONALITY),
    language: defaultOf(capabilities.languages, DEFAULT_LANGUAGE),
    coding_system: defaultOf(capabilities.codingSystems, DEFAULT_CODING_SYSTEM)
  }
  const conversationIdParameter = {
    name: 'conversation_id',
    in: 'path',
    required: true,
    description: 'The conversation\'s id, as its creation returned it',
    schema: toComponent(ConversationIdInputSchema),
    examples: { conversation: { summary: 'A conversation id', value: CONVERSATION_ID } }
  }
  const chatLink = {
    operationId: 'chat',
    description: 'Diagnose this conversation now',
    requestBody: { conversation_id: '$response.body#/id', force_diagnose: true }
  }

  const componentSchemas: JsonObject = {}
  for (const schema of schemas) {
    const name = schema.$id as string
    if (name === 'ConversationParams' || (name === 'DeltaEvent' && version === '3.1.0')) continue
    componentSchemas[name] = toComponent(name === 'CreateConversationBody' ? createConversationBodySchemaFor(capabilities) : schema)
  }

  return {
    openapi: version,
    info: { ...OPENAPI_INFO, ...options.info },
    servers: options.servers ?? [{ url: '/', description: 'The server that serves this document' }],
    tags: TAGS,
    paths: {
      [`${prefix}/v1/conversations`]: {
        post: {
          operationId: 'createConversation',
          summary: 'Create a conversation',
          description: 'Starts an interview for one patient. `personality`, `language` and `coding_system` take the values this server supports, listed in the schema.',
          tags: ['Conversations'],
          security,
          requestBody: {
            required: true,
            content: jsonContent(schemaRef('CreateConversationBody'), {
              minimal: { summary: 'Only the patient', value: { patient: { age: 34, sex: 'female' } } },
              complete: { summary: 'Every field', value: { patient: { age: 34, sex: 'female' }, ...settings, max_questions: 12 } }
            })
          },
          responses: {
            201: {
              description: 'The new conversation: no messages, no findings, not complete',
              content: jsonContent(schemaRef('Conversation'), { created: { summary: 'A new conversation', value: newConversationExample(settings) } }),
              links: {
                GetConversation: { operationId: 'getConversation', description: 'Read this conversation', parameters: { conversation_id: '$response.body#/id' } },
                Chat: chatLink
              }
            },
            ...errorResponses(OPERATION_ERRORS.createConversation as ErrorCodeValue[])
          }
        }
      },
      [`${prefix}/v1/conversations/{conversation_id}`]: {
        get: {
          operationId: 'getConversation',
          summary: 'Get a conversation',
          description: 'The conversation\'s full state: messages, findings, usage, and the diagnosis once complete. Another tenant\'s conversation is `conversation_not_found`.',
          tags: ['Conversations'],
          security,
          parameters: [conversationIdParameter],
          responses: {
            200: {
              description: 'The conversation',
              content: jsonContent(schemaRef('Conversation'), {
                inProgress: { summary: 'After one question', value: inProgressExample(settings) },
                complete: { summary: 'After the diagnosis', value: completeExample(settings) }
              }),
              links: { Chat: chatLink }
            },
            ...errorResponses(OPERATION_ERRORS.getConversation as ErrorCodeValue[])
          }
        }
      },
      [`${prefix}/v1/chats`]: {
        post: {
          operationId: 'chat',
          summary: 'Send one user message; get the next question or the diagnosis',
          description: 'JSON by default. With `Accept: text/event-stream` (preferred at least as much as `application/json`) the reply ' +
            'streams as Server-Sent Events: `delta` events (DeltaEvent; message replies only; their contents concatenate to the final ' +
            'content), then exactly one `done` (the ChatResponse, identical to the JSON reply), or an `error` (ErrorResponse) with no ' +
            '`done` after it. Everything found before the stream begins is an ordinary error response. A conversation\'s turns are ' +
            'sequential: a second turn while one is in flight is `conversation_busy`.',
          tags: ['Chats'],
          security,
          requestBody: {
            required: true,
            content: jsonContent(schemaRef('ChatBody'), {
              message: { summary: 'The patient\'s opening complaint', value: { conversation_id: CONVERSATION_ID, input: 'I have had a headache since yesterday and feel sick' } },
              answer: { summary: 'An answer to the last question', value: { conversation_id: CONVERSATION_ID, input: 'Yes, a little' } },
              diagnose: { summary: 'Diagnose now', value: { conversation_id: CONVERSATION_ID, force_diagnose: true } }
            })
          },
          responses: {
            200: {
              description: 'The next question, or the diagnosis: as JSON, or streamed as Server-Sent Events',
              content: {
                ...jsonContent(schemaRef('ChatResponse'), {
                  question: { summary: 'The next question', value: QUESTION_EXAMPLE },
                  diagnosis: { summary: 'The diagnosis', value: DIAGNOSIS_RESPONSE_EXAMPLE }
                }),
                [SSE_CONTENT_TYPE]: streamContent(version)
              },
              links: {
                GetConversation: { operationId: 'getConversation', description: 'Read the conversation', parameters: { conversation_id: '$response.body#/conversation_id' } }
              }
            },
            ...errorResponses(OPERATION_ERRORS.chat as ErrorCodeValue[])
          }
        }
      }
    },
    components: {
      schemas: componentSchemas,
      responses: errorResponseComponents(),
      headers: {
        RetryAfter: { description: 'Seconds to wait before retrying (RFC 9110 §10.2.3)', schema: { type: 'integer', minimum: 0 }, example: 1 }
      },
      ...(security.length > 0 ? { securitySchemes } : {})
    }
  }
}

export interface OpenApiRoutesOptions extends OpenApiOptions {
  subject: DocumentSubject
}

/**
 * Serves every version of the document at `OPENAPI_PATHS`, each built and serialized once at
 * registration (it depends only on the code and the options). The plugin registers it with
 * the `openapi` option; a host that keeps its API behind authentication can register it in
 * the open instead.
 */
/**
 * Keeps the documents' own routes out of a host's `@fastify/swagger` document. `hide` is that
 * plugin's addition to FastifySchema; the plugin does not depend on it for one flag.
 */
const HIDDEN_FROM_SWAGGER = { hide: true } as FastifySchema & { hide: boolean }

export async function openApiRoutes (fastify: FastifyInstance, { subject, ...options }: OpenApiRoutesOptions): Promise<void> {
  for (const version of OPENAPI_VERSIONS) {
    const document = JSON.stringify(buildOpenApiDocument(version, subject, options))
    fastify.get(OPENAPI_PATHS[version], { schema: HIDDEN_FROM_SWAGGER }, async function openApiDocument (_request, reply) {
      return reply.type('application/json; charset=utf-8').send(document)
    })
  }
}
