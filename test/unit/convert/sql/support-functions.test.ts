import { beforeAll, describe, expect, it } from 'vitest'
import { supportFunctionSql } from '../../../../src/convert/sql/support-functions.js'
import { useDatabase } from '../../../support/database.js'

/**
 * godwit_ora support functions on the real PostgreSQL, with expected values worked out from
 * Oracle's documented semantics (SQL Language Reference examples where it gives them).
 */
const ALL = new Set(['add_months', 'months_between', 'last_day', 'next_day', 'trunc', 'round', 'substr', 'instr', 'sys_context'])

const db = useDatabase('sql_support')

beforeAll(async () => {
  for (const sql of supportFunctionSql(ALL)) await db.client.query(sql)
})

async function value(sql: string): Promise<unknown> {
  const r = await db.client.query({ text: `SELECT (${sql})::text AS v` })
  return r.rows[0].v
}

describe('supportFunctionSql', () => {
  it('emits nothing when no support function was used, the schema first otherwise', () => {
    expect(supportFunctionSql(new Set())).toEqual([])
    const sql = supportFunctionSql(new Set(['last_day', 'not_a_function']))
    expect(sql[0]).toBe('CREATE SCHEMA IF NOT EXISTS godwit_ora')
    expect(sql).toHaveLength(2)
  })
})

describe('godwit_ora functions on PostgreSQL', () => {
  const cases: Array<[string, string | null]> = [
    // ADD_MONTHS: a month's last day maps to the last day; other days clamp; time kept; n truncated.
    ["godwit_ora.add_months(TIMESTAMP '2020-01-31', 1)", '2020-02-29 00:00:00'],
    ["godwit_ora.add_months(TIMESTAMP '2020-02-29', 1)", '2020-03-31 00:00:00'],
    ["godwit_ora.add_months(TIMESTAMP '2020-01-15 10:30:00', 1)", '2020-02-15 10:30:00'],
    ["godwit_ora.add_months(TIMESTAMP '2021-03-31', -1)", '2021-02-28 00:00:00'],
    ["godwit_ora.add_months(TIMESTAMP '2020-01-10', 1.9)", '2020-02-10 00:00:00'],
    // MONTHS_BETWEEN: the Reference's example gives 1.03225806.
    ["round(godwit_ora.months_between(TIMESTAMP '1995-02-02', TIMESTAMP '1995-01-01'), 8)", '1.03225806'],
    ["godwit_ora.months_between(TIMESTAMP '2020-03-31', TIMESTAMP '2020-02-29')", '1'],
    ["godwit_ora.months_between(TIMESTAMP '2020-01-15', TIMESTAMP '2020-02-15')", '-1'],
    ["godwit_ora.last_day(TIMESTAMP '2020-02-10 13:00:00')", '2020-02-29 13:00:00'],
    ["godwit_ora.next_day(TIMESTAMP '2020-01-01', 'MONDAY')", '2020-01-06 00:00:00'],
    ["godwit_ora.next_day(TIMESTAMP '2020-01-06 08:00:00', 'mon')", '2020-01-13 08:00:00'],
    ["godwit_ora.trunc(TIMESTAMP '2020-05-17 13:45:00')", '2020-05-17 00:00:00'],
    ["godwit_ora.trunc(TIMESTAMP '2020-05-17 13:45:00', 'MM')", '2020-05-01 00:00:00'],
    ["godwit_ora.trunc(TIMESTAMP '2020-05-17 13:45:00', 'Q')", '2020-04-01 00:00:00'],
    ["godwit_ora.trunc(TIMESTAMP '2020-05-17 13:45:00', 'IW')", '2020-05-11 00:00:00'],
    ["godwit_ora.trunc(TIMESTAMP '2020-05-17 13:45:00', 'WW')", '2020-05-13 00:00:00'],
    ["godwit_ora.trunc(TIMESTAMP '2020-05-20 13:45:00', 'D')", '2020-05-17 00:00:00'],
    ["godwit_ora.trunc(TIMESTAMP '2020-05-17 13:45:00', 'CC')", '2001-01-01 00:00:00'],
    ['godwit_ora.trunc(12.345, 1)', '12.3'],
    ['godwit_ora.trunc(-1.5)', '-1'],
    ["godwit_ora.round(TIMESTAMP '2020-05-16', 'MM')", '2020-06-01 00:00:00'],
    ["godwit_ora.round(TIMESTAMP '2020-05-15 23:00:00', 'MM')", '2020-05-01 00:00:00'],
    ["godwit_ora.round(TIMESTAMP '2020-07-01', 'YYYY')", '2021-01-01 00:00:00'],
    ["godwit_ora.round(TIMESTAMP '2020-06-30', 'YYYY')", '2020-01-01 00:00:00'],
    ["godwit_ora.round(TIMESTAMP '2020-05-16', 'Q')", '2020-07-01 00:00:00'],
    ["godwit_ora.round(TIMESTAMP '2020-05-15', 'Q')", '2020-04-01 00:00:00'],
    ["godwit_ora.round(TIMESTAMP '2020-05-17 12:00:00')", '2020-05-18 00:00:00'],
    ['godwit_ora.round(-2.5)', '-3'],
    ['godwit_ora.round(1.255, 2)', '1.26'],
    ["godwit_ora.substr('abcdef', -3)", 'def'],
    ["godwit_ora.substr('abcdef', -3, 2)", 'de'],
    ["godwit_ora.substr('abcdef', 0, 2)", 'ab'],
    ["godwit_ora.substr('abc', 5)", null],
    ["godwit_ora.substr('abc', -5)", null],
    ["godwit_ora.substr('abc', 2, 0)", null],
    // INSTR: the Reference's examples give 14 and 2.
    ["godwit_ora.instr('CORPORATE FLOOR', 'OR', 3, 2)", '14'],
    ["godwit_ora.instr('CORPORATE FLOOR', 'OR', -3, 2)", '2'],
    ["godwit_ora.instr('abc', 'z')", '0'],
    // Positions, occurrences and places from bigint (row_number()) and NUMBER columns, truncated as Oracle does.
    ["godwit_ora.instr(',a,b,', ',', 1::bigint, 2::bigint)", '3'],
    ["godwit_ora.instr(',a,b,', ',', 1.9::numeric, 2.7::numeric)", '3'],
    ['godwit_ora.round(1.255, 2::bigint)', '1.26'],
    ['godwit_ora.trunc(12.345, 1.9::numeric)', '12.3'],
    ["godwit_ora.sys_context('USERENV', 'LANG')", 'US'],
  ]
  it.each(cases)('%s = %s', async (sql, expected) => {
    expect(await value(sql)).toBe(expected)
  })

  it('rejects a format model it does not know instead of guessing', async () => {
    await expect(value("godwit_ora.trunc(TIMESTAMP '2020-01-01', 'XX')")).rejects.toThrow(/unsupported format model/)
  })
})
