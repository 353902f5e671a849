import { describe, expect, it } from 'vitest'
import { readDdl } from './ddl-script.js'

function types(sql: string) {
  const r = readDdl(sql)
  expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([])
  return r.schema.types
}

describe('CREATE TYPE', () => {
  it('object type with OID, attributes, methods and modifiers', () => {
    const [t] = types(`CREATE OR REPLACE TYPE addr_t
  OID '82A4AF6A4CD1656DE034080020E0EE3D'
  AS OBJECT
    ( street VARCHAR2(40)
    , zip    NUMBER(5)
    , NOT INSTANTIABLE MEMBER FUNCTION describe RETURN VARCHAR2
    , MAP MEMBER FUNCTION sort_key RETURN NUMBER
    , CONSTRUCTOR FUNCTION addr_t (s VARCHAR2) RETURN SELF AS RESULT
    ) NOT INSTANTIABLE NOT FINAL;
/`)
    expect(t).toMatchObject({
      name: 'ADDR_T',
      kind: 'object',
      attributes: [
        { name: 'STREET', nativeType: { name: 'VARCHAR2', length: 40 }, type: { kind: 'text', maxChars: 40 } },
        { name: 'ZIP', type: { kind: 'int', bytes: 4 } },
      ],
      methods: [
        'NOT INSTANTIABLE MEMBER FUNCTION describe RETURN VARCHAR2',
        'MAP MEMBER FUNCTION sort_key RETURN NUMBER',
        'CONSTRUCTOR FUNCTION addr_t (s VARCHAR2) RETURN SELF AS RESULT',
      ],
      final: false,
      instantiable: false,
    })
    expect(t!.source.text).toMatch(/^CREATE OR REPLACE TYPE addr_t[\s\S]*NOT FINAL;$/)
    expect(t!.source.at).toMatchObject({ line: 1, column: 1 })
  })

  it.each([
    ['AS VARRAY(5) OF VARCHAR2(25)', { kind: 'varray', limit: 5, element: { type: { kind: 'text', maxChars: 25 } } }],
    ['IS VARYING ARRAY (10) OF NUMBER NOT NULL', { kind: 'varray', limit: 10, element: { nativeType: { name: 'NUMBER' } } }],
    ['AS TABLE OF inventory_typ', { kind: 'nested-table', element: { type: { kind: 'user-defined', name: 'INVENTORY_TYP' } } }],
    ['AS TABLE OF REF category_typ', { kind: 'nested-table', element: { nativeType: { name: 'REF' } } }],
    ["OID '82A4AF6A4CD9656DE034080020E0EE3D'", { kind: 'forward' }],
    ['', { kind: 'forward' }],
    ['FORCE AUTHID CURRENT_USER AS OBJECT (a NUMBER) FINAL', { kind: 'object', final: true }],
  ])('CREATE TYPE t %s', (clause, expected) => {
    expect(types(`CREATE TYPE t ${clause};\n/`)[0]).toMatchObject({ name: 'T', ...expected })
  })

  it('UNDER a supertype, and a later full definition replaces a forward one in place', () => {
    const t = types(`CREATE TYPE cust_t;
/
CREATE TYPE other_t AS OBJECT (x NUMBER);
/
CREATE OR REPLACE TYPE cust_t AS OBJECT (id NUMBER(6)) NOT FINAL;
/
CREATE TYPE corp_t UNDER cust_t (mgr NUMBER(6), OVERRIDING MEMBER FUNCTION f RETURN NUMBER);
/`)
    expect(t.map((x) => [x.name, x.kind])).toEqual([['CUST_T', 'object'], ['OTHER_T', 'object'], ['CORP_T', 'object']])
    expect(t[2]).toMatchObject({ under: { name: 'CUST_T' }, attributes: [{ name: 'MGR' }], methods: ['OVERRIDING MEMBER FUNCTION f RETURN NUMBER'] })
  })
})

describe('ALTER TYPE', () => {
  const BASE = `CREATE TYPE cat_t AS OBJECT (name VARCHAR2(50), id NUMBER(2), MEMBER FUNCTION describe RETURN VARCHAR2) NOT FINAL;
/
CREATE TYPE leaf_t UNDER cat_t (items NUMBER);
/
CREATE TABLE cats OF cat_t (id PRIMARY KEY);
CREATE TABLE leaves OF leaf_t;
`

  it('ADD ATTRIBUTE … CASCADE adds the column to the object tables of the type and its subtypes', () => {
    const r = readDdl(`${BASE}ALTER TYPE cat_t ADD ATTRIBUTE (parent_id NUMBER(2)) CASCADE;`)
    expect(r.findings).toEqual([])
    expect(r.schema.types[0]!.attributes!.map((a) => a.name)).toEqual(['NAME', 'ID', 'PARENT_ID'])
    expect(r.schema.tables.map((t) => t.columns.map((c) => c.name))).toEqual([
      ['NAME', 'ID', 'PARENT_ID'],
      ['NAME', 'ID', 'ITEMS', 'PARENT_ID'],
    ])
  })

  it('DROP ATTRIBUTE, ADD/DROP methods and modifiers', () => {
    const r = readDdl(`${BASE}ALTER TYPE cat_t DROP ATTRIBUTE name INVALIDATE;
ALTER TYPE cat_t ADD MEMBER FUNCTION code RETURN NUMBER, DROP MEMBER FUNCTION describe RETURN VARCHAR2 CASCADE;
ALTER TYPE leaf_t FINAL;`)
    expect(r.findings).toEqual([])
    expect(r.schema.types[0]).toMatchObject({ attributes: [{ name: 'ID' }], methods: ['MEMBER FUNCTION code RETURN NUMBER'] })
    expect(r.schema.types[1]!.final).toBe(true)
    expect(r.schema.tables[0]!.columns.map((c) => c.name)).toEqual(['ID'])
  })

  it('MODIFY ATTRIBUTE changes the column of the object tables in place; every dependent handling clause and REPLACE AS OBJECT are read', () => {
    const r = readDdl(`${BASE}ALTER TYPE cat_t MODIFY ATTRIBUTE name VARCHAR2(90) CASCADE INCLUDING TABLE DATA;
ALTER TYPE cat_t ADD ATTRIBUTE note VARCHAR2(10) CASCADE CONVERT TO SUBSTITUTABLE FORCE EXCEPTIONS INTO hr.type_errors;
ALTER TYPE cat_t ADD ATTRIBUTE (extra NUMBER) CASCADE NOT INCLUDING TABLE DATA;
ALTER TYPE cat_t REPLACE AUTHID DEFINER AS OBJECT (name VARCHAR2(90), id NUMBER(2), note VARCHAR2(10), MEMBER FUNCTION label RETURN VARCHAR2) CASCADE;`)
    expect(r.findings).toEqual([])
    expect(r.schema.types[0]!.attributes!.map((a) => `${a.name} ${a.nativeType.name}(${a.nativeType.length ?? ''})`)).toEqual(['NAME VARCHAR2(90)', 'ID NUMBER()', 'NOTE VARCHAR2(10)'])
    expect(r.schema.types[0]!.methods).toEqual(['MEMBER FUNCTION label RETURN VARCHAR2'])
    expect(r.schema.tables[0]!.columns.map((c) => `${c.name} ${c.nativeType.name}(${c.nativeType.length ?? ''})`)).toEqual(['NAME VARCHAR2(90)', 'ID NUMBER()', 'NOTE VARCHAR2(10)'])
  })

  it('COMPILE is an info finding; an unknown type a warning', () => {
    const r = readDdl(`${BASE}ALTER TYPE cat_t COMPILE BODY;\nALTER TYPE cat_t RESET;\nALTER TYPE cat_t NONEDITIONABLE;\nALTER TYPE nope_t ADD ATTRIBUTE x NUMBER;`)
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([['ORACLE_COMPILE', 'info'], ['ORACLE_COMPILE', 'info'], ['ORACLE_COMPILE', 'info'], ['DDL_UNKNOWN_OBJECT', 'warning']])
  })
})
