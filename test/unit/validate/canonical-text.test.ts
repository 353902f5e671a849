import { describe, expect, it } from 'vitest'
import type { LogicalType } from '../../../src/model/logical-type.js'
import { canonicalDecimal, canonicalFloat, canonicalText, CanonicalValueError, jsonbText } from '../../../src/values/canonical-text.js'

const INT: LogicalType = { kind: 'int', bytes: 8 }
const DEC: LogicalType = { kind: 'decimal' }
const TS: LogicalType = { kind: 'timestamp', tz: 'none' }
const TSTZ: LogicalType = { kind: 'timestamp', tz: 'utc' }

describe('canonical text per logical type', () => {
  it.each<[string, unknown, LogicalType, string | null]>([
    ['NULL stays NULL', null, { kind: 'text', fixed: false }, null],
    ['empty string stays empty', '', { kind: 'text', fixed: false }, ''],
    ['CHAR drops trailing blanks only', '  ab  ', { kind: 'text', fixed: true }, '  ab'],
    ['VARCHAR keeps trailing blanks', 'ab  ', { kind: 'text', fixed: false }, 'ab  '],
    ['int from text', '-0042', INT, '-42'],
    ['int from bigint', 9007199254740993n, INT, '9007199254740993'],
    ['decimal drops trailing zeros', '1.50', DEC, '1.5'],
    ['decimal integral', '100.00', DEC, '100'],
    ["Oracle's .71", '.71', DEC, '0.71'],
    ['negative fraction', '-.5', DEC, '-0.5'],
    ['negative zero', '-0.000', DEC, '0'],
    ['exponent', '1.2E+3', DEC, '1200'],
    ['small exponent', '12e-5', DEC, '0.00012'],
    ['NaN', 'NaN', DEC, 'NaN'],
    ['decimal from a JS number', 0.1, DEC, '0.1'],
    ['boolean', true, { kind: 'boolean' }, 't'],
    ['boolean text', 'false', { kind: 'boolean' }, 'f'],
    ['bytea from a Buffer', Buffer.from([0, 255, 10]), { kind: 'binary' }, '\\x00ff0a'],
    ['bytea text lower-cased', '\\xABCD', { kind: 'binary' }, '\\xabcd'],
    ['timestamp trims fraction zeros', '2024-01-02 03:04:05.500000', TS, '2024-01-02 03:04:05.5'],
    ['timestamp without fraction', '2024-01-02 03:04:05', TS, '2024-01-02 03:04:05'],
    ['timestamp truncated to microseconds', '2024-01-02 03:04:05.1234569', TS, '2024-01-02 03:04:05.123456'],
    ['ISO T separator', '2024-01-02T03:04:05.000001', TS, '2024-01-02 03:04:05.000001'],
    ['timestamptz to UTC', '2024-01-02 01:30:00+02', TSTZ, '2024-01-01 23:30:00'],
    ['timestamptz with minutes offset', '2024-01-02 00:00:00.25-05:30', TSTZ, '2024-01-02 05:30:00.25'],
    ['timestamptz Z', '2024-06-30T23:59:59.999999Z', TSTZ, '2024-06-30 23:59:59.999999'],
    ['BC timestamp', '0044-03-15 12:00:00 BC', TS, '0044-03-15 12:00:00 BC'],
    ['year below 100', '0099-12-31 00:00:00', TS, '0099-12-31 00:00:00'],
    ['infinity', 'infinity', TS, 'infinity'],
    ['Date object as UTC', new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 60)), TSTZ, '2024-01-02 03:04:05.06'],
    ['date', '2024-02-29', { kind: 'date' }, '2024-02-29'],
    ['time trims fraction zeros', '13:04:05.500', { kind: 'time', tz: false }, '13:04:05.5'],
    ['time without seconds', '07:30', { kind: 'time', tz: false }, '07:30:00'],
    ['timetz keeps its offset as PostgreSQL prints it', '13:04:05+02:00', { kind: 'time', tz: true }, '13:04:05+02'],
    ['timetz with a minutes offset', '13:04:05.25-05:30', { kind: 'time', tz: true }, '13:04:05.25-05:30'],
    ['json as jsonb text', '{"b":1,"aa":[true,null],"a":"x\\ny"}', { kind: 'json' }, '{"a": "x\\ny", "b": 1, "aa": [true, null]}'],
  ])('%s', (_, value, type, expected) => {
    expect(canonicalText(value, type)).toBe(expected)
  })

  it('rejects text that is not a value of the type, naming the value and the type', () => {
    expect(() => canonicalText('12a', INT)).toThrow(CanonicalValueError)
    expect(() => canonicalText('12a', INT)).toThrow(/"12a" as integer/)
    expect(() => canonicalText('yesterday', TS)).toThrow(/as timestamp/)
    expect(() => canonicalDecimal('1.2.3')).toThrow(/as decimal/)
  })
})

describe("float text equals PostgreSQL's float output", () => {
  // Left: what PostgreSQL 17 prints (extra_float_digits = 1), checked with psql.
  it.each<[number, 4 | 8, string]>([
    [123456.7, 8, '123456.7'],
    [123456789012345, 8, '123456789012345'],
    [1234567890123456, 8, '1.234567890123456e+15'],
    [1e15, 8, '1e+15'],
    [0.0001, 8, '0.0001'],
    [0.00001, 8, '1e-05'],
    [1e22, 8, '1e+22'],
    [0.1, 8, '0.1'],
    [-0, 8, '-0'],
    [NaN, 8, 'NaN'],
    [-Infinity, 8, '-Infinity'],
    [1e100, 8, '1e+100'],
    [123456.7, 4, '123456.7'],
    [1234567, 4, '1.234567e+06'],
    [123456789012345, 4, '1.2345679e+14'],
    [1234567890123456, 4, '1.234568e+15'],
    [0.1, 4, '0.1'],
    [3.4e38, 4, '3.4e+38'],
    [1.5e-45, 4, '1e-45'],
  ])('%d as float%d is %s', (n, bytes, text) => {
    expect(canonicalFloat(n, bytes)).toBe(text)
  })
})

describe('jsonb text', () => {
  it('orders keys by length, then bytes, like PostgreSQL', () => {
    expect(jsonbText({ bb: 1, a: 2, c: { zz: [], y: {} } })).toBe('{"a": 2, "c": {"y": {}, "zz": []}, "bb": 1}')
  })
})
