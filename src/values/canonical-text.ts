import type { LogicalType } from '../model/logical-type.js'
import { JsonNumber, parseJsonLiteral } from './json-literal.js'
import { parseDecimal } from './decimal-text.js'
import { formatTimeText, parseTimeText } from './temporal-text.js'

/**
 * The canonical text of a value, per logical type: the one form both validation (checksums, row
 * diffs) and the load codec agree on, so "what was loaded" and "what is compared" are one
 * function. Each engine's checksum SQL renders the same text server-side
 * (src/engines/<engine>/<engine>-checksum-sql.ts); this is the Node side, used wherever an engine
 * cannot (client-side hashing fallback) and by the loader. Rules, one per trap (docs/validation.md):
 *
 * - NULL stays null (never ''): `null`/`undefined` in, `null` out.
 * - int: decimal digits, `-` sign.
 * - decimal: minimal text — no exponent, no trailing zeros or `.`, a leading `0`, `-0` → `0`
 *   (`1.50` → `1.5`, Oracle's `.71` → `0.71`); `NaN`, `Infinity`, `-Infinity` as such.
 * - float: PostgreSQL's shortest round-trip output (`1e+15`, `1e-05`, `-0`, `NaN`, `Infinity`);
 *   float4 rounds through single precision first.
 * - text: exact; CHAR (fixed) drops trailing blanks.
 * - binary: `\x` + lower-case hex.
 * - date: `YYYY-MM-DD`, ` BC` suffix for years before 1.
 * - timestamp: `YYYY-MM-DD HH:MM:SS[.f]` truncated to microseconds, fraction without trailing
 *   zeros; zone-aware values as their UTC instant, without an offset; ` BC` suffix; `infinity`.
 * - boolean: `t` / `f`.
 * - interval: ISO 8601 as PostgreSQL's `IntervalStyle=iso_8601` writes it (engines render it).
 * - json: PostgreSQL jsonb text (keys by length then bytes, `", "` and `": "` separators).
 */
export type CanonicalText = string | null

export class CanonicalValueError extends Error {
  constructor(readonly value: string, readonly kind: string) {
    super(`cannot read ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)} as ${kind}`)
  }
}

export function canonicalText(value: unknown, type: LogicalType): CanonicalText {
  if (value === null || value === undefined) return null
  switch (type.kind) {
    case 'int':
      return canonicalInteger(value)
    case 'decimal':
      return canonicalDecimal(value)
    case 'float':
      return canonicalFloat(typeof value === 'string' ? parseFloatText(value) : Number(value), type.bytes)
    case 'text':
      return type.fixed ? String(value).replace(/ +$/, '') : String(value)
    case 'binary':
      return canonicalBinary(value)
    case 'date':
      return value instanceof Date ? formatUtcDate(value) : String(value)
    case 'timestamp':
      return canonicalTimestamp(value, type.tz !== 'none')
    case 'boolean':
      return canonicalBoolean(value)
    case 'json':
      return jsonbText(typeof value === 'string' ? parseJsonLiteral(value) : value)
    case 'time':
      return formatTimeText(parseTimeText(String(value)))
    case 'clob':
    case 'interval':
    case 'xml':
    case 'rowid':
    case 'user-defined':
    case 'unsupported':
      return typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString('utf8') : String(value)
  }
}

function canonicalInteger(value: unknown): string {
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new CanonicalValueError(String(value), 'integer')
    return Object.is(value, -0) ? '0' : String(value)
  }
  const s = String(value).trim()
  if (!/^[+-]?\d+$/.test(s)) throw new CanonicalValueError(s, 'integer')
  return BigInt(s).toString()
}

/** Minimal decimal text of a number written in any plain or exponent notation. */
export function canonicalDecimal(value: unknown): string {
  const s = (typeof value === 'number' ? numberText(value) : String(value)).trim()
  if (/^[+-]?(NaN|Infinity|inf)$/i.test(s)) return s.replace(/^\+/, '').replace(/^(-?)inf$/i, '$1Infinity').replace(/^nan$/i, 'NaN')
  let d: ReturnType<typeof parseDecimal>
  try {
    d = parseDecimal(s)
  } catch {
    throw new CanonicalValueError(s, 'decimal')
  }
  if (typeof d === 'string') return d
  const frac = d.frac.replace(/0+$/, '')
  if (d.int === '' && frac === '') return '0'
  const text = `${d.int === '' ? '0' : d.int}${frac === '' ? '' : `.${frac}`}`
  return d.negative ? `-${text}` : text
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity'
  return String(n)
}

function parseFloatText(s: string): number {
  const t = s.trim()
  if (/^[+-]?(infinity|inf)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity
  if (/^nan$/i.test(t)) return NaN
  const n = Number(t)
  if (t === '' || Number.isNaN(n)) throw new CanonicalValueError(s, 'float')
  return n
}

/**
 * PostgreSQL's float output (extra_float_digits ≥ 1): the shortest digits that read back to the
 * same value, in exponent form when the decimal exponent is below -4 or at least 15 (float8) or
 * 6 (float4), with a sign and at least two exponent digits.
 */
export function canonicalFloat(n: number, bytes: 4 | 8): string {
  if (Number.isNaN(n)) return 'NaN'
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity'
  if (n === 0) return Object.is(n, -0) ? '-0' : '0'
  const [mantissa, exp] = shortestExponential(n, bytes).split('e') as [string, string]
  const exponent = Number(exp)
  const negative = mantissa.startsWith('-')
  const digits = mantissa.replace(/^-/, '').replace('.', '')
  const sign = negative ? '-' : ''
  if (exponent < -4 || exponent >= (bytes === 8 ? 15 : 6)) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits
    const e = Math.abs(exponent).toString().padStart(2, '0')
    return `${sign}${m}e${exponent < 0 ? '-' : '+'}${e}`
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`
  if (digits.length <= exponent + 1) return sign + digits + '0'.repeat(exponent + 1 - digits.length)
  return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`
}

function shortestExponential(n: number, bytes: 4 | 8): string {
  // toExponential() without digits is the shortest round-trip form of a double.
  if (bytes === 8) return n.toExponential()
  const single = Math.fround(n)
  for (let p = 1; p <= 9; p++) {
    const candidate = single.toExponential(p - 1)
    if (Math.fround(Number(candidate)) === single) return candidate.replace(/\.?0+e/, 'e')
  }
  return single.toExponential(8)
}

function canonicalBinary(value: unknown): string {
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`
  const s = String(value)
  if (/^\\x[0-9a-fA-F]*$/.test(s)) return s.toLowerCase()
  throw new CanonicalValueError(s, 'binary (\\x hex or a Buffer)')
}

function canonicalBoolean(value: unknown): string {
  if (typeof value === 'boolean') return value ? 't' : 'f'
  const s = String(value).trim().toLowerCase()
  if (['t', 'true', '1', 'y', 'yes', 'on'].includes(s)) return 't'
  if (['f', 'false', '0', 'n', 'no', 'off'].includes(s)) return 'f'
  throw new CanonicalValueError(String(value), 'boolean')
}

const TIMESTAMP_TEXT = /^(\d{4,})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d):(\d\d)(?:[.,](\d+))?)?\s*(Z|[+-]\d\d(?::?\d\d(?::?\d\d)?)?)?( BC)?$/i

/**
 * Timestamp text as PostgreSQL writes it (DateStyle ISO), from its own text, ISO 8601 or a
 * driver's Date. An offset is applied when the column is zone-aware, giving the UTC instant.
 */
function canonicalTimestamp(value: unknown, zoned: boolean): string {
  if (value instanceof Date) return formatTimestamp(BigInt(value.getTime()) * 1000n)
  const s = String(value).trim()
  if (/^[+-]?infinity$/i.test(s)) return s.replace(/^\+/, '').toLowerCase()
  const m = TIMESTAMP_TEXT.exec(s)
  if (!m) throw new CanonicalValueError(s, 'timestamp')
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone, bc] = m
  const year = bc ? 1 - Number(y) : Number(y)
  const micros = BigInt(Number(frac.padEnd(6, '0').slice(0, 6)))
  let epochMicros = BigInt(utcMillis(year, Number(mo), Number(d), Number(h), Number(mi), Number(sec))) * 1000n + micros
  if (zoned && zone && zone.toUpperCase() !== 'Z') epochMicros -= BigInt(offsetSeconds(zone)) * 1_000_000n
  return formatTimestamp(epochMicros)
}

function utcMillis(year: number, month: number, day: number, h: number, mi: number, s: number): number {
  const d = new Date(Date.UTC(2000, month - 1, day, h, mi, s))
  d.setUTCFullYear(year) // Date.UTC maps years 0–99 to 1900–1999
  return d.getTime()
}

function offsetSeconds(zone: string): number {
  const sign = zone.startsWith('-') ? -1 : 1
  const parts = zone.slice(1).replace(/:/g, '')
  return sign * (Number(parts.slice(0, 2)) * 3600 + Number(parts.slice(2, 4) || '0') * 60 + Number(parts.slice(4, 6) || '0'))
}

function formatTimestamp(epochMicros: bigint): string {
  let micros = epochMicros % 1_000_000n
  let millis = (epochMicros - micros) / 1000n
  if (micros < 0n) {
    micros += 1_000_000n
    millis -= 1000n
  }
  const d = new Date(Number(millis))
  const fraction = micros === 0n ? '' : `.${micros.toString().padStart(6, '0').replace(/0+$/, '')}`
  const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`
  return `${formatUtcDateOnly(d)} ${time}${fraction}${bcSuffix(d)}`
}

function formatUtcDate(d: Date): string {
  return `${formatUtcDateOnly(d)}${bcSuffix(d)}`
}

function formatUtcDateOnly(d: Date): string {
  const y = d.getUTCFullYear()
  const year = y <= 0 ? 1 - y : y
  return `${String(year).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`
}

function bcSuffix(d: Date): string {
  return d.getUTCFullYear() <= 0 ? ' BC' : ''
}

function pad2(n: number): string {
  return String(n).padStart(2, '0')
}

/**
 * PostgreSQL's jsonb text: object keys ordered by byte length, then bytes; last duplicate wins;
 * numbers as numeric prints them (JSON text is read with parseJsonLiteral, which keeps them exact).
 */
export function jsonbText(v: unknown): string {
  if (v === null) return 'null'
  if (v instanceof JsonNumber) return v.jsonbText()
  if (Array.isArray(v)) return `[${v.map(jsonbText).join(', ')}]`
  if (v instanceof Map) return jsonbObject([...(v as Map<string, unknown>).entries()])
  if (typeof v === 'object') return jsonbObject(Object.entries(v as Record<string, unknown>))
  if (typeof v === 'number') return canonicalDecimal(v)
  return JSON.stringify(v)
}

function jsonbObject(members: [string, unknown][]): string {
  const entries = members.sort(([a], [b]) => compareJsonbKeys(a, b))
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}: ${jsonbText(x)}`).join(', ')}}`
}

function compareJsonbKeys(a: string, b: string): number {
  const ba = Buffer.from(a, 'utf8')
  const bb = Buffer.from(b, 'utf8')
  return ba.length - bb.length || Buffer.compare(ba, bb)
}
