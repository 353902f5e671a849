import type { DataColumn, DataTable } from '../model/data-table.js'
import type { LogicalType } from '../model/logical-type.js'
import { sameName } from './catalog-table.js'
import type { SchemaFinding } from './validation-result.js'

export interface ColumnPair {
  readonly source: DataColumn
  readonly target: DataColumn
}

export interface SchemaCheck {
  readonly findings: SchemaFinding[]
  /** Columns present on both sides (and selected), in source order. */
  readonly pairs: ColumnPair[]
}

/**
 * Schema level of validation: columns by name, types whose canonical texts can be equal, lost
 * precision, nullability, and whether the target enforces the key rows are matched by.
 * `only` restricts the compared columns (key columns are always compared).
 */
export function checkSchema(source: DataTable, target: DataTable, only?: readonly string[]): SchemaCheck {
  const findings: SchemaFinding[] = []
  const pairs: ColumnPair[] = []
  const selected = (c: DataColumn) => !only || only.some((o) => sameName(o, c.name)) || (source.key ?? []).some((k) => sameName(k, c.name))
  for (const sc of source.columns.filter(selected)) {
    const tc = target.columns.find((c) => sameName(c.name, sc.name))
    if (!tc) {
      findings.push({ severity: 'error', code: 'COLUMN_MISSING', column: sc.name, message: `column ${sc.name} (${sc.nativeType}) is missing on the target` })
      continue
    }
    pairs.push({ source: sc, target: tc })
    findings.push(...checkColumnPair(sc, tc))
  }
  for (const tc of target.columns) {
    if (!source.columns.some((c) => sameName(c.name, tc.name)))
      findings.push({ severity: 'warning', code: 'COLUMN_EXTRA', column: tc.name, message: `column ${tc.name} (${tc.nativeType}) exists only on the target and is not compared` })
  }
  for (const name of only ?? []) {
    // Another selected table has it (validate refuses a name no table has): here it is simply not compared.
    if (!source.columns.some((c) => sameName(c.name, name))) findings.push({ severity: 'warning', code: 'COLUMN_UNKNOWN', column: name, message: `--columns names ${name}, which this table does not have` })
  }
  if (source.key && !target.enforcedKeys.some((k) => k.length === source.key!.length && k.every((c, i) => sameName(c, source.key![i]!)))) {
    findings.push({
      severity: 'warning',
      code: 'KEY_NOT_ENFORCED',
      message: `the target enforces no primary or unique key on (${source.key.join(', ')}); duplicate keys are reported as extra or missing rows`,
    })
  }
  return { findings, pairs }
}

const NUMBER_KINDS = new Set(['int', 'decimal'])

function checkColumnPair(s: DataColumn, t: DataColumn): SchemaFinding[] {
  const out: SchemaFinding[] = []
  const column = s.name
  const a = s.type
  const b = t.type
  const compatible = a.kind === b.kind || (NUMBER_KINDS.has(a.kind) && NUMBER_KINDS.has(b.kind)) || (isCharacter(a) && isCharacter(b))
  if (!compatible) {
    out.push({ severity: 'error', code: 'TYPE_MISMATCH', column, message: `${column}: ${s.nativeType} on the source, ${t.nativeType} on the target — values are compared as text and will not match alike` })
    return out
  }
  const narrowed = narrowing(a, b)
  if (narrowed) out.push({ severity: 'warning', code: 'TYPE_NARROWED', column, message: `${column}: ${s.nativeType} → ${t.nativeType} (${narrowed})` })
  if (a.kind === 'timestamp' && b.kind === 'timestamp' && (a.tz === 'none') !== (b.tz === 'none'))
    out.push({ severity: 'warning', code: 'TIME_ZONE_CHANGED', column, message: `${column}: ${s.nativeType} → ${t.nativeType}; values are compared as UTC wall-clock time` })
  if (!s.nullable && t.nullable) out.push({ severity: 'warning', code: 'NOT_NULL_DROPPED', column, message: `${column} is NOT NULL on the source only` })
  if (s.nullable && !t.nullable) out.push({ severity: 'warning', code: 'NOT_NULL_ADDED', column, message: `${column} is NOT NULL on the target only` })
  return out
}

function isCharacter(t: LogicalType): boolean {
  return t.kind === 'text' || t.kind === 'clob'
}

/** Why the target type may not hold every source value, if it may not. */
function narrowing(a: LogicalType, b: LogicalType): string | undefined {
  if (a.kind === 'decimal' && b.kind === 'decimal') {
    if (b.scale !== undefined && (a.scale === undefined || a.scale > b.scale)) return `scale ${a.scale ?? 'any'} → ${b.scale}`
    if (b.precision !== undefined && (a.precision === undefined || a.precision > b.precision)) return `precision ${a.precision ?? 'any'} → ${b.precision}`
  }
  if (a.kind === 'decimal' && b.kind === 'int') return a.scale === 0 ? undefined : 'fractions do not fit an integer'
  if (a.kind === 'int' && b.kind === 'int' && b.bytes < a.bytes) return `${a.bytes}-byte → ${b.bytes}-byte integer`
  if (a.kind === 'float' && b.kind === 'float' && b.bytes < a.bytes) return 'double → single precision'
  if (a.kind === 'text' && b.kind === 'text' && b.maxChars !== undefined && (a.maxChars === undefined || a.maxChars > b.maxChars)) return `length ${a.maxChars ?? 'unbounded'} → ${b.maxChars}`
  if (a.kind === 'timestamp' && b.kind === 'timestamp' && (b.precision ?? 6) < (a.precision ?? 6)) return `fraction digits ${a.precision ?? 6} → ${b.precision ?? 6}`
  return undefined
}
