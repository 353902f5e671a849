import { beforeAll, describe, expect, it } from 'vitest'
import { translateAnonymousBlock, translateCodeObject } from '../../src/convert/plsql/translate-plsql.js'
import type { TranslateContext } from '../../src/convert/translate-context.js'
import { oracleLogicalType } from '../../src/engines/oracle/oracle-types.js'
import type { NativeType, TableDef } from '../../src/model/schema.js'
import { readTargetCatalog, unresolvedReferences } from '../support/catalog-resolution.js'
import { useDatabase } from '../support/database.js'
import { codeDef, plsqlContext } from '../unit/convert/plsql/plsql-test-context.js'

/**
 * PL/SQL RECORD, REF CURSOR and SUBTYPE declarations (issue 13): converted with no action item,
 * created and run on the oldest supported PostgreSQL and on the suite's 17. The first three units
 * are hold-outs written outside the project.
 */
const TABLES = `
  CREATE SCHEMA hr;
  SET search_path = hr, public;
  CREATE TABLE sched (id numeric(10) PRIMARY KEY);
  CREATE TABLE joblist (id numeric(10) PRIMARY KEY, sched_id numeric(10));
  CREATE TABLE assigned (sc_id numeric(10), joblist_id numeric(10));
  INSERT INTO sched VALUES (1), (2);
  INSERT INTO joblist VALUES (10, 1), (11, 1), (12, 2), (13, 2), (14, 2);
`

const MESSAGES_BLOCK = `declare
    TYPE tyrcmessage IS RECORD (id number, message varchar2(100));
    TYPE tytbMessages IS TABLE OF tyrcmessage INDEX BY BINARY_INTEGER;
    tbmessages tytbMessages;
    nuidx      number;
begin
    nuidx := tbmessages.first;
    while nuidx is not null loop
        nuidx := tbmessages.next(nuidx);
    end loop;
end;`

const NESTED_BLOCK = `DECLARE
    TYPE T2 IS RECORD (C NUMBER);
    TYPE T1 IS RECORD (B T2);
    A T1;
    TYPE T3 IS TABLE OF NUMBER INDEX BY BINARY_INTEGER;
    D T3;
BEGIN
    SELECT 1 INTO A.B.C FROM DUAL;
    SELECT 1 INTO D(1) FROM DUAL;
END;`

/** The tables are not in the catalog: the record's %TYPE fields are read on the target. */
const BULK_PROCEDURE = codeDef(
  'procedure',
  'ASSIGN_JOBS',
  `CREATE OR REPLACE PROCEDURE assign_jobs (p_limit IN PLS_INTEGER) IS
     TYPE T_BULK_TAB IS RECORD (SC_ID sched.ID%TYPE, JOBLIST_ID joblist.ID%TYPE);
     TYPE T_BULK_COLLECT_TAB IS TABLE OF T_BULK_TAB;
     lst T_BULK_COLLECT_TAB;
     CURSOR c IS SELECT s.ID, j.ID FROM sched s JOIN joblist j ON j.SCHED_ID = s.ID ORDER BY j.ID;
   BEGIN
     OPEN c;
     LOOP
       FETCH c BULK COLLECT INTO lst LIMIT p_limit;
       EXIT WHEN lst.COUNT = 0;
       FOR i IN 1..lst.COUNT LOOP
         INSERT INTO assigned (sc_id, joblist_id) VALUES (lst(i).SC_ID, lst(i).JOBLIST_ID);
       END LOOP;
     END LOOP;
     CLOSE c;
   END;`,
)

/** BULK COLLECT into one collection per column, by SELECT and by FETCH … LIMIT. */
const BULK_COLUMNS = codeDef(
  'function',
  'BULK_COLUMNS',
  `CREATE OR REPLACE FUNCTION bulk_columns RETURN VARCHAR2 IS
     TYPE ids_t IS TABLE OF NUMBER;
     ids ids_t; jobs ids_t;
     CURSOR c IS SELECT sched_id, id FROM joblist ORDER BY id DESC;
     out VARCHAR2(200);
   BEGIN
     SELECT sched_id, id BULK COLLECT INTO ids, jobs FROM joblist ORDER BY id;
     out := ids.COUNT || ':' || ids(1) || '/' || jobs(1) || ',' || ids(ids.LAST) || '/' || jobs(jobs.LAST);
     OPEN c;
     FETCH c BULK COLLECT INTO ids, jobs LIMIT 2;
     CLOSE c;
     RETURN out || ';' || ids.COUNT || ':' || jobs(1) || ',' || jobs(2);
   END;`,
)

/** The usual Oracle loop: EXIT WHEN c%NOTFOUND after the rows are processed (by statements that set FOUND). */
const BULK_UNTIL_NOTFOUND = codeDef(
  'procedure',
  'ASSIGN_UNTIL_NOTFOUND',
  BULK_PROCEDURE.source.text
    .replace('assign_jobs', 'assign_until_notfound')
    .replace('EXIT WHEN lst.COUNT = 0;', '')
    .replace('END LOOP;\n     END LOOP;', 'END LOOP;\n       UPDATE sched SET id = id WHERE id = 1;\n       EXIT WHEN c%NOTFOUND;\n     END LOOP;'),
)

/** A table of a cursor's rows: a composite type of the cursor's columns, their types read on the target. */
const CURSOR_ROWS = codeDef(
  'procedure',
  'COPY_ROWS',
  `CREATE OR REPLACE PROCEDURE copy_rows IS
     CURSOR c IS SELECT s.id, j.id AS job FROM sched s JOIN joblist j ON j.sched_id = s.id ORDER BY j.id;
     TYPE rows_t IS TABLE OF c%ROWTYPE;
     r rows_t;
   BEGIN
     OPEN c;
     FETCH c BULK COLLECT INTO r;
     CLOSE c;
     FOR i IN 1..r.COUNT LOOP
       INSERT INTO assigned VALUES (r(i).id, r(i).job);
     END LOOP;
   END;`,
)

const SPEC = codeDef(
  'package',
  'EMP_API',
  `CREATE OR REPLACE PACKAGE emp_api AS
     SUBTYPE money_t IS NUMBER(8,2);
     TYPE emp_rec IS RECORD (id NUMBER, name VARCHAR2(30), pay money_t, grade PLS_INTEGER := 1);
     TYPE emp_list IS TABLE OF emp_rec;
     TYPE emp_cur IS REF CURSOR RETURN emp_rec;
     FUNCTION make (p_id NUMBER, p_name VARCHAR2) RETURN emp_rec;
     FUNCTION describe (p_emp emp_rec) RETURN VARCHAR2;
   END emp_api;`,
)

const BODY = codeDef(
  'package-body',
  'EMP_API',
  `CREATE OR REPLACE PACKAGE BODY emp_api AS
     TYPE pair IS RECORD (a emp_rec, b emp_rec);
     FUNCTION make (p_id NUMBER, p_name VARCHAR2) RETURN emp_rec IS
       r emp_rec;
     BEGIN
       r.id := p_id;
       r.name := p_name;
       r.pay := p_id * 10;
       RETURN r;
     END make;
     FUNCTION describe (p_emp emp_rec) RETURN VARCHAR2 IS
       SUBTYPE short_t IS VARCHAR2(40) NOT NULL;
       s short_t := 'x';
       p pair;
       c emp_cur;
       l emp_list;
       f emp_rec;
     BEGIN
       p.a := p_emp;
       p.b := make(2, 'two');
       p.b.grade := p.a.grade + p.b.grade;
       OPEN c FOR SELECT 7, 'seven', 70, 3 FROM dual;
       FETCH c INTO f;
       CLOSE c;
       SELECT 8, 'eight', 80, 4 BULK COLLECT INTO l FROM dual;
       SELECT 'n' INTO f.name FROM dual;
       s := p.a.name || '/' || p.b.name || '/' || p.b.grade || '/' || f.id || f.name || '/' || l(1).name || l.COUNT;
       RETURN s;
     END describe;
   END emp_api;`,
)

/** Another unit declaring variables of the package's types, and a NOT NULL subtype. */
const CLIENT = codeDef(
  'function',
  'PAY_OF',
  `CREATE OR REPLACE FUNCTION pay_of (p_id NUMBER, p_note VARCHAR2) RETURN NUMBER IS
     SUBTYPE note_t IS VARCHAR2(10) NOT NULL;
     v_note note_t := 'none';
     r emp_api.emp_rec;
     l emp_api.emp_list;
     b emp_api.emp_list;
   BEGIN
     v_note := p_note;
     r := emp_api.make(p_id, v_note);
     l := emp_api.emp_list(r, r);
     SELECT id, 'b', id * 100, 1 BULK COLLECT INTO b FROM sched ORDER BY id;
     l.EXTEND;
     l(l.LAST) := b(1);
     RETURN l(2).pay + l.COUNT + b(b.LAST).pay + l(3).pay;
   END;`,
)

/** Record DML: INSERT … VALUES rec and UPDATE … SET ROW = rec (ASSIGNED's columns from the catalog). */
const RECORD_DML = codeDef(
  'procedure',
  'MOVE_JOB',
  `CREATE OR REPLACE PROCEDURE move_job (p_job NUMBER, p_sched NUMBER) IS
     r assigned%ROWTYPE;
   BEGIN
     r.sc_id := -1; r.joblist_id := p_job;
     INSERT INTO assigned VALUES r;
     r.sc_id := p_sched;
     UPDATE assigned SET ROW = r WHERE sc_id = -1;
   END;`,
)

/** A pipelined function of a package's table of records returns SETOF the record's composite type. */
const GEN_SPEC = codeDef('package', 'GEN', 'CREATE PACKAGE gen AS TYPE pair_r IS RECORD (n NUMBER, sq NUMBER); TYPE pair_t IS TABLE OF pair_r; FUNCTION squares (p_n NUMBER) RETURN pair_t PIPELINED; END gen;')
const GEN_BODY = codeDef(
  'package-body',
  'GEN',
  'CREATE PACKAGE BODY gen AS FUNCTION squares (p_n NUMBER) RETURN pair_t PIPELINED IS r pair_r; BEGIN FOR i IN 1..p_n LOOP r.n := i; r.sq := i * i; PIPE ROW (r); END LOOP; RETURN; END; END gen;',
)

/** A package variable of a record type: read and assigned field by field, here and from another unit. */
const STATE_SPEC = codeDef('package', 'STATE', 'CREATE PACKAGE state AS TYPE pair_r IS RECORD (n NUMBER, sq NUMBER := 4); g_pair pair_r; FUNCTION sq RETURN NUMBER; END state;')
const STATE_BODY = codeDef('package-body', 'STATE', 'CREATE PACKAGE BODY state AS FUNCTION sq RETURN NUMBER IS BEGIN g_pair.n := 3; g_pair.sq := g_pair.n * g_pair.n; RETURN g_pair.sq; END; END state;')
const STATE_READER = codeDef('function', 'READ_STATE', 'CREATE FUNCTION read_state RETURN NUMBER IS BEGIN state.g_pair.n := state.g_pair.n + 1; RETURN state.g_pair.n * 10 + state.g_pair.sq; END;')

const NUMBER_10: NativeType = { name: 'NUMBER', precision: 10, scale: 0, text: 'NUMBER(10)' }

function actionItems(ctx: TranslateContext): string[] {
  return ctx.findings.filter((f) => f.severity === 'action').map((f) => f.message)
}

describe.each([14, 17])('PL/SQL records, ref cursors and subtypes on PostgreSQL %i', (major) => {
  const db = useDatabase(`plsql_records_${major}`, major)
  const context = () => ({ ...plsqlContext([SPEC, BODY]), target: { engine: 'postgres', version: major } as const })

  beforeAll(async () => {
    await db.client.query(TABLES)
  })

  const ran: string[] = []
  const run = async (statements: readonly string[]) => {
    for (const sql of statements) await db.client.query(sql)
    ran.push(...statements)
  }

  it('hold-out: a table of records INDEX BY, walked with FIRST/NEXT, in an anonymous block (types in pg_temp)', async () => {
    const ctx = context()
    const out = translateAnonymousBlock({ text: MESSAGES_BLOCK }, ctx)
    expect(actionItems(ctx)).toEqual([])
    expect(out).toContain('CREATE TYPE pg_temp.tyrcmessage AS (id numeric, message varchar(100))')
    await run(out)
    // Run twice, as a script with two such blocks would: the block's types are replaced.
    await run(out)
    const { rows } = await db.client.query("SELECT n.nspname = 'hr' OR n.nspname = 'public' AS persistent FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typname = 'tyrcmessage'")
    expect(rows).toEqual([{ persistent: false }])
  })

  it('hold-out: SELECT INTO a nested record field and into a collection element', async () => {
    const ctx = context()
    const text = NESTED_BLOCK.replace('END;', "IF A.B.C = 1 AND D(1) = 1 THEN INSERT INTO assigned VALUES (-1, -1); END IF; END;")
    const out = translateAnonymousBlock({ text }, ctx)
    expect(actionItems(ctx)).toEqual([])
    await run(out)
    expect((await db.client.query('DELETE FROM assigned WHERE sc_id = -1')).rowCount).toBe(1)
    const plain = context()
    await run(translateAnonymousBlock({ text: NESTED_BLOCK }, plain))
    expect(actionItems(plain)).toEqual([])
  })

  it('hold-out: FETCH … BULK COLLECT … LIMIT into a table of records anchored with %TYPE', async () => {
    const ctx = context()
    const out = translateCodeObject(BULK_PROCEDURE, ctx)
    expect(actionItems(ctx)).toEqual([])
    await run(out)
    await db.client.query('CALL assign_jobs(2)')
    const { rows } = await db.client.query('SELECT sc_id::int, joblist_id::int FROM assigned ORDER BY joblist_id')
    expect(rows).toEqual([
      { sc_id: 1, joblist_id: 10 },
      { sc_id: 1, joblist_id: 11 },
      { sc_id: 2, joblist_id: 12 },
      { sc_id: 2, joblist_id: 13 },
      { sc_id: 2, joblist_id: 14 },
    ])
    const types = await db.client.query("SELECT format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = 'hr.assign_jobs_t_bulk_tab'::regclass ORDER BY attnum")
    expect(types.rows).toEqual([{ t: 'numeric(10,0)' }, { t: 'numeric(10,0)' }])
  })

  it('EXIT WHEN c%NOTFOUND after a bulk fetch sees whether the cursor ran out, whatever ran in between', async () => {
    const out = translateCodeObject(BULK_UNTIL_NOTFOUND, context())
    expect(out.at(-1)).toContain('EXIT WHEN (NOT godwit_c_found);')
    await run(out)
    await db.client.query('TRUNCATE assigned')
    await db.client.query("SET statement_timeout = '10s'")
    await db.client.query('CALL assign_until_notfound(2)')
    expect((await db.client.query('SELECT count(*)::int AS n FROM assigned')).rows).toEqual([{ n: 5 }])
  })

  it('BULK COLLECT into one collection per column, in the rows\' order', async () => {
    const ctx = context()
    const out = translateCodeObject(BULK_COLUMNS, ctx)
    expect(actionItems(ctx)).toEqual([])
    await run(out)
    const jobs = (await db.client.query('SELECT sched_id::int AS s, id::int AS j FROM joblist ORDER BY id')).rows as Array<{ s: number; j: number }>
    const [first, last] = [jobs[0]!, jobs.at(-1)!]
    const [top, second] = [jobs.at(-1)!, jobs.at(-2)!]
    expect((await db.client.query('SELECT bulk_columns() AS v')).rows).toEqual([{ v: `${jobs.length}:${first.s}/${first.j},${last.s}/${last.j};2:${top.j},${second.j}` }])
  })

  it("a table of c%ROWTYPE is an array of a composite type of the cursor's columns", async () => {
    const ctx = context()
    const out = translateCodeObject(CURSOR_ROWS, ctx)
    expect(actionItems(ctx)).toEqual([])
    await run(out)
    await db.client.query('TRUNCATE assigned')
    await db.client.query('CALL copy_rows()')
    expect((await db.client.query('SELECT sc_id::int AS s, joblist_id::int AS j FROM assigned ORDER BY j')).rows.map((r) => `${r.s}:${r.j}`)).toEqual(['1:10', '1:11', '2:12', '2:13', '2:14'])
  })

  it('package record types: returned, passed, nested with defaults, fetched from a REF CURSOR, bulk collected', async () => {
    const ctx = context()
    const out = [...translateCodeObject(SPEC, { ...ctx, object: 'EMP_API' }), ...translateCodeObject(BODY, { ...ctx, object: 'EMP_API' })]
    expect(actionItems(ctx)).toEqual([])
    expect(out).toContain('CREATE TYPE emp_api.emp_rec AS (id numeric, name varchar(30), pay numeric(8,2), grade integer)')
    expect(out).toContain('CREATE TYPE emp_api.pair AS (a emp_api.emp_rec, b emp_api.emp_rec)')
    await run(out)
    // grade defaults to 1 in every emp_rec, also those nested in a pair: 1 + 1.
    const { rows } = await db.client.query("SELECT emp_api.describe(emp_api.make(1, 'one')) AS v, (emp_api.make(5, 'five')).grade AS g")
    expect(rows).toEqual([{ v: 'one/two/2/7n/eight1', g: 1 }])
  })

  it('INSERT … VALUES rec and UPDATE … SET ROW = rec', async () => {
    const base = context()
    const assigned: TableDef = { name: 'ASSIGNED', columns: ['SC_ID', 'JOBLIST_ID'].map((name) => ({ name, nativeType: NUMBER_10, type: oracleLogicalType(NUMBER_10), nullable: true })), uniques: [], checks: [], foreignKeys: [] }
    const ctx = { ...base, catalog: { ...base.catalog, tables: [assigned] } }
    const out = translateCodeObject(RECORD_DML, ctx)
    expect(actionItems(ctx)).toEqual([])
    await run(out)
    await db.client.query('TRUNCATE assigned')
    await db.client.query('CALL move_job(77, 2)')
    expect((await db.client.query('SELECT sc_id::int AS s, joblist_id::int AS j FROM assigned')).rows).toEqual([{ s: 2, j: 77 }])
  })

  it('a pipelined function over a table of records returns SETOF the composite type', async () => {
    const ctx = { ...context(), catalog: { ...context().catalog, code: [GEN_SPEC, GEN_BODY] } }
    const out = [...translateCodeObject(GEN_SPEC, ctx), ...translateCodeObject(GEN_BODY, ctx)]
    expect(actionItems(ctx)).toEqual([])
    expect(out.join('\n')).toContain('RETURNS SETOF gen.pair_r')
    await run(out)
    expect((await db.client.query('SELECT n::int, sq::int FROM gen.squares(3)')).rows).toEqual([
      { n: 1, sq: 1 },
      { n: 2, sq: 4 },
      { n: 3, sq: 9 },
    ])
  })

  it('a package variable of a record type starts with the field defaults and is read and assigned field by field', async () => {
    const ctx = { ...context(), catalog: { ...context().catalog, code: [STATE_SPEC, STATE_BODY, STATE_READER] } }
    const out = [STATE_SPEC, STATE_BODY, STATE_READER].flatMap((u) => translateCodeObject(u, ctx))
    // The variable itself is the usual session-state emulation, reported as such.
    expect(ctx.findings.filter((f) => f.severity === 'action').map((f) => f.code)).toEqual(['PACKAGE_VARIABLE'])
    await run(out)
    const { rows } = await db.client.query('SELECT (state.godwit_get_g_pair()).sq::int AS initial, state.sq()::int AS sq, read_state()::int AS r')
    expect(rows).toEqual([{ initial: 4, sq: 9, r: 4 * 10 + 9 }])
  })

  it("another unit declares the package's record, collection and subtype; a NOT NULL subtype refuses NULL", async () => {
    const ctx = context()
    const out = translateCodeObject(CLIENT, ctx)
    expect(actionItems(ctx)).toEqual([])
    expect(out).toHaveLength(1)
    await run(out)
    expect((await db.client.query("SELECT pay_of(3, 'x')::int AS v")).rows).toEqual([{ v: 30 + 3 + 200 + 100 }])
    await expect(db.client.query('SELECT pay_of(3, NULL)')).rejects.toMatchObject({ code: '22004' })
  })
  it('every function and relation the output above names exists on the server', async () => {
    expect(ran.length).toBeGreaterThan(10)
    const catalog = await readTargetCatalog(db.url)
    expect(ran.flatMap((sql) => unresolvedReferences(sql, catalog, { checkRelations: true }))).toEqual([])
  })
})
