import type { SourceLocation } from './location.js'

/**
 * Something conversion, assessment or validation wants a person to know. `action` findings
 * are the action items: what could not be converted automatically and needs a human.
 */
export type Severity = 'info' | 'warning' | 'action'

export interface Finding {
  /** Stable code, e.g. `UNSUPPORTED_TYPE`, `PACKAGE_VARIABLE`, `SQL_SYNTAX`. */
  readonly code: string
  readonly severity: Severity
  /** The object it is about, as `KIND schema.name`, e.g. `TABLE HR.EMPLOYEES`. */
  readonly object: string
  readonly message: string
  readonly at?: SourceLocation
  /** The source text involved, kept so a person can act on it. */
  readonly source?: string
}
