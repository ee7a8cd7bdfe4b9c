import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'

const require = createRequire(import.meta.url)

/** Where the browser demo's files are: the page, and the ES modules it imports (no build step in the page itself). */
export function demoFiles (): { page: string, client: string, typebox: string, eventsourceParser: string } {
  return {
    page: join(dirname(require.resolve('medical-chats-server/package.json')), 'public'),
    // The client's compiled ES modules (`npm run build -w client`; installed with the published package).
    client: join(dirname(require.resolve('medical-chats-client/package.json')), 'dist'),
    typebox: dirname(fileURLToPath(import.meta.resolve('@sinclair/typebox'))),
    eventsourceParser: dirname(fileURLToPath(import.meta.resolve('eventsource-parser')))
  }
}

/**
 * The browser demo at `GET /`: one page on the typed client, its modules served beside it and
 * named in the page's import map. Needs no token itself: the page asks for one.
 */
export async function demo (fastify: FastifyInstance, options: { scenarios: boolean, files?: ReturnType<typeof demoFiles> }): Promise<void> {
  const files = options.files ?? demoFiles()
  if (!existsSync(join(files.client, 'client', 'index.js'))) {
    fastify.log.warn('the browser demo needs the client built: npm run build -w client')
  }
  await fastify.register(fastifyStatic, { root: files.page, prefix: '/', index: 'index.html', wildcard: false })
  for (const [prefix, root] of [['/demo/lib/client/', files.client], ['/demo/lib/typebox/', files.typebox], ['/demo/lib/eventsource-parser/', files.eventsourceParser]] as const) {
    await fastify.register(fastifyStatic, { root, prefix, decorateReply: false })
  }
  fastify.get('/demo/config.json', { schema: { hide: true } }, async function demoConfig () {
    return { scenarios: options.scenarios }
  })
}
