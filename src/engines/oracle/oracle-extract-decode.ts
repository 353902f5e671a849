import type { LogicalType } from '../../model/logical-type.js'
import { parseDecimal } from '../../values/decimal-text.js'
import { parseDateText, parseIntervalText, parseTimestampText } from '../../values/temporal-text.js'
import { passUnparsed } from '../../values/value-rejected.js'

/**
 * Values as the oracledb driver returns them for the select list of oracle-extract-sql.ts →
 * godwit values (src/values/value.ts). NUMBER arrives as exact text (`.71`, `-1.5E+20`), DATE and
 * TIMESTAMP as `YYYY-MM-DD HH24:MI:SS.FF9 AD|BC`, intervals as Oracle prints them, LOBs as
 * strings or Buffers. Oracle's '' is already NULL (rule `oracle-empty-is-null`: Oracle stores no
 * empty strings). A value that does not parse is passed on as its text: the target codec then
 * rejects that row with its key instead of failing the chunk.
 */
export type OracleValueDecoder = (v: unknown) => unknown

const MAX_SAFE_DIGITS = 15

function tolerant(parse: (s: string) => unknown): OracleValueDecoder {
  const decode = passUnparsed(parse)
  return (v) => (typeof v === 'string' ? decode(v) : v)
}

/** Oracle's `TO_CHAR(…, '… AD')` era suffix; BC years read as PostgreSQL does (` BC`). */
function withoutEra(s: string): string {
  return s.endsWith(' AD') ? s.slice(0, -3) : s
}

/** Exact decimal text in godwit's form: leading zero (`0.71`, not `.71`), no exponent, no `+`. */
export function decodeOracleNumber(s: string): string {
  if (/^-?\d+(\.\d+)?$/.test(s)) return s
  const d = parseDecimal(s)
  if (typeof d === 'string') return d
  return `${d.negative ? '-' : ''}${d.int || '0'}${d.frac ? `.${d.frac}` : ''}`
}

/** NUMBER(p,0) text → a number while exact, else a bigint. */
function decodeOracleInteger(s: string): unknown {
  if (!/^-?\d+$/.test(s)) return decodeOracleNumber(s)
  if (s.length - (s.startsWith('-') ? 1 : 0) <= MAX_SAFE_DIGITS) return Number(s)
  const b = BigInt(s)
  return b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b
}

export function oracleDecoderFor(t: LogicalType): OracleValueDecoder {
  switch (t.kind) {
    case 'int': return tolerant(decodeOracleInteger)
    case 'decimal': return tolerant(decodeOracleNumber)
    // BINARY_FLOAT/BINARY_DOUBLE come as JavaScript numbers, NaN and ±Infinity included.
    case 'float': return tolerant((s) => Number(decodeOracleNumber(s)))
    case 'timestamp': return tolerant((s) => parseTimestampText(withoutEra(s)))
    case 'date': return tolerant((s) => parseDateText(withoutEra(s)))
    case 'interval': return tolerant(parseIntervalText)
    // Text, LOBs, RAW, JSON and XML arrive as the driver gives them; the codec checks them.
    case 'text':
    case 'clob':
    case 'binary':
    case 'boolean':
    case 'json':
    case 'xml':
    case 'rowid':
    case 'time':
    case 'user-defined':
    case 'unsupported':
      return (v) => v
  }
}
