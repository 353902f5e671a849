import type { TransferStats } from './checksum-side.js'

/** The result of `godwit validate`: what --json prints, the reports render and the control schema stores. */

export type DifferenceKind = 'missing' | 'extra' | 'changed'

export interface ColumnChange {
  readonly column: string
  readonly source: string | null
  readonly target: string | null
}

/**
 * One row that differs. `missing`: on the source, not the target; `extra`: on the target only;
 * `changed`: both have the key, `columns` name the differing columns and `changes` hold both
 * canonical values. Keyless tables name the whole row in `key` and how many copies differ in `count`.
 */
export interface Difference {
  readonly kind: DifferenceKind
  readonly key: Readonly<Record<string, string | null>>
  readonly columns: readonly string[]
  readonly changes?: readonly ColumnChange[]
  readonly count?: number
}

export interface SchemaFinding {
  /** An error makes the table FAIL; a warning is reported only. */
  readonly severity: 'error' | 'warning'
  readonly code: string
  readonly column?: string
  readonly message: string
}

export interface AggregateCheck {
  readonly column: string
  readonly aggregate: 'nulls' | 'sum' | 'min' | 'max'
  readonly source: string | null
  readonly target: string | null
  readonly equal: boolean
}

/** PASS: equal. FAIL: differences. ERROR: the table could not be compared (see `error`). */
export type TableStatus = 'PASS' | 'FAIL' | 'ERROR'

export interface TableResult {
  /** Source `schema.table`. */
  readonly name: string
  readonly targetName: string
  readonly status: TableStatus
  readonly sourceRows: number | null
  readonly targetRows: number | null
  /** How rows were matched: by key, as a multiset of whole rows (no key), or counted only. */
  readonly comparison: 'key' | 'multiset' | 'count'
  readonly key?: readonly string[]
  readonly differences: readonly Difference[]
  /** All differences found; `differences` holds at most the configured number. */
  readonly differenceCount: number
  readonly schema: readonly SchemaFinding[]
  readonly aggregates?: readonly AggregateCheck[]
  readonly segments: { readonly checked: number; readonly differing: number; readonly rowsFetched: number }
  readonly recheck?: { readonly afterSeconds: number; readonly resolved: number }
  readonly notes: readonly string[]
  readonly seconds: number
  readonly error?: { readonly code: string; readonly message: string; readonly exitCode: number }
}

export interface SideSummary {
  /** Redacted URL. */
  readonly url: string
  readonly engine: string
  /** The position the side was read at (PostgreSQL LSN of the validation snapshot, Oracle SCN). */
  readonly position?: string
  readonly transfer: TransferStats
}

export type ValidationMode = 'count' | 'checksum' | 'full'

export interface ValidationResult {
  readonly runId: string
  readonly mode: ValidationMode
  readonly status: 'PASS' | 'FAIL' | 'ERROR'
  readonly startedAt: string
  readonly finishedAt: string
  readonly seconds: number
  readonly source: SideSummary
  readonly target: SideSummary
  readonly tables: readonly TableResult[]
}
