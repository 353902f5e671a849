import { SqlSyntaxError } from '../core/errors.js'
import type { SourceLocation } from '../model/location.js'
import { UnsupportedConstructError } from './translate-context.js'

/** A translator's refusal, as the code, message and position an action item needs. */
export interface TranslationFailure {
  readonly code: string
  readonly message: string
  readonly at?: SourceLocation
}

/**
 * Turns what a translator threw into an action item's parts. Only the two expected kinds are
 * caught: anything else is a bug in godwit and must surface as one.
 */
export function asTranslationFailure(e: unknown): TranslationFailure | undefined {
  if (e instanceof UnsupportedConstructError) return { code: e.code, message: e.message, at: e.at }
  if (e instanceof SqlSyntaxError) return { code: 'SQL_SYNTAX', message: e.message, at: e.position }
  return undefined
}
