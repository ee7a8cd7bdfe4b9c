#!/usr/bin/env node
/** The reference server's process entry: configuration, logger, listener, signals. */
import Fastify from 'fastify'
import { frameworkErrorOptions } from 'fastify-medical-chats'
import serverApp from './app.js'
import { ConfigError, helpText, loadConfig } from './config.js'
import { httpServerOptions } from './http-options.js'
import { createReferenceInterviewer } from './interview/index.js'
import { REQUEST_ID_HEADER, loggerOptions, requestId } from './logger.js'
import { installGracefulShutdown } from './shutdown.js'
import { openStore } from './store/open.js'
import { DEV_TENANT, loadTokens } from './tokens.js'

function fail (message: string): never {
  process.stderr.write(`error: ${message}\n`)
  process.exit(1)
}

let start
try {
  start = loadConfig(process.argv.slice(2), process.env)
} catch (error) {
  fail(error instanceof ConfigError ? error.message : String(error))
}
if (start.help) {
  process.stdout.write(helpText())
  process.exit(0)
}
const { config } = start
let setup
try {
  setup = loadTokens(config)
} catch (error) {
  fail((error as Error).message)
}

const app = Fastify({
  logger: loggerOptions(config.LOG_LEVEL, process.stdout.isTTY === true),
  genReqId: requestId,
  // What the router and the HTTP parser refuse is answered in the API's shape too.
  ...frameworkErrorOptions({ requestIdHeader: REQUEST_ID_HEADER }),
  bodyLimit: config.BODY_LIMIT_BYTES,
  // Requests that arrive while closing get the API's 503 body from the plugin.
  return503OnClosing: false,
  ...httpServerOptions(config)
})

let interviewer
try {
  interviewer = await createReferenceInterviewer(config.ENGINE_KB, config.DDXPLUS_DIFFERENTIALS)
} catch (error) {
  fail((error as Error).message)
}
let store
try {
  store = await openStore(config.DATABASE_URL, { poolSize: config.DATABASE_POOL_SIZE })
} catch (error) {
  fail(`cannot open the database DATABASE_URL names: ${(error as Error).message}`)
}
let redis
if (config.REDIS_URL !== undefined) {
  try {
    // Loaded only when asked for, like the PostgreSQL driver.
    const { connectRedis } = await import('./redis.js')
    redis = await connectRedis(config.REDIS_URL, app.log)
  } catch (error) {
    await store.close()
    fail(`cannot connect to the Redis REDIS_URL names: ${(error as Error).message}`)
  }
}
await app.register(serverApp, { config, tokens: setup.registry, store, interviewer, ...(redis === undefined ? {} : { redis }) })

// The grace lets live turns finish; the 5 s after it let them end and the store close.
installGracefulShutdown({ log: app.log, close: () => app.close(), timeoutMs: config.SHUTDOWN_GRACE_MS + 5_000, process })

await app.listen({ port: config.PORT, host: config.HOST })
if (setup.devToken !== undefined) {
  process.stdout.write(`\nDevelopment token (tenant "${DEV_TENANT}"; set API_TOKENS for real use):\n\n  ${setup.devToken}\n\n`)
}
