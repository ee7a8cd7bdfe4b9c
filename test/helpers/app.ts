import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { Test } from 'tap'
import fastifyChats, { type FastifyChatsOptions } from '../../plugin/index.js'
import unusedConnections from '../../server/unused-connections.js'
import { FakeEngine } from './fake-engine.js'

export interface TestApp {
  app: FastifyInstance
  engine: FakeEngine
}

/**
 * A Fastify instance with the plugin over a FakeEngine, closed when the test ends. Like the
 * reference server, it ends never-used connections when it closes, or a client's spare socket
 * would hold the close for Node's whole headers timeout.
 */
export async function buildApp (t: Test, options: Partial<FastifyChatsOptions> = {}, server: FastifyServerOptions = {}): Promise<TestApp> {
  const engine = new FakeEngine()
  const app = Fastify(server)
  await app.register(fastifyChats, { engine, ...options })
  await app.register(unusedConnections)
  t.teardown(() => app.close())
  await app.ready()
  return { app, engine }
}

export const PATIENT = { age: 34, sex: 'female' }

/** Creates a conversation through the API and returns its id. */
export async function createConversation (app: FastifyInstance, headers: Record<string, string> = {}): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/v1/conversations', headers, payload: { patient: PATIENT } })
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`)
  return response.json().id
}
