import type { LogicalType } from '../model/logical-type.js'
import type { FieldDecoder } from './copy-text-reader.js'
import { daysFromCivil, parseDateText, parseIntervalText, parseTimestampText } from './temporal-text.js'
import { Timestamp } from './value.js'

/**
 * PostgreSQL's text output → godwit values, one decoder per source column's logical type. The
 * session that produces the text must use PG_TEXT_SESSION_OPTIONS, which these parsers assume.
 * Text-like types stay bytes (checked as UTF-8 when encoded), so nothing is decoded and
 * re-encoded on the way through.
 */
/** libpq `options` (startup parameters): fixed output formats, whatever the server's defaults. */
export const PG_TEXT_SESSION_OPTIONS = [
  '-c DateStyle=ISO,YMD',
  '-c IntervalStyle=iso_8601',
  '-c TimeZone=UTC',
  // PostgreSQL ≥ 12 prints the shortest text that reads back to the same float.
  '-c extra_float_digits=1',
  '-c bytea_output=hex',
].join(' ')

const MAX_SAFE_DIGITS = 15

const decodeInt: FieldDecoder = (buf, start, end) => {
  const negative = buf[start] === 45
  const first = negative ? start + 1 : start
  if (end - first > MAX_SAFE_DIGITS) {
    const big = BigInt(latin1(buf, start, end))
    return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big
  }
  let v = 0
  for (let i = first; i < end; i++) v = v * 10 + buf[i]! - 48
  return negative ? -v : v
}

/** Buffer's own latin1Slice: toString('latin1', …) costs a dispatch per call, measurable at millions of values. */
type Latin1Buffer = Buffer & { latin1Slice(start: number, end: number): string }
const latin1 = (buf: Buffer, start: number, end: number): string => (buf as Latin1Buffer).latin1Slice(start, end)

const decodeLatin1: FieldDecoder = latin1

const decodeFloat: FieldDecoder = (buf, start, end) => Number(latin1(buf, start, end))

const decodeBytes: FieldDecoder = (buf, start, end) => buf.subarray(start, end)

/** bytea in hex output: `\x` then two digits per byte (the COPY escape of the backslash is already undone). */
const decodeBytea: FieldDecoder = (buf, start, end) => Buffer.from(latin1(buf, start + 2, end), 'hex')

const decodeBoolean: FieldDecoder = (buf, start) => buf[start] === 116 /* t */

function digits(buf: Buffer, start: number, count: number): number {
  let v = 0
  for (let i = start; i < start + count; i++) {
    const d = buf[i]! - 48
    if (d < 0 || d > 9) return -1
    v = v * 10 + d
  }
  return v
}

/** `YYYY-MM-DD` at `start`, or -Infinity when it is not that plain shape (then the general parser runs). */
function plainDate(buf: Buffer, start: number): number {
  if (buf[start + 4] !== 45 || buf[start + 7] !== 45) return -Infinity
  const y = digits(buf, start, 4)
  const m = digits(buf, start + 5, 2)
  const d = digits(buf, start + 8, 2)
  return y < 0 || m < 0 || d < 0 ? -Infinity : daysFromCivil(y, m, d)
}

const decodeDate: FieldDecoder = (buf, start, end) => {
  if (end - start === 10) {
    const days = plainDate(buf, start)
    if (days !== -Infinity) return days
  }
  return parseDateText(latin1(buf, start, end))
}

/** `YYYY-MM-DD HH:MM:SS[.ffffff][+00]`: PostgreSQL's own output in UTC, the shape nearly every value has. */
const decodeTimestamp: FieldDecoder = (buf, start, end) => {
  let stop = end
  if (stop - start >= 22 && buf[stop - 3] === 43 && buf[stop - 2] === 48 && buf[stop - 1] === 48) stop -= 3 // '+00'
  const len = stop - start
  if (len >= 19 && len <= 26 && len !== 20 && buf[start + 10] === 32 && buf[start + 13] === 58 && buf[start + 16] === 58 && (len === 19 || buf[start + 19] === 46)) {
    const days = plainDate(buf, start)
    const h = digits(buf, start + 11, 2)
    const mi = digits(buf, start + 14, 2)
    const s = digits(buf, start + 17, 2)
    const f = len === 19 ? 0 : digits(buf, start + 20, len - 20) * 10 ** (26 - len)
    if (days !== -Infinity && h >= 0 && mi >= 0 && s >= 0 && f >= 0) return new Timestamp(days, ((h * 60 + mi) * 60 + s) * 1_000_000 + f)
  }
  return parseTimestampText(latin1(buf, start, end))
}

const decodeInterval: FieldDecoder = (buf, start, end) => parseIntervalText(latin1(buf, start, end))

/** The decoder for a source column of this logical type. */
export function pgTextDecoderFor(t: LogicalType): FieldDecoder {
  switch (t.kind) {
    case 'int': return decodeInt
    case 'decimal': return decodeLatin1
    case 'float': return decodeFloat
    case 'binary': return decodeBytea
    case 'boolean': return decodeBoolean
    case 'date': return decodeDate
    case 'timestamp': return decodeTimestamp
    case 'interval': return decodeInterval
    case 'time':
    case 'text':
    case 'clob':
    case 'json':
    case 'xml':
    case 'rowid':
    case 'user-defined':
    case 'unsupported': return decodeBytes
  }
}
