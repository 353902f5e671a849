import { describe, expect, it } from 'vitest'
import { translateQuery } from '../../../../../src/convert/sql/translate-sql.js'
import { UnsupportedConstructError } from '../../../../../src/convert/translate-context.js'
import { testContext } from '../context.js'
import { queryTable } from '../translation-table.js'

describe('(+) outer joins → ANSI joins', () => {
  queryTable([
    [
      'SELECT e.last_name, d.department_name FROM employees e, departments d WHERE e.department_id = d.department_id (+) AND e.salary > 10',
      'SELECT e.last_name, d.department_name FROM employees e LEFT JOIN departments d ON e.department_id = d.department_id WHERE e.salary > 10',
    ],
    [
      'SELECT e.last_name FROM departments d, employees e WHERE d.department_id (+) = e.department_id',
      'SELECT e.last_name FROM employees e LEFT JOIN departments d ON d.department_id = e.department_id',
    ],
    [
      "SELECT i.x FROM product_information i, product_descriptions d WHERE d.product_id (+) = i.product_id AND d.language_id (+) = sys_context('USERENV','LANG')",
      "SELECT i.x FROM product_information i LEFT JOIN product_descriptions d ON d.product_id = i.product_id AND d.language_id = godwit_ora.sys_context('USERENV', 'LANG')",
    ],
    [
      'SELECT a.x FROM a, b, c WHERE a.id = b.id AND c.id (+) = b.cid AND c.kind (+) = a.kind',
      'SELECT a.x FROM a CROSS JOIN b LEFT JOIN c ON c.id = b.cid AND c.kind = a.kind WHERE a.id = b.id',
    ],
    [
      'SELECT e.last_name FROM employees e, departments d WHERE d.id (+) = manager_id',
      'SELECT e.last_name FROM employees e LEFT JOIN departments d ON d.id = e.manager_id',
    ],
    [
      'SELECT a.x FROM a, b, c WHERE b.id (+) = a.id AND c.id (+) = b.cid',
      'SELECT a.x FROM a LEFT JOIN b ON b.id = a.id LEFT JOIN c ON c.id = b.cid',
    ],
  ])

  it.each([
    'SELECT a.x FROM a, b WHERE a.id (+) = b.id (+)',
    'SELECT a.x FROM a JOIN b ON a.id = b.id, c WHERE c.id (+) = a.id',
    'SELECT a.x FROM a WHERE z.id (+) = a.id',
  ])('rejects %s', (oracle) => {
    expect(() => translateQuery({ text: oracle }, testContext())).toThrow(UnsupportedConstructError)
  })
})
