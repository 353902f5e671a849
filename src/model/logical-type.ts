/**
 * Engine-neutral type of a column. The source engine maps its native type to one of these
 * (Oracle DATE carries a time part, so it maps to timestamp(0), not date); the target engine
 * formats it. The load codec and the validation checksums use it to agree on values.
 */
export type LogicalType =
  | { readonly kind: 'int'; readonly bytes: 1 | 2 | 4 | 8 }
  | { readonly kind: 'decimal'; readonly precision?: number; readonly scale?: number }
  | { readonly kind: 'float'; readonly bytes: 4 | 8 }
  | { readonly kind: 'text'; readonly maxChars?: number; readonly fixed: boolean; readonly national?: boolean }
  | { readonly kind: 'clob' }
  | { readonly kind: 'binary'; readonly maxBytes?: number }
  | { readonly kind: 'date' }
  /** Time of day without a date (Teradata TIME, TIME WITH TIME ZONE); Oracle has none. */
  | { readonly kind: 'time'; readonly precision?: number; readonly tz: boolean }
  | { readonly kind: 'timestamp'; readonly precision?: number; readonly tz: 'none' | 'utc' | 'local' }
  | { readonly kind: 'interval'; readonly fields: 'year-month' | 'day-second'; readonly precision?: number }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'json' }
  | { readonly kind: 'xml' }
  | { readonly kind: 'rowid' }
  | { readonly kind: 'user-defined'; readonly schema?: string; readonly name: string }
  | { readonly kind: 'unsupported'; readonly native: string }

export type LogicalKind = LogicalType['kind']
