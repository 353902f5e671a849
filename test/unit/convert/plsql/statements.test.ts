import { describe, expect, it } from 'vitest'
import { translateCodeObject as translateCodeObjectOf } from '../../../../src/convert/plsql/translate-plsql.js'
import { UnsupportedConstructError } from '../../../../src/convert/translate-context.js'
import { codeDef, plsqlContext, translatedBody, varrayType } from './plsql-test-context.js'
import { STATEMENT_PAIRS as PAIRS } from './statement-pairs.js'

describe('PL/SQL statements → PL/pgSQL', () => {
  for (const p of PAIRS) {
    it(p.name, () => {
      const lines = translatedBody(p.oracle, p.decl ?? '')
      expect(lines.slice(0, p.postgres.length)).toEqual(p.postgres)
    })
  }

  it('declares the record of FOR-over-query loops once in their block', () => {
    const [sql] = translateProcedure('BEGIN FOR r IN (SELECT 1 AS a FROM dual) LOOP NULL; END LOOP; FOR r IN (SELECT 2 AS a FROM dual) LOOP NULL; END LOOP; END;')
    expect(sql).toMatch(/DECLARE\n {2}r record;\nBEGIN/)
    expect(sql!.match(/r record;/g)).toHaveLength(1)
  })

  it('declares typed variables, constants and cursors', () => {
    const [sql] = translateProcedure(
      "n NUMBER(6) NOT NULL := 0; c CONSTANT VARCHAR2(10) := 'x'; f BOOLEAN; s employees.last_name%TYPE; r employees%ROWTYPE; CURSOR cur (d NUMBER) IS SELECT 1 FROM dual; BEGIN NULL; END;",
    )
    expect(sql).toContain('n integer NOT NULL := 0;')
    expect(sql).toContain("c CONSTANT varchar(10) := 'x';")
    expect(sql).toContain('f boolean;')
    expect(sql).toContain('s employees.last_name%TYPE;')
    expect(sql).toContain('r employees%ROWTYPE;')
    expect(sql).toContain('cur CURSOR (d numeric) FOR SELECT 1;')
  })

  it('a method called on a variable of a type the scripts do not define is an action item, not CALL v.m()', () => {
    expect(() => translatedBody('coll.DELETE(42);', 'coll coll_type;')).toThrow(
      expect.objectContaining({ message: expect.stringContaining('COLL.DELETE: a method of COLL, whose type the converted scripts do not define') }),
    )
    expect(() => translatedBody('coll.DELETE;', 'coll coll_type;')).toThrow(UnsupportedConstructError)
  })

  it('a qualified procedure call must name a package or routine the scripts define', () => {
    const ctx = plsqlContext([codeDef('package', 'PKG', 'CREATE PACKAGE pkg AS PROCEDURE proc(n NUMBER); END;')])
    expect(translatedBody('pkg.proc(1);', 'n NUMBER;', ctx)).toEqual(['CALL pkg.proc(1);'])
    expect(() => translatedBody('green_tools.print_green_info(p_with_brackets => TRUE);')).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_FUNCTION', message: expect.stringContaining('GREEN_TOOLS.PRINT_GREEN_INFO: neither the converted scripts nor PostgreSQL define it') }),
    )
  })

  it('calls a catalog function used as a statement with PERFORM, and a parameterless one with ()', () => {
    const ctx = plsqlContext([codeDef('function', 'F', 'CREATE FUNCTION f RETURN NUMBER IS BEGIN RETURN 1; END;')])
    expect(translatedBody('f(1); x := f;', 'x NUMBER;', ctx)).toEqual(['PERFORM f(1);', 'x := f();'])
  })

  it('collection parameters of a catalog VARRAY type: arrays, .FIRST/.LAST/.COUNT, v(i) → v[i]', () => {
    const ctx = plsqlContext([], [varrayType('PHONE_LIST_TYP', { name: 'VARCHAR2', length: 25, text: 'VARCHAR2(25)' })])
    const def = codeDef(
      'function',
      'F',
      'CREATE FUNCTION f (p_in INTEGER, p_list phone_list_typ) RETURN VARCHAR2 AS BEGIN IF p_list.FIRST IS NULL OR p_in > p_list.COUNT THEN RETURN NULL; END IF; RETURN p_list(p_list.LAST - p_in); END;',
    )
    const [sql] = translateCodeObjectOf(def, ctx)
    expect(sql).toContain('p_list varchar(25)[]')
    expect(sql).toContain('IF array_lower(p_list, 1) IS NULL OR p_in > coalesce(array_length(p_list, 1), 0) THEN')
    expect(sql).toContain('RETURN p_list[array_upper(p_list, 1) - p_in];')
  })

  it('moves local subprograms that read no outer state out as separate routines, renaming calls', () => {
    const out = translateProcedure(
      'n NUMBER; FUNCTION twice (x NUMBER) RETURN NUMBER IS BEGIN RETURN x * 2; END; PROCEDURE note IS BEGIN NULL; END; BEGIN n := twice(2); note; END;',
    )
    expect(out).toHaveLength(3)
    expect(out[0]).toContain('CREATE OR REPLACE FUNCTION hr.t_twice(x numeric) RETURNS numeric')
    expect(out[1]).toContain('CREATE OR REPLACE PROCEDURE hr.t_note()')
    expect(out[2]).toContain('n := hr.t_twice(2);\n  CALL hr.t_note();')
    expect(out[2]).not.toContain('FUNCTION twice')
  })

  const REFUSED: ReadonlyArray<[string, string, string]> = [
    ['GOTO', '', 'GOTO done;'],
    ['autonomous transactions', 'PRAGMA AUTONOMOUS_TRANSACTION;', 'NULL;'],
    ['a local subprogram that reads the routine\'s variables', 'n NUMBER; PROCEDURE bump IS BEGIN n := n + 1; END;', 'bump;'],
    ['SAVEPOINT', '', 'SAVEPOINT a;'],
    ['ROLLBACK in an exception handler (a subtransaction in PostgreSQL)', '', 'NULL; EXCEPTION WHEN OTHERS THEN ROLLBACK; RAISE;'],
    ['supplied packages without an equivalent', '', "UTL_FILE.FCLOSE_ALL;"],
    ['a cursor row type whose columns are not table columns', 'CURSOR c IS SELECT 1 AS a FROM dual; TYPE r_t IS RECORD (a c%ROWTYPE);', 'NULL;'],
    ['FETCH into a collection element', 'TYPE n_t IS TABLE OF NUMBER; n n_t; CURSOR c IS SELECT 1 FROM dual;', 'FETCH c INTO n(1);'],
  ]
  for (const [what, decl, body] of REFUSED) {
    it(`refuses ${what} with a positioned UnsupportedConstructError`, () => {
      const error = catchError(() => translatedBody(body, decl))
      expect(error).toBeInstanceOf(UnsupportedConstructError)
      expect((error as UnsupportedConstructError).at).toMatchObject({ file: 'test.sql', line: expect.any(Number) })
    })
  }

  it('maps SQLCODE to SQLSTATE with one warning per unit', () => {
    const ctx = plsqlContext()
    const lines = translatedBody('NULL; EXCEPTION WHEN OTHERS THEN c := SQLCODE; m := SQLERRM; c := SQLCODE;', 'c VARCHAR2(10); m VARCHAR2(200);', ctx)
    expect(lines).toContain('  c := SQLSTATE;')
    expect(lines).toContain('  m := SQLERRM;')
    expect(ctx.findings.map((f) => f.code)).toEqual(['SQLCODE'])
  })

  it('refuses COMMIT inside a function', () => {
    const ctx = plsqlContext()
    const def = codeDef('function', 'F', 'CREATE FUNCTION f RETURN NUMBER IS BEGIN COMMIT; RETURN 1; END;')
    expect(() => translateCodeObjectOf(def, ctx)).toThrow(/COMMIT inside a function/)
  })
})

function translateProcedure(rest: string): string[] {
  return translateCodeObjectOf(codeDef('procedure', 'T', `CREATE PROCEDURE t IS ${rest}`), plsqlContext())
}

function catchError(f: () => unknown): unknown {
  try {
    f()
  } catch (e) {
    return e
  }
  return undefined
}
