import { describe, expect, it } from 'vitest'
import { translateAnonymousBlock, translateCodeObject } from '../../../../src/convert/plsql/translate-plsql.js'
import { oracleLogicalType } from '../../../../src/engines/oracle/oracle-types.js'
import type { NativeType, TableDef } from '../../../../src/model/schema.js'
import type { TranslateContext } from '../../../../src/convert/translate-context.js'
import { codeDef, expectValidPostgres, plsqlContext } from './plsql-test-context.js'

/** A procedure's statements (record types first), checked to parse as PostgreSQL. */
function procedure(name: string, text: string, ctx: TranslateContext = plsqlContext()): string[] {
  const out = translateCodeObject(codeDef('procedure', name, text), ctx)
  expectValidPostgres(out)
  return out
}

function table(name: string, columns: ReadonlyArray<readonly [string, NativeType]>): TableDef {
  return { name, columns: columns.map(([c, t]) => ({ name: c, nativeType: t, type: oracleLogicalType(t), nullable: true })), uniques: [], checks: [], foreignKeys: [] }
}

const EMPLOYEES = table('EMPLOYEES', [
  ['EMPLOYEE_ID', { name: 'NUMBER', precision: 6, scale: 0, text: 'NUMBER(6)' }],
  ['LAST_NAME', { name: 'VARCHAR2', length: 25, text: 'VARCHAR2(25)' }],
])

function withTables(...tables: TableDef[]) {
  const ctx = plsqlContext()
  return { ...ctx, catalog: { ...ctx.catalog, tables } }
}

describe('PL/SQL RECORD, REF CURSOR and SUBTYPE declarations', () => {
  it("a routine's record type is created before it as schema.routine_type, %TYPE fields from the catalog", () => {
    const ctx = withTables(EMPLOYEES)
    const out = procedure(
      'PAY',
      `CREATE PROCEDURE pay IS
         TYPE emp_t IS RECORD (id employees.employee_id%TYPE, name employees.last_name%TYPE, bonus NUMBER := 0, row_ employees%ROWTYPE);
         e emp_t;
         f emp_t := NULL;
       BEGIN NULL; END;`,
      ctx,
    )
    // Each field has the type the table's column is converted to (NUMBER(6) → integer).
    expect(out[0]).toBe('CREATE TYPE hr.pay_emp_t AS (id integer, name varchar(25), bonus numeric, row_ employees)')
    expect(out[1]).toContain('e hr.pay_emp_t := ROW(NULL, NULL, 0, NULL)::hr.pay_emp_t;')
    // An explicit initial value wins over the field defaults.
    expect(out[1]).toContain('f hr.pay_emp_t := NULL;')
    expect(ctx.findings).toEqual([])
  })

  it('warns that record NOT NULL fields and subtype ranges are not enforced; a NOT NULL subtype makes NOT NULL variables', () => {
    const ctx = plsqlContext()
    const out = procedure(
      'P',
      `CREATE PROCEDURE p IS
         TYPE r_t IS RECORD (a NUMBER NOT NULL := 1);
         SUBTYPE score_t IS PLS_INTEGER RANGE 0 .. 100;
         SUBTYPE code_t IS VARCHAR2(3) NOT NULL;
         TYPE coded_t IS RECORD (code code_t := 'x');
         SUBTYPE alias_t IS coded_t;
         k alias_t;
         TYPE cur_t IS REF CURSOR RETURN r_t;
         s score_t;
         c code_t := 'abc';
         rc cur_t;
       BEGIN NULL; END;`,
      ctx,
    )
    expect(out[2]).toContain('s integer;')
    expect(out[2]).toContain("c varchar(3) NOT NULL := 'abc';")
    expect(out[2]).toContain('rc refcursor;')
    // A subtype of a record type starts with the record's defaults.
    expect(out[2]).toContain("k hr.p_coded_t := ROW('x')::hr.p_coded_t;")
    expect(ctx.findings.map((f) => [f.code, f.severity, f.message.split(' is ')[0]])).toEqual([
      ['RECORD_FIELD_NOT_NULL', 'warning', 'record type R_T field A'],
      ['SUBTYPE_RANGE', 'warning', 'subtype SCORE_T RANGE 0 .. 100: PostgreSQL variables have no range constraint, so out-of-range values are no longer refused'],
      ['RECORD_FIELD_NOT_NULL', 'warning', 'record type CODED_T field CODE'],
    ])
  })

  it('a field anchored to a table the catalog lacks reads the column type on the target', () => {
    const out = procedure('P', 'CREATE PROCEDURE p IS TYPE r_t IS RECORD (a NUMBER, b orders.order_id%TYPE); r r_t; BEGIN NULL; END;')
    expect(out[0]).toContain("EXECUTE format('CREATE TYPE hr.p_r_t AS (a numeric, b %s)',")
    expect(out[0]).toContain("WHERE attrelid = 'hr.orders'::regclass AND attname = 'order_id'")
  })

  it("an anonymous block's record types are temporary, dropped first in reverse order so a script may repeat them", () => {
    const out = translateAnonymousBlock({ text: 'DECLARE TYPE t2 IS RECORD (c NUMBER); TYPE t1 IS RECORD (b t2); a t1; BEGIN a.b.c := 1; END;' }, plsqlContext())
    expectValidPostgres(out)
    expect(out.slice(0, 4)).toEqual(['DROP TYPE IF EXISTS pg_temp.t1', 'DROP TYPE IF EXISTS pg_temp.t2', 'CREATE TYPE pg_temp.t2 AS (c numeric)', 'CREATE TYPE pg_temp.t1 AS (b pg_temp.t2)'])
  })

  it("a trigger's record type is named after the trigger", () => {
    const out = translateCodeObject(
      codeDef('trigger', 'AUDIT_EMP', 'CREATE TRIGGER audit_emp BEFORE INSERT ON employees FOR EACH ROW DECLARE TYPE r_t IS RECORD (a NUMBER); r r_t; BEGIN r.a := 1; END;', 'EMPLOYEES'),
      plsqlContext(),
    )
    expectValidPostgres(out)
    expect(out[0]).toBe('CREATE TYPE hr.audit_emp_r_t AS (a numeric)')
  })

  it("a package's record types live in its schema: the spec's are created by the spec, the body's by the body, each once", () => {
    const spec = codeDef('package', 'API', 'CREATE PACKAGE api AS TYPE r_t IS RECORD (a NUMBER NOT NULL); TYPE l_t IS TABLE OF r_t; FUNCTION f (p r_t) RETURN l_t; END api;')
    const body = codeDef(
      'package-body',
      'API',
      'CREATE PACKAGE BODY api AS TYPE w_t IS RECORD (r r_t); FUNCTION f (p r_t) RETURN l_t IS w w_t; BEGIN w.r := p; RETURN l_t(w.r); END; PROCEDURE g IS BEGIN NULL; END; END api;',
    )
    const ctx = plsqlContext([spec, body])
    const specOut = translateCodeObject(spec, ctx)
    const bodyOut = translateCodeObject(body, ctx)
    expectValidPostgres([...specOut, ...bodyOut])
    expect(specOut.filter((s) => s.startsWith('CREATE TYPE'))).toEqual(['CREATE TYPE api.r_t AS (a numeric)'])
    expect(bodyOut.filter((s) => s.startsWith('CREATE TYPE'))).toEqual(['CREATE TYPE api.w_t AS (r api.r_t)'])
    const f = bodyOut.find((s) => s.includes('FUNCTION api.f'))!
    expect(f).toContain('api.f(p api.r_t) RETURNS api.r_t[]')
    expect(f).toContain('RETURN ARRAY[w.r]::api.r_t[];')
    expect(ctx.findings.map((x) => x.code)).toEqual(['RECORD_FIELD_NOT_NULL'])
  })
  it("a local routine moved out of its routine sees the routine's record types", () => {
    const out = procedure(
      'OUTER',
      'CREATE PROCEDURE outer IS TYPE r_t IS RECORD (a NUMBER := 2); r r_t; FUNCTION twice (x r_t) RETURN NUMBER IS BEGIN RETURN x.a * 2; END; BEGIN r.a := twice(r); END;',
    )
    expect(out[0]).toBe('CREATE TYPE hr.outer_r_t AS (a numeric)')
    expect(out[1]).toContain('hr.outer_twice(x hr.outer_r_t) RETURNS numeric')
    expect(out[2]).toContain('r hr.outer_r_t := ROW(2)::hr.outer_r_t;')
  })

  it('TABLE OF t.c%TYPE: the column type from the catalog; without it, t.c%TYPE[] from PostgreSQL 17 and an action item before', () => {
    const known = procedure('P', 'CREATE PROCEDURE p IS TYPE ids_t IS TABLE OF employees.employee_id%TYPE; ids ids_t; BEGIN NULL; END;', withTables(EMPLOYEES))
    expect(known[0]).toContain('ids integer[];')
    const text = 'CREATE PROCEDURE p IS TYPE ids_t IS TABLE OF orders.order_id%TYPE; ids ids_t; BEGIN NULL; END;'
    expect(procedure('P', text, { ...plsqlContext(), target: { engine: 'postgres', version: 17 } })[0]).toContain('ids orders.order_id%TYPE[];')
    expect(() => procedure('P', text)).toThrow(expect.objectContaining({ code: 'TARGET_VERSION', message: expect.stringContaining('ORDERS.ORDER_ID%TYPE') }))
  })
  it("TABLE OF c%ROWTYPE: a composite type of the cursor's table columns, created once; SELECT * of one table is its row type", () => {
    const out = procedure(
      'P',
      `CREATE PROCEDURE p IS
         CURSOR c IS SELECT e.employee_id, e.last_name AS name, o.order_id FROM employees e JOIN orders o ON o.emp = e.employee_id;
         CURSOR all_emps IS SELECT * FROM employees;
         TYPE rows_t IS TABLE OF c%ROWTYPE;
         TYPE again_t IS TABLE OF c%ROWTYPE INDEX BY PLS_INTEGER;
         TYPE emps_t IS TABLE OF all_emps%ROWTYPE;
         r rows_t; a again_t; e emps_t;
       BEGIN NULL; END;`,
      withTables(EMPLOYEES),
    )
    expect(out.filter((s) => s.includes('hr.p_c_row AS'))).toHaveLength(1)
    expect(out[0]).toContain("EXECUTE format('CREATE TYPE hr.p_c_row AS (employee_id integer, name varchar(25), order_id %s)',")
    expect(out[1]).toContain('r hr.p_c_row[];')
    expect(out[1]).toContain('a hr.p_c_row[];')
    expect(out[1]).toContain('e employees[];')
  })
  it('UPDATE t SET ROW = rec lists the columns from the catalog; without the table it is an action item', () => {
    const text = 'CREATE PROCEDURE p IS r employees%ROWTYPE; BEGIN UPDATE employees SET ROW = r WHERE employee_id = r.employee_id; END;'
    expect(procedure('P', text, withTables(EMPLOYEES))[0]).toContain('UPDATE employees SET (employee_id, last_name) = (SELECT (r).*) WHERE employee_id = r.employee_id;')
    expect(() => procedure('P', text)).toThrow(/UPDATE EMPLOYEES SET ROW = …: the converted schema does not define EMPLOYEES/)
  })
  it('a parameter of a NOT NULL subtype is its base type, with a warning', () => {
    const spec = codeDef('package', 'K', 'CREATE PACKAGE k AS SUBTYPE code_t IS VARCHAR2(3) NOT NULL; PROCEDURE p (c code_t); END k;')
    const body = codeDef('package-body', 'K', 'CREATE PACKAGE BODY k AS PROCEDURE p (c code_t) IS BEGIN NULL; END; END k;')
    const ctx = plsqlContext([spec, body])
    const out = translateCodeObject(body, ctx)
    expectValidPostgres(out)
    expect(out.at(-1)).toContain('k.p(c varchar(3))')
    expect(ctx.findings.map((f) => [f.code, f.severity])).toEqual([['SUBTYPE_NOT_NULL', 'warning']])
  })
  it('two nested blocks declaring a record type of the same name get two types', () => {
    const out = procedure('P', 'CREATE PROCEDURE p IS BEGIN DECLARE TYPE r_t IS RECORD (a NUMBER); r r_t; BEGIN r.a := 1; END; DECLARE TYPE r_t IS RECORD (b DATE); r r_t; BEGIN r.b := SYSDATE; END; END;')
    expect(out.slice(0, 2)).toEqual(['CREATE TYPE hr.p_r_t AS (a numeric)', 'CREATE TYPE hr.p_r_t_2 AS (b timestamp(0))'])
    expect(out[2]).toContain('r hr.p_r_t_2;')
  })
})
