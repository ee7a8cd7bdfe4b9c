import { Type, type Static } from '@sinclair/typebox'

/** Every machine-readable error code of the API. */
export const ErrorCode = Object.freeze({
  invalidRequest: 'invalid_request',
  unauthorized: 'unauthorized',
  conversationNotFound: 'conversation_not_found',
  notFound: 'not_found',
  notAcceptable: 'not_acceptable',
  conversationComplete: 'conversation_complete',
  conversationBusy: 'conversation_busy',
  payloadTooLarge: 'payload_too_large',
  unsupportedMediaType: 'unsupported_media_type',
  rateLimited: 'rate_limited',
  internalError: 'internal_error',
  unavailable: 'unavailable',
  streamError: 'stream_error',
  engineTimeout: 'engine_timeout',
  shuttingDown: 'shutting_down'
} as const)
export type ErrorCodeValue = typeof ErrorCode[keyof typeof ErrorCode]

export const ErrorResponseSchema = Type.Object({
  error: Type.Object({
    code: Type.String({ description: 'Machine-readable error code', examples: ['invalid_request'] }),
    message: Type.String({ description: 'Human-readable; never a stack, a path or patient text' })
  }, { additionalProperties: false })
}, { $id: 'ErrorResponse', additionalProperties: false })
export type ErrorResponse = Static<typeof ErrorResponseSchema>
