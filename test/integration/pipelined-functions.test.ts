import { describe, expect, it } from 'vitest'
import { convertToPostgres, OUTPUT_FILES, renderOutputFile, type ConvertResult } from '../../src/convert/convert.js'
import { readTargetCatalog, unresolvedReferences } from '../support/catalog-resolution.js'
import { useDatabase } from '../support/database.js'
import { readDdl } from '../unit/engines/oracle/ddl-script.js'

/**
 * Pipelined table functions converted and run on PostgreSQL 14 and 17: each becomes a
 * set-returning function, its callers' TABLE(f(…)) a FROM item over it, and the rows are the
 * ones Oracle pipes. PIPE_ROW_TEST is a hold-out example written by others (issue 13).
 */
const SCRIPT = `CREATE TABLE tbl (id NUMBER, name VARCHAR2(20));
INSERT INTO tbl VALUES (1, 'one');
INSERT INTO tbl VALUES (2, 'two');
INSERT INTO tbl VALUES (3, 'three');
CREATE TYPE t_tab_row AS OBJECT (id NUMBER);
/
CREATE TYPE t_tab AS TABLE OF t_tab_row;
/
CREATE TYPE myobjectformat AS OBJECT (a NUMBER, b DATE, c VARCHAR2(20));
/
CREATE TYPE mytabletype AS TABLE OF myobjectformat;
/
CREATE TYPE num_tab AS TABLE OF NUMBER;
/
CREATE OR REPLACE PACKAGE pipe_row_test AS
  TYPE name_list IS TABLE OF VARCHAR2(20);
  TYPE tbl_rows IS TABLE OF tbl%ROWTYPE;
  FUNCTION fun RETURN t_tab PIPELINED;
  FUNCTION prodfunc(n NUMBER) RETURN mytabletype PIPELINED;
  FUNCTION names(p_min NUMBER) RETURN name_list PIPELINED;
  FUNCTION rows_from(p_min NUMBER) RETURN tbl_rows PIPELINED;
  FUNCTION fun_total RETURN NUMBER;
END;
/
create or replace package body pipe_row_test as
function fun return t_tab pipelined
as
    vRow t_tab_row;
begin
    for rec in ( select Id from tbl )
    loop
        vrow.Id := rec.Id;
        pipe row (vrow);
    end loop;
end;
function prodfunc(n number) return mytabletype pipelined is
begin
    <<pipes>>
    for i in 1 .. 5 loop
        pipe row (myobjectformat(n,sysdate+i,'row '||i));
    end loop pipes;
    return;
end;
FUNCTION names(p_min NUMBER) RETURN name_list PIPELINED IS
BEGIN
  FOR r IN (SELECT name FROM tbl WHERE id >= p_min ORDER BY id) LOOP
    PIPE ROW (UPPER(r.name));
  END LOOP;
END;
FUNCTION rows_from(p_min NUMBER) RETURN tbl_rows PIPELINED IS
  CURSOR c IS SELECT * FROM tbl WHERE id >= p_min ORDER BY id;
BEGIN
  FOR r IN c LOOP
    PIPE ROW (r);
  END LOOP;
END;
FUNCTION fun_total RETURN NUMBER IS
  total NUMBER := 0;
BEGIN
  FOR r IN (SELECT id FROM TABLE(fun)) LOOP
    total := total + r.id;
  END LOOP;
  RETURN total;
END;
end;
/
CREATE FUNCTION evens(n NUMBER) RETURN num_tab PIPELINED PARALLEL_ENABLE (PARTITION p BY ANY) IS
BEGIN
  FOR i IN 1 .. n LOOP
    IF MOD(i, 2) = 0 THEN
      PIPE ROW (i);
    END IF;
  END LOOP;
  RETURN;
EXCEPTION
  WHEN NO_DATA_NEEDED THEN
    NULL;
END;
/
CREATE FUNCTION sum_evens(n NUMBER) RETURN NUMBER IS
  CURSOR c IS SELECT column_value AS v FROM TABLE(evens(n));
  total NUMBER := 0;
BEGIN
  FOR r IN c LOOP
    total := total + r.v;
  END LOOP;
  RETURN total;
END;
/
CREATE VIEW products AS SELECT a, b, c FROM TABLE(pipe_row_test.prodfunc(7));
CREATE VIEW even_numbers AS SELECT column_value FROM TABLE(evens(7));
CREATE VIEW named_ids AS SELECT t.id, t.name FROM tbl t, TABLE(pipe_row_test.fun) f WHERE f.id = t.id AND t.id > 1;
`

function convert(major: number): ConvertResult {
  return convertToPostgres(readDdl(SCRIPT), { targetSchema: 'app', target: { engine: 'postgres', version: major } })
}

describe('pipelined functions: the conversion', () => {
  const result = convert(14)
  const sql = (name: string) => result.statements.find((s) => s.sql.includes(` ${name}(`) && s.sql.startsWith('CREATE OR REPLACE FUNCTION'))?.sql

  it('converts the hold-out example and every caller with no action item', () => {
    expect(result.findings.filter((f) => f.severity === 'action')).toEqual([])
  })

  it('returns SETOF the object type, a %ROWTYPE row, or one COLUMN_VALUE of a scalar', () => {
    expect(sql('pipe_row_test.fun')).toContain('pipe_row_test.fun() RETURNS SETOF t_tab_row')
    expect(sql('pipe_row_test.fun')).toContain('RETURN NEXT vrow;')
    expect(sql('pipe_row_test.prodfunc')).toContain('RETURN NEXT ROW(n, ')
    expect(sql('pipe_row_test.rows_from')).toContain('RETURNS SETOF tbl\n')
    expect(sql('pipe_row_test.names')).toContain('RETURNS TABLE (column_value varchar(20))')
    expect(sql('pipe_row_test.names')).toContain('column_value := upper(r.name);\n    RETURN NEXT;')
    expect(sql('app.evens')).toContain('RETURNS TABLE (column_value numeric)')
  })

  it('reads TABLE(f(…)) over a pipelined function as FROM f(…), not unnest', () => {
    const views = result.statements.filter((s) => s.sql.startsWith('CREATE VIEW')).map((s) => s.sql)
    expect(views.join('\n')).not.toContain('unnest')
    expect(views).toContain('CREATE VIEW even_numbers AS\nSELECT column_value FROM evens(7);')
    expect(views).toContain('CREATE VIEW named_ids AS\nSELECT t.id, t.name FROM tbl t, pipe_row_test.fun() f WHERE f.id = t.id AND t.id > 1;')
    // Inside the package, its own functions resolve through the routine's search_path.
    expect(sql('pipe_row_test.fun_total')).toContain('FOR r IN SELECT id FROM fun() LOOP')
    expect(sql('app.sum_evens')).toContain('c CURSOR FOR SELECT column_value AS v FROM evens(n);')
  })

  it('says what it drops: PARALLEL_ENABLE and the NO_DATA_NEEDED handler', () => {
    const dropped = result.findings.filter((f) => f.code === 'PIPELINED_PARALLEL_DROPPED' || f.code === 'NO_DATA_NEEDED_DROPPED')
    expect(dropped.map((f) => [f.code, f.severity, f.object])).toEqual([
      ['NO_DATA_NEEDED_DROPPED', 'info', 'FUNCTION EVENS'],
      ['PIPELINED_PARALLEL_DROPPED', 'info', 'FUNCTION EVENS'],
    ])
    expect(sql('app.evens')).not.toContain('EXCEPTION')
  })
})

describe.each([14, 17] as const)('pipelined functions created and queried on PostgreSQL %i', (major) => {
  const db = useDatabase(`pipelined_${major}`, major)

  it('returns the rows Oracle pipes, to views, SQL and PL/pgSQL callers', async () => {
    const result = convert(major)
    expect(result.findings.filter((f) => f.severity === 'action')).toEqual([])
    for (const { phase } of OUTPUT_FILES) await db.client.query(renderOutputFile(result, phase))
    const catalog = await readTargetCatalog(db.url)
    expect(result.statements.flatMap((st) => unresolvedReferences(st.sql, catalog, { checkRelations: true }).map((m) => `${st.object}: ${m}`))).toEqual([])
    const q = async (text: string) => (await db.client.query(`SET search_path = app, public; ${text}`) as unknown as Array<{ rows: unknown[] }>)[1]!.rows
    expect(await q('SELECT * FROM pipe_row_test.fun() ORDER BY id')).toEqual([{ id: '1' }, { id: '2' }, { id: '3' }])
    expect(await q('SELECT a, c, b::date - current_date AS days_ahead FROM products ORDER BY c')).toEqual([1, 2, 3, 4, 5].map((i) => ({ a: '7', c: `row ${i}`, days_ahead: i })))
    expect(await q('SELECT * FROM even_numbers')).toEqual([{ column_value: '2' }, { column_value: '4' }, { column_value: '6' }])
    expect(await q('SELECT * FROM named_ids ORDER BY id')).toEqual([{ id: '2', name: 'two' }, { id: '3', name: 'three' }])
    expect(await q('SELECT column_value FROM pipe_row_test.names(2)')).toEqual([{ column_value: 'TWO' }, { column_value: 'THREE' }])
    expect(await q('SELECT id, name FROM pipe_row_test.rows_from(3)')).toEqual([{ id: '3', name: 'three' }])
    expect(await q('SELECT pipe_row_test.fun_total() AS t, sum_evens(10) AS s')).toEqual([{ t: '6', s: '30' }])
  })
})
