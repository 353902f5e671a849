import { describe, expect, it } from 'vitest'
import { translateQuery } from '../../../../../src/convert/sql/translate-sql.js'
import { UnsupportedConstructError } from '../../../../../src/convert/translate-context.js'
import { testContext } from '../context.js'
import { queryTable } from '../translation-table.js'

describe('ROWNUM', () => {
  queryTable([
    ['SELECT e.last_name name FROM employees e WHERE ROWNUM <= 10', 'SELECT e.last_name AS name FROM employees e FETCH FIRST 10 ROWS ONLY'],
    ['SELECT last_name FROM employees WHERE salary > 5 AND ROWNUM < 4', 'SELECT last_name FROM employees WHERE salary > 5 FETCH FIRST 3 ROWS ONLY'],
    ['SELECT last_name FROM employees WHERE ROWNUM = 1', 'SELECT last_name FROM employees FETCH FIRST 1 ROWS ONLY'],
    ['SELECT last_name FROM employees WHERE 5 >= ROWNUM', 'SELECT last_name FROM employees FETCH FIRST 5 ROWS ONLY'],
    [
      'SELECT * FROM (SELECT last_name FROM employees ORDER BY salary DESC) WHERE ROWNUM <= 3',
      'SELECT * FROM (SELECT last_name FROM employees ORDER BY salary DESC) subquery_1 FETCH FIRST 3 ROWS ONLY',
    ],
    ['SELECT ROWNUM rn, last_name FROM employees', 'SELECT row_number() OVER () AS rn, last_name FROM employees'],
    [
      'SELECT * FROM (SELECT a.*, ROWNUM rn FROM (SELECT last_name FROM employees ORDER BY last_name) a WHERE ROWNUM <= 20) WHERE rn > 10',
      'SELECT * FROM (SELECT a.*, row_number() OVER () AS rn FROM (SELECT last_name FROM employees ORDER BY last_name) a FETCH FIRST 20 ROWS ONLY) subquery_1 WHERE rn > 10',
    ],
  ])

  it.each([
    'SELECT last_name FROM employees WHERE ROWNUM <= 3 ORDER BY last_name',
    'SELECT DISTINCT last_name FROM employees WHERE ROWNUM <= 3',
    'SELECT last_name FROM employees WHERE ROWNUM > 3',
  ])('rejects %s (no faithful one-level translation)', (oracle) => {
    expect(() => translateQuery({ text: oracle }, testContext())).toThrow(UnsupportedConstructError)
  })
})
