import { describe, expect, it } from 'vitest'
import { translateCodeObject } from '../../../../src/convert/plsql/translate-plsql.js'
import { translateQuery } from '../../../../src/convert/sql/translate-sql.js'
import { UnsupportedConstructError } from '../../../../src/convert/translate-context.js'
import { oracleLogicalType } from '../../../../src/engines/oracle/oracle-types.js'
import type { TypeDef } from '../../../../src/model/schema.js'
import { postgresSyntaxError } from '../../../support/pg-parser.js'
import { codeDef, plsqlContext, varrayType } from './plsql-test-context.js'

/** Pipelined table functions: headings, PIPE ROW, what is dropped or refused, and the callers' TABLE(f(…)). */
const NUM_TAB = varrayType('NUM_TAB', { name: 'NUMBER', text: 'NUMBER' })
const POINT: TypeDef = { name: 'POINT_T', kind: 'object', attributes: [], source: { text: '' } }
const POINTS: TypeDef = { name: 'POINTS_T', kind: 'nested-table', element: { nativeType: { name: 'POINT_T', text: 'POINT_T' }, type: oracleLogicalType({ name: 'POINT_T', text: 'POINT_T' }) }, source: { text: '' } }

function translate(text: string, types: readonly TypeDef[] = [NUM_TAB, POINT, POINTS]) {
  const ctx = plsqlContext([], types)
  const out = translateCodeObject(codeDef('function', 'F', text), ctx)
  for (const s of out) expect(postgresSyntaxError(s), s).toBeUndefined()
  return { sql: out.join('\n'), findings: ctx.findings.map((f) => [f.code, f.severity]) }
}

function refusal(text: string, kind: 'function' | 'package' = 'function'): string {
  try {
    translateCodeObject(codeDef(kind, 'F', text), plsqlContext([], [NUM_TAB]))
  } catch (e) {
    if (e instanceof UnsupportedConstructError) return e.message
    throw e
  }
  return 'no refusal'
}

describe('pipelined functions', () => {
  it.each([
    ['a scalar collection: one column_value', 'CREATE FUNCTION f RETURN num_tab PIPELINED IS BEGIN PIPE ROW (1); RETURN; END;', 'RETURNS TABLE (column_value numeric)', 'column_value := 1;\n  RETURN NEXT;\n  RETURN;'],
    ['a collection of objects: the object composite', 'CREATE FUNCTION f RETURN points_t PIPELINED IS BEGIN PIPE ROW (point_t(1, 2)); END;', 'RETURNS SETOF point_t', 'RETURN NEXT ROW(1, 2)::point_t;'],
  ])('%s', (_, text, returns, body) => {
    const { sql } = translate(text)
    expect(sql).toContain(`hr.f() ${returns}\n`)
    expect(sql).toContain(body)
  })

  it('takes the collection types of the package specification: integers and arrays are one column_value, %ROWTYPE a row', () => {
    const spec = codeDef('package', 'P', 'CREATE PACKAGE p AS TYPE ints IS TABLE OF PLS_INTEGER; TYPE lists IS TABLE OF num_tab; TYPE emps IS TABLE OF emp%ROWTYPE; END;')
    const body = codeDef(
      'package-body',
      'P',
      `CREATE PACKAGE BODY p AS
         FUNCTION a RETURN ints PIPELINED IS BEGIN PIPE ROW (1); END;
         FUNCTION b RETURN lists PIPELINED IS BEGIN PIPE ROW (num_tab(1, 2)); END;
         FUNCTION c RETURN p.emps PIPELINED IS BEGIN FOR r IN (SELECT * FROM emp) LOOP PIPE ROW (r); END LOOP; END;
       END;`,
    )
    const out = translateCodeObject(body, plsqlContext([spec], [NUM_TAB])).join('\n')
    const expected = ['p.a() RETURNS TABLE (column_value integer)', 'p.b() RETURNS TABLE (column_value numeric[])', 'column_value := ARRAY[1, 2]::numeric[];', 'p.c() RETURNS SETOF emp\n', 'RETURN NEXT r;']
    expect(expected.filter((part) => !out.includes(part))).toEqual([])
  })

  it("takes another package's collection type, named pkg.type", () => {
    const types = codeDef('package', 'TYPES_PKG', 'CREATE PACKAGE types_pkg AS TYPE names IS TABLE OF VARCHAR2(30); END;')
    const ctx = plsqlContext([types], [NUM_TAB])
    const out = translateCodeObject(codeDef('function', 'F', "CREATE FUNCTION f RETURN types_pkg.names PIPELINED IS BEGIN PIPE ROW ('x'); END;"), ctx)
    expect(out[0]).toContain('hr.f() RETURNS TABLE (column_value varchar(30))')
  })

  it('reads PARALLEL_ENABLE with its partitioning and streaming clauses, and says it is dropped', () => {
    const { sql, findings } = translate(
      'CREATE FUNCTION f (p SYS_REFCURSOR) RETURN num_tab PIPELINED PARALLEL_ENABLE (PARTITION p BY HASH (id)) CLUSTER p BY (id) IS v NUMBER; BEGIN LOOP FETCH p INTO v; EXIT WHEN p%NOTFOUND; PIPE ROW (v); END LOOP; END;',
    )
    expect(sql).toContain('hr.f(p refcursor) RETURNS TABLE (column_value numeric)')
    expect(findings).toEqual([['PIPELINED_PARALLEL_DROPPED', 'info']])
  })

  it('drops NO_DATA_NEEDED handlers, with a warning when the handler did work', () => {
    const { sql, findings } = translate(
      `CREATE FUNCTION f RETURN num_tab PIPELINED IS BEGIN
         BEGIN PIPE ROW (1); EXCEPTION WHEN NO_DATA_NEEDED OR VALUE_ERROR THEN DELETE FROM t; END;
       EXCEPTION WHEN NO_DATA_NEEDED THEN RAISE; END;`,
    )
    expect(findings).toEqual([['NO_DATA_NEEDED_DROPPED', 'warning']])
    expect(sql).toContain('WHEN data_exception THEN')
    expect(sql).not.toMatch(/NO_DATA_NEEDED/i)
  })

  it('refuses a pipelined function whose return type is not a collection the scripts define', () => {
    expect(refusal('CREATE FUNCTION f RETURN other_tab PIPELINED IS BEGIN PIPE ROW (1); END;')).toMatch(/^pipelined function F returns other_tab, which is not a TABLE OF \/ VARRAY type/)
    expect(refusal('CREATE FUNCTION f RETURN NUMBER IS BEGIN PIPE ROW (1); RETURN 1; END;')).toMatch(/^PIPE ROW outside a PIPELINED function/)
  })

  it.each([
    ['CREATE FUNCTION process_table(tab TABLE) RETURN TABLE PIPELINED ROW POLYMORPHIC USING process_table_pkg;', /^function PROCESS_TABLE is a polymorphic table function \(PIPELINED ROW POLYMORPHIC USING process_table_pkg\)/],
    ['CREATE FUNCTION stock_pivot(p SYS_REFCURSOR) RETURN num_tab PIPELINED USING hr.stock_pivot_impl;', /^function STOCK_PIVOT is a pipelined table function implemented by an object type \(PIPELINED USING hr\.stock_pivot_impl, the ODCITable interface\)/],
  ])('names the function it cannot convert: %s', (text, message) => {
    expect(refusal(text)).toMatch(message)
  })

  it('flags a polymorphic function declared in a package specification, and converts the rest of it', () => {
    const ctx = plsqlContext([], [NUM_TAB])
    const out = translateCodeObject(codeDef('package', 'PTF', 'CREATE PACKAGE ptf AS FUNCTION skip_col(tab TABLE, cols COLUMNS) RETURN TABLE PIPELINED TABLE POLYMORPHIC; FUNCTION describe(tab IN OUT DBMS_TF.TABLE_T, cols DBMS_TF.COLUMNS_T) RETURN DBMS_TF.DESCRIBE_T; END;'), ctx)
    expect(out).toEqual(['CREATE SCHEMA IF NOT EXISTS ptf'])
    expect(ctx.findings.map((f) => [f.code, f.severity, f.message.split(':')[0]])).toEqual([['UNSUPPORTED_CONSTRUCT', 'action', 'function PTF.SKIP_COL is a polymorphic table function (PIPELINED TABLE POLYMORPHIC)']])
  })
})

describe("callers' TABLE(f(…))", () => {
  const catalog = [
    codeDef('function', 'EVENS', 'CREATE FUNCTION evens(n NUMBER) RETURN num_tab PIPELINED IS BEGIN NULL; END;'),
    codeDef('package', 'PKG', 'CREATE PACKAGE pkg AS FUNCTION rows_of(n NUMBER DEFAULT 1) RETURN num_tab PIPELINED; END;'),
    codeDef('function', 'ARRAY_OF', 'CREATE FUNCTION array_of(n NUMBER) RETURN num_tab IS BEGIN RETURN num_tab(n); END;'),
  ]
  it.each([
    ['SELECT * FROM TABLE(evens(4))', 'SELECT * FROM evens(4)'],
    ['SELECT t.column_value FROM TABLE(pkg.rows_of(2)) t', 'SELECT t.column_value FROM pkg.rows_of(2) t'],
    ['SELECT x.n, r.column_value FROM x JOIN TABLE(pkg.rows_of(x.n)) r ON r.column_value > 1', 'SELECT x.n, r.column_value FROM x JOIN pkg.rows_of(x.n) r ON r.column_value > 1'],
    // A function returning a collection (not pipelined) and a collection value stay unnest.
    ['SELECT * FROM TABLE(array_of(4))', 'SELECT * FROM unnest(array_of(4))'],
    ['SELECT * FROM TABLE(pkg.rows_of)', 'SELECT * FROM pkg.rows_of()'],
    // Oracle 12.2 and later let TABLE be left out.
    ['SELECT r.column_value FROM pkg.rows_of(2) r', 'SELECT r.column_value FROM pkg.rows_of(2) r'],
    ['SELECT * FROM array_of(4)', 'SELECT * FROM unnest(array_of(4))'],
    ['SELECT * FROM TABLE(num_tab(1, 2))', 'SELECT * FROM unnest(ARRAY[1, 2]::num_tab)'],
  ])('%s', (oracle, postgres) => {
    expect(translateQuery({ text: oracle }, plsqlContext(catalog, [NUM_TAB]))).toBe(postgres)
  })
})
