import type { NativeType } from '../../model/schema.js'

/**
 * DBC.ColumnsV describes a column's type by a two-letter ColumnType code plus ColumnLength
 * (bytes), DecimalTotalDigits / DecimalFractionalDigits (precision and scale; for TIME,
 * TIMESTAMP and intervals the leading and fractional-seconds precisions) and CharType
 * (1 LATIN, 2 UNICODE, 3 KANJISJIS, 4 GRAPHIC, 5 KANJI1). This turns them into the NativeType
 * that DDL files produce, so both paths meet in teradataLogicalType.
 */
export interface ColumnTypeFacts {
  readonly ColumnType: unknown
  readonly ColumnLength: unknown
  readonly DecimalTotalDigits: unknown
  readonly DecimalFractionalDigits: unknown
  readonly CharType: unknown
  readonly ColumnUDTName: unknown
}

const SIMPLE: Readonly<Record<string, string>> = {
  I1: 'BYTEINT',
  I2: 'SMALLINT',
  I: 'INTEGER',
  I8: 'BIGINT',
  F: 'FLOAT',
  DA: 'DATE',
  JN: 'JSON',
  XM: 'XML',
  BO: 'BLOB',
}

const INTERVALS: Readonly<Record<string, string>> = {
  YR: 'INTERVAL YEAR',
  YM: 'INTERVAL YEAR TO MONTH',
  MO: 'INTERVAL MONTH',
  DY: 'INTERVAL DAY',
  DH: 'INTERVAL DAY TO HOUR',
  DM: 'INTERVAL DAY TO MINUTE',
  DS: 'INTERVAL DAY TO SECOND',
  HR: 'INTERVAL HOUR',
  HM: 'INTERVAL HOUR TO MINUTE',
  HS: 'INTERVAL HOUR TO SECOND',
  MI: 'INTERVAL MINUTE',
  MS: 'INTERVAL MINUTE TO SECOND',
  SC: 'INTERVAL SECOND',
}

const PERIODS: Readonly<Record<string, string>> = {
  PD: 'PERIOD(DATE)',
  PT: 'PERIOD(TIME)',
  PZ: 'PERIOD(TIME WITH TIME ZONE)',
  PS: 'PERIOD(TIMESTAMP)',
  PM: 'PERIOD(TIMESTAMP WITH TIME ZONE)',
}

const CHARSETS: Readonly<Record<number, string>> = { 1: 'LATIN', 2: 'UNICODE', 3: 'KANJISJIS', 4: 'GRAPHIC', 5: 'KANJI1' }

function int(v: unknown): number | undefined {
  if (v === null || v === undefined || v === '') return undefined
  const n = Number(typeof v === 'string' ? v.trim() : v)
  return Number.isFinite(n) ? n : undefined
}

/** Characters from ColumnLength (bytes): UNICODE and GRAPHIC store two bytes a character. */
function charLength(bytes: number | undefined, charType: number | undefined): number | undefined {
  if (bytes === undefined) return undefined
  return charType === 2 || charType === 4 ? Math.floor(bytes / 2) : bytes
}

export function nativeTypeOfColumn(c: ColumnTypeFacts): NativeType {
  const code = String(c.ColumnType ?? '').trim().toUpperCase()
  const length = int(c.ColumnLength)
  const total = int(c.DecimalTotalDigits)
  const frac = int(c.DecimalFractionalDigits)
  const charType = int(c.CharType)
  const simple = SIMPLE[code]
  if (simple) return { name: simple, text: simple }
  switch (code) {
    case 'D':
      return { name: 'DECIMAL', precision: total ?? 5, scale: frac ?? 0, text: `DECIMAL(${total ?? 5},${frac ?? 0})` }
    case 'N':
      // NUMBER and NUMBER(*): the dictionary records no precision (or -128).
      if (total === undefined || total < 0) return { name: 'NUMBER', text: 'NUMBER' }
      return { name: 'NUMBER', precision: total, scale: frac !== undefined && frac >= 0 ? frac : 0, text: `NUMBER(${total},${frac !== undefined && frac >= 0 ? frac : 0})` }
    case 'CF':
    case 'CV':
    case 'CO': {
      const graphic = charType === 4
      const name = code === 'CO' ? 'CLOB' : graphic ? (code === 'CF' ? 'GRAPHIC' : 'VARGRAPHIC') : code === 'CF' ? 'CHAR' : 'VARCHAR'
      const chars = code === 'CO' ? length : charLength(length, charType)
      const charset = CHARSETS[charType ?? 0]
      const text = `${name}${chars !== undefined ? `(${chars})` : ''}${charset && !graphic ? ` CHARACTER SET ${charset}` : ''}`
      return { name, ...(chars !== undefined ? { length: chars } : {}), text }
    }
    case 'GF':
    case 'GV': {
      // Older releases reported GRAPHIC columns with their own codes.
      const name = code === 'GF' ? 'GRAPHIC' : 'VARGRAPHIC'
      const chars = charLength(length, 4)
      return { name, ...(chars !== undefined ? { length: chars } : {}), text: `${name}${chars !== undefined ? `(${chars})` : ''}` }
    }
    case 'BF':
    case 'BV': {
      const name = code === 'BF' ? 'BYTE' : 'VARBYTE'
      return { name, ...(length !== undefined ? { length } : {}), text: `${name}${length !== undefined ? `(${length})` : ''}` }
    }
    case 'AT':
    case 'TZ':
    case 'TS':
    case 'SZ': {
      const base = code === 'AT' || code === 'TZ' ? 'TIME' : 'TIMESTAMP'
      const zoned = code === 'TZ' || code === 'SZ'
      const name = zoned ? `${base} WITH TIME ZONE` : base
      const p = frac ?? 6
      return { name, fractionalPrecision: p, text: `${base}(${p})${zoned ? ' WITH TIME ZONE' : ''}` }
    }
    case 'A1':
    case 'AN':
    case 'UT': {
      const udt = String(c.ColumnUDTName ?? '').trim()
      const dot = udt.lastIndexOf('.')
      const name = (dot >= 0 ? udt.slice(dot + 1) : udt).toUpperCase() || code
      return { name, ...(dot > 0 ? { schema: udt.slice(0, dot) } : {}), text: udt || code }
    }
  }
  const interval = INTERVALS[code]
  if (interval) {
    const seconds = interval.endsWith('SECOND')
    const lead = total ?? 2
    // INTERVAL SECOND(2,6) holds both precisions in one pair; DAY(4) TO SECOND(6) splits them.
    const text =
      code === 'SC'
        ? `INTERVAL SECOND(${lead},${frac ?? 6})`
        : seconds
          ? interval.replace(/SECOND$/, `SECOND(${frac ?? 6})`).replace(/^INTERVAL (\w+)/, `INTERVAL $1(${lead})`)
          : interval.replace(/^INTERVAL (\w+)/, `INTERVAL $1(${lead})`)
    return { name: interval, leadingPrecision: lead, ...(seconds ? { fractionalPrecision: frac ?? 6 } : {}), text }
  }
  const period = PERIODS[code]
  if (period) return { name: period, ...(code !== 'PD' ? { fractionalPrecision: frac ?? 6 } : {}), text: period }
  return { name: code || 'UNKNOWN', text: code || 'UNKNOWN' }
}
