import { describe, expect, it } from 'vitest'
import { decodeOracleNumber, oracleDecoderFor } from '../../../../src/engines/oracle/oracle-extract-decode.js'
import { daysFromCivil } from '../../../../src/values/temporal-text.js'
import { Interval, Timestamp } from '../../../../src/values/value.js'

describe('Oracle values → godwit values', () => {
  it.each([
    ['.71', '0.71'],
    ['-.5', '-0.5'],
    ['123', '123'],
    ['1.5E+20', '150000000000000000000'],
    ['-1E-5', '-0.00001'],
    ['99999999999999999999999999999999999999', '99999999999999999999999999999999999999'],
  ])('NUMBER text %s is exact decimal text %s (rule oracle-number-text)', (oracle, godwit) => {
    expect(decodeOracleNumber(oracle)).toBe(godwit)
  })

  it('NUMBER(p,0) becomes a number while exact and a bigint beyond 2^53', () => {
    const int = oracleDecoderFor({ kind: 'int', bytes: 8 })
    expect(int('42')).toBe(42)
    expect(int('-9007199254740993')).toBe(-9007199254740993n)
    expect(int('9007199254740991')).toBe(9007199254740991)
  })

  it('DATE keeps its time of day; TIMESTAMP(9) is rounded to microseconds; eras read (rules oracle-date-time, timestamp-nanos)', () => {
    const ts = oracleDecoderFor({ kind: 'timestamp', precision: 0, tz: 'none' })
    expect(ts('2024-02-29 13:14:15.000000000 AD')).toEqual(new Timestamp(daysFromCivil(2024, 2, 29), (13 * 3600 + 14 * 60 + 15) * 1e6))
    expect(ts('2024-02-29 00:00:00.000000500 AD')).toEqual(new Timestamp(daysFromCivil(2024, 2, 29), 1))
    expect(ts('4712-01-01 00:00:00.000000000 BC')).toEqual(new Timestamp(daysFromCivil(-4711, 1, 1), 0))
  })

  it('a value that does not parse stays text, so the target codec rejects that row, not the chunk', () => {
    const ts = oracleDecoderFor({ kind: 'timestamp', precision: 0, tz: 'none' })
    expect(ts('0000-00-00 00:00:00.000000000 AD')).toBe('0000-00-00 00:00:00.000000000 AD')
  })

  it('intervals, floats and everything else', () => {
    expect(oracleDecoderFor({ kind: 'interval', fields: 'day-second' })('+03 04:05:06.789012')).toEqual(new Interval(0, 3, 14_706_789_012))
    expect(oracleDecoderFor({ kind: 'interval', fields: 'year-month' })('-01-06')).toEqual(new Interval(-18, 0, 0))
    expect(oracleDecoderFor({ kind: 'float', bytes: 8 })(Number.NEGATIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY)
    const raw = Buffer.from([0, 1])
    expect(oracleDecoderFor({ kind: 'binary' })(raw)).toBe(raw)
    expect(oracleDecoderFor({ kind: 'text', fixed: true, maxChars: 5 })('ab   ')).toBe('ab   ')
  })
})
