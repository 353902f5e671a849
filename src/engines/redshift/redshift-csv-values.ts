import { isUtf8 } from 'node:buffer'
import type { LogicalType } from '../../model/logical-type.js'
import { canonicalDecimal, canonicalFloat, CanonicalValueError } from '../../values/canonical-text.js'
import { parseDecimal } from '../../values/decimal-text.js'
import { daysFromCivil, formatDateText, formatTimeText, formatTimestampText, parseDateText, parseTimestampText, parseTimeText } from '../../values/temporal-text.js'
import { firstInvalidUtf8 } from '../../values/text-checks.js'
import { Interval, Timestamp } from '../../values/value.js'
import { reject, ValueRejected } from '../../values/value-rejected.js'

/**
 * One CSV field per target column, for Redshift `COPY … CSV` (the PostgreSQL CSV rules: NULL is
 * an unquoted empty field, written by the caller; every text value is quoted, so `""` is the
 * empty string and a delimiter, quote, newline or backslash inside is only data). A value
 * Redshift cannot hold is rejected (src/values/value-rejected.ts) with the reason, before COPY
 * would fail the whole table on it:
 *
 * - text: NUL bytes (Redshift VARCHAR stores none), invalid UTF-8, more bytes than the column
 *   (VARCHAR(n) counts bytes, 65,535 at most), multi-byte characters in CHAR (single-byte only);
 * - dates and timestamps outside years 1–9999 (COPY reads `YYYY-MM-DD`; infinities have no Redshift form);
 * - decimals: NaN and infinities, more integer digits than precision − scale, beyond 38 digits.
 */
export type CsvField = (v: unknown) => string

/** Redshift's largest VARCHAR, in bytes. */
export const REDSHIFT_MAX_VARCHAR_BYTES = 65_535
/** Redshift's largest VARBYTE, in bytes. */
export const REDSHIFT_MAX_VARBYTE_BYTES = 1_024_000
const MAX_PRECISION = 38
const FIRST_DAY = daysFromCivil(1, 1, 1)
const END_DAY = daysFromCivil(10000, 1, 1)

/** A target column as the encoder needs it: its logical type, and its byte limit where the type counts bytes. */
export interface CsvColumn {
  readonly name: string
  /** The Redshift type text, for reject reasons. */
  readonly typeName: string
  readonly type: LogicalType
  /** VARCHAR(n)/CHAR(n)/VARBYTE(n): n bytes. */
  readonly maxBytes?: number
}

export function quoteCsv(s: string): string {
  return s.includes('"') ? `"${s.replaceAll('"', '""')}"` : `"${s}"`
}

export function csvFieldFor(c: CsvColumn): CsvField {
  const t = c.type
  switch (t.kind) {
    case 'int':
      return intField(t.bytes === 8 ? 8n : t.bytes === 4 ? 4n : 2n)
    case 'decimal':
      return decimalField(t.precision, t.scale ?? 0)
    case 'float':
      return (v) => canonicalFloat(typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : floatOf(textOf(v, c.typeName)), t.bytes)
    case 'text':
      return textField(c.maxBytes ?? REDSHIFT_MAX_VARCHAR_BYTES, t.fixed, c.typeName)
    case 'clob':
    case 'xml':
    case 'rowid':
    case 'user-defined':
    case 'unsupported':
      return textField(c.maxBytes ?? REDSHIFT_MAX_VARCHAR_BYTES, false, c.typeName)
    case 'json':
      return jsonField(c.maxBytes ?? REDSHIFT_MAX_VARCHAR_BYTES, c.typeName)
    case 'binary':
      return binaryField(c.maxBytes ?? REDSHIFT_MAX_VARBYTE_BYTES, c.typeName)
    case 'boolean':
      return booleanField
    case 'date':
      return dateField
    case 'timestamp':
      return timestampField(t.tz !== 'none')
    case 'time':
      return (v) => {
        const time = parseTimeText(textOf(v, c.typeName))
        if (t.tz && time.offsetSeconds === undefined) reject(`the time has no zone offset; the target column is ${c.typeName}`)
        return formatTimeText(t.tz ? time : { micros: time.micros })
      }
    case 'interval':
      return (v) => {
        if (v instanceof Interval) reject('interval values are loaded into Redshift as text only: map the column to VARCHAR')
        return textField(c.maxBytes ?? REDSHIFT_MAX_VARCHAR_BYTES, false, c.typeName)(v)
      }
  }
}

function textOf(v: unknown, what: string): string {
  if (typeof v === 'string') return v.trim()
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('utf8').trim()
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v)
  return reject(`cannot convert ${v instanceof Timestamp ? 'a timestamp' : typeof v} to ${what}`)
}

function intField(bytes: 2n | 4n | 8n): CsvField {
  const max = (1n << (bytes * 8n - 1n)) - 1n
  const min = -max - 1n
  const name = bytes === 2n ? 'smallint' : bytes === 4n ? 'integer' : 'bigint'
  return (v) => {
    let n: bigint
    if (typeof v === 'bigint') n = v
    else if (typeof v === 'boolean') n = v ? 1n : 0n
    else if (typeof v === 'number') {
      if (!Number.isSafeInteger(v)) reject(`${v} is not an integer Redshift ${name} holds exactly`)
      n = BigInt(v)
    } else {
      const s = textOf(v, name)
      if (!/^[+-]?\d+$/.test(s)) reject(`'${s.slice(0, 60)}' is not an integer (${name})`)
      n = BigInt(s)
    }
    if (n < min || n > max) reject(`${n} is out of range for Redshift ${name}`)
    return n.toString()
  }
}

function decimalField(precision: number | undefined, scale: number): CsvField {
  const p = precision ?? MAX_PRECISION
  return (v) => {
    let text: string
    try {
      text = canonicalDecimal(typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' ? v : textOf(v, 'numeric'))
    } catch (e) {
      if (e instanceof CanonicalValueError) reject(e.message)
      throw e
    }
    const d = parseDecimal(text)
    if (typeof d === 'string') reject(`${d}: Redshift NUMERIC has no NaN or infinity`)
    if (precision === undefined) {
      if (d.int.length + d.frac.length > MAX_PRECISION) reject(`${text} has more than ${MAX_PRECISION} digits, Redshift's NUMERIC limit`)
    } else if (d.int.length > p - scale) reject(`${text} has ${d.int.length} integer digits: numeric(${p},${scale}) holds ${p - scale}`)
    return text
  }
}

function floatOf(s: string): number {
  if (/^[+-]?(infinity|inf)$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity
  const n = Number(s)
  if (s === '' || (Number.isNaN(n) && !/^nan$/i.test(s))) reject(`'${s.slice(0, 60)}' is not a number`)
  return n
}

function checkText(s: string, maxBytes: number, fixed: boolean, typeName: string): void {
  const nul = s.indexOf('\0')
  if (nul >= 0) reject(`NUL byte at character ${nul + 1}: Redshift ${typeName} cannot hold it`)
  if (!(s as string & { isWellFormed(): boolean }).isWellFormed()) reject('invalid UTF-8: the text holds an unpaired surrogate')
  // UTF-8 takes at most 3 bytes per UTF-16 unit: short text needs no count.
  if (s.length * 3 <= maxBytes && !fixed) return
  const bytes = Buffer.byteLength(s, 'utf8')
  if (fixed && bytes !== s.length) reject(`Redshift ${typeName} holds single-byte characters only`)
  if (bytes > maxBytes) reject(`${bytes} bytes: Redshift ${typeName} holds at most ${maxBytes} bytes`)
}

function textField(maxBytes: number, fixed: boolean, typeName: string): CsvField {
  return (v) => {
    let s: string
    if (v instanceof Uint8Array) {
      if (!isUtf8(v)) reject(`invalid UTF-8 at byte ${firstInvalidUtf8(v) + 1}`)
      s = Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('utf8')
    } else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') s = String(v)
    else return reject(`cannot convert ${v instanceof Timestamp ? 'a timestamp' : typeof v} to ${typeName}`)
    checkText(s, maxBytes, fixed, typeName)
    return quoteCsv(s)
  }
}

/** SUPER (or VARCHAR) holding a JSON document: checked to parse, written as its text. */
function jsonField(maxBytes: number, typeName: string): CsvField {
  const text = textField(maxBytes, false, typeName)
  return (v) => {
    const s = typeof v === 'string' ? v : v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : JSON.stringify(v)
    try {
      JSON.parse(s)
    } catch (e) {
      reject(`invalid JSON: ${(e as Error).message}`)
    }
    return text(s)
  }
}

/** VARBYTE: COPY reads CSV binary values as hexadecimal text; quoted, so zero bytes are `""`, not NULL. */
function binaryField(maxBytes: number, typeName: string): CsvField {
  return (v) => {
    let b: Buffer
    if (v instanceof Uint8Array) b = Buffer.from(v.buffer, v.byteOffset, v.byteLength)
    else if (typeof v === 'string') b = /^\\x(?:[0-9a-fA-F]{2})*$/.test(v) ? Buffer.from(v.slice(2), 'hex') : Buffer.from(v, 'utf8')
    else return reject(`cannot convert ${typeof v} to ${typeName}`)
    if (b.length > maxBytes) reject(`${b.length} bytes: Redshift ${typeName} holds at most ${maxBytes} bytes`)
    return `"${b.toString('hex')}"`
  }
}

const TRUE = /^(t|true|y|yes|on|1)$/i
const FALSE = /^(f|false|n|no|off|0)$/i

function booleanField(v: unknown): string {
  if (typeof v === 'boolean') return v ? 't' : 'f'
  const s = textOf(v, 'boolean')
  if (TRUE.test(s)) return 't'
  if (FALSE.test(s)) return 'f'
  return reject(`'${s.slice(0, 60)}' is not a boolean`)
}

function checkDays(days: number, what: string): void {
  if (!Number.isFinite(days)) reject(`${days > 0 ? 'infinity' : '-infinity'}: Redshift has no infinite ${what}`)
  if (days < FIRST_DAY || days >= END_DAY) reject(`${what} ${formatDateText(days)} is outside the years 1 to 9999 godwit loads into Redshift`)
}

function dateField(v: unknown): string {
  let days: number
  if (typeof v === 'number') days = v
  else if (v instanceof Timestamp) {
    if (v.micros !== 0) reject('the value has a time of day; the target column is date and would drop it')
    days = v.days
  } else days = parseDateText(textOf(v, 'date'))
  checkDays(days, 'date')
  return formatDateText(days)
}

/** `YYYY-MM-DD HH:MI:SS.ffffff`, COPY's default timestamp format; `+00` after a zoned value's UTC instant. */
function timestampField(zoned: boolean): CsvField {
  return (v) => {
    const ts = v instanceof Timestamp ? v : typeof v === 'number' ? new Timestamp(v, 0) : parseTimestampText(textOf(v, 'timestamp'))
    checkDays(ts.days, 'timestamp')
    const text = formatTimestampText(ts)
    return zoned ? `${text}+00` : text
  }
}

/**
 * Rows as CSV lines (one string per row, newline included), batch by batch. A row with a value
 * the column cannot hold is left out and handed to `onReject` with the column's index.
 */
export async function* csvLines(
  rows: AsyncIterable<readonly (readonly unknown[])[]>,
  columns: readonly CsvColumn[],
  onReject: (row: readonly unknown[], column: number, e: ValueRejected) => void,
): AsyncGenerator<string[]> {
  const fields = columns.map(csvFieldFor)
  const n = fields.length
  for await (const batch of rows) {
    const lines: string[] = []
    for (const row of batch) {
      let line = ''
      let col = 0
      try {
        for (; col < n; col++) {
          const v = row[col]
          if (col > 0) line += ','
          if (v !== null && v !== undefined) line += fields[col]!(v)
        }
        lines.push(`${line}\n`)
      } catch (e) {
        if (!(e instanceof ValueRejected)) throw e
        onReject(row, col, e)
      }
    }
    yield lines
  }
}
