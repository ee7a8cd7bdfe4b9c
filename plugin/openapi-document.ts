import Fastify from 'fastify'
import type { ChatEngine } from './engine.js'
import fastifyChats from './index.js'

async function refuse (): Promise<never> {
  throw new Error('the documentation engine answers no requests')
}

/** An engine that only lets the routes be registered: the document needs their schemas, not replies. */
export const documentationEngine: ChatEngine = {
  capabilities: { personalities: ['professional'], languages: ['en'], codingSystems: ['snomed'] },
  createConversation: refuse,
  getConversation: refuse,
  startTurn: refuse
}

/** The OpenAPI 3.1 document of the plugin's routes, as the plugin serves it at `/v1/openapi.json`. */
export async function buildOpenApiDocument (): Promise<Record<string, unknown>> {
  const app = Fastify()
  try {
    await app.register(fastifyChats, { engine: documentationEngine, openapi: true })
    const response = await app.inject({ url: '/v1/openapi.json' })
    return response.json()
  } finally {
    await app.close()
  }
}
