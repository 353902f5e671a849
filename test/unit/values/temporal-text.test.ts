import { describe, expect, it } from 'vitest'
import { civilFromDays, daysFromCivil, formatDateText, formatTimestampText, parseDateText, parseIntervalText, parseTimestampText } from '../../../src/values/temporal-text.js'
import { Interval, Timestamp } from '../../../src/values/value.js'
import { ValueRejected } from '../../../src/values/value-rejected.js'

const reason = (f: () => unknown) => {
  try {
    f()
  } catch (e) {
    if (e instanceof ValueRejected) return e.reason
    throw e
  }
  throw new Error('not rejected')
}

describe('calendar arithmetic', () => {
  it('counts days from 1970-01-01 in the proleptic Gregorian calendar, both ways', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0)
    expect(daysFromCivil(2000, 1, 1)).toBe(10957)
    expect(daysFromCivil(1969, 12, 31)).toBe(-1)
    expect(daysFromCivil(0, 3, 1) - daysFromCivil(0, 2, 28)).toBe(2) // year 0 (1 BC) is a leap year
    for (const d of [-2_440_588, -719_528, -1, 0, 59, 10_957, 2_932_896, 106_751_991]) {
      const c = civilFromDays(d)
      expect(daysFromCivil(c.year, c.month, c.day)).toBe(d)
    }
  })
})

describe('rule date-text: dates', () => {
  it.each([
    ['2024-02-29', daysFromCivil(2024, 2, 29)],
    ['0001-01-01', daysFromCivil(1, 1, 1)],
    ['0001-12-31 BC', daysFromCivil(0, 12, 31)],
    ['4714-11-24 BC', daysFromCivil(-4713, 11, 24)],
    ['5874897-12-31', daysFromCivil(5874897, 12, 31)],
    ['infinity', Infinity],
    ['-infinity', -Infinity],
  ])('%s', (text, days) => {
    expect(parseDateText(text)).toBe(days)
  })

  it('rejects days that are not on the calendar and days PostgreSQL cannot store', () => {
    expect(reason(() => parseDateText('2023-02-29'))).toBe("date out of range: '2023-02-29' is not a calendar day")
    expect(reason(() => parseDateText('2024-13-01'))).toMatch(/not a calendar day/)
    expect(reason(() => parseDateText('4714-11-23 BC'))).toMatch(/outside what PostgreSQL stores/)
    expect(reason(() => parseDateText('5874898-01-01'))).toMatch(/outside what PostgreSQL stores/)
    expect(reason(() => parseDateText('2024-01-01x'))).toBe("invalid date text '2024-01-01x'")
    expect(reason(() => parseDateText('0000-01-01 BC'))).toMatch(/invalid date text/)
  })

  it('formats days back as PostgreSQL prints them', () => {
    expect(formatDateText(daysFromCivil(0, 12, 31))).toBe('0001-12-31 BC')
    expect(formatDateText(daysFromCivil(2024, 2, 29))).toBe('2024-02-29')
  })
})

describe('rule timestamp-text: timestamps to the microsecond', () => {
  const ts = (y: number, mo: number, d: number, micros: number) => new Timestamp(daysFromCivil(y, mo, d), micros)

  it.each([
    ['2024-02-29 23:59:59.999999', ts(2024, 2, 29, 86_399_999_999)],
    ['2024-02-29 23:59:59', ts(2024, 2, 29, 86_399_000_000)],
    ['2024-02-29T01:02:03.5', ts(2024, 2, 29, 3_723_500_000)],
    ['2024-03-10 02:30:00.123456+05:30', ts(2024, 3, 9, (21 * 3600) * 1e6 + 123_456)],
    ['1969-12-31 23:59:59.999999+00', ts(1969, 12, 31, 86_399_999_999)],
    ['2000-01-01 00:00:00-00:30', ts(2000, 1, 1, 1_800_000_000)],
    ['0001-01-01 00:00:00 BC', ts(0, 1, 1, 0)],
    // Oracle TIMESTAMP(9): nanoseconds rounded half up to microseconds, carrying into the next day.
    ['2024-01-01 00:00:00.123456499', ts(2024, 1, 1, 123_456)],
    ['2024-01-01 00:00:00.123456500', ts(2024, 1, 1, 123_457)],
    ['2024-12-31 23:59:59.999999500', ts(2025, 1, 1, 0)],
  ])('%s', (text, expected) => {
    expect(parseTimestampText(text)).toEqual(expected)
  })

  it('keeps infinity and rejects what PostgreSQL cannot hold', () => {
    expect(parseTimestampText('infinity')).toBe(Timestamp.INFINITY)
    expect(reason(() => parseTimestampText('294277-01-01 00:00:00'))).toMatch(/timestamp out of range/)
    expect(reason(() => parseTimestampText('2024-01-01 25:00:00'))).toMatch(/not a time of day/)
    expect(reason(() => parseTimestampText('2024-01-01 10:00 junk'))).toMatch(/invalid timestamp text/)
  })

  it('formats with six fraction digits', () => {
    expect(formatTimestampText(ts(2024, 2, 29, 86_399_999_999))).toBe('2024-02-29 23:59:59.999999')
    expect(formatTimestampText(ts(0, 1, 1, 1))).toBe('0001-01-01 00:00:00.000001 BC')
  })
})

describe('rule interval-text: intervals keep months, days and microseconds apart', () => {
  it.each([
    // PostgreSQL IntervalStyle postgres
    ['178000000 years 11 mons', new Interval(178000000 * 12 + 11, 0, 0)],
    ['-2 days +01:00:00.000001', new Interval(0, -2, 3_600_000_001)],
    ['-00:00:00.000001', new Interval(0, 0, -1)],
    ['1 mon', new Interval(1, 0, 0)],
    ['00:00:00', new Interval(0, 0, 0)],
    ['2562047788:00:54.775807', new Interval(0, 0, 9223372036854775807n)],
    // iso_8601
    ['P1Y2M3DT4H5M6.5S', new Interval(14, 3, 14_706_500_000)],
    ['P-1Y-2M3DT-4H-5M-6.5S', new Interval(-14, 3, -14_706_500_000)],
    ['PT0S', new Interval(0, 0, 0)],
    // Oracle TO_CHAR(interval)
    ['+000000003 04:05:06.789012000', new Interval(0, 3, 14_706_789_012)],
    ['-01 00:00:00.000000001', new Interval(0, -1, -0)],
    ['+01-02', new Interval(14, 0, 0)],
    ['-05-11', new Interval(-71, 0, 0)],
  ])('%s', (text, expected) => {
    expect(parseIntervalText(text)).toEqual(expected)
  })

  it('rejects other text', () => {
    expect(reason(() => parseIntervalText('three days'))).toBe("invalid interval text 'three days'")
    expect(reason(() => parseIntervalText(''))).toMatch(/invalid interval text/)
  })
})
