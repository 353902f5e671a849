import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { translateAnonymousBlock, translateCodeObject } from '../../src/convert/plsql/translate-plsql.js'
import { readSqlPlusScript } from '../../src/engines/oracle/sqlplus-script.js'
import type { CodeObjectDef } from '../../src/model/schema.js'
import { CORPUS_DIR, corpusAvailable, corpusSkipReason } from '../support/corpus.js'
import { useDatabase } from '../support/database.js'
import { codeDef, plsqlContext, varrayType } from '../unit/convert/plsql/plsql-test-context.js'
import { STATEMENT_PAIRS } from '../unit/convert/plsql/statement-pairs.js'

/**
 * Translated PL/SQL created and run on real PostgreSQL: CREATE validates every PL/pgSQL body
 * (check_function_bodies is on), and the calls check the semantics the translation promises.
 */
const TABLES = `
  CREATE SCHEMA hr;
  SET search_path = hr, public;
  CREATE TABLE jobs (job_id varchar(10) PRIMARY KEY, job_title varchar(35), min_salary numeric(6), max_salary numeric(6));
  CREATE TABLE employees (employee_id numeric(6) PRIMARY KEY, last_name varchar(25), hire_date timestamp(0), job_id varchar(10),
                          salary numeric(8,2), department_id numeric(4));
  CREATE TABLE job_history (employee_id numeric(6), start_date timestamp(0), end_date timestamp(0), job_id varchar(10), department_id numeric(4));
  CREATE TABLE order_items (order_id numeric(12), line_item_id numeric(3), product_id numeric(6));
  INSERT INTO jobs VALUES ('IT_PROG', 'Programmer', 4000, 10000), ('AC_MGR', 'Accounting Manager', 8200, 16000);
  INSERT INTO employees VALUES (100, 'King', '2013-06-17', 'IT_PROG', 24000, 90), (101, 'Kochhar', '2015-09-21', 'IT_PROG', 17000, 90);
`

const UNITS: readonly CodeObjectDef[] = [
  codeDef(
    'function',
    'SALARY_OF',
    `CREATE OR REPLACE FUNCTION salary_of (p_id IN employees.employee_id%TYPE) RETURN NUMBER IS
       v_salary employees.salary%TYPE;
     BEGIN
       SELECT salary INTO v_salary FROM employees WHERE employee_id = p_id;
       RETURN v_salary;
     END salary_of;`,
  ),
  codeDef(
    'function',
    'SALARY_OR_ZERO',
    `CREATE FUNCTION salary_or_zero (p_id NUMBER) RETURN NUMBER IS
     BEGIN
       RETURN salary_of(p_id);
     EXCEPTION
       WHEN NO_DATA_FOUND THEN RETURN 0;
     END;`,
  ),
  codeDef(
    'procedure',
    'JOB_RANGE',
    `CREATE PROCEDURE job_range (p_job IN VARCHAR2, p_min OUT NUMBER, p_max OUT NUMBER) AS
     BEGIN
       SELECT min_salary, max_salary INTO p_min, p_max FROM jobs WHERE job_id = p_job;
     END;`,
  ),
  codeDef(
    'procedure',
    'CHECK_HOURS',
    `CREATE PROCEDURE check_hours (p_hour NUMBER) IS
     BEGIN
       IF p_hour NOT BETWEEN 8 AND 18 THEN
         RAISE_APPLICATION_ERROR(-20205, 'You may only make changes during normal office hours');
       END IF;
     END;`,
  ),
  codeDef(
    'function',
    'COUNTDOWN',
    `CREATE FUNCTION countdown (p_n PLS_INTEGER) RETURN VARCHAR2 IS
       v_out VARCHAR2(100) := '';
       v_seen BOOLEAN := FALSE;
     BEGIN
       FOR i IN REVERSE 1..p_n LOOP
         IF v_seen THEN v_out := v_out || ','; END IF;
         v_out := v_out || TO_CHAR(i);
         v_seen := TRUE;
       END LOOP;
       RETURN v_out;
     END;`,
  ),
  codeDef(
    'function',
    'TOTAL_SALARY',
    `CREATE FUNCTION total_salary (p_dept NUMBER) RETURN NUMBER IS
       CURSOR c_emp (d NUMBER) IS SELECT salary FROM employees WHERE department_id = d;
       v_total NUMBER := 0;
       v_salary NUMBER;
     BEGIN
       OPEN c_emp(p_dept);
       LOOP
         FETCH c_emp INTO v_salary;
         EXIT WHEN c_emp%NOTFOUND;
         v_total := v_total + v_salary;
       END LOOP;
       CLOSE c_emp;
       FOR r IN (SELECT salary FROM employees WHERE department_id = p_dept) LOOP
         v_total := v_total + r.salary;
       END LOOP;
       RETURN v_total;
     END;`,
  ),
  codeDef(
    'procedure',
    'RAISE_ALL',
    `CREATE PROCEDURE raise_all (p_pct NUMBER, p_count OUT NUMBER) IS
     BEGIN
       UPDATE employees SET salary = salary * (1 + p_pct / 100) WHERE department_id = 90;
       p_count := SQL%ROWCOUNT;
       EXECUTE IMMEDIATE 'UPDATE employees SET salary = salary WHERE employee_id = :id' USING 100;
     END;`,
  ),
  codeDef(
    'procedure',
    'ADD_JOB_HISTORY',
    `CREATE OR REPLACE PROCEDURE add_job_history
       (p_emp_id job_history.employee_id%type, p_start_date job_history.start_date%type, p_end_date job_history.end_date%type,
        p_job_id job_history.job_id%type, p_department_id job_history.department_id%type) IS
     BEGIN
       INSERT INTO job_history (employee_id, start_date, end_date, job_id, department_id)
         VALUES(p_emp_id, p_start_date, p_end_date, p_job_id, p_department_id);
     END add_job_history;`,
  ),
  codeDef(
    'trigger',
    'UPDATE_JOB_HISTORY',
    `CREATE OR REPLACE TRIGGER update_job_history
       AFTER UPDATE OF job_id, department_id ON employees
       FOR EACH ROW
     BEGIN
       add_job_history(:old.employee_id, :old.hire_date, sysdate, :old.job_id, :old.department_id);
     END;`,
    'EMPLOYEES',
  ),
  codeDef(
    'trigger',
    'INSERT_ORD_LINE',
    `CREATE OR REPLACE TRIGGER insert_ord_line BEFORE INSERT ON order_items FOR EACH ROW
     DECLARE
       new_line number;
     BEGIN
       SELECT (NVL(MAX(line_item_id),0)+1) INTO new_line FROM order_items WHERE order_id = :new.order_id;
       :new.line_item_id := new_line;
     END;`,
    'ORDER_ITEMS',
  ),
  codeDef(
    'function',
    'NTH_PHONE',
    `CREATE FUNCTION nth_phone (p_in INTEGER, p_list phone_list_typ) RETURN VARCHAR2 AS
     BEGIN
       IF p_list.FIRST IS NULL OR p_in > (p_list.LAST + 1) - p_list.FIRST THEN RETURN NULL; END IF;
       RETURN p_list(p_in);
     END;`,
  ),
  codeDef(
    'function',
    'TAX',
    `CREATE FUNCTION tax (p_amount NUMBER) RETURN NUMBER IS
       FUNCTION rate (p NUMBER) RETURN NUMBER IS
       BEGIN
         IF p > 1000 THEN RETURN 0.2; END IF;
         RETURN 0.1;
       END;
     BEGIN
       RETURN p_amount * rate(p_amount);
     END;`,
  ),
  codeDef(
    'function',
    'COLLECT_DEMO',
    `CREATE FUNCTION collect_demo RETURN VARCHAR2 IS
       TYPE ids_t IS TABLE OF NUMBER;
       ids ids_t := ids_t();
     BEGIN
       ids := ids_t(1, 2);
       ids.EXTEND(2);
       ids(4) := 40;
       ids.TRIM;
       IF ids.EXISTS(3) AND NOT ids.EXISTS(4) THEN
         RETURN ids.COUNT || ':' || ids(2);
       END IF;
       RETURN 'wrong';
     END;`,
  ),
  codeDef('package', 'PAY', 'CREATE PACKAGE pay AS g_calls NUMBER := 0; g_last VARCHAR2(10); c_rate CONSTANT NUMBER := 0.1; FUNCTION bonus (p_salary NUMBER) RETURN NUMBER; END pay;'),
  codeDef(
    'package-body',
    'PAY',
    `CREATE PACKAGE BODY pay AS
       FUNCTION rate RETURN NUMBER IS BEGIN RETURN c_rate; END;
       FUNCTION bonus (p_salary NUMBER) RETURN NUMBER IS
       BEGIN
         g_calls := g_calls + 1;
         g_last := NULL;
         RETURN p_salary * rate;
       END bonus;
     END pay;`,
  ),
]

/** On the oldest supported major, the suite's 17 and the newest, each written for that version (issue 13). */
describe.each([14, 17, 18])('translated PL/SQL on PostgreSQL %i', (major) => {
  const db = useDatabase(`plsql_${major}`, major)
  const ctx = { ...plsqlContext(UNITS, [varrayType('PHONE_LIST_TYP', { name: 'VARCHAR2', length: 25, text: 'VARCHAR2(25)' })]), target: { engine: 'postgres', version: major } as const }

  beforeAll(async () => {
    await db.client.query(TABLES)
    for (const unit of UNITS) {
      for (const sql of translateCodeObject(unit, { ...ctx, object: unit.name })) await db.client.query(sql)
    }
  })

  const one = async <T>(sql: string): Promise<T> => (await db.client.query(sql)).rows[0] as T

  it('SELECT INTO raises no_data_found like Oracle, and a NO_DATA_FOUND handler catches it', async () => {
    expect(await one('SELECT salary_of(100)::int AS v')).toEqual({ v: 24000 })
    await expect(db.client.query('SELECT salary_of(999)')).rejects.toMatchObject({ code: 'P0002' })
    expect(await one('SELECT salary_or_zero(999)::int AS v')).toEqual({ v: 0 })
  })

  it('a procedure returns its OUT parameters through CALL', async () => {
    expect(await one("CALL job_range('AC_MGR', NULL, NULL)")).toEqual({ p_min: '8200', p_max: '16000' })
  })

  it('RAISE_APPLICATION_ERROR keeps its code and message', async () => {
    await expect(db.client.query('CALL check_hours(22)')).rejects.toMatchObject({ code: 'U0205', message: 'You may only make changes during normal office hours' })
    await db.client.query('CALL check_hours(10)')
  })

  it('REVERSE loops count down, booleans and string building work', async () => {
    expect(await one('SELECT countdown(3) AS v')).toEqual({ v: '3,2,1' })
  })

  it('explicit cursors with parameters and query FOR loops', async () => {
    expect(await one('SELECT total_salary(90)::int AS v')).toEqual({ v: 2 * (24000 + 17000) })
  })

  it('SQL%ROWCOUNT and EXECUTE IMMEDIATE … USING', async () => {
    expect(await one('CALL raise_all(0, NULL)')).toEqual({ p_count: '2' })
  })

  it("HR's job-history trigger logs the old job when an employee's job changes", async () => {
    await db.client.query("UPDATE employees SET job_id = 'AC_MGR' WHERE employee_id = 101")
    const { rows } = await db.client.query('SELECT employee_id::int AS id, job_id, department_id::int AS dept FROM job_history')
    expect(rows).toEqual([{ id: 101, job_id: 'IT_PROG', dept: 90 }])
  })

  it('a BEFORE INSERT row trigger numbers order lines through :NEW', async () => {
    await db.client.query('INSERT INTO order_items (order_id, product_id) VALUES (1, 10), (1, 11)')
    await db.client.query('INSERT INTO order_items (order_id, product_id) VALUES (1, 12)')
    const { rows } = await db.client.query('SELECT line_item_id::int AS n FROM order_items ORDER BY n')
    expect(rows.map((r) => r.n)).toEqual([1, 2, 3])
  })

  it('package functions live in a schema named after the package and call each other', async () => {
    expect(await one('SELECT pay.bonus(1000)::int AS v')).toEqual({ v: 100 })
  })

  it('package variables keep their value for the session (session-setting emulation), NULL included', async () => {
    const before = await one<{ n: number }>('SELECT pay.godwit_get_g_calls()::int AS n')
    await db.client.query('SELECT pay.bonus(1), pay.bonus(2)')
    expect(await one('SELECT pay.godwit_get_g_calls()::int AS n, pay.godwit_get_g_last() AS last')).toEqual({ n: before.n + 2, last: null })
  })

  it('a local function becomes a routine of its own and is called under its new name', async () => {
    expect(await one('SELECT tax(2000)::int AS high, tax(100)::int AS low')).toEqual({ high: 400, low: 10 })
  })

  it('local collections: constructor, EXTEND(n), element assignment, TRIM, EXISTS, COUNT', async () => {
    expect(await one('SELECT collect_demo() AS v')).toEqual({ v: '3:2' })
  })

  it('collection parameters are arrays: .FIRST/.LAST and subscripts', async () => {
    expect(await one("SELECT nth_phone(2, ARRAY['+1 111', '+1 222']) AS a, nth_phone(3, ARRAY['+1 111']) AS b")).toEqual({ a: '+1 222', b: null })
  })

  it('every statement pair translates to a body PL/pgSQL accepts', async () => {
    for (const [i, p] of STATEMENT_PAIRS.entries()) {
      const text = `CREATE PROCEDURE pair_${i} IS ${p.decl ?? ''} BEGIN ${p.oracle} END;`
      for (const sql of translateCodeObject(codeDef('procedure', `PAIR_${i}`, text), ctx)) {
        await expect(db.client.query(sql).then(() => 'created'), `${p.name}\n${sql}`).resolves.toBe('created')
      }
    }
  })

  it('an anonymous block with declarations runs as a DO block', async () => {
    const [sql] = translateAnonymousBlock({ text: "DECLARE v_n NUMBER; BEGIN SELECT COUNT(*) INTO v_n FROM jobs; INSERT INTO jobs VALUES ('X' || v_n, 'x', 1, 2); END;" }, ctx)
    await db.client.query(sql!)
    expect(await one("SELECT count(*)::int AS v FROM jobs WHERE job_id = 'X2'")).toEqual({ v: 1 })
  })

  it.skipIf(!corpusAvailable)(`every PL/SQL unit of HR's hr_code.sql is created${corpusAvailable ? '' : ` (skipped: ${corpusSkipReason})`}`, async () => {
    const script = readSqlPlusScript(join(CORPUS_DIR, 'oracle/hr/hr_code.sql'))
    const units = script.statements.filter((s) => /^\s*CREATE\b/i.test(s.text))
    expect(units.length).toBeGreaterThanOrEqual(4)
    for (const s of units) {
      const kind = /\bTRIGGER\b/i.test(s.text.slice(0, 40)) ? 'trigger' : 'procedure'
      const def: CodeObjectDef = { kind, name: 'X', source: { text: s.text, at: s.at } }
      for (const sql of translateCodeObject(def, ctx)) await db.client.query(sql)
    }
  })
})
