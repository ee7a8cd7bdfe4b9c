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

async function renderDocument (): Promise<string> {
  const app = Fastify()
  try {
    await app.register(fastifyChats, { engine: documentationEngine, openapi: true })
    return (await app.inject({ url: '/v1/openapi.json' })).body
  } finally {
    await app.close()
  }
}

let rendered: Promise<string> | undefined

/**
 * The OpenAPI 3.1 document of the plugin's routes, as the plugin serves it at `/v1/openapi.json`.
 * Rendered once per process (it depends only on the code); each caller gets its own copy.
 */
export async function buildOpenApiDocument (): Promise<Record<string, unknown>> {
  rendered ??= renderDocument()
  return JSON.parse(await rendered)
}
