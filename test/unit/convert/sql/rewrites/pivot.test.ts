import { beforeAll, describe, expect, it } from 'vitest'
import { translateQuery } from '../../../../../src/convert/sql/translate-sql.js'
import { useDatabase } from '../../../../support/database.js'
import { testContext } from '../context.js'
import { queryTable, refusedTable } from '../translation-table.js'

describe('PIVOT and UNPIVOT as subqueries', () => {
  queryTable([
    [
      // The catalog knows EMPLOYEES: PIVOT groups by its columns other than those it reads.
      'SELECT * FROM employees PIVOT (MAX(salary) FOR manager_id IN (100, 101))',
      'SELECT * FROM (SELECT employee_id, last_name, hire_date, updated_at, max(CASE WHEN manager_id = 100 THEN salary END) AS "100", max(CASE WHEN manager_id = 101 THEN salary END) AS "101" FROM employees GROUP BY employee_id, last_name, hire_date, updated_at) employees',
    ],
    [
      "SELECT * FROM (SELECT d, k, v FROM t) PIVOT (SUM(v) AS s, COUNT(*) AS n FOR k IN ('a' AS a, 'b'))",
      'SELECT * FROM (SELECT d, sum(CASE WHEN k = \'a\' THEN v END) AS a_s, count(CASE WHEN k = \'a\' THEN 1 END) AS a_n, sum(CASE WHEN k = \'b\' THEN v END) AS "\'b\'_S", count(CASE WHEN k = \'b\' THEN 1 END) AS "\'b\'_N" FROM (SELECT d, k, v FROM t) subquery_1 GROUP BY d) godwit_pivot',
    ],
    [
      "SELECT * FROM (SELECT a, b, c, v FROM t) PIVOT (MIN(v) FOR (a, b) IN ((1, 'x') AS one, (2, 'y')))",
      'SELECT * FROM (SELECT c, min(CASE WHEN a = 1 AND b = \'x\' THEN v END) AS one, min(CASE WHEN a = 2 AND b = \'y\' THEN v END) AS "2_\'y\'" FROM (SELECT a, b, c, v FROM t) subquery_1 GROUP BY c) godwit_pivot',
    ],
    [
      "SELECT id, p, q FROM sales UNPIVOT (q FOR p IN (q1 AS 'Prod1', q2 AS 'Prod2'))",
      "SELECT id, p, q FROM (SELECT * FROM sales CROSS JOIN LATERAL (SELECT 'Prod1' AS p, q1 AS q UNION ALL SELECT 'Prod2' AS p, q2 AS q) godwit_unpivot WHERE godwit_unpivot.q IS NOT NULL) sales",
    ],
    [
      'SELECT * FROM (SELECT id, q1, q2 FROM sales) s UNPIVOT INCLUDE NULLS (q FOR p IN (q1, q2))',
      "SELECT * FROM (SELECT id, godwit_unpivot.p AS p, godwit_unpivot.q AS q FROM (SELECT id, q1, q2 FROM sales) s CROSS JOIN LATERAL (SELECT 'Q1' AS p, q1 AS q UNION ALL SELECT 'Q2' AS p, q2 AS q) godwit_unpivot) s",
    ],
  ])
  refusedTable([
    ["SELECT * FROM t PIVOT (SUM(t.val) FOR t.cat IN ('a' AS a)) AS p", 'PIVOT over T: PIVOT groups by the source'],
    ['SELECT * FROM sales UNPIVOT (q FOR p IN (q1 AS 1, q2 AS 2))', 'SELECT * over UNPIVOT of SALES'],
    ['SELECT * FROM t PIVOT XML (SUM(v) FOR k IN (ANY))', 'PIVOT XML'],
    ['SELECT * FROM (SELECT k, v FROM t) PIVOT (SUM(v) FOR k IN (SELECT k FROM u))', 'IN (ANY | subquery)'],
    ['SELECT * FROM (SELECT k, v FROM t) PIVOT (SUM(v) FOR k IN (NULL))', 'PIVOT … IN (NULL)'],
  ])
})

describe('PIVOT and UNPIVOT on PostgreSQL give the rows Oracle defines', () => {
  const db = useDatabase('sql_pivot')

  beforeAll(async () => {
    await db.client.query('CREATE TABLE s (region text, quarter text, amount int); CREATE TABLE q (id int, q1 int, q2 int)')
    await db.client.query("INSERT INTO s VALUES ('N', 'Q1', 10), ('N', 'Q1', 5), ('N', 'Q2', NULL), ('S', 'Q1', 7), (NULL, 'Q2', 3), ('E', NULL, 4)")
    await db.client.query('INSERT INTO q VALUES (1, 10, NULL), (2, NULL, NULL), (3, 30, 40)')
  })

  async function rows(oracle: string): Promise<unknown[][]> {
    return (await db.client.query({ text: translateQuery({ text: oracle }, testContext()), rowMode: 'array' })).rows
  }

  it('PIVOT keeps every group, NULL groups and rows matching no IN value included; COUNT of no rows is 0', async () => {
    const r = await rows(
      "SELECT * FROM (SELECT region, quarter, amount FROM s) PIVOT (SUM(amount) AS total, COUNT(*) AS n FOR quarter IN ('Q1' AS q1, 'Q2' AS q2)) ORDER BY region",
    )
    expect(r).toEqual([
      ['E', null, '0', null, '0'],
      ['N', '15', '2', null, '1'],
      ['S', '7', '1', null, '0'],
      [null, null, '0', '3', '1'],
    ])
  })

  it('UNPIVOT leaves out rows whose value is NULL, unless INCLUDE NULLS', async () => {
    const oracle = (nulls: string) => `SELECT id, quarter, amount FROM q UNPIVOT ${nulls} (amount FOR quarter IN (q1 AS 'Q1', q2 AS 'Q2')) ORDER BY id, quarter`
    expect(await rows(oracle(''))).toEqual([
      [1, 'Q1', 10],
      [3, 'Q1', 30],
      [3, 'Q2', 40],
    ])
    expect(await rows(oracle('INCLUDE NULLS'))).toEqual([
      [1, 'Q1', 10],
      [1, 'Q2', null],
      [2, 'Q1', null],
      [2, 'Q2', null],
      [3, 'Q1', 30],
      [3, 'Q2', 40],
    ])
  })
})
