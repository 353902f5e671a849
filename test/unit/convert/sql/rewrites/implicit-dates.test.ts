import { describe, expect, it } from 'vitest'
import { rrYear } from '../../../../../src/convert/sql/rewrites/implicit-dates.js'
import { translateDataStatement } from '../../../../../src/convert/sql/translate-sql.js'
import { postgresSyntaxError } from '../../../../support/pg-parser.js'
import { testContext } from '../context.js'

describe("text stored in a DATE column is read as Oracle's DD-MON-RR (OE customers.date_of_birth)", () => {
  it.each([
    [53, 2026, 1953],
    [49, 2026, 2049],
    [0, 2026, 2000],
    [99, 2026, 1999],
    [10, 2075, 2110],
    [60, 2075, 2060],
    [40, 1999, 2040],
    [60, 1999, 1960],
  ])('RR %i in %i is %i', (yy, now, year) => {
    expect(rrYear(yy, now)).toBe(year)
  })

  it.each([
    ["UPDATE hr.employees e SET hire_date = '02-MAR-53' WHERE e.employee_id = 1", "UPDATE hr.employees e SET hire_date = '1953-03-02' WHERE e.employee_id = 1"],
    ["UPDATE hr.employees SET hire_date = '7-sep-1959', last_name = '02-MAR-53'", "UPDATE hr.employees SET hire_date = '1959-09-07', last_name = '02-MAR-53'"],
    ["INSERT INTO hr.employees (employee_id, hire_date) VALUES (1, '17-SEP-70')", "INSERT INTO hr.employees (employee_id, hire_date) VALUES (1, '1970-09-17')"],
    ["INSERT INTO hr.employees VALUES (1, 'x', '17-SEP-70', 1, NULL, NULL)", "INSERT INTO hr.employees VALUES (1, 'x', '1970-09-17', 1, NULL, NULL)"],
    ["UPDATE hr.employees SET hire_date = '2020-01-31'", "UPDATE hr.employees SET hire_date = '2020-01-31'"],
  ])('%s', (oracle, postgres) => {
    const ctx = testContext()
    const out = translateDataStatement({ text: oracle }, ctx)
    expect(out).toEqual([postgres])
    expect(postgresSyntaxError(out[0]!)).toBeUndefined()
    expect(ctx.findings.filter((f) => f.code === 'NLS_DATE_FORMAT')).toHaveLength(oracle === postgres ? 0 : 1)
  })
})
