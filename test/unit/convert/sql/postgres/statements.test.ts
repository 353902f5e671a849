import { describe } from 'vitest'
import { statementTable } from '../translation-table.js'

describe('data statements: Oracle → PostgreSQL', () => {
  statementTable([
    ["INSERT INTO regions VALUES (1, 'Europe')", ["INSERT INTO regions VALUES (1, 'Europe')"]],
    [
      "INSERT INTO employees (employee_id, hire_date) VALUES (employees_seq.nextval, TO_DATE('17-06-2003', 'dd-MM-yyyy'))",
      ["INSERT INTO employees (employee_id, hire_date) VALUES (nextval('employees_seq'), to_timestamp('17-06-2003', 'dd-MM-yyyy')::timestamp(0))"],
    ],
    ["INSERT INTO t (a) SELECT b FROM u WHERE c = ''", ['INSERT INTO t (a) SELECT b FROM u WHERE c = NULL']],
    ['INSERT INTO hr.t x (a) VALUES (1)', ['INSERT INTO hr.t AS x (a) VALUES (1)']],
    [
      'UPDATE employees e SET e.salary = e.salary * 1.1 WHERE e.hire_date < SYSDATE - 30',
      ["UPDATE employees e SET salary = e.salary * 1.1 WHERE e.hire_date < statement_timestamp()::timestamp(0) - INTERVAL '30 days'"],
    ],
    ['UPDATE t SET (a, b) = (SELECT x, y FROM u WHERE u.id = t.id)', ['UPDATE t SET (a, b) = (SELECT x, y FROM u WHERE u.id = t.id)']],
    ['DELETE FROM employees WHERE employee_id = 1', ['DELETE FROM employees WHERE employee_id = 1']],
    ['DELETE employees e WHERE e.salary IS NULL', ['DELETE FROM employees e WHERE e.salary IS NULL']],
    [
      "INSERT ALL INTO t (a, b) VALUES (1, 'x') INTO t (a, b) VALUES (2, 'y') SELECT * FROM dual",
      ["WITH godwit_source AS (SELECT 'X' AS dummy), godwit_insert_1 AS (INSERT INTO t (a, b) SELECT 1, 'x' FROM godwit_source) INSERT INTO t (a, b) SELECT 2, 'y' FROM godwit_source"],
    ],
    [
      'INSERT FIRST WHEN v > 10 THEN INTO big VALUES (id, v) WHEN v > 5 THEN INTO mid VALUES (id, v) ELSE INTO small VALUES (id, v) SELECT id, v FROM src',
      [
        'WITH godwit_source AS (SELECT id, v FROM src), godwit_insert_1 AS (INSERT INTO big SELECT id, v FROM godwit_source WHERE (v > 10) IS TRUE), godwit_insert_2 AS (INSERT INTO mid SELECT id, v FROM godwit_source WHERE (v > 5) IS TRUE AND (v > 10) IS NOT TRUE) INSERT INTO small SELECT id, v FROM godwit_source WHERE (v > 10) IS NOT TRUE AND (v > 5) IS NOT TRUE',
      ],
    ],
    ['COMMIT', []],
    ['COMMIT WORK', []],
    ['ROLLBACK', []],
    ['ROLLBACK TO SAVEPOINT before_load', ['ROLLBACK TO SAVEPOINT before_load']],
    ['SAVEPOINT before_load', ['SAVEPOINT before_load']],
    ['LOCK TABLE employees IN EXCLUSIVE MODE NOWAIT', ['LOCK TABLE employees IN EXCLUSIVE MODE NOWAIT']],
    ['SET TRANSACTION READ ONLY', ['SET TRANSACTION READ ONLY']],
    ['SELECT a FROM t FOR UPDATE OF t.a SKIP LOCKED', ['SELECT a FROM t FOR UPDATE OF t SKIP LOCKED']],
    ['SELECT * FROM s.t FOR UPDATE OF s.t.c, s.t.v NOWAIT', ['SELECT * FROM s.t FOR UPDATE OF t NOWAIT']],
    // An unqualified column of a one-table query locks that table.
    ['SELECT a FROM t x WHERE a > 1 FOR UPDATE OF a NOWAIT', ['SELECT a FROM t x WHERE a > 1 FOR UPDATE OF x NOWAIT']],
    // Conditional multitable insert without ALL (ALL is the default).
    [
      'INSERT WHEN v > 10 THEN INTO big VALUES (id, v) WHEN v > 5 THEN INTO mid VALUES (id, v) SELECT id, v FROM src',
      ['WITH godwit_source AS (SELECT id, v FROM src), godwit_insert_1 AS (INSERT INTO big SELECT id, v FROM godwit_source WHERE (v > 10) IS TRUE) INSERT INTO mid SELECT id, v FROM godwit_source WHERE (v > 5) IS TRUE'],
    ],
    // HAVING before GROUP BY, and `> =` with a space, both accepted by Oracle.
    ['SELECT dept, SUM(sal) FROM emp HAVING SUM(sal) > 0 GROUP BY dept', ['SELECT dept, sum(sal) FROM emp GROUP BY dept HAVING sum(sal) > 0']],
    ['SELECT a FROM t WHERE length(a) > = 8 AND b < = 2', ['SELECT a FROM t WHERE length(a) >= 8 AND b <= 2']],
  ])
})

describe('MERGE: PostgreSQL 15 and newer', () => {
  statementTable(
    [
      [
        'MERGE INTO t USING s ON (t.id = s.id) WHEN MATCHED THEN UPDATE SET t.v = s.v DELETE WHERE t.v IS NULL WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, s.v)',
        ['MERGE INTO t USING s ON t.id = s.id WHEN MATCHED AND (s.v IS NULL) THEN DELETE WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, s.v)'],
      ],
      [
        'MERGE INTO t x USING s ON (x.id = s.id) WHEN MATCHED THEN UPDATE SET x.v = s.v + 1 DELETE WHERE x.v > 10 AND s.v IS NOT NULL',
        ['MERGE INTO t x USING s ON x.id = s.id WHEN MATCHED AND (s.v + 1 > 10 AND s.v IS NOT NULL) THEN DELETE WHEN MATCHED THEN UPDATE SET v = s.v + 1'],
      ],
      // The INSERT column list may name the target (`d.bonus`).
      [
        'MERGE INTO bonuses d USING employees s ON (d.employee_id = s.employee_id) WHEN NOT MATCHED THEN INSERT (d.employee_id, d.bonus) VALUES (s.employee_id, s.salary * 0.01)',
        ['MERGE INTO bonuses d USING employees s ON d.employee_id = s.employee_id WHEN NOT MATCHED THEN INSERT (employee_id, bonus) VALUES (s.employee_id, s.salary * 0.01)'],
      ],
      [
        'MERGE INTO t x USING (SELECT id, v FROM u) s ON (x.id = s.id) WHEN MATCHED THEN UPDATE SET x.v = s.v WHERE s.v > 0 WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.v) WHERE s.v IS NOT NULL',
        ['MERGE INTO t x USING (SELECT id, v FROM u) s ON x.id = s.id WHEN MATCHED AND s.v > 0 THEN UPDATE SET v = s.v WHEN NOT MATCHED AND s.v IS NOT NULL THEN INSERT VALUES (s.id, s.v)'],
      ],
    ],
    { engine: 'postgres', version: 15 },
  )
})

describe('MERGE on PostgreSQL 14: data-modifying CTEs (rows compared with 17 in test/integration/merge-before-15.test.ts)', () => {
  statementTable([
    [
      'MERGE INTO t USING s ON (t.id = s.id) WHEN MATCHED THEN UPDATE SET t.v = s.v DELETE WHERE t.v IS NULL WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, s.v)',
      [
        'WITH godwit_merge_1 AS (DELETE FROM t USING s WHERE t.id = s.id AND (s.v IS NULL) IS TRUE), godwit_merge_2 AS (UPDATE t SET v = s.v FROM s WHERE t.id = s.id AND (s.v IS NULL) IS NOT TRUE) INSERT INTO t (id, v) SELECT s.id, s.v FROM s WHERE NOT EXISTS (SELECT 1 FROM t WHERE t.id = s.id)',
      ],
    ],
    [
      'MERGE INTO t x USING (SELECT id, v FROM u) s ON (x.id = s.id) WHEN MATCHED THEN UPDATE SET x.v = s.v WHERE s.v > 0 OR s.v < -1 WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.v) WHERE s.v IS NOT NULL',
      [
        'WITH godwit_source AS (SELECT id, v FROM u), godwit_merge_1 AS (UPDATE t x SET v = s.v FROM godwit_source s WHERE x.id = s.id AND (s.v > 0 OR s.v < -1)) INSERT INTO t SELECT s.id, s.v FROM godwit_source s WHERE NOT EXISTS (SELECT 1 FROM t x WHERE x.id = s.id) AND s.v IS NOT NULL',
      ],
    ],
    ['MERGE INTO t x USING s ON (x.id = s.id) WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.v)', ['INSERT INTO t SELECT s.id, s.v FROM s WHERE NOT EXISTS (SELECT 1 FROM t x WHERE x.id = s.id)']],
  ])
})
