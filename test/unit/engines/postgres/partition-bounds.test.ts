import { DEFAULT_TARGET } from '../../../../src/convert/target.js'
import { describe, expect, it } from 'vitest'
import { isoFromOracleFormat, postgresBoundValue } from '../../../../src/engines/postgres/partition-bounds.js'
import { model, passThroughTranslator } from './ddl-fixtures.js'
import { makeTypeFormatter } from '../../../../src/convert/format-type.js'
import { oracleLogicalType } from '../../../../src/engines/oracle/oracle-types.js'

const ctx = { object: 'T', findings: [], catalog: model({}), targetSchema: 'public', formatType: makeTypeFormatter([], oracleLogicalType), support: new Set<string>(), target: DEFAULT_TARGET }

describe('partition bound values', () => {
  it.each([
    ["TO_DATE(' 1998-01-01 00:00:00', 'SYYYY-MM-DD HH24:MI:SS', 'NLS_CALENDAR=GREGORIAN')", "TIMESTAMP '1998-01-01 00:00:00'"],
    ["TO_DATE('2019-01-01','YYYY-MM-DD','NLS_DATE_LANGUAGE = American')", "TIMESTAMP '2019-01-01 00:00:00'"],
    ["TO_DATE('01-JAN-2000', 'DD-MON-YYYY')", "TIMESTAMP '2000-01-01 00:00:00'"],
    ["to_date('31/12/1999 23:59', 'DD/MM/YYYY HH24:MI')", "TIMESTAMP '1999-12-31 23:59:00'"],
    ["DATE '2001-02-03'", "DATE '2001-02-03'"],
    ["TIMESTAMP '2001-02-03 04:05:06'", "TIMESTAMP '2001-02-03 04:05:06'"],
    ['MAXVALUE', 'MAXVALUE'],
    ['maxvalue', 'MAXVALUE'],
    ['NULL', 'NULL'],
    ['42', '42'],
    ['- 7', '-7'],
    ["'O''Brien'", "'O''Brien'"],
    ['add_months(x, 1)', 'add_months(x, 1)'],
  ])('%s → %s', (oracle, postgres) => {
    expect(postgresBoundValue(oracle, passThroughTranslator, ctx)).toBe(postgres)
  })

  it.each([
    ['1998-01-01', 'YYYY-MM-DD', '1998-01-01 00:00:00'],
    ['15-MAR-2021 10:30:00', 'DD-MON-YYYY HH24:MI:SS', '2021-03-15 10:30:00'],
    ['March 2 2022', 'MONTH DD YYYY', '2022-03-02 00:00:00'],
    ['1998-01-01', 'DD.MM.YYYY', undefined],
    ['1998-01-01', 'J', undefined],
  ])('isoFromOracleFormat(%s, %s) → %s', (value, format, expected) => {
    expect(isoFromOracleFormat(value, format)).toBe(expected)
  })
})
