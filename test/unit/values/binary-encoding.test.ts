import { describe, expect, it } from 'vitest'
import { fieldEncoderFor } from '../../../src/values/binary-field-encoders.js'
import { CopyBinaryWriter } from '../../../src/values/copy-binary-writer.js'
import { parseDecimal, roundDecimal } from '../../../src/values/decimal-text.js'
import { pgTargetType } from '../../../src/values/pg-target-type.js'
import { Interval, Timestamp } from '../../../src/values/value.js'
import { ValueRejected } from '../../../src/values/value-rejected.js'

/** The field bytes (length prefix included) one value encodes to, as hex. */
function field(pgType: string, v: unknown): string {
  const w = new CopyBinaryWriter(16)
  fieldEncoderFor({ name: 'c', pgType })(v, w)
  return w.take().toString('hex')
}

function rejection(pgType: string, v: unknown): string {
  try {
    field(pgType, v)
  } catch (e) {
    if (e instanceof ValueRejected) return e.reason
    throw e
  }
  throw new Error('not rejected')
}

const hex16 = (...n: number[]) => n.map((x) => (x & 0xffff).toString(16).padStart(4, '0')).join('')

describe('numeric binary form (numeric_send: ndigits, weight, sign, dscale, base-10000 digits)', () => {
  it.each([
    ['numeric', '1.50', '0000000c' + hex16(2, 0, 0, 2, 1, 5000)],
    ['numeric', '0', '00000008' + hex16(0, 0, 0, 0)],
    ['numeric', '-0.000', '00000008' + hex16(0, 0, 0, 3)],
    ['numeric', '12345678.9', '0000000e' + hex16(3, 1, 0, 1, 1234, 5678, 9000)],
    ['numeric', '-0.0001', '0000000a' + hex16(1, -1, 0x4000, 4, 1)],
    ['numeric', '10000', '0000000a' + hex16(1, 1, 0, 0, 1)],
    ['numeric', 'NaN', '00000008' + hex16(0, 0, 0xc000, 0)],
    ['numeric', '-Infinity', '00000008' + hex16(0, 0, 0xf000, 0)],
    // At the target scale: rounded half away from zero, dscale = the column's scale.
    ['numeric(15,2)', '0.125', '0000000a' + hex16(1, -1, 0, 2, 1300)],
    ['numeric(15,2)', '-0.125', '0000000a' + hex16(1, -1, 0x4000, 2, 1300)],
    ['numeric(15,2)', '7', '0000000a' + hex16(1, 0, 0, 2, 7)],
    ['numeric(5,2)', '999.994', '0000000c' + hex16(2, 0, 0, 2, 999, 9900)],
    // Oracle's text forms.
    ['numeric', '.71', '0000000a' + hex16(1, -1, 0, 2, 7100)],
    ['numeric', '-1.5E+3', '0000000a' + hex16(1, 0, 0x4000, 0, 1500)],
  ])('%s %s', (pgType, text, expected) => {
    expect(field(pgType, text)).toBe(expected)
  })

  it('rejects what numeric(p,s) cannot hold, after rounding (rule numeric-overflow)', () => {
    expect(rejection('numeric(5,2)', '999.995')).toBe('numeric field overflow: 4 digits before the point, numeric(5,2) holds 3')
    expect(rejection('numeric(5,2)', '12345.67')).toMatch(/numeric field overflow/)
    expect(rejection('numeric(5,2)', 'Infinity')).toBe('numeric(5,2) cannot hold Infinity')
    expect(rejection('numeric', '1.2.3')).toBe("invalid number text '1.2.3'")
  })

  it('parses and rounds decimal text exactly', () => {
    expect(parseDecimal('-00012.3400')).toEqual({ negative: true, int: '12', frac: '3400' })
    expect(parseDecimal('1E-3')).toEqual({ negative: false, int: '', frac: '001' })
    expect(roundDecimal({ negative: false, int: '9', frac: '995' }, 2)).toEqual({ negative: false, int: '10', frac: '00' })
    expect(roundDecimal({ negative: false, int: '', frac: '5' }, 0)).toEqual({ negative: false, int: '1', frac: '' })
  })
})

describe('integers, floats, booleans', () => {
  it('writes big-endian integers of the column width from numbers, bigints and text', () => {
    expect(field('smallint', -2)).toBe('00000002fffe')
    expect(field('integer', 2147483647)).toBe('000000047fffffff')
    expect(field('bigint', -1)).toBe('00000008ffffffffffffffff')
    expect(field('bigint', 9223372036854775807n)).toBe('000000087fffffffffffffff')
    expect(field('bigint', '-9223372036854775808')).toBe('000000088000000000000000')
    expect(field('bigint', 4503599627370497)).toBe('000000080010000000000001')
  })

  it('rejects integers out of the column range (rule integer-range)', () => {
    expect(rejection('smallint', 32768)).toBe('32768 is out of range for smallint')
    expect(rejection('integer', '2147483648')).toBe('2147483648 is out of range for integer')
    expect(rejection('integer', 1.5)).toBe('1.5 is not an integer (integer)')
    expect(rejection('bigint', 2 ** 60)).toMatch(/must pass a bigint/)
  })

  it('writes IEEE floats exactly, NaN and ±Infinity and -0 included (rule float-text)', () => {
    expect(field('double precision', -0)).toBe('000000088000000000000000')
    expect(field('double precision', 'Infinity')).toBe('000000087ff0000000000000')
    expect(field('double precision', Number.NaN)).toBe('000000087ff8000000000000')
    expect(field('real', '3.4028235e+38')).toBe('000000047f7fffff')
    expect(rejection('real', 1e39)).toBe('1e+39 is out of range for real')
    expect(rejection('real', 1e-50)).toBe('1e-50 is out of range for real')
    expect(rejection('double precision', 'abc')).toBe("'abc' is not a double precision")
  })

  it('reads booleans from booleans, 0/1 and their words', () => {
    expect(field('boolean', true)).toBe('0000000101')
    expect(field('boolean', '0')).toBe('0000000100')
    expect(field('boolean', 'Y')).toBe('0000000101')
    expect(rejection('boolean', 2)).toBe("'2' is not a boolean")
  })
})

describe('dates, timestamps, intervals', () => {
  it('writes days and microseconds from 2000-01-01', () => {
    expect(field('date', 10957)).toBe('0000000400000000')
    expect(field('date', '1999-12-31')).toBe('00000004ffffffff')
    expect(field('date', Infinity)).toBe('000000047fffffff')
    expect(field('timestamp(6) without time zone', new Timestamp(10957, 1))).toBe('000000080000000000000001')
    expect(field('timestamp', new Timestamp(10956, 86_399_999_999))).toBe('00000008ffffffffffffffff')
    expect(field('timestamptz', '2000-01-01 01:00:00+01')).toBe('000000080000000000000000')
    expect(field('timestamp', Timestamp.MINUS_INFINITY)).toBe('000000088000000000000000')
    // Far dates take the exact bigint path: 294276-12-31 23:59:59.999999 is PostgreSQL's last timestamp.
    expect(field('timestamp', '294276-12-31 23:59:59.999999')).toBe(`00000008${(9223371331199999999n).toString(16).padStart(16, '0')}`)
  })

  it('rejects a time of day going into a date column (rule date-keeps-time)', () => {
    expect(rejection('date', new Timestamp(0, 1))).toMatch(/has a time of day; the target column is date/)
    expect(field('date', new Timestamp(0, 0))).toBe(`00000004${(-10957 >>> 0).toString(16)}`)
  })

  it('writes intervals as microseconds, days, months and refuses to drop parts', () => {
    expect(field('interval day to second(6)', new Interval(1, -2, 3))).toBe('00000010' + '0000000000000003' + 'fffffffe' + '00000001')
    expect(field('interval', '2562047788:00:54.775807')).toBe('00000010' + '7fffffffffffffff' + '00000000' + '00000000')
    expect(rejection('interval year to month', '1 day')).toMatch(/target column is interval year to month/)
  })

  it('writes times as microseconds since midnight, timetz with its zone in seconds west of UTC', () => {
    expect(field('time', '00:00:01.5')).toBe('00000008' + (1_500_000).toString(16).padStart(16, '0'))
    expect(field('time without time zone', '23:59:59.999999')).toBe('00000008' + (86_399_999_999).toString(16).padStart(16, '0'))
    expect(field('timetz', '01:00:00+02')).toBe('0000000c' + (3_600_000_000).toString(16).padStart(16, '0') + (-7200 >>> 0).toString(16))
    expect(rejection('time with time zone', '01:00:00')).toMatch(/has no zone offset/)
    expect(rejection('time', '25:61')).toMatch(/time out of range|invalid time/)
  })
})

describe('text, bytes, json', () => {
  it('writes text as UTF-8 from strings and from bytes', () => {
    expect(field('text', '😀')).toBe('00000004f09f9880')
    expect(field('character varying(1)', Buffer.from('😀'))).toBe('00000004f09f9880')
    expect(field('text', '')).toBe('00000000')
    // PostgreSQL cuts spaces past the limit itself; the value is passed on unchanged.
    expect(field('character varying(2)', 'ab   ')).toBe('000000056162202020')
  })

  it('rejects NUL, invalid UTF-8, unpaired surrogates and values too long (rules nul-byte, invalid-utf8, too-long)', () => {
    expect(rejection('text', 'a\0b')).toBe('NUL byte at character 2: PostgreSQL text cannot hold it')
    expect(rejection('text', Buffer.from([0x61, 0x00]))).toBe('NUL byte at byte 2: PostgreSQL text cannot hold it')
    expect(rejection('text', Buffer.from([0x61, 0xc3, 0x28]))).toBe('invalid UTF-8 at byte 2')
    expect(rejection('text', Buffer.from([0xed, 0xa0, 0x80]))).toBe('invalid UTF-8 at byte 1')
    expect(rejection('text', 'x\ud800')).toBe('invalid UTF-8: the text holds an unpaired surrogate')
    expect(rejection('character varying(3)', 'abcd')).toBe('value too long for character varying(3): 4 characters')
    expect(rejection('character(2)', Buffer.from('ééé'))).toBe('value too long for character(2): 3 characters')
    expect(field('character varying(3)', '😀😀😀')).toBe('0000000c' + 'f09f9880'.repeat(3))
  })

  it('writes bytes as they are and bytea text forms decoded', () => {
    expect(field('bytea', Buffer.from([0, 255]))).toBe('0000000200ff')
    expect(field('bytea', '\\x00ff')).toBe('0000000200ff')
  })

  it('checks json documents and prefixes jsonb with its version byte', () => {
    expect(field('jsonb', '{"a":1}')).toBe('0000000801' + Buffer.from('{"a":1}').toString('hex'))
    expect(field('json', '[]')).toBe('000000025b5d')
    expect(rejection('jsonb', '{"a":')).toMatch(/^invalid JSON/)
    expect(rejection('jsonb', '"\\u0000"')).toBe('jsonb cannot hold \\u0000')
  })
})

describe('target types from PostgreSQL type text', () => {
  it.each([
    ['character varying(44)', { kind: 'text', fixed: false, maxChars: 44 }],
    ['character(1)', { kind: 'text', fixed: true, maxChars: 1 }],
    ['numeric(15,2)', { kind: 'decimal', precision: 15, scale: 2 }],
    ['numeric(38)', { kind: 'decimal', precision: 38, scale: 0 }],
    ['timestamp(3) with time zone', { kind: 'timestamp', tz: 'utc', precision: 3 }],
    ['timestamptz(6)', { kind: 'timestamp', tz: 'utc', precision: 6 }],
    ['interval year to month', { kind: 'interval', fields: 'year-month' }],
    ['interval day to second(3)', { kind: 'interval', fields: 'day-second', precision: 3 }],
    ['time(3) without time zone', { kind: 'time', tz: false, precision: 3 }],
    ['timetz', { kind: 'time', tz: true }],
    ['uuid', { kind: 'unsupported', native: 'uuid' }],
  ])('%s', (text, expected) => {
    expect(pgTargetType(text)).toEqual(expected)
  })

  it('refuses to build an encoder for a type it cannot write', () => {
    expect(() => fieldEncoderFor({ name: 'geom', pgType: 'geometry' })).toThrow(/column geom: values of type geometry are not transcoded/)
  })
})
