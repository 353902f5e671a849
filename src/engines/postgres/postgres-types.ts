import type { LogicalType } from '../../model/logical-type.js'
import type { NativeType } from '../../model/schema.js'
import { pgQualified } from '../../convert/naming.js'
import { UnsupportedConstructError } from '../../convert/translate-context.js'

/**
 * One formatter per logical kind: a kind added to LogicalType without one here is a compile error.
 * The source's native type comes along for targets whose rule needs more than the logical type
 * (Redshift counts VARCHAR lengths in bytes, so it asks whether the source counted characters).
 */
export type TypeFormatterTable = {
  readonly [K in LogicalType['kind']]: (t: Extract<LogicalType, { kind: K }>, native?: NativeType) => string
}

/** PostgreSQL keeps at most microseconds (6 fractional digits) in timestamps and intervals. */
export const PG_MAX_FRACTIONAL_PRECISION = 6

function fractional(precision: number | undefined): string {
  return precision === undefined ? '' : `(${Math.min(precision, PG_MAX_FRACTIONAL_PRECISION)})`
}

// PostgreSQL has no 1-byte integer: smallint holds every BYTEINT value (-128..127).
const INTEGER_TYPES = { 1: 'smallint', 2: 'smallint', 4: 'integer', 8: 'bigint' } as const
const FLOAT_TYPES = { 4: 'real', 8: 'double precision' } as const

/** The PostgreSQL rules of docs/type-mapping.md, one entry per logical kind. */
export const POSTGRES_TYPES: TypeFormatterTable = {
  int: (t) => INTEGER_TYPES[t.bytes],
  decimal: (t) => {
    if (t.precision === undefined) return 'numeric'
    // numeric(p) is numeric(p,0): the shorter spelling for whole numbers.
    return t.scale === undefined || t.scale === 0 ? `numeric(${t.precision})` : `numeric(${t.precision},${t.scale})`
  },
  float: (t) => FLOAT_TYPES[t.bytes],
  // PostgreSQL lengths count characters, so a byte-length source column never gets shorter.
  text: (t) => {
    if (t.fixed) return `char(${t.maxChars ?? 1})`
    return t.maxChars === undefined ? 'text' : `varchar(${t.maxChars})`
  },
  clob: () => 'text',
  binary: () => 'bytea',
  date: () => 'date',
  timestamp: (t) => `${t.tz === 'none' ? 'timestamp' : 'timestamptz'}${fractional(t.precision)}`,
  time: (t) => `${t.tz ? 'timetz' : 'time'}${fractional(t.precision)}`,
  interval: (t) => (t.fields === 'year-month' ? 'interval year to month' : `interval day to second${fractional(t.precision)}`),
  boolean: () => 'boolean',
  // jsonb: validated, indexable, and what applications query; key order and duplicate keys are not kept.
  json: () => 'jsonb',
  xml: () => 'xml',
  // A ROWID names a row's physical place in the source; it means nothing in PostgreSQL, so only its text is kept.
  rowid: () => 'text',
  'user-defined': (t) => pgQualified(t),
  unsupported: (t) => {
    throw new UnsupportedConstructError(`PostgreSQL has no type for ${t.native}`, undefined, 'UNSUPPORTED_TYPE')
  },
}

/** PostgreSQL type text for a logical type; throws UnsupportedConstructError for `unsupported`. */
export function formatPostgresType(t: LogicalType): string {
  return formatWithTable(POSTGRES_TYPES, t)
}

/** A target's type text for a logical type, by that target's table. */
export function formatWithTable(table: TypeFormatterTable, t: LogicalType, native?: NativeType): string {
  const format = table[t.kind] as (t: LogicalType, native?: NativeType) => string
  return format(t, native)
}
