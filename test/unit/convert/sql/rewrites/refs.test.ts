import { describe, expect, it } from 'vitest'
import { translateQuery } from '../../../../../src/convert/sql/translate-sql.js'
import { UnsupportedConstructError } from '../../../../../src/convert/translate-context.js'
import { CATALOG, testContext } from '../context.js'
import { queryTable } from '../translation-table.js'

describe('object references become the referenced key as text (OE oc_orders, categories_tab)', () => {
  queryTable([
    ['SELECT MAKE_REF(oc_customers, o.customer_id) FROM orders o', 'SELECT o.customer_id::text FROM orders o'],
    ["SELECT MAKE_REF(v, o.a, o.b) FROM orders o", "SELECT concat_ws(',', o.a::text, o.b::text) FROM orders o"],
  ])

  it('REF(alias) is the primary key of the table behind the alias, with a warning', () => {
    const ctx = { ...testContext(), catalog: { ...CATALOG, tables: CATALOG.tables.map((t) => (t.name === 'EMPLOYEES' ? { ...t, primaryKey: { columns: ['EMPLOYEE_ID'] } } : t)) } }
    expect(translateQuery({ text: 'SELECT REF(e) FROM hr.employees e WHERE e.salary > 1' }, ctx)).toBe('SELECT e.employee_id::text FROM hr.employees e WHERE e.salary > 1')
    expect(ctx.findings.map((f) => f.code)).toEqual(['REF_AS_KEY'])
  })

  it('REF of a row without a primary key, and DEREF, stay action items', () => {
    expect(() => translateQuery({ text: 'SELECT REF(e) FROM hr.employees e' }, testContext())).toThrow(UnsupportedConstructError)
    expect(() => translateQuery({ text: 'SELECT DEREF(x) FROM t' }, testContext())).toThrow(UnsupportedConstructError)
  })
})
