import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import fp from 'fastify-plugin'
import build from 'fast-json-stringify'
import type { TSchema } from '@sinclair/typebox'
import { ChatResponseSchema, MessageOutputSchema, type ChatResponse } from '../schemas/chat.js'
import { ref } from '../schemas/common.js'
import { DiagnosisOutputSchema } from '../schemas/diagnosis.js'
import { schemas } from '../schemas/index.js'
import { UnavailableError, replyWithApiError } from './errors.js'
import { unknownRoutes } from './framework-errors.js'
import { LiveTurns } from './live-turns.js'
import { openApiRoutes } from './openapi.js'
import { normalizeOptions, type FastifyChatsOptions } from './options.js'
import type { ResponseSerializer } from './reply-turn.js'
import { conversationRoutes } from './routes.js'
import { createValidatorCompiler, formatSchemaErrors } from './validation.js'

const PLUGIN_NAME = 'fastify-medical-chats'

/** Shared schemas by `$id`, for resolving references outside Fastify's own compilers. */
const schemasById = Object.fromEntries(schemas.map((schema) => [schema.$id as string, schema]))

type JsonSchema = Parameters<typeof build>[0]

/**
 * One serializer for ChatResponse, used for the JSON reply and the `done` event alike, so the
 * two are the same bytes. Fields the schema does not name never reach the client. The output
 * union is resolved by its `type` discriminator, one compiled serializer per branch: a
 * serializer for the plain `anyOf` would validate the object against each branch on every call.
 */
function buildChatResponseSerializer (): ResponseSerializer {
  const external = schemasById as Record<string, JsonSchema>
  const forOutput = (output: TSchema): (response: ChatResponse) => string =>
    build({ ...ChatResponseSchema, $id: undefined, properties: { ...ChatResponseSchema.properties, output } } as JsonSchema, { schema: external }) as (response: ChatResponse) => string
  const message = forOutput(ref(MessageOutputSchema))
  const diagnosis = forOutput(ref(DiagnosisOutputSchema))
  return function serializeChatResponse (response) {
    return response.output.type === 'message' ? message(response) : diagnosis(response)
  }
}

/**
 * How often live turns are swept: a quarter of the shorter of the two intervals it enforces,
 * at most a second, so a stall or a heartbeat is late by at most that.
 */
function sweepInterval (engineTimeoutMs: number, heartbeatMs: number): number {
  return Math.max(1, Math.min(1000, Math.floor(Math.min(engineTimeoutMs, heartbeatMs) / 4)))
}

const fastifyChats: FastifyPluginAsyncTypebox<FastifyChatsOptions> = async function fastifyChats (fastify, rawOptions) {
  const options = normalizeOptions(rawOptions)
  const liveTurns = new LiveTurns(sweepInterval(options.engineTimeoutMs, options.heartbeatMs))

  for (const schema of schemas) fastify.addSchema(schema)
  // Requests are validated against the published JSON Schema with its own semantics.
  fastify.setValidatorCompiler(createValidatorCompiler())
  fastify.setSchemaErrorFormatter(formatSchemaErrors)
  // Only JSON bodies: anything else is 415, not a string that fails validation.
  fastify.removeContentTypeParser('text/plain')
  fastify.setErrorHandler(replyWithApiError)
  let closing = false
  // Fastify answers requests that arrive while closing with its own 503 body unless the host
  // sets `return503OnClosing: false`; then this hook answers with the API's ErrorResponse.
  fastify.addHook('onRequest', function refuseWhileClosing (_request, _reply, done) {
    done(closing ? new UnavailableError() : undefined)
  })
  fastify.addHook('preClose', async function endLiveTurns () {
    closing = true
    await liveTurns.close(options.closeGraceMs)
  })

  await fastify.register(conversationRoutes, {
    prefix: '/v1',
    options,
    liveTurns,
    serializeChatResponse: buildChatResponseSerializer()
  })
  if (options.openapi !== false) {
    await fastify.register(openApiRoutes, { ...options.openapi, subject: { capabilities: options.engine.capabilities, prefix: fastify.prefix } })
  }
  await fastify.register(unknownRoutes, { prefix: '/v1' })
}

export default fp(fastifyChats, { fastify: '5.x', name: PLUGIN_NAME, encapsulate: true })

export { fastifyChats }
export type { FastifyChatsOptions } from './options.js'
export {
  DEFAULT_BODY_LIMIT, DEFAULT_CLOSE_GRACE_MS, DEFAULT_ENGINE_TIMEOUT_MS, DEFAULT_HEARTBEAT_MS, DEFAULT_TENANT
} from './options.js'
export type { ChatEngine, ChatTurn, EngineCapabilities, EngineContext, NewConversation, TurnContext, TurnRequest } from './engine.js'
export { emptyConversation } from './engine.js'
export { newConversationId } from './ids.js'
export {
  ConversationBusyError, ConversationCompleteError, ConversationNotFoundError, InvalidRequestError, MethodNotAllowedError,
  EngineTimeoutError, ShuttingDownError, ClientClosedError, TurnAbandonedError, UnavailableError,
  RouteNotFoundError, UnauthorizedError, NotAcceptableError, InvalidOptionError, replyWithApiError, logFailure
} from './errors.js'
export type { ChatsErrorClass } from './errors.js'
export { frameworkErrorOptions, unknownRoutes, type FrameworkErrorOptions } from './framework-errors.js'
export {
  buildOpenApiDocument, openApiRoutes, OPENAPI_INFO, OPENAPI_PATHS, OPENAPI_VERSIONS, type DocumentSubject, type OpenApiOptions, type OpenApiRoutesOptions, type OpenApiVersion
} from './openapi.js'
