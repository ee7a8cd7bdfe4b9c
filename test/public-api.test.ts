import t from 'tap'
import * as entry from 'fastify-medical-chats'

t.test('the public entry exports what users need and nothing else', async (t) => {
  t.same(Object.keys(entry).sort(), [
    'ClientClosedError',
    'ConversationBusyError',
    'ConversationCompleteError',
    'ConversationNotFoundError',
    'DEFAULT_BODY_LIMIT',
    'DEFAULT_CLOSE_GRACE_MS',
    'DEFAULT_ENGINE_TIMEOUT_MS',
    'DEFAULT_HEARTBEAT_MS',
    'DEFAULT_TENANT',
    'EngineTimeoutError',
    'InvalidOptionError',
    'InvalidRequestError',
    'MethodNotAllowedError',
    'NotAcceptableError',
    'OPENAPI_INFO',
    'OPENAPI_PATHS',
    'OPENAPI_VERSIONS',
    'RouteNotFoundError',
    'ShuttingDownError',
    'TurnAbandonedError',
    'UnauthorizedError',
    'UnavailableError',
    'buildOpenApiDocument',
    'default',
    'emptyConversation',
    'fastifyChats',
    'frameworkErrorOptions',
    'logFailure',
    'newConversationId',
    'openApiRoutes',
    'replyWithApiError',
    'unknownRoutes'
  ])
})

t.test('every error class the engine may see as signal.reason is exported and recognised by instanceof', async (t) => {
  for (const [ErrorClass, code] of [
    [entry.ClientClosedError, 'CHATS_CLIENT_CLOSED'],
    [entry.EngineTimeoutError, 'CHATS_ENGINE_TIMEOUT'],
    [entry.ShuttingDownError, 'CHATS_SHUTTING_DOWN'],
    [entry.TurnAbandonedError, 'CHATS_TURN_ABANDONED']
  ] as const) {
    const error = new ErrorClass()
    t.ok(error instanceof ErrorClass, `${code} is an instance of its class`)
    t.ok(error instanceof Error)
    t.equal(error.code, code)
  }
})
