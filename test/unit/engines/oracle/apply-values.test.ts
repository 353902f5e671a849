import { describe, expect, it } from 'vitest'
import { bindExpression, oracleApplyColumn, oracleBindValue, type OracleApplyColumn, type OracleColumnRow } from '../../../../src/engines/oracle/oracle-apply-values.js'

/** pgoutput text → Oracle bind value and the SQL that converts it, per Oracle column type (the inverse of extraction). */
const col = (DATA_TYPE: string, over: Partial<OracleColumnRow> = {}): OracleApplyColumn =>
  oracleApplyColumn({ COLUMN_NAME: 'C', DATA_TYPE, DATA_TYPE_OWNER: null, DATA_LENGTH: null, CHAR_LENGTH: null, CHAR_USED: null, DATA_PRECISION: null, DATA_SCALE: null, ...over }, 'HR')

const NUMBER_10 = col('NUMBER', { DATA_PRECISION: 10, DATA_SCALE: 0 })
const NUMBER_8_2 = col('NUMBER', { DATA_PRECISION: 8, DATA_SCALE: 2 })
const NUMBER = col('NUMBER')
const DATE = col('DATE')
const TS3 = col('TIMESTAMP(3)', { DATA_SCALE: 3 })
const TSTZ = col('TIMESTAMP(6) WITH TIME ZONE', { DATA_SCALE: 6 })
const TSLTZ = col('TIMESTAMP(6) WITH LOCAL TIME ZONE', { DATA_SCALE: 6 })
const V2_BYTE = col('VARCHAR2', { DATA_LENGTH: 4, CHAR_LENGTH: 4, CHAR_USED: 'B' })
const V2_CHAR = col('VARCHAR2', { DATA_LENGTH: 16, CHAR_LENGTH: 4, CHAR_USED: 'C' })
const CHAR3 = col('CHAR', { DATA_LENGTH: 3, CHAR_LENGTH: 3, CHAR_USED: 'B' })
const RAW2 = col('RAW', { DATA_LENGTH: 2 })
const BLOB = col('BLOB')
const CLOB = col('CLOB')
const BD = col('BINARY_DOUBLE')
const BF = col('BINARY_FLOAT')
const YM = col('INTERVAL YEAR(2) TO MONTH', { DATA_PRECISION: 2, DATA_SCALE: 0 })
const DS = col('INTERVAL DAY(2) TO SECOND(6)', { DATA_PRECISION: 2, DATA_SCALE: 6 })
const BOOL = col('BOOLEAN')

describe('pgoutput text → Oracle binds', () => {
  it.each([
    [NUMBER_10, '42', '42', 'TO_NUMBER(:b)'],
    [NUMBER_10, 't', '1', 'TO_NUMBER(:b)'], // boolean on PostgreSQL, NUMBER(1)-style in Oracle
    [NUMBER_8_2, '-0012.50', '-12.5', 'TO_NUMBER(:b)'],
    [NUMBER, '1e-5', '0.00001', 'TO_NUMBER(:b)'],
    [NUMBER, '0.000', '0', 'TO_NUMBER(:b)'],
    [DATE, '2026-12-06 10:00:00', '2026-12-06 10:00:00 AD', `TO_DATE(:b, 'YYYY-MM-DD HH24:MI:SS BC', 'NLS_DATE_LANGUAGE=AMERICAN')`],
    [DATE, '0044-03-15 12:00:00 BC', '0044-03-15 12:00:00 BC', `TO_DATE(:b, 'YYYY-MM-DD HH24:MI:SS BC', 'NLS_DATE_LANGUAGE=AMERICAN')`],
    [TS3, '2026-12-06 10:00:00.12', '2026-12-06 10:00:00.120000000 AD', `TO_TIMESTAMP(:b, 'YYYY-MM-DD HH24:MI:SS.FF9 BC', 'NLS_DATE_LANGUAGE=AMERICAN')`],
    [TSTZ, '2026-12-06 10:00:00.5-05:30', '2026-12-06 15:30:00.500000000 AD', `FROM_TZ(TO_TIMESTAMP(:b, 'YYYY-MM-DD HH24:MI:SS.FF9 BC', 'NLS_DATE_LANGUAGE=AMERICAN'), 'UTC')`],
    [TSLTZ, '2026-01-01 00:30:00+01', '2025-12-31 23:30:00.000000000 AD', `FROM_TZ(TO_TIMESTAMP(:b, 'YYYY-MM-DD HH24:MI:SS.FF9 BC', 'NLS_DATE_LANGUAGE=AMERICAN'), 'UTC')`],
    [V2_BYTE, 'déj', 'déj', ':b'],
    [V2_CHAR, 'déjà', 'déjà', ':b'],
    [CHAR3, 'ab ', 'ab', ':b'],
    [RAW2, '\\xcafe', Buffer.from([0xca, 0xfe]), ':b'],
    [BLOB, '\\x', Buffer.alloc(0), ':b'],
    [CLOB, 'x'.repeat(40_000), 'x'.repeat(40_000), ':b'],
    [BD, 'Infinity', 'INF', 'TO_BINARY_DOUBLE(:b)'],
    [BD, '-1.5e+300', '-1.5e+300', 'TO_BINARY_DOUBLE(:b)'],
    [BF, 'NaN', 'NaN', 'TO_BINARY_FLOAT(:b)'],
    [YM, '1 year 2 mons', '+1-2', 'TO_YMINTERVAL(:b)'],
    [YM, '-14 mons', '-1-2', 'TO_YMINTERVAL(:b)'],
    [DS, '3 days 04:05:06.5', '+3 04:05:06.500000', 'TO_DSINTERVAL(:b)'],
    [DS, '-1 days +01:00:00', '-0 23:00:00.000000', 'TO_DSINTERVAL(:b)'],
    [BOOL, 'f', 'FALSE', 'TO_BOOLEAN(:b)'],
  ])('case %#', (c, text, bound, sql) => {
    expect(oracleBindValue(text, c)).toEqual(bound)
    expect(bindExpression('b', c)).toBe(sql)
  })

  it('NULL stays NULL for every type', () => {
    for (const c of [NUMBER, DATE, TSTZ, RAW2, CLOB, DS, BOOL]) expect(oracleBindValue(null, c)).toBeNull()
  })

  it.each([
    [NUMBER_10, '12345678901', /integer digits/],
    [NUMBER_8_2, '1.234', /3 decimal places/],
    [NUMBER, 'NaN', /NUMBER cannot hold NaN/],
    [NUMBER, '1234567890123456789012345678901234567.89', /39 significant digits/],
    [DATE, '2026-12-06 10:00:00.5', /DATE keeps whole seconds/],
    [TS3, '2026-12-06 10:00:00.1234', /4 fractional digits; the Oracle column keeps 3/],
    [TS3, '2026-12-06 10:00:00.1234567891', /10 fractional digits; Oracle keeps at most 9/],
    [TS3, 'infinity', /no infinity/],
    [TSTZ, '2026-12-06 10:00:00', /has no time zone/],
    [DATE, '12026-12-06 10:00:00', /beyond Oracle's 9999/],
    [V2_BYTE, 'déjà', /6 bytes \(UTF-8\) do not fit 4 bytes/],
    [V2_CHAR, 'déjàv', /5 characters do not fit 4/],
    [RAW2, '\\xcafe00', /3 bytes do not fit RAW\(2\)/],
    [BF, '1e39', /beyond BINARY_FLOAT/],
    [YM, '1 year 3 days', /INTERVAL YEAR TO MONTH keeps years and months/],
    [DS, '1 mon', /no month field/],
    [BOOL, 'yes', /invalid boolean/],
  ])('refuses %# (%s)', (c, text, reason) => {
    expect(() => oracleBindValue(text, c)).toThrow(reason)
  })

  it('keeps byte and character limits apart: VARCHAR2(n BYTE) counts UTF-8 bytes, CHAR semantics characters', () => {
    expect(V2_BYTE).toMatchObject({ maxBytes: 4 })
    expect(V2_BYTE.maxChars).toBeUndefined()
    expect(V2_CHAR).toMatchObject({ maxChars: 4 })
    expect(V2_CHAR.maxBytes).toBeUndefined()
    expect(col('NVARCHAR2', { DATA_LENGTH: 20, CHAR_LENGTH: 10, CHAR_USED: 'C' })).toMatchObject({ maxChars: 10 })
  })
})
