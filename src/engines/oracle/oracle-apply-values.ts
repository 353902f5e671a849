import type { LogicalType } from '../../model/logical-type.js'
import { isZero, parseDecimal } from '../../values/decimal-text.js'
import { formatDateText, formatTimestampText, parseDateText, parseIntervalText, parseTimestampText } from '../../values/temporal-text.js'
import { reject } from '../../values/value-rejected.js'
import { catalogNativeType, type CatalogTypeSpec } from './oracle-catalog-mapping.js'
import { quoteOracleName } from './oracle-extract-sql.js'
import type { DriverBindValue } from './oracle-driver.js'
import { oracleLogicalType } from './oracle-types.js'

/**
 * PostgreSQL values as pgoutput sends them (each type's text output) → Oracle bind values, for
 * cdc --reverse: the inverse of oracle-extract-sql.ts / oracle-extract-decode.ts. Every value
 * is checked against the Oracle column before anything of its batch is sent, so a value Oracle
 * cannot hold stops the stream instead of being cut, rounded or half-applied. Text goes as text
 * and is converted in the SQL with explicit formats (never NLS defaults, see
 * ORACLE_EXTRACT_SESSION); RAW and BLOB go as bytes; CLOB as a string bound to the LOB.
 */

/** An Oracle column as apply needs it: the logical type, and the limits the logical type does not keep. */
export interface OracleApplyColumn {
  readonly name: string
  readonly type: LogicalType
  /** VARCHAR2/CHAR with BYTE semantics (the default), RAW: bytes. */
  readonly maxBytes?: number
  /** CHAR semantics, NVARCHAR2/NCHAR: characters. */
  readonly maxChars?: number
  /** Oracle DATE (timestamp(0) logically, but DATE in the SQL): whole seconds. */
  readonly isDate: boolean
  /** NUMBER(p[,s])'s declared p: an integer type keeps only its byte width. */
  readonly precision?: number
}

/** One row of ALL_TAB_COLUMNS (oracleApplyColumnsSql). */
export interface OracleColumnRow {
  readonly COLUMN_NAME: string
  readonly DATA_TYPE: string
  readonly DATA_TYPE_OWNER: string | null
  readonly DATA_LENGTH: number | string | null
  readonly CHAR_LENGTH: number | string | null
  readonly CHAR_USED: 'B' | 'C' | null
  readonly DATA_PRECISION: number | string | null
  readonly DATA_SCALE: number | string | null
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v))

/** The dictionary row → what apply checks values against, through the catalog's own type mapping. */
export function oracleApplyColumn(r: OracleColumnRow, owner: string): OracleApplyColumn {
  const spec: CatalogTypeSpec = { dataType: r.DATA_TYPE, owner: r.DATA_TYPE_OWNER, length: num(r.DATA_LENGTH), charLength: num(r.CHAR_LENGTH), charUsed: r.CHAR_USED, precision: num(r.DATA_PRECISION), scale: num(r.DATA_SCALE) }
  const type = oracleLogicalType(catalogNativeType(spec, owner))
  const chars = r.CHAR_USED === 'C' || /^N(VAR)?CHAR/.test(r.DATA_TYPE)
  const bounded = /^(N?VARCHAR2|N?CHAR|RAW)$/.test(r.DATA_TYPE)
  return {
    name: r.COLUMN_NAME,
    type,
    isDate: r.DATA_TYPE === 'DATE',
    ...(r.DATA_TYPE === 'NUMBER' && spec.precision ? { precision: spec.precision } : {}),
    ...(bounded && !chars && spec.length ? { maxBytes: spec.length } : {}),
    ...(bounded && chars && spec.charLength ? { maxChars: spec.charLength } : {}),
  }
}

/** Oracle NUMBER keeps 38 significant decimal digits; beyond them it rounds. */
const NUMBER_DIGITS = 38
/** NUMBER's magnitude: below 1E126. */
const NUMBER_MAX_INT_DIGITS = 126
const TIMESTAMP_FORMAT = `'YYYY-MM-DD HH24:MI:SS.FF9 BC', 'NLS_DATE_LANGUAGE=AMERICAN'`

/** The SQL expression a bind is written as in the column's place: the explicit conversion of its text. */
export function bindExpression(bind: string, c: OracleApplyColumn): string {
  const b = `:${bind}`
  const t = c.type
  switch (t.kind) {
    case 'int':
    case 'decimal': return `TO_NUMBER(${b})`
    case 'float': return t.bytes === 4 ? `TO_BINARY_FLOAT(${b})` : `TO_BINARY_DOUBLE(${b})`
    case 'timestamp':
      if (c.isDate) return `TO_DATE(${b}, 'YYYY-MM-DD HH24:MI:SS BC', 'NLS_DATE_LANGUAGE=AMERICAN')`
      if (t.tz === 'none') return `TO_TIMESTAMP(${b}, ${TIMESTAMP_FORMAT})`
      return `FROM_TZ(TO_TIMESTAMP(${b}, ${TIMESTAMP_FORMAT}), 'UTC')`
    case 'date': return `TO_DATE(${b}, 'YYYY-MM-DD BC', 'NLS_DATE_LANGUAGE=AMERICAN')`
    case 'interval': return t.fields === 'year-month' ? `TO_YMINTERVAL(${b})` : `TO_DSINTERVAL(${b})`
    case 'boolean': return `TO_BOOLEAN(${b})`
    case 'json': return `JSON(${b})`
    case 'xml': return `XMLTYPE(${b})`
    case 'rowid': return `CHARTOROWID(${b})`
    case 'text':
    case 'clob':
    case 'binary':
      return b
    case 'time':
    case 'user-defined':
    case 'unsupported':
      return reject(`${describeType(t)} columns cannot be written by godwit`)
  }
}

/** Whether a table can take this column at all: checked once, when the applier opens. */
export function unwritableReason(c: OracleApplyColumn): string | undefined {
  try {
    bindExpression('x', c)
    return undefined
  } catch (e) {
    return (e as Error).message
  }
}

function describeType(t: LogicalType): string {
  return t.kind === 'unsupported' ? t.native : t.kind === 'user-defined' ? `${t.schema ? `${t.schema}.` : ''}${t.name}` : t.kind
}

/**
 * A pgoutput text value → the bind value for `bindExpression`, or a ValueRejected saying why
 * the column cannot hold it. NULL stays NULL; '' becomes NULL in Oracle anyway (rule
 * `oracle-empty-is-null`), so a NOT NULL column refuses it at the server (ORA-01400).
 */
export function oracleBindValue(text: string | null, c: OracleApplyColumn): DriverBindValue {
  if (text === null) return null
  const t = c.type
  switch (t.kind) {
    case 'int':
      if (text === 't' || text === 'f') return text === 't' ? '1' : '0' // boolean on PostgreSQL, NUMBER(1) in Oracle
      return numberText(text, c.precision ?? NUMBER_DIGITS, 0)
    case 'decimal':
      return numberText(text, t.precision, t.scale)
    case 'float':
      if (text === 'NaN') return 'NaN'
      if (text === 'Infinity' || text === '-Infinity') return text === 'Infinity' ? 'INF' : '-INF'
      if (!/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) reject(`invalid floating-point text '${text}'`)
      if (t.bytes === 4 && !Number.isFinite(Math.fround(Number(text)))) reject(`${text} is beyond BINARY_FLOAT`)
      return text
    case 'text': {
      const v = t.fixed ? text.replace(/ +$/, '') : text // CHAR(n): Oracle pads again
      return checkLength(v, c)
    }
    case 'clob':
    case 'json':
    case 'xml':
    case 'rowid':
      return text
    case 'binary': {
      if (!/^\\x([0-9a-fA-F]{2})*$/.test(text)) reject(`bytea text is not in hex form (bytea_output = hex)`)
      const bytes = Buffer.from(text.slice(2), 'hex')
      if (c.maxBytes !== undefined && bytes.length > c.maxBytes) reject(`${bytes.length} bytes do not fit RAW(${c.maxBytes})`)
      return bytes
    }
    case 'timestamp':
      return timestampText(text, c, t.tz !== 'none', t.precision ?? 6)
    case 'date': {
      const days = parseDateText(text)
      if (!Number.isFinite(days)) reject(`Oracle has no ${text} date`)
      const d = formatDateText(days)
      return d.endsWith(' BC') ? d : `${d} AD`
    }
    case 'interval':
      return intervalText(text, t.fields, t.precision ?? 6)
    case 'boolean':
      if (text !== 't' && text !== 'f') reject(`invalid boolean text '${text}'`)
      return text === 't' ? 'TRUE' : 'FALSE'
    case 'time':
    case 'user-defined':
    case 'unsupported':
      return reject(`${describeType(t)} columns cannot be written by godwit`)
  }
}

/** Exact decimal text Oracle's TO_NUMBER reads ('.' decimal point, see ORACLE_EXTRACT_SESSION), checked against NUMBER(p,s). */
function numberText(text: string, precision: number | undefined, scale: number | undefined): string {
  const d = parseDecimal(text)
  if (typeof d === 'string') return reject(`NUMBER cannot hold ${d}`)
  const frac = d.frac.replace(/0+$/, '')
  if (scale !== undefined && frac.length > scale) reject(`${text} has ${frac.length} decimal places; the Oracle column keeps ${scale} and would round it`)
  if (precision !== undefined && d.int.length > precision - (scale ?? 0)) reject(`${text} has ${d.int.length} integer digits; NUMBER(${precision}${scale ? `,${scale}` : ''}) holds ${precision - (scale ?? 0)}`)
  const significant = (d.int + frac).replace(/^0+/, '').replace(/0+$/, '')
  if (significant.length > NUMBER_DIGITS) reject(`${text} has ${significant.length} significant digits; Oracle NUMBER keeps ${NUMBER_DIGITS} and would round it`)
  if (d.int.length > NUMBER_MAX_INT_DIGITS) reject(`${text} is beyond Oracle NUMBER's range (below 1E126)`)
  if (isZero(d)) return '0'
  return `${d.negative ? '-' : ''}${d.int || '0'}${frac ? `.${frac}` : ''}`
}

function checkLength(v: string, c: OracleApplyColumn): string {
  if (c.maxChars !== undefined && [...v].length > c.maxChars) reject(`${[...v].length} characters do not fit ${c.maxChars} characters`)
  // Byte semantics count the database character set's bytes: AL32UTF8 (docs/cdc.md).
  if (c.maxBytes !== undefined && Buffer.byteLength(v, 'utf8') > c.maxBytes) reject(`${Buffer.byteLength(v, 'utf8')} bytes (UTF-8) do not fit ${c.maxBytes} bytes`)
  return v
}

function withEra(text: string, bc: boolean): string {
  return `${text} ${bc ? 'BC' : 'AD'}`
}

const FRACTION = /:\d{2}\.(\d+)/

/**
 * A timestamp's text for TO_TIMESTAMP/TO_DATE: with a zone (timestamptz) the UTC instant, as the
 * load read it (SYS_EXTRACT_UTC); fraction digits beyond the column's precision are refused, not
 * rounded.
 */
function timestampText(text: string, c: OracleApplyColumn, zoned: boolean, precision: number): string {
  const digits = (FRACTION.exec(text)?.[1] ?? '').replace(/0+$/, '')
  if (digits.length > 9) reject(`${text} has ${digits.length} fractional digits; Oracle keeps at most 9`)
  const kept = c.isDate ? 0 : precision
  if (digits.length > kept) reject(`${text} has ${digits.length} fractional digits; the Oracle ${c.isDate ? 'DATE keeps whole seconds' : `column keeps ${kept}`}`)
  const hasZone = /[+-]\d{2}(:\d{2}){0,2}( BC)?$/.test(text) && !/^-?\d+-\d+-\d+( BC)?$/.test(text)
  if (hasZone !== zoned) reject(zoned ? `timestamp text '${text}' has no time zone` : `timestamp text '${text}' has a time zone; the Oracle column has none`)
  const ts = parseTimestampText(text)
  if (!Number.isFinite(ts.days)) reject(`Oracle has no ${text} timestamp`)
  const out = formatTimestampText(ts) // YYYY-MM-DD HH:MM:SS.ffffff[ BC], the UTC instant when zoned
  const bc = out.endsWith(' BC')
  const body = bc ? out.slice(0, -3) : out
  const [y] = body.split('-')
  if (Number(y) > 9999) reject(`year ${Number(y)} is beyond Oracle's 9999`)
  if (bc && Number(y) > 4712) reject(`year ${Number(y)} BC is before Oracle's 4712 BC`)
  return withEra(c.isDate ? body.slice(0, 19) : `${body}000`, bc)
}

/** PostgreSQL interval text → Oracle's `+Y-M` / `+D HH:MI:SS.fffffffff`, refusing parts the Oracle interval has no field for. */
function intervalText(text: string, fields: 'year-month' | 'day-second', precision: number): string {
  const iv = parseIntervalText(text)
  const micros = BigInt(iv.micros)
  if (fields === 'year-month') {
    if (iv.days !== 0 || micros !== 0n) reject(`interval '${text}' has days or a time; INTERVAL YEAR TO MONTH keeps years and months`)
    const sign = iv.months < 0 ? '-' : '+'
    const m = Math.abs(iv.months)
    return `${sign}${Math.floor(m / 12)}-${m % 12}`
  }
  if (iv.months !== 0) reject(`interval '${text}' has months; INTERVAL DAY TO SECOND has no month field (a month has no fixed length)`)
  const total = BigInt(iv.days) * 86_400_000_000n + micros
  const neg = total < 0n
  const abs = neg ? -total : total
  const frac = abs % 1_000_000n
  if (frac !== 0n && String(frac).padStart(6, '0').replace(/0+$/, '').length > precision) reject(`interval '${text}' has more fractional digits than the column's ${precision}`)
  const secs = abs / 1_000_000n
  const two = (n: bigint): string => String(n).padStart(2, '0')
  return `${neg ? '-' : '+'}${secs / 86_400n} ${two((secs / 3_600n) % 24n)}:${two((secs / 60n) % 60n)}:${two(secs % 60n)}.${String(frac).padStart(6, '0')}`
}

/** `"COL"` as written in apply statements. */
export function columnRef(c: OracleApplyColumn): string {
  return quoteOracleName(c.name)
}
