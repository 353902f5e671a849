import type { ComparedColumn, Difference, TableResult, ValidationResult, ValidationScope } from '../validate/validation-result.js'
import { isPartial } from '../validate/validation-result.js'

/**
 * How a validation result reads to a person, in one place: the console, the Markdown and HTML
 * reports and the JUnit file all take their status words, filters and values from here.
 */

/** Longest value text shown; the JSON result holds the whole value. */
const VALUE_CHARS = 200

const UNQUOTED: ReadonlySet<ComparedColumn['kind']> = new Set(['int', 'decimal', 'float', 'boolean'])

/**
 * A compared value as PostgreSQL would print it in SQL: NULL bare, numbers bare, everything else
 * quoted once (`'\xec01'`, `'{"n": 1}'`) with control characters as E'' escapes, and an instant
 * (timestamptz on both sides, compared as UTC) with its zone.
 */
export function displayValue(v: string | null, column?: ComparedColumn): string {
  if (v === null) return 'NULL'
  if (column && UNQUOTED.has(column.kind)) return v
  const text = column?.utc && /^\d/.test(v) ? withUtcZone(v) : v
  const cut = text.length > VALUE_CHARS ? `${text.slice(0, VALUE_CHARS - 1)}…` : text
  // eslint-disable-next-line no-control-regex
  if (!/[\u0000-\u001f\u007f]/.test(cut)) return `'${cut.replace(/'/g, "''")}'`
  // eslint-disable-next-line no-control-regex
  return `E'${cut.replace(/[\\'\u0000-\u001f\u007f]/g, (c) => ESCAPES[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}'`
}

const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', "'": "\\'", '\t': '\\t', '\n': '\\n', '\r': '\\r' }

/** `2024-01-02 01:04:05` (UTC) → `2024-01-02 01:04:05+00`; a BC year keeps its suffix last, as PostgreSQL prints it. */
function withUtcZone(v: string): string {
  return v.endsWith(' BC') ? `${v.slice(0, -3)}+00 BC` : `${v}+00`
}

function columnOf(t: Pick<TableResult, 'columns'>, name: string): ComparedColumn | undefined {
  return t.columns.find((c) => c.name === name)
}

/** `id=7, line=2`: a difference's key (or a keyless row's values). */
export function keyText(t: Pick<TableResult, 'columns'>, d: Difference): string {
  return Object.entries(d.key)
    .map(([k, v]) => `${k}=${displayValue(v, columnOf(t, k))}`)
    .join(', ')
}

/** Each changed column's value on one side: `note='x', qty=3`. */
export function changedValues(t: Pick<TableResult, 'columns'>, d: Difference, side: 'source' | 'target'): string {
  return (d.changes ?? []).map((c) => `${c.column}=${displayValue(c[side], columnOf(t, c.column))}`).join(', ')
}

/** One line per difference, for the console and JUnit: `changed id=7: note 'x' → 'y'`. */
export function differenceLine(t: Pick<TableResult, 'columns'>, d: Difference): string {
  const copies = d.count !== undefined && d.count > 1 ? ` ×${d.count}` : ''
  const changes = (d.changes ?? []).map((c) => `${c.column} ${displayValue(c.source, columnOf(t, c.column))} → ${displayValue(c.target, columnOf(t, c.column))}`)
  return `${d.kind}${copies} ${keyText(t, d)}${changes.length > 0 ? `: ${changes.join('; ')}` : d.columns.length > 0 ? ` (${d.columns.join(', ')})` : ''}`
}

/** What limited a table's comparison, e.g. `sampled 5%, rows filtered by --where`; empty when it was compared whole. */
function limits(scope: ValidationScope, sampledPercent: number | undefined): string[] {
  return [
    ...(sampledPercent !== undefined ? [`sampled ${sampledPercent}%`] : []),
    ...(scope.where !== undefined ? ['rows filtered by --where'] : []),
    ...(scope.columns?.length ? ['selected columns'] : []),
  ]
}

/** A table's status as people read it: `PASS`, or `PASS (sampled 5%)` when less than the whole table was compared. */
export function tableStatusLabel(t: Pick<TableResult, 'status' | 'sampledPercent'>, scope: ValidationScope): string {
  const l = t.status === 'ERROR' ? [] : limits(scope, t.sampledPercent)
  return l.length > 0 ? `${t.status} (${l.join(', ')})` : t.status
}

function sampledPercentOfRun(r: Pick<ValidationResult, 'tables' | 'scope'>): number | undefined {
  return r.tables.some((t) => t.sampledPercent !== undefined) ? r.scope.samplePercent : undefined
}

/** The run's status as people read it: `FAIL`, `PASS`, or `PASS (sampled 5%)`. */
export function runStatusLabel(r: Pick<ValidationResult, 'status' | 'tables' | 'scope'>): string {
  return tableStatusLabel({ status: r.status, sampledPercent: sampledPercentOfRun(r) }, r.scope)
}

/**
 * The one-line verdict. A run that compared everything says how many tables are equal; a sampled
 * or filtered one says how many showed no difference in what it compared, and never calls them equal.
 */
export function runHeadline(r: Pick<ValidationResult, 'status' | 'tables' | 'scope'>): string {
  const clean = r.tables.filter((t) => t.status === 'PASS').length
  const of = `${clean} of ${r.tables.length} tables`
  if (!isPartial(r.scope)) return `${r.status}: ${of} equal`
  const sampled = sampledPercentOfRun(r) !== undefined
  return `${runStatusLabel(r)}: ${of} without differences in ${sampled ? 'the sample' : 'what was compared'}, not a proof that they are equal`
}

/** The filters the run used, one line each; a run without any says it compared every row and column. */
export function scopeLines(scope: ValidationScope): string[] {
  const lines = [
    ...(scope.where !== undefined ? [`--where ${scope.where}`] : []),
    ...(scope.columns?.length ? [`--columns ${scope.columns.join(', ')} (key columns are always compared)`] : []),
    ...(scope.samplePercent !== undefined ? [`--sample ${scope.samplePercent}% of each keyed table's key space (tables without a key, and tables of one segment, are compared in full)`] : []),
  ]
  return lines.length > 0 ? lines : ['none: every row and column of each table was compared']
}

/** Why a table's rows were not listed one by one. */
export function emptySideText(t: Pick<TableResult, 'emptySide' | 'sourceRows' | 'targetRows'>): string | undefined {
  if (t.emptySide === 'target') return `the target table is empty: all ${t.sourceRows ?? 0} source rows are missing (counted, not listed)`
  if (t.emptySide === 'source') return `the source table is empty: all ${t.targetRows ?? 0} target rows are extra (counted, not listed)`
  return undefined
}
