import type { LogicalType } from '../model/logical-type.js'
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

/** A compared column, as the reports need it to show its values. */
export interface ComparedColumn {
  /** The source name (differences and keys use it). */
  readonly name: string
  readonly kind: LogicalType['kind']
  /** Both sides hold an instant (timestamptz): canonical values are UTC and are shown with `+00`. */
  readonly utc?: true
}

export interface TableResult {
  /** Source `schema.table`. */
  readonly name: string
  readonly targetName: string
  /** PASS means no difference in what was compared: see `sampledPercent` and the run's `scope`. */
  readonly status: TableStatus
  /** Set when only this share of the key space was compared (`--sample`): a PASS is then no proof of equality. */
  readonly sampledPercent?: number
  /** One side held no rows (within `--where`): every row of the other differs; counted, none fetched. */
  readonly emptySide?: 'source' | 'target'
  /** Key columns first, then the other compared columns (after `--columns`). */
  readonly columns: readonly ComparedColumn[]
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

/** What the run was limited to (`--where`, `--columns`, `--sample`); empty when it compared everything. */
export interface ValidationScope {
  readonly where?: string
  readonly columns?: readonly string[]
  readonly samplePercent?: number
}

export interface ValidationResult {
  readonly runId: string
  readonly mode: ValidationMode
  /** PASS: no table differs in what was compared (a sampled or filtered run says so in `scope`). */
  readonly status: 'PASS' | 'FAIL' | 'ERROR'
  readonly scope: ValidationScope
  readonly startedAt: string
  readonly finishedAt: string
  readonly seconds: number
  readonly source: SideSummary
  readonly target: SideSummary
  readonly tables: readonly TableResult[]
  /** Tables of the selection that exist only on the target: not compared, reported. */
  readonly targetOnlyTables: readonly string[]
}

/** Whether the run compared less than every row and column (so a PASS proves less than equality). */
export function isPartial(scope: ValidationScope): boolean {
  return scope.where !== undefined || (scope.columns?.length ?? 0) > 0 || (scope.samplePercent !== undefined && scope.samplePercent < 100)
}

/** Source tables the target lacks, all of them. */
export function tablesMissingOnTarget(r: Pick<ValidationResult, 'tables'>): string[] {
  return r.tables.filter((t) => t.schema.some((f) => f.code === 'TABLE_MISSING')).map((t) => t.name)
}
