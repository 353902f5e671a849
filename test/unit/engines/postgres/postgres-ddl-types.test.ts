import { describe, expect, it } from 'vitest'
import type { TypeAttributeDef, TypeDef } from '../../../../src/model/schema.js'
import { codes, column, model, native, render, syntaxErrors, table } from './ddl-fixtures.js'
import { oracleLogicalType } from '../../../../src/engines/oracle/oracle-types.js'

const attr = (name: string, type: string): TypeAttributeDef => {
  const n = native(type)
  return { name, nativeType: n, type: oracleLogicalType(n) }
}
const source = (text: string) => ({ text })
const ADDRESS: TypeDef = { schema: 'OE', name: 'CUST_ADDRESS_TYP', kind: 'object', attributes: [attr('STREET_ADDRESS', 'VARCHAR2(40)'), attr('POSTAL_CODE', 'VARCHAR2(10)')], source: source('CREATE TYPE cust_address_typ AS OBJECT (...)') }

describe('renderPostgresDdl: user-defined types (pre-data)', () => {
  it('object type → composite type', () => {
    const r = render(model({ types: [ADDRESS] }))
    expect(r.sql()).toBe('CREATE TYPE oe.cust_address_typ AS (\n  street_address varchar(40),\n  postal_code varchar(10)\n);')
    expect(syntaxErrors(r)).toEqual([])
  })

  it('VARRAY and nested table → array domains, the VARRAY limit as a check', () => {
    const phones: TypeDef = { name: 'PHONE_LIST_TYP', kind: 'varray', limit: 5, element: { nativeType: native('VARCHAR2(25)'), type: oracleLogicalType(native('VARCHAR2(25)')) }, source: source('x') }
    const items: TypeDef = { name: 'ITEM_LIST_TYP', kind: 'nested-table', element: { nativeType: native('ITEM_TYP'), type: oracleLogicalType(native('ITEM_TYP')) }, source: source('y') }
    const item: TypeDef = { name: 'ITEM_TYP', kind: 'object', attributes: [attr('QTY', 'NUMBER(8)')], source: source('z') }
    const r = render(model({ types: [phones, items, item] }))
    expect(r.statements.map((s) => s.sql)).toEqual([
      'CREATE DOMAIN phone_list_typ AS varchar(25)[] CHECK (VALUE IS NULL OR cardinality(VALUE) <= 5);',
      'CREATE TYPE item_typ AS (\n  qty integer\n);',
      'CREATE DOMAIN item_list_typ AS item_typ[];',
    ])
    expect(syntaxErrors(r)).toEqual([])
  })

  it('UNDER: the supertype attributes flattened in, after the supertype, with a warning', () => {
    const sub: TypeDef = { schema: 'OE', name: 'CORPORATE_CUSTOMER_TYP', kind: 'object', under: { schema: 'OE', name: 'CUST_ADDRESS_TYP' }, attributes: [attr('ACCOUNT_MGR_ID', 'NUMBER(6)')], source: source('u') }
    const r = render(model({ types: [sub, ADDRESS] }))
    expect(r.statements.map((s) => s.sql)).toEqual([
      'CREATE TYPE oe.cust_address_typ AS (\n  street_address varchar(40),\n  postal_code varchar(10)\n);',
      'CREATE TYPE oe.corporate_customer_typ AS (\n  street_address varchar(40),\n  postal_code varchar(10),\n  account_mgr_id integer\n);',
    ])
    expect(r.findings).toEqual([expect.objectContaining({ code: 'TYPE_INHERITANCE_FLATTENED', severity: 'warning' })])
  })

  it('a forward declaration renders nothing; a missing supertype is an action item', () => {
    const r = render(model({ types: [{ name: 'FWD', kind: 'forward', source: source('CREATE TYPE fwd;') }, { name: 'ORPHAN', kind: 'object', under: { name: 'GONE' }, attributes: [], source: source('CREATE TYPE orphan UNDER gone ()') }] }))
    expect(r.sql()).toBe('-- ACTION ITEM: supertype GONE of ORPHAN is not in the input\n-- CREATE TYPE orphan UNDER gone ()')
    expect(codes(r)).toEqual(['TYPE_SUPERTYPE_MISSING'])
  })

  it('a column of a composite or collection type uses it by name', () => {
    const r = render(model({ types: [ADDRESS], tables: [table('CUSTOMERS', [column('CUST_ADDRESS', 'OE.CUST_ADDRESS_TYP')], { schema: 'OE' })] }))
    expect(r.sql()).toContain('cust_address oe.cust_address_typ')
    expect(syntaxErrors(r)).toEqual([])
  })
})
