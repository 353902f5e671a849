import { beforeAll, describe, expect, it } from 'vitest'
import { translateQuery } from '../../../../../src/convert/sql/translate-sql.js'
import { UnsupportedConstructError } from '../../../../../src/convert/translate-context.js'
import { useDatabase } from '../../../../support/database.js'
import { postgresSyntaxError } from '../../../../support/pg-parser.js'
import { testContext } from '../context.js'

/**
 * CONNECT BY → WITH RECURSIVE, checked on the real PostgreSQL against the rows Oracle returns
 * for a small tree (worked out from Oracle's documented hierarchical-query semantics).
 */
const query = (text: string) => translateQuery({ text }, testContext())

const db = useDatabase('sql_connect_by')

beforeAll(async () => {
  await db.client.query(`CREATE TABLE employees (employee_id int, last_name text, manager_id int, salary int)`)
  // King → (Kochhar → (Greenberg, Whalen), De Haan → Hunold); Zlotkey reports to Hunold.
  await db.client.query(`INSERT INTO employees VALUES
    (100, 'King', NULL, 24000), (101, 'Kochhar', 100, 17000), (102, 'De Haan', 100, 17000),
    (108, 'Greenberg', 101, 12000), (200, 'Whalen', 101, 4400), (103, 'Hunold', 102, 9000), (149, 'Zlotkey', 103, 10500)`)
})

async function rows(oracle: string): Promise<unknown[][]> {
  const sql = query(oracle)
  expect(postgresSyntaxError(sql)).toBeUndefined()
  const r = await db.client.query({ text: sql, rowMode: 'array' })
  return r.rows
}

describe('CONNECT BY → WITH RECURSIVE', () => {
  it('walks the tree depth first with ORDER SIBLINGS BY, LEVEL, SYS_CONNECT_BY_PATH and CONNECT_BY_ROOT', async () => {
    const result = await rows(
      "SELECT last_name, LEVEL, SYS_CONNECT_BY_PATH(last_name, '/') path, CONNECT_BY_ROOT last_name root FROM employees START WITH manager_id IS NULL CONNECT BY PRIOR employee_id = manager_id ORDER SIBLINGS BY last_name",
    )
    expect(result).toEqual([
      ['King', '1', '/King', 'King'],
      ['De Haan', '2', '/King/De Haan', 'King'],
      ['Hunold', '3', '/King/De Haan/Hunold', 'King'],
      ['Zlotkey', '4', '/King/De Haan/Hunold/Zlotkey', 'King'],
      ['Kochhar', '2', '/King/Kochhar', 'King'],
      ['Greenberg', '3', '/King/Kochhar/Greenberg', 'King'],
      ['Whalen', '3', '/King/Kochhar/Whalen', 'King'],
    ])
  })

  it('applies WHERE after building the hierarchy and knows leaves', async () => {
    const result = await rows(
      'SELECT e.last_name, CONNECT_BY_ISLEAF leaf FROM employees e WHERE e.salary > 10000 START WITH e.employee_id = 101 CONNECT BY PRIOR e.employee_id = e.manager_id ORDER BY e.last_name',
    )
    expect(result).toEqual([
      ['Greenberg', 1],
      ['Kochhar', 0],
    ])
  })

  it('limits depth with LEVEL in CONNECT BY and starts from every row without START WITH', async () => {
    const result = await rows('SELECT COUNT(*) FROM employees CONNECT BY PRIOR employee_id = manager_id AND LEVEL <= 2')
    // 7 roots, plus each employee's direct reports once: 6 rows at level 2.
    expect(result).toEqual([['13']])
  })

  it('reads PRIOR in the select list from the parent row, NULL on the root', async () => {
    const result = await rows(
      'SELECT last_name, PRIOR last_name AS manager, PRIOR salary - salary AS gap FROM employees START WITH employee_id = 102 CONNECT BY PRIOR employee_id = manager_id ORDER BY LEVEL',
    )
    expect(result).toEqual([
      ['De Haan', null, null],
      ['Hunold', 'De Haan', 8000],
      ['Zlotkey', 'Hunold', -1500],
    ])
  })

  it('stops at cycles with NOCYCLE', async () => {
    await db.client.query('CREATE TABLE loop_edges (id int, parent int)')
    await db.client.query('INSERT INTO loop_edges VALUES (1, 3), (2, 1), (3, 2)')
    const result = await rows('SELECT id, LEVEL FROM loop_edges START WITH id = 1 CONNECT BY NOCYCLE PRIOR id = parent ORDER BY LEVEL')
    // LEVEL is a NUMBER, numeric in PostgreSQL.
    expect(result).toEqual([
      [1, '1'],
      [2, '2'],
      [3, '3'],
    ])
  })

  it('a recursive WITH query reads itself: RECURSIVE is written, SEARCH orders and CYCLE marks the repeated row as in Oracle', async () => {
    expect(await rows('WITH t (n) AS (SELECT 1 FROM dual UNION ALL SELECT n + 1 FROM t WHERE n < 3) SELECT n FROM t ORDER BY n')).toEqual([[1], [2], [3]])
    const org = await rows(
      'WITH org (id, name) AS (SELECT employee_id, last_name FROM employees WHERE manager_id IS NULL UNION ALL SELECT e.employee_id, e.last_name FROM employees e JOIN org o ON e.manager_id = o.id) SEARCH DEPTH FIRST BY name SET ord SELECT name FROM org ORDER BY ord',
    )
    expect(org.map((r) => r[0])).toEqual(['King', 'De Haan', 'Hunold', 'Zlotkey', 'Kochhar', 'Greenberg', 'Whalen'])
    const cyc = await rows("WITH t (id, parent) AS (SELECT id, parent FROM loop_edges WHERE id = 1 UNION ALL SELECT e.id, e.parent FROM loop_edges e JOIN t ON e.parent = t.id) CYCLE id SET looped TO 'Y' DEFAULT 'N' SELECT id, looped FROM t")
    expect(cyc).toEqual([
      [1, 'N'],
      [2, 'N'],
      [3, 'N'],
      [1, 'Y'],
    ])
  })

  it('refuses SEARCH … DESC, which PostgreSQL cannot order by', () => {
    expect(() => query('WITH t (n) AS (SELECT 1 FROM dual UNION ALL SELECT n + 1 FROM t WHERE n < 3) SEARCH BREADTH FIRST BY n DESC SET o SELECT n FROM t')).toThrow(/SEARCH … BY … DESC/)
  })

  it('generates rows from DUAL with CONNECT BY ROWNUM: over DUAL the n-th row is at level n', async () => {
    expect(await rows('SELECT ROWNUM FROM dual CONNECT BY ROWNUM <= 3')).toEqual([['1'], ['2'], ['3']])
    expect(await rows("SELECT COUNT(*) FROM (SELECT DATE '2020-02-01' + ROWNUM - 1 AS d FROM dual CONNECT BY ROWNUM < 30)")).toEqual([['29']])
  })

  it('refuses ROWNUM in CONNECT BY over a table, where Oracle numbers rows in its traversal order', () => {
    expect(() => translateQuery({ text: 'SELECT ROWNUM FROM employees CONNECT BY ROWNUM < 4' }, testContext())).toThrow(/ROWNUM in CONNECT BY over a table/)
  })

  it('generates rows from DUAL with CONNECT BY LEVEL', async () => {
    expect(await rows('SELECT LEVEL FROM dual CONNECT BY LEVEL <= 3')).toEqual([['1'], ['2'], ['3']])
    // LEVEL is a NUMBER to the date rules too: DATE + LEVEL adds days.
    expect(await rows("SELECT TO_CHAR(DATE '2020-02-27' + LEVEL, 'YYYY-MM-DD') FROM dual CONNECT BY LEVEL <= 3")).toEqual([['2020-02-28'], ['2020-02-29'], ['2020-03-01']])
  })

  it('carries the whole row for SELECT *, the table\'s columns unknown: LEVEL, ORDER SIBLINGS BY and NOCYCLE still apply', async () => {
    const result = await rows('SELECT e.*, LEVEL FROM employees e START WITH employee_id = 101 CONNECT BY PRIOR employee_id = manager_id ORDER SIBLINGS BY last_name')
    expect(result).toEqual([
      [101, 'Kochhar', 100, 17000, '1'],
      [108, 'Greenberg', 101, 12000, '2'],
      [200, 'Whalen', 101, 4400, '2'],
    ])
    expect(await rows('SELECT * FROM loop_edges START WITH id = 2 CONNECT BY NOCYCLE PRIOR id = parent ORDER BY LEVEL')).toEqual([
      [2, 1],
      [3, 2],
      [1, 3],
    ])
  })

  it.each([
    'SELECT d.* FROM employees e CONNECT BY PRIOR e.employee_id = e.manager_id',
    'SELECT e.last_name FROM employees e, departments d CONNECT BY PRIOR e.employee_id = e.manager_id',
  ])('rejects %s', (oracle) => {
    expect(() => query(oracle)).toThrow(UnsupportedConstructError)
  })
})
