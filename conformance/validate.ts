import type { Static, TSchema } from '@sinclair/typebox'
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler'
import {
  ChatResponseSchema, ConversationSchema, DeltaEventSchema, ErrorResponseSchema, schemas,
  type ChatResponse, type Conversation, type DeltaEvent, type ErrorResponse
} from 'fastify-medical-chats/schemas'

/** A payload that breaks the contract; the message lists every violation. */
export class ContractViolation extends Error {
  override name = 'ContractViolation'
}

const compiled = new Map<TSchema, TypeCheck<TSchema>>()

function compile (schema: TSchema): TypeCheck<TSchema> {
  let check = compiled.get(schema)
  if (check === undefined) {
    check = TypeCompiler.Compile(schema, [...schemas])
    compiled.set(schema, check)
  }
  return check
}

/**
 * Throws a `ContractViolation` naming every violation when `value` does not match `schema`
 * exactly (references resolved; unknown properties are violations: the server emits no field
 * that is not in the schemas). Validators are compiled once per schema.
 */
export function assertValid<T extends TSchema> (schema: T, value: unknown): asserts value is Static<T> {
  const check = compile(schema)
  if (!check.Check(value)) {
    const errors = [...check.Errors(value)].map((error) => `${error.path === '' ? '/' : error.path} ${error.message}`)
    throw new ContractViolation(`${String(schema.$id ?? 'value')} violated: ${errors.join('; ')}`)
  }
}

export function assertConversation (value: unknown): asserts value is Conversation {
  assertValid(ConversationSchema, value)
}

export function assertChatResponse (value: unknown): asserts value is ChatResponse {
  assertValid(ChatResponseSchema, value)
}

export function assertDeltaEvent (value: unknown): asserts value is DeltaEvent {
  assertValid(DeltaEventSchema, value)
}

export function assertErrorResponse (value: unknown): asserts value is ErrorResponse {
  assertValid(ErrorResponseSchema, value)
}
