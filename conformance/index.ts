/**
 * The Conversations API's conformance kit: the contract's checks, black-box against any server
 * (`runConformance`, and the `medical-chats-conformance` command), and the helpers an app's own
 * tests need (a strict stream parser, compiled validators, a configurable fake engine).
 */
export { runConformance, DEFAULT_BODY_LIMIT_BYTES, DEFAULT_REQUEST_ID_HEADER, DEFAULT_TIMEOUT_MS } from './runner.js'
export type { CheckResult, ConformanceOptions, ConformanceReport } from './runner.js'
export { checks } from './checks/index.js'
export { CheckSkipped } from './check.js'
export type { Check } from './check.js'
export { reporters, REPORTERS } from './reporters.js'
export type { ReporterName } from './reporters.js'
export { parseChatStream } from './stream.js'
export type { ParsedChatStream } from './stream.js'
export { ContractViolation, assertChatResponse, assertConversation, assertDeltaEvent, assertErrorResponse, assertValid } from './validate.js'
export { DIAGNOSIS, FakeEngine, HEADACHE_FINDING } from './fake-engine.js'
export type { FakeEngineProbe, Script } from './fake-engine.js'
