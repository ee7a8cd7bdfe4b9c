// The Conversations API in your own Fastify app: the plugin, an engine, and who the caller is.
import Fastify from 'fastify'
import fastifyChats from 'fastify-medical-chats'
import { ConversationEngine, MemoryStore, createReferenceInterviewer } from 'medical-chats-server'

const app = Fastify({ logger: true })

const engine = new ConversationEngine({
  store: new MemoryStore(),
  interviewer: await createReferenceInterviewer()
})

await app.register(fastifyChats, {
  engine,
  // Your authentication decides the tenant; undefined answers 401.
  getTenant: (request) => request.headers['x-api-key'] === process.env.API_KEY ? 'my-clinic' : undefined
})

await app.listen({ port: Number(process.env.PORT ?? 3000) })
