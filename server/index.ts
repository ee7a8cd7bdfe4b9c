/**
 * The reference server's parts, for use in your own app: the engine over a store and an
 * interviewer, the stores, the reference interviewer, and the whole server as a plugin.
 */
export { default as serverApp, type AppConfig, type AppOptions } from './app.js'
export { ConversationEngine, LeaseLostError, wordChunks, type ConversationEngineOptions } from './conversation-engine.js'
export { createReferenceInterviewer, ReferenceInterviewer } from './interview/index.js'
export type { Interviewer, InterviewOptions, InterviewOutcome, InterviewTurn } from './interview/index.js'
export { MemoryStore } from './store/memory.js'
export { SqliteStore } from './store/sqlite.js'
// Type only: the driver loads when openStore is given a postgres:// URL, not with this module.
export type { PostgresStore, PostgresStoreOptions } from './store/postgres.js'
export { openStore, type OpenStoreOptions } from './store/open.js'
export { HealthReportingStore } from './store/health.js'
export { StoreUnavailableError, type ConversationRecord, type ConversationStore, type LeaseResult } from './store/types.js'
export { TokenRegistry } from './tokens.js'
