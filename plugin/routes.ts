import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ServerResponse } from 'node:http'
import type { FastifyRequest } from 'fastify'
import { ChatBodySchema, ChatResponseSchema } from '../schemas/chat.js'
import { ref } from '../schemas/common.js'
import {
  ConversationParamsSchema, ConversationSchema, createConversationBodySchemaFor, defaultOf,
  DEFAULT_CODING_SYSTEM, DEFAULT_LANGUAGE, DEFAULT_PERSONALITY
} from '../schemas/conversation.js'
import { ErrorResponseSchema } from '../schemas/errors.js'
import { SSE_CONTENT_TYPE } from '../schemas/events.js'
import type { EngineContext } from './engine.js'
import { ClientClosedError, ConversationNotFoundError, NotAcceptableError, UnauthorizedError } from './errors.js'
import { newResponseId } from './ids.js'
import type { LiveTurns } from './live-turns.js'
import { negotiate } from './negotiate.js'
import type { NormalizedOptions } from './options.js'
import { abandon, isClientClosed, replyJson, streamTurn, type ResponseSerializer } from './reply-turn.js'
import { TurnRun } from './turn.js'

export interface RoutesOptions {
  options: NormalizedOptions
  liveTurns: LiveTurns
  serializeChatResponse: ResponseSerializer
}

const errorResponses = {
  '4xx': ref(ErrorResponseSchema),
  '5xx': ref(ErrorResponseSchema)
}

const kRun = Symbol('fastify-medical-chats.run')

function onResponseClose (this: ServerResponse & { [kRun]?: TurnRun }): void {
  const run = this[kRun] as TurnRun
  // A turn already over has nothing to abort: no error is made (its stack trace is not free).
  if (!this.writableFinished && !run.disposed) run.abort(new ClientClosedError())
}

/**
 * A client that leaves aborts the turn. The response's `close`, not the request's: that one
 * fires as soon as a POST body has been read. One shared listener, the run kept on the response.
 */
function watchDisconnect (raw: ServerResponse & { [kRun]?: TurnRun }, run: TurnRun): void {
  raw[kRun] = run
  // `close` comes once: a plain listener, without the wrapper `once` allocates.
  raw.on('close', onResponseClose)
}

/** The Conversations API under `/v1`. */
export const conversationRoutes: FastifyPluginAsyncTypebox<RoutesOptions> = async function conversationRoutes (fastify, { options, liveTurns, serializeChatResponse }) {
  const { engine } = options
  const { capabilities } = engine
  const defaults = {
    personality: defaultOf(capabilities.personalities, DEFAULT_PERSONALITY),
    language: defaultOf(capabilities.languages, DEFAULT_LANGUAGE),
    coding_system: defaultOf(capabilities.codingSystems, DEFAULT_CODING_SYSTEM)
  }

  function contextOf (request: FastifyRequest): EngineContext {
    const tenant = options.getTenant(request)
    if (typeof tenant !== 'string' || tenant === '') throw new UnauthorizedError()
    return { tenant, log: request.log }
  }

  fastify.post('/conversations', {
    bodyLimit: options.bodyLimit,
    schema: {
      summary: 'Create a conversation',
      operationId: 'createConversation',
      body: createConversationBodySchemaFor(capabilities),
      response: { 201: ref(ConversationSchema), ...errorResponses }
    }
  }, async function createConversation (request, reply) {
    const context = contextOf(request)
    const body = request.body
    const conversation = {
      patient: { age: body.patient.age, sex: body.patient.sex },
      personality: body.personality ?? defaults.personality,
      language: body.language ?? defaults.language,
      coding_system: body.coding_system ?? defaults.coding_system,
      ...(body.max_questions === undefined ? {} : { max_questions: body.max_questions })
    }
    return reply.code(201).send(await engine.createConversation(conversation, context))
  })

  fastify.get('/conversations/:conversation_id', {
    schema: {
      summary: 'Get a conversation: messages, findings, usage, and the diagnosis once complete',
      operationId: 'getConversation',
      params: ConversationParamsSchema,
      response: { 200: ref(ConversationSchema), ...errorResponses }
    }
  }, async function getConversation (request) {
    const conversation = await engine.getConversation(request.params.conversation_id, contextOf(request))
    if (conversation === undefined) throw new ConversationNotFoundError()
    return conversation
  })

  fastify.post('/chats', {
    bodyLimit: options.bodyLimit,
    schema: {
      summary: 'Send one user message; get the next assistant message or the diagnosis',
      description: 'With `Accept: text/event-stream` the reply streams as Server-Sent Events: `delta` events ' +
        '(DeltaEvent; message replies only; their contents concatenate to the final content), then exactly one ' +
        '`done` (the ChatResponse, identical to the JSON reply), or an `error` (ErrorResponse) with no `done` after it.',
      operationId: 'chat',
      body: ChatBodySchema,
      response: {
        200: {
          description: 'The reply: JSON, or a stream of Server-Sent Events',
          content: {
            'application/json': { schema: ref(ChatResponseSchema) },
            [SSE_CONTENT_TYPE]: { schema: { type: 'string', description: 'event: delta|done|error, data: one line of JSON' } }
          }
        },
        ...errorResponses
      }
    }
  }, async function chat (request, reply) {
    const representation = negotiate(request.headers.accept)
    if (representation === 'none') throw new NotAcceptableError()
    const { conversation_id: conversationId, force_diagnose: forceDiagnose = false } = request.body
    // The schema has made sure it is there unless force_diagnose is true, and not blank.
    const input = request.body.input?.trim()
    const context = contextOf(request)

    const run = new TurnRun(options.engineTimeoutMs, liveTurns)
    watchDisconnect(reply.raw, run)
    const responseId = newResponseId()
    try {
      await run.start(engine, { conversation_id: conversationId, input, force_diagnose: forceDiagnose, response_id: responseId }, context)
    } catch (error) {
      run.dispose()
      if (!isClientClosed(error)) throw error
      return abandon(request, reply)
    }
    if (representation === 'sse') {
      streamTurn(request, reply, run, responseId, serializeChatResponse, options.heartbeatMs)
      return
    }
    return replyJson(request, reply, run, responseId, serializeChatResponse)
  })
}
