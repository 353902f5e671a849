import type { LogicalType } from '../../model/logical-type.js'
import { canonicalDecimal, canonicalText } from '../../values/canonical-text.js'
import { formatIsoInterval, parseDateText, parseTimestampText } from '../../values/temporal-text.js'
import { Interval } from '../../values/value.js'
import { passUnparsed, reject } from '../../values/value-rejected.js'

/**
 * Values as teradatasql returns them for the select list of teradata-extract-sql.ts → godwit
 * values (src/values/value.ts): integers as numbers (BIGINT maybe as bigint), FLOAT as numbers,
 * DECIMAL/NUMBER as TO_CHAR text, dates and timestamps as ISO-like text (zoned ones already in
 * UTC), intervals as the text of DAY(4) TO SECOND(6) or YEAR(4) TO MONTH, BYTE/VARBYTE/BLOB as
 * Uint8Array, CHAR/VARCHAR/CLOB/JSON/XML as strings, PERIOD as a range literal. A value that
 * does not parse is passed on as its text: the target codec then rejects that row with its key
 * instead of failing the chunk.
 */
export type TeradataValueDecoder = (v: unknown) => unknown

function integer(v: unknown): unknown {
  if (typeof v === 'number' || typeof v === 'bigint') return typeof v === 'bigint' && v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v
  const s = String(v).trim()
  if (!/^-?\d+$/.test(s)) reject(`invalid integer text '${s}'`)
  const b = BigInt(s)
  return b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b
}

/** TO_CHAR text (`.71`, `-1.5E+20`) → godwit's decimal text (`0.71`, no exponent). */
function decimal(v: unknown): unknown {
  try {
    return canonicalDecimal(typeof v === 'string' ? v : String(v))
  } catch {
    return reject(`invalid decimal text '${String(v)}'`)
  }
}

function float(v: unknown): unknown {
  if (typeof v === 'number') return v
  const n = Number(String(v).trim())
  if (Number.isNaN(n) && !/^\s*nan\s*$/i.test(String(v))) reject(`invalid float text '${String(v)}'`)
  return n
}

const DAY_SECOND = /^\s*(-?)\s*(\d+) (\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?\s*$/
const YEAR_MONTH = /^\s*(-?)\s*(\d+)-(\d{1,2})\s*$/

/** `[-]dddd hh:mm:ss.ffffff` or `[-]yyyy-mm`, as Teradata writes the intervals the SQL casts to. */
export function parseTeradataInterval(text: string): Interval {
  const ym = YEAR_MONTH.exec(text)
  if (ym) {
    const months = Number(ym[2]) * 12 + Number(ym[3])
    return new Interval(ym[1] ? -months : months, 0, 0)
  }
  const ds = DAY_SECOND.exec(text)
  if (!ds) reject(`invalid interval text '${text}'`)
  const [, sign, d, h, mi, s, f = ''] = ds
  const micros = ((Number(h) * 60 + Number(mi)) * 60 + Number(s)) * 1_000_000 + Number(f.padEnd(6, '0'))
  const neg = sign === '-'
  return new Interval(0, neg ? -Number(d) : Number(d), neg ? -micros : micros)
}

/** Teradata writes TIME WITH TIME ZONE as `10:11:12.000000+05:30`; PostgreSQL reads it as is. */
function timeText(v: unknown): unknown {
  return String(v).trim()
}

/** A range literal whose timestamp bounds are rewritten in PostgreSQL's text (trailing fraction zeros dropped). */
function period(v: unknown): unknown {
  const s = String(v)
  const m = /^\["(.*)","(.*)"\)$/.exec(s)
  if (!m) return s
  const bound = (t: string) => canonicalText(t, { kind: 'timestamp', tz: 'none' })
  return `["${bound(m[1]!)}","${bound(m[2]!)}")`
}

function bytes(v: unknown): unknown {
  return v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v
}

export function teradataDecoderFor(t: LogicalType): TeradataValueDecoder {
  switch (t.kind) {
    case 'int': return passUnparsed(integer)
    case 'decimal': return passUnparsed(decimal)
    case 'float': return passUnparsed(float)
    case 'date': return passUnparsed((v) => parseDateText(String(v).trim()))
    case 'timestamp': return passUnparsed((v) => parseTimestampText(String(v).trim()))
    case 'time': return timeText
    case 'interval': return passUnparsed((v) => parseTeradataInterval(String(v)))
    case 'binary': return bytes
    case 'unsupported': return /^PERIOD\s*\(/i.test(t.native) ? period : (v) => v
    case 'text':
    case 'clob':
    case 'json':
    case 'xml':
    case 'boolean':
    case 'rowid':
    case 'user-defined':
      return (v) => v
  }
}

/** Raw driver values → what canonicalText reads: intervals in ISO 8601, PERIODs as range text, the rest as they come. */
export function teradataRawValue(v: unknown, type: LogicalType): unknown {
  if (v === null || v === undefined) return null
  if (type.kind === 'interval' || type.kind === 'unsupported') {
    const decoded = teradataDecoderFor(type)(v)
    return decoded instanceof Interval ? formatIsoInterval(decoded) : decoded
  }
  return v
}
