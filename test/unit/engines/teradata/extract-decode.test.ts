import { describe, expect, it } from 'vitest'
import { parseTeradataInterval, teradataDecoderFor } from '../../../../src/engines/teradata/teradata-extract-decode.js'
import type { LogicalType } from '../../../../src/model/logical-type.js'
import { parseTimestampText } from '../../../../src/values/temporal-text.js'
import { Interval } from '../../../../src/values/value.js'

const decode = (type: LogicalType, v: unknown) => teradataDecoderFor(type)(v)

describe('teradataDecoderFor', () => {
  it('integers: numbers stay, bigints come down when safe, text is read', () => {
    expect(decode({ kind: 'int', bytes: 4 }, 42)).toBe(42)
    expect(decode({ kind: 'int', bytes: 8 }, 9007199254740993n)).toBe(9007199254740993n)
    expect(decode({ kind: 'int', bytes: 8 }, 12n)).toBe(12)
    expect(decode({ kind: 'int', bytes: 8 }, '-9223372036854775808')).toBe(-9223372036854775808n)
  })

  it('DECIMAL(38) text from TO_CHAR keeps every digit and gains a leading zero', () => {
    expect(decode({ kind: 'decimal', precision: 38, scale: 2 }, '12345678901234567890123456789012345.67')).toBe('12345678901234567890123456789012345.67')
    expect(decode({ kind: 'decimal', precision: 5, scale: 2 }, '.71')).toBe('0.71')
    expect(decode({ kind: 'decimal', precision: 5, scale: 2 }, '-.5')).toBe('-0.5')
    expect(decode({ kind: 'decimal' }, '1.5E+20')).toBe('150000000000000000000')
  })

  it('a value that does not parse passes on as text, for the codec to reject with the row key', () => {
    expect(decode({ kind: 'decimal' }, '1,234.00')).toBe('1,234.00')
    expect(decode({ kind: 'date' }, '2024-02-30')).toBe('2024-02-30')
  })

  it('dates, timestamps (already UTC for zoned columns) and times', () => {
    expect(decode({ kind: 'date' }, '2024-02-29')).toBe(19782)
    expect(decode({ kind: 'timestamp', tz: 'none' }, '2024-02-29 10:11:12.123456')).toEqual(parseTimestampText('2024-02-29 10:11:12.123456'))
    expect(decode({ kind: 'time', tz: true }, ' 10:11:12.000000+05:30')).toBe('10:11:12.000000+05:30')
  })

  it('BYTE/VARBYTE arrive as Uint8Array and leave as a Buffer over the same bytes', () => {
    const out = decode({ kind: 'binary' }, new Uint8Array([0, 255, 16])) as Buffer
    expect(Buffer.isBuffer(out)).toBe(true)
    expect(out.toString('hex')).toBe('00ff10')
  })

  it('PERIOD(TIMESTAMP) bounds in PostgreSQL range text; PERIOD(DATE) as it came', () => {
    const ts: LogicalType = { kind: 'unsupported', native: 'PERIOD(TIMESTAMP(6))' }
    expect(decode(ts, '["2024-01-01 10:00:00.000000","2024-01-02 00:00:00.500000")')).toBe('["2024-01-01 10:00:00","2024-01-02 00:00:00.5")')
    expect(decode({ kind: 'unsupported', native: 'PERIOD(DATE)' }, '[2024-01-01,2024-02-01)')).toBe('[2024-01-01,2024-02-01)')
  })

  it('text, CLOB and JSON pass through unchanged (CHAR padding kept: the target pads too)', () => {
    expect(decode({ kind: 'text', fixed: true, maxChars: 4 }, 'ab  ')).toBe('ab  ')
    expect(decode({ kind: 'json' }, '{"a":1}')).toBe('{"a":1}')
  })
})

describe('parseTeradataInterval', () => {
  it.each([
    ['   12 03:04:05.500000', new Interval(0, 12, (3 * 3600 + 4 * 60 + 5) * 1_000_000 + 500_000)],
    ['-   1 00:00:01.000000', new Interval(0, -1, -1_000_000)],
    [' 0002-03', new Interval(27, 0, 0)],
    ['-0001-06', new Interval(-18, 0, 0)],
  ])('%s', (text, iv) => {
    expect(parseTeradataInterval(text)).toEqual(iv)
  })
  it('rejects other text', () => {
    expect(() => parseTeradataInterval('3 days')).toThrow(/invalid interval text/)
  })
})
