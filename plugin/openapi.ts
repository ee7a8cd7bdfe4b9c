import swagger from '@fastify/swagger'
import type { FastifyInstance } from 'fastify'

export const OPENAPI_INFO = Object.freeze({
  title: 'Diagnostic Engine Conversations API',
  version: '1.0.0',
  description: 'A medical interview over HTTP: create a conversation, chat turn by turn (JSON, or Server-Sent Events ' +
    'with `Accept: text/event-stream`), and receive a ranked differential diagnosis with triage.'
})

/**
 * Collects the plugin's routes into an OpenAPI 3.1 document. Shared schemas become named
 * components (`#/components/schemas/Concept`) instead of `def-0`.
 */
export async function registerOpenApi (fastify: FastifyInstance): Promise<void> {
  await fastify.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { ...OPENAPI_INFO },
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } }
      }
    },
    refResolver: {
      // Every shared schema has an `$id`; it names the component.
      buildLocalReference (json) {
        return String(json.$id)
      }
    }
  })
}
