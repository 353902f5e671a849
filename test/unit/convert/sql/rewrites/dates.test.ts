import { describe, expect, it } from 'vitest'
import { translateExpression } from '../../../../../src/convert/sql/translate-sql.js'
import { testContext } from '../context.js'
import { expressionTable } from '../translation-table.js'

describe('dates and times (HIRE_DATE is DATE, UPDATED_AT is TIMESTAMP, SALARY is NUMBER)', () => {
  expressionTable([
    ['SYSDATE', 'statement_timestamp()::timestamp(0)'],
    ['CURRENT_DATE', 'statement_timestamp()::timestamp(0)'],
    ['SYSTIMESTAMP', 'statement_timestamp()'],
    ['CURRENT_TIMESTAMP', 'CURRENT_TIMESTAMP'],
    ['LOCALTIMESTAMP(3)', 'LOCALTIMESTAMP(3)'],
    ["DATE '2020-01-31'", "TIMESTAMP '2020-01-31'"],
    ["TIMESTAMP '2020-01-31 10:00:00'", "TIMESTAMP '2020-01-31 10:00:00'"],
    ["INTERVAL '5' DAY", "INTERVAL '5' DAY"],
    ["INTERVAL '1-6' YEAR(2) TO MONTH", "INTERVAL '1-6' YEAR TO MONTH"],
    ['hire_date + 1', "hire_date + INTERVAL '1 days'"],
    ['hire_date - 7', "hire_date - INTERVAL '7 days'"],
    ['1 + hire_date', "hire_date + INTERVAL '1 days'"],
    ['hire_date + 0.5', "hire_date + INTERVAL '0.5 days'"],
    ['hire_date + salary', "hire_date + salary * INTERVAL '1 day'"],
    ['updated_at + 1', "updated_at + INTERVAL '1 days'"],
    ['SYSDATE - hire_date', 'EXTRACT(EPOCH FROM statement_timestamp()::timestamp(0) - hire_date) / 86400'],
    ['NVL(hire_date, SYSDATE) + 1', "coalesce(hire_date, statement_timestamp()::timestamp(0)) + INTERVAL '1 days'"],
    ['unknown_col + 1', 'unknown_col + 1'],
    ['TRUNC(hire_date)', "date_trunc('day', hire_date)::timestamp(0)"],
    ["TRUNC(hire_date, 'MM')", "date_trunc('month', hire_date)::timestamp(0)"],
    ["TRUNC(SYSDATE, 'YEAR')", "date_trunc('year', statement_timestamp()::timestamp(0))::timestamp(0)"],
    ["TRUNC(hire_date, 'D')", "godwit_ora.trunc(hire_date, 'D')"],
    ['TRUNC(salary, 2)', 'trunc(salary, 2)'],
    ['TRUNC(unknown_col)', 'godwit_ora.trunc(unknown_col)'],
    ["ROUND(hire_date, 'MM')", "godwit_ora.round(hire_date, 'MM')"],
    ['ROUND(salary, 2)', 'round(salary, 2)'],
    ['ADD_MONTHS(hire_date, 3)', 'godwit_ora.add_months(hire_date, 3)'],
    ['MONTHS_BETWEEN(SYSDATE, hire_date)', 'godwit_ora.months_between(statement_timestamp()::timestamp(0), hire_date)'],
    ['LAST_DAY(hire_date)', 'godwit_ora.last_day(hire_date)'],
    ["NEXT_DAY(hire_date, 'MONDAY')", "godwit_ora.next_day(hire_date, 'MONDAY')"],
    ["TO_DATE('17-06-2003', 'dd-MM-yyyy')", "to_timestamp('17-06-2003', 'dd-MM-yyyy')::timestamp(0)"],
    ["TO_DATE('2003-06-17 10:11:12', 'YYYY-MM-DD HH24:MI:SS')", "to_timestamp('2003-06-17 10:11:12', 'YYYY-MM-DD HH24:MI:SS')::timestamp(0)"],
    ["TO_TIMESTAMP('2003-06-17 10:11:12.5', 'YYYY-MM-DD HH24:MI:SS.FF')", "to_timestamp('2003-06-17 10:11:12.5', 'YYYY-MM-DD HH24:MI:SS.US')::timestamp"],
    [
      "TO_TIMESTAMP('04-FEB-2021 13.20.22.245676861', 'DD-MON-YYYY HH24.MI.SS.FF')",
      "to_timestamp('04-FEB-2021 13.20.22.245677', 'DD-MON-YYYY HH24.MI.SS.US')::timestamp",
    ],
    ["TO_TIMESTAMP('2021-02-04 13:20:22.0000004', 'YYYY-MM-DD HH24:MI:SS.FF')", "to_timestamp('2021-02-04 13:20:22.000000', 'YYYY-MM-DD HH24:MI:SS.US')::timestamp"],
    ["TO_CHAR(hire_date, 'FMMonth DD, YYYY')", "to_char(hire_date, 'FMMonth FMDD, FMYYYY')"],
    ["TO_CHAR(hire_date, 'DD-MON-YYYY')", "to_char(hire_date, 'DD-MON-YYYY')"],
    ["TO_CHAR(salary, '99G999D99')", "to_char(salary, '99G999D99')"],
    ["TO_CHAR(salary, 'FM999')", "to_char(salary, 'FM999')"],
    ['TO_CHAR(salary)', 'salary::text'],
    ['TO_CHAR(last_name)', 'last_name'],
    ["TO_NUMBER('12.5')", "'12.5'::numeric"],
    ["TO_NUMBER('1,234', '9G999')", "to_number('1,234', '9G999')"],
    ["TO_YMINTERVAL('1-2')", "'1-2'::interval"],
    ["TO_DSINTERVAL('5 10:00:00')", "'5 10:00:00'::interval"],
    ["NUMTODSINTERVAL(2, 'HOUR')", "2 * INTERVAL '1 hour'"],
    ["NUMTOYMINTERVAL(salary, 'year')", "salary * INTERVAL '1 year'"],
    ['EXTRACT(YEAR FROM hire_date)', 'EXTRACT(YEAR FROM hire_date)'],
    ['SYS_EXTRACT_UTC(updated_at)', "updated_at AT TIME ZONE 'UTC'"],
    ["FROM_TZ(updated_at, 'Europe/Paris')", "updated_at AT TIME ZONE 'Europe/Paris'"],
    ["SYS_CONTEXT('USERENV', 'LANG')", "godwit_ora.sys_context('USERENV', 'LANG')"],
    ['USER', 'current_user'],
  ])

  it('records the support functions a translation used', () => {
    const ctx = testContext()
    translateExpression({ text: 'ADD_MONTHS(LAST_DAY(hire_date), 1)' }, ctx)
    expect([...ctx.support].sort()).toEqual(['add_months', 'last_day'])
  })

  it('drops the NLS parameters argument with a warning', () => {
    const ctx = testContext()
    const out = translateExpression({ text: "TO_CHAR(hire_date, 'DD-MON-YYYY', 'NLS_DATE_LANGUAGE=AMERICAN')" }, ctx)
    expect(out).toBe("to_char(hire_date, 'DD-MON-YYYY')")
    expect(ctx.findings.map((f) => f.code)).toEqual(['NLS_PARAMETER_DROPPED'])
  })

  it('uses the default NLS date format, with a warning, where Oracle would', () => {
    const ctx = testContext()
    expect(translateExpression({ text: "TO_DATE('17-JUN-03')" }, ctx)).toBe("to_timestamp('17-JUN-03', 'DD-MON-YY')::timestamp(0)")
    expect(ctx.findings.map((f) => f.code)).toEqual(['NLS_DATE_FORMAT'])
  })
})
