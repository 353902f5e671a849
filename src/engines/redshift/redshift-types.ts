import type { LogicalType } from '../../model/logical-type.js'
import type { NativeType } from '../../model/schema.js'
import { UnsupportedConstructError } from '../../convert/translate-context.js'
import { formatWithTable, POSTGRES_TYPES, type TypeFormatterTable } from '../postgres/postgres-types.js'

/** Redshift's limits (docs/redshift.md, "Types"): VARCHAR and CHAR lengths count bytes. */
export const REDSHIFT_MAX_VARCHAR_BYTES = 65_535
export const REDSHIFT_MAX_CHAR_BYTES = 4_096
export const REDSHIFT_MAX_VARBYTE_BYTES = 1_024_000
export const REDSHIFT_MAX_NUMERIC_PRECISION = 38
/** The scale an Oracle NUMBER without precision gets: 20 integer digits and 18 decimals. */
export const REDSHIFT_UNBOUNDED_NUMERIC_SCALE = 18

/**
 * UTF-8 bytes one unit of a source length may take. Oracle counts bytes unless the column says
 * CHAR (AL32UTF8, the default database character set, stores UTF-8): a byte length stays. A
 * length in characters needs up to 4 bytes each; NCHAR/NVARCHAR2 and Teradata GRAPHIC count
 * UTF-16 code units, each at most 3 UTF-8 bytes (a surrogate pair, 2 units, is 4 bytes). Teradata
 * names its character set in the type (`VARCHAR(20) CHARACTER SET UNICODE`): UNICODE (UTF-16)
 * and the KANJI sets take up to 3 bytes a character, LATIN up to 2 (é is one byte in Latin-1,
 * two in UTF-8).
 */
export function utf8BytesPerUnit(t: Extract<LogicalType, { kind: 'text' }>, native?: NativeType): 1 | 2 | 3 | 4 {
  if (t.national) return 3
  if (native?.semantics === 'CHAR') return 4
  if (native?.semantics === 'BYTE') return 1
  const charset = /\bCHARACTER\s+SET\s+(\w+)/i.exec(native?.text ?? '')?.[1]?.toUpperCase()
  if (charset === undefined) return 1
  return charset === 'LATIN' ? 2 : 3
}

/** The bytes a source text column needs in Redshift, before the 65,535 cap; undefined when unbounded. */
export function textBytes(t: Extract<LogicalType, { kind: 'text' }>, native?: NativeType): number | undefined {
  return t.maxChars === undefined ? undefined : t.maxChars * utf8BytesPerUnit(t, native)
}

function varchar(bytes: number | undefined): string {
  return `varchar(${Math.min(bytes ?? REDSHIFT_MAX_VARCHAR_BYTES, REDSHIFT_MAX_VARCHAR_BYTES)})`
}

function numeric(t: Extract<LogicalType, { kind: 'decimal' }>): string {
  if (t.precision === undefined) return `numeric(${REDSHIFT_MAX_NUMERIC_PRECISION},${REDSHIFT_UNBOUNDED_NUMERIC_SCALE})`
  const precision = Math.min(t.precision, REDSHIFT_MAX_NUMERIC_PRECISION)
  // Redshift has no negative scale (Oracle NUMBER(p,-s)): the values are whole numbers anyway.
  const scale = Math.min(Math.max(t.scale ?? 0, 0), precision)
  return scale === 0 ? `numeric(${precision})` : `numeric(${precision},${scale})`
}

/** PostgreSQL's type source sends a uuid as `unsupported`; Redshift keeps its 36-character text. */
const UUID_NAMES = /^(?:uuid|uniqueidentifier)$/i

/** A column of an object type: Redshift keeps its values as SUPER (JSON objects), not the table with it. */
export function isObjectColumn(t: LogicalType): boolean {
  return t.kind === 'user-defined' && !UUID_NAMES.test(t.name)
}

/**
 * Redshift's rules (docs/redshift.md), overriding PostgreSQL's where Redshift differs: no
 * jsonb/xml/bytea/uuid/arrays/user-defined types, no precision on timestamps and times.
 */
export const REDSHIFT_TYPES: TypeFormatterTable = {
  ...POSTGRES_TYPES,
  decimal: numeric,
  // A byte-counted fixed column stays CHAR (Redshift CHAR takes single-byte characters only);
  // a character-counted one may hold multibyte text, so it is VARCHAR of its byte width.
  text: (t, native) => {
    const bytes = textBytes(t, native)
    if (t.fixed && bytes !== undefined && utf8BytesPerUnit(t, native) === 1 && bytes <= REDSHIFT_MAX_CHAR_BYTES) return `char(${bytes})`
    return varchar(bytes)
  },
  clob: () => varchar(undefined),
  binary: (t) => `varbyte(${Math.min(t.maxBytes ?? REDSHIFT_MAX_VARBYTE_BYTES, REDSHIFT_MAX_VARBYTE_BYTES)})`,
  // Redshift keeps microseconds and takes no precision on TIMESTAMP, TIMESTAMPTZ, TIME or TIMETZ.
  timestamp: (t) => (t.tz === 'none' ? 'timestamp' : 'timestamptz'),
  time: (t) => (t.tz ? 'timetz' : 'time'),
  json: () => 'super',
  xml: () => varchar(undefined),
  // Oracle UROWID text is at most 4,000 bytes.
  rowid: () => 'varchar(4000)',
  'user-defined': (t) => {
    if (UUID_NAMES.test(t.name)) return 'char(36)'
    throw new UnsupportedConstructError(`Amazon Redshift has no user-defined types (${t.schema ? `${t.schema}.` : ''}${t.name})`, undefined, 'UNSUPPORTED_TYPE')
  },
  unsupported: (t) => {
    if (UUID_NAMES.test(t.native)) return 'char(36)'
    throw new UnsupportedConstructError(`Amazon Redshift has no type for ${t.native}`, undefined, 'UNSUPPORTED_TYPE')
  },
}

/** Redshift type text for a logical type; throws UnsupportedConstructError where Redshift has none. */
export function formatRedshiftType(t: LogicalType, native?: NativeType): string {
  return formatWithTable(REDSHIFT_TYPES, t, native)
}

export interface TypeConcern {
  readonly severity: 'warning' | 'action' | 'info'
  readonly code: string
  readonly message: string
}

/**
 * What a column loses by its Redshift type, for the report: each lossy rule of REDSHIFT_TYPES
 * says so here, once per column. Values that do not fit are rejected at load with the reason.
 */
export function redshiftTypeConcerns(column: string, t: LogicalType, native?: NativeType): TypeConcern[] {
  switch (t.kind) {
    case 'text': {
      const bytes = textBytes(t, native)
      if (bytes === undefined) return [{ severity: 'warning', code: 'REDSHIFT_VARCHAR_MAX', message: `column ${column} has no length: VARCHAR(65535), values over 65,535 bytes are rejected at load` }]
      if (bytes > REDSHIFT_MAX_VARCHAR_BYTES) {
        return [{ severity: 'warning', code: 'REDSHIFT_VARCHAR_MAX', message: `column ${column} needs up to ${bytes} bytes in UTF-8: VARCHAR(65535), longer values are rejected at load` }]
      }
      return []
    }
    case 'clob':
    case 'xml':
      return [{ severity: 'warning', code: 'REDSHIFT_VARCHAR_MAX', message: `column ${column} (${t.kind}) becomes VARCHAR(65535): values over 65,535 bytes are rejected at load` }]
    case 'binary':
      return t.maxBytes === undefined || t.maxBytes > REDSHIFT_MAX_VARBYTE_BYTES
        ? [{ severity: 'warning', code: 'REDSHIFT_VARBYTE_MAX', message: `column ${column} becomes VARBYTE(1024000): values over 1,024,000 bytes are rejected at load` }]
        : []
    case 'decimal':
      if (t.precision === undefined) {
        return [{ severity: 'warning', code: 'REDSHIFT_NUMERIC_UNBOUNDED', message: `column ${column} has no precision: NUMERIC(38,18), values with more than 20 integer digits are rejected at load and more than 18 decimals are rounded` }]
      }
      if (t.precision > REDSHIFT_MAX_NUMERIC_PRECISION) {
        return [{ severity: 'action', code: 'REDSHIFT_NUMERIC_PRECISION', message: `column ${column} has precision ${t.precision}: Redshift keeps at most 38 digits, values with more are rejected at load` }]
      }
      return []
    case 'timestamp':
    case 'time':
      return t.precision !== undefined && t.precision > 6 ? [{ severity: 'info', code: 'REDSHIFT_FRACTIONAL_SECONDS', message: `column ${column} keeps microseconds (source precision ${t.precision})` }] : []
    case 'json':
      return [{ severity: 'info', code: 'REDSHIFT_SUPER', message: `column ${column} (json) becomes SUPER: load it with JSON_PARSE; queries use PartiQL paths instead of JSON functions` }]
    case 'user-defined':
      return isObjectColumn(t)
        ? [{ severity: 'action', code: 'REDSHIFT_OBJECT_COLUMN', message: `column ${column} has object type ${t.name}, which Redshift lacks: it is SUPER, so its values must be loaded as JSON objects and queries read its attributes by PartiQL path` }]
        : []
    case 'int':
    case 'float':
    case 'date':
    case 'interval':
    case 'boolean':
    case 'rowid':
    case 'unsupported':
      return []
  }
}
