import { UsageError } from '../core/errors.js'
import type { LogicalType } from '../model/logical-type.js'
import type { CopyBinaryWriter } from './copy-binary-writer.js'
import { pgTargetType } from './pg-target-type.js'
import { writeNumeric } from './numeric-binary.js'
import { parseDateText, parseIntervalText, parseTimestampText, PG_DATE_END_DAYS, PG_MIN_DAYS, PG_TIMESTAMP_END_DAYS, parseTimeText } from './temporal-text.js'
import { checkTextBytes, checkTextString, type TextLimit } from './text-checks.js'
import { Interval, Timestamp } from './value.js'
import { reject } from './value-rejected.js'

/**
 * One encoder per target column: takes a godwit value (src/values/value.ts) or its text form and
 * writes the field (length + PostgreSQL binary representation), or rejects the value. NULL is
 * handled by the caller.
 */
export type FieldEncoder = (v: unknown, w: CopyBinaryWriter) => void

export interface EncoderTarget {
  readonly name: string
  /** Type text of the target column (format_type() or godwit's spelling): what gets written. */
  readonly pgType: string
}

/** Days from 1970-01-01 to PostgreSQL's epoch 2000-01-01. */
const PG_EPOCH_DAYS = 10957
/** 86 400 000 000 µs = 20·2^32 + 500 654 080: days × µs-per-day split so both halves stay exact doubles. */
const DAY_MICROS_HI = 20
const DAY_MICROS_LO = 500_654_080
const EXACT_SPLIT_DAYS = 17_000_000
const INT64_MAX = 0x7fffffffffffffffn
const INT64_MIN = -0x8000000000000000n
const INT_RANGES = {
  2: { min: -32768, max: 32767, name: 'smallint' },
  4: { min: -2147483648, max: 2147483647, name: 'integer' },
  8: { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, name: 'bigint' },
} as const

/** A value given as text: a string, or bytes (decoded as UTF-8; invalid bytes cannot parse as a number or date anyway). */
function textOf(v: unknown, what: string): string {
  if (typeof v === 'string') return v
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('utf8')
  return reject(`cannot convert ${describe(v)} to ${what}`)
}

function describe(v: unknown): string {
  if (v instanceof Timestamp) return 'a timestamp'
  if (v instanceof Interval) return 'an interval'
  if (v instanceof Uint8Array) return 'bytes'
  return `a ${typeof v}`
}

function intEncoder(bytes: 2 | 4 | 8): FieldEncoder {
  const range = INT_RANGES[bytes]
  const write = (n: number | bigint, w: CopyBinaryWriter) => {
    w.int32(bytes)
    if (bytes === 2) w.int16(Number(n))
    else if (bytes === 4) w.int32(Number(n))
    else w.int64(n)
  }
  const fromBigint = (b: bigint, w: CopyBinaryWriter) => {
    if (bytes === 8 ? b < INT64_MIN || b > INT64_MAX : b < BigInt(range.min) || b > BigInt(range.max)) reject(`${b} is out of range for ${range.name}`)
    write(b, w)
  }
  return (v, w) => {
    if (typeof v === 'number') {
      if (!Number.isInteger(v)) reject(`${v} is not an integer (${range.name})`)
      if (v < range.min || v > range.max) {
        if (bytes === 8 && Number.isFinite(v)) reject(`${v} is beyond 2^53 as a number: an int8 source must pass a bigint`)
        reject(`${v} is out of range for ${range.name}`)
      }
      write(v, w)
    } else if (typeof v === 'bigint') {
      fromBigint(v, w)
    } else if (typeof v === 'boolean') {
      write(v ? 1 : 0, w)
    } else {
      const t = textOf(v, range.name).trim()
      if (!/^[+-]?\d+$/.test(t)) reject(`'${t.slice(0, 60)}' is not an integer (${range.name})`)
      fromBigint(BigInt(t), w)
    }
  }
}

function decimalEncoder(t: Extract<LogicalType, { kind: 'decimal' }>): FieldEncoder {
  const target = { precision: t.precision, scale: t.scale }
  return (v, w) => {
    if (typeof v === 'string') writeNumeric(v, target, w)
    else if (typeof v === 'number') {
      // Floats go through their shortest round-trip text, never through more digits than they have.
      writeNumeric(Number.isFinite(v) ? floatToPlain(v) : String(v), target, w)
    } else if (typeof v === 'bigint') writeNumeric(v.toString(), target, w)
    else writeNumeric(textOf(v, 'numeric').trim(), target, w)
  }
}

function floatToPlain(v: number): string {
  const s = String(v)
  return s.includes('e') ? v.toFixed(Math.max(0, Math.min(100, -Math.floor(Math.log10(Math.abs(v))) + 17))) : s
}

const FLOAT_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$|^[+-]?(?:Infinity|inf|infinity)$|^NaN$/i

function floatEncoder(bytes: 4 | 8): FieldEncoder {
  const name = bytes === 4 ? 'real' : 'double precision'
  return (v, w) => {
    let n: number
    if (typeof v === 'number') n = v
    else if (typeof v === 'bigint') n = Number(v)
    else {
      const t = textOf(v, name).trim()
      if (!FLOAT_TEXT.test(t)) reject(`'${t.slice(0, 60)}' is not a ${name}`)
      n = /inf/i.test(t) ? (t.startsWith('-') ? -Infinity : Infinity) : Number(t)
    }
    w.int32(bytes)
    if (bytes === 8) w.float64(n)
    else {
      // Like float4in: a finite value that becomes infinite or zero in single precision is out of range.
      const single = Math.fround(n)
      if (Number.isFinite(n) && (!Number.isFinite(single) || (single === 0 && n !== 0))) reject(`${n} is out of range for real`)
      w.float32(n)
    }
  }
}

function textEncoder(t: Extract<LogicalType, { kind: 'text' }> | undefined, pgType: string): FieldEncoder {
  const limit: TextLimit = { maxChars: t?.maxChars, typeName: pgType }
  return (v, w) => {
    if (v instanceof Uint8Array) {
      checkTextBytes(v, limit)
      w.field(v)
      return
    }
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'bigint' && typeof v !== 'boolean') reject(`cannot convert ${describe(v)} to ${pgType}`)
    const s = String(v)
    checkTextString(s, limit)
    w.utf8Field(s)
  }
}

/** json and jsonb: PostgreSQL parses them on COPY, so malformed documents are turned away here first. */
function jsonEncoder(pgType: string): FieldEncoder {
  const jsonb = pgType.trim().toLowerCase() === 'jsonb'
  const limit: TextLimit = { typeName: pgType }
  return (v, w) => {
    const s = textOf(v, pgType)
    checkTextString(s, limit)
    try {
      JSON.parse(s)
    } catch (e) {
      reject(`invalid JSON: ${(e as Error).message}`)
    }
    // jsonb refuses \u0000 (it cannot store NUL in text either).
    if (jsonb && /\\u0000/i.test(s)) reject('jsonb cannot hold \\u0000')
    w.utf8Field(s, jsonb ? 1 : undefined)
  }
}

function binaryEncoder(): FieldEncoder {
  return (v, w) => {
    if (v instanceof Uint8Array) w.field(v)
    else if (typeof v === 'string') {
      // PostgreSQL's bytea text form; other text keeps its UTF-8 bytes.
      if (/^\\x(?:[0-9a-fA-F]{2})*$/.test(v)) w.field(Buffer.from(v.slice(2), 'hex'))
      else w.utf8Field(v)
    } else reject(`cannot convert ${describe(v)} to bytea`)
  }
}

function booleanEncoder(): FieldEncoder {
  const TRUE = /^(t|true|y|yes|on|1)$/i
  const FALSE = /^(f|false|n|no|off|0)$/i
  return (v, w) => {
    let b: boolean
    if (typeof v === 'boolean') b = v
    else if (typeof v === 'number' && (v === 0 || v === 1)) b = v === 1
    else {
      const t = typeof v === 'number' ? String(v) : textOf(v, 'boolean').trim()
      if (TRUE.test(t)) b = true
      else if (FALSE.test(t)) b = false
      else return reject(`'${t.slice(0, 60)}' is not a boolean`)
    }
    w.int32(1)
    w.ensure(1)
    w.buf[w.pos++] = b ? 1 : 0
  }
}

function dateEncoder(): FieldEncoder {
  return (v, w) => {
    let days: number
    if (typeof v === 'number') days = v
    else if (v instanceof Timestamp) {
      // Rule `date-keeps-time`: a timestamp with a time of day is not silently cut to its date.
      if (v.micros !== 0) reject('the value has a time of day; the target column is date and would drop it')
      days = v.days
    } else days = parseDateText(textOf(v, 'date').trim())
    w.int32(4)
    if (days === Infinity) w.int32(0x7fffffff)
    else if (days === -Infinity) w.int32(-0x80000000)
    else {
      if (!Number.isInteger(days) || days < PG_MIN_DAYS || days >= PG_DATE_END_DAYS) reject(`date out of range (${days} days from 1970-01-01)`)
      w.int32(days - PG_EPOCH_DAYS)
    }
  }
}

export function writeTimestamp(ts: Timestamp, w: CopyBinaryWriter): void {
  w.int32(8)
  if (ts.days === Infinity) return w.int64(INT64_MAX)
  if (ts.days === -Infinity) return w.int64(INT64_MIN)
  if (ts.days < PG_MIN_DAYS || ts.days >= PG_TIMESTAMP_END_DAYS) reject(`timestamp out of range (${ts.days} days from 1970-01-01)`)
  const d = ts.days - PG_EPOCH_DAYS
  if (d > -EXACT_SPLIT_DAYS && d < EXACT_SPLIT_DAYS) w.int64Parts(d * DAY_MICROS_HI, d * DAY_MICROS_LO + ts.micros)
  else w.int64(BigInt(d) * 86_400_000_000n + BigInt(ts.micros))
}

function timestampEncoder(): FieldEncoder {
  return (v, w) => {
    if (v instanceof Timestamp) writeTimestamp(v, w)
    else if (typeof v === 'number') writeTimestamp(new Timestamp(v, 0), w)
    else writeTimestamp(parseTimestampText(textOf(v, 'timestamp').trim()), w)
  }
}

/** time: int64 µs since midnight; timetz adds an int32 zone in seconds *west* of UTC. */
function timeEncoder(zoned: boolean): FieldEncoder {
  return (v, w) => {
    const t = parseTimeText(textOf(v, zoned ? 'time with time zone' : 'time'))
    if (zoned && t.offsetSeconds === undefined) reject('the time has no zone offset; the target column is time with time zone')
    w.int32(zoned ? 12 : 8)
    w.int64(t.micros)
    if (zoned) w.int32(-(t.offsetSeconds ?? 0))
  }
}

function intervalEncoder(t: Extract<LogicalType, { kind: 'interval' }>): FieldEncoder {
  return (v, w) => {
    const iv = v instanceof Interval ? v : parseIntervalText(textOf(v, 'interval').trim())
    // PostgreSQL would zero the day and time parts silently for `interval year to month`.
    if (t.fields === 'year-month' && (iv.days !== 0 || (typeof iv.micros === 'bigint' ? iv.micros !== 0n : iv.micros !== 0))) {
      reject('the interval has days or a time part; the target column is interval year to month and would drop them')
    }
    w.int32(16)
    w.int64(iv.micros)
    w.int32(iv.days)
    w.int32(iv.months)
  }
}

/** The encoder for a target column; types without one here (user-defined, unsupported) cannot be transcoded. */
export function fieldEncoderFor(c: EncoderTarget): FieldEncoder {
  const t = pgTargetType(c.pgType)
  switch (t.kind) {
    case 'int': return intEncoder(t.bytes === 1 ? 2 : t.bytes)
    case 'decimal': return decimalEncoder(t)
    case 'float': return floatEncoder(t.bytes)
    case 'text': return textEncoder(t, c.pgType)
    case 'clob':
    case 'rowid':
    case 'xml': return textEncoder(undefined, c.pgType)
    case 'json': return jsonEncoder(c.pgType)
    case 'binary': return binaryEncoder()
    case 'boolean': return booleanEncoder()
    case 'date': return dateEncoder()
    case 'timestamp': return timestampEncoder()
    case 'time': return timeEncoder(t.tz)
    case 'interval': return intervalEncoder(t)
    case 'user-defined':
    case 'unsupported':
      throw new UsageError('TRANSCODE_UNSUPPORTED_TYPE', `column ${c.name}: values of type ${c.pgType} are not transcoded by godwit's codec`, {
        object: c.name,
        hint: 'Load this table with the passthrough path (source and target types equal), or map the column to a supported type.',
      })
  }
}
