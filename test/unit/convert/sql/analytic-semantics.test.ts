import { beforeAll, describe, expect, it } from 'vitest'
import { translateQuery } from '../../../../src/convert/sql/translate-sql.js'
import type { TargetDialect } from '../../../../src/convert/target.js'
import { useDatabase } from '../../../support/database.js'
import { testContext } from './context.js'

/**
 * KEEP (DENSE_RANK FIRST|LAST), IGNORE NULLS and FROM LAST translated and run on PostgreSQL
 * give the rows Oracle's definitions give (SQL Language Reference: FIRST, LAST, FIRST_VALUE,
 * LAST_VALUE, NTH_VALUE, LAG, LEAD), NULL keys and NULL values included.
 */
describe.each([14, 17])('on PostgreSQL %i', (major) => {
  const target: TargetDialect = { engine: 'postgres', version: major }
  const db = useDatabase(`analytic_semantics_${major}`, major)

  beforeAll(async () => {
    await db.client.query('CREATE TABLE emp (dept int, sal int, comm numeric)')
    await db.client.query('INSERT INTO emp VALUES (1, 100, 0.1), (1, 200, 0.1), (1, 50, 0.3), (1, 300, NULL), (2, 10, NULL), (2, 20, NULL)')
    await db.client.query('CREATE TABLE w (y int, x int)')
    await db.client.query('INSERT INTO w VALUES (1, 10), (2, NULL), (3, 30), (4, NULL), (5, 50)')
  })

  async function rows(oracle: string): Promise<unknown[][]> {
    const sql = translateQuery({ text: oracle }, testContext(target))
    const r = await db.client.query({ text: sql, rowMode: 'array' })
    return r.rows
  }

  it('KEEP (DENSE_RANK FIRST|LAST): the aggregate over the rows ranked first or last, NULL keys sorting last ascending', async () => {
    // Department 1: commission 0.1 ranks first (salaries 100, 200); NULL ranks last (300). Department 2: every key is NULL, so every row ranks first and last.
    expect(
      await rows(
        'SELECT dept, MIN(sal) KEEP (DENSE_RANK FIRST ORDER BY comm), MAX(sal) KEEP (DENSE_RANK LAST ORDER BY comm), COUNT(*) KEEP (DENSE_RANK FIRST ORDER BY comm), SUM(sal) KEEP (DENSE_RANK FIRST ORDER BY comm DESC) FROM emp GROUP BY dept ORDER BY dept',
      ),
    ).toEqual([
      [1, 100, 300, '2', '300'],
      [2, 10, 20, '2', '30'],
    ])
  })

  it('a RANGE frame offset is translated too: NUMTODSINTERVAL(n, \'DAY\') PRECEDING counts the rows of the last n days', async () => {
    await db.client.query("CREATE TABLE hires (hired date); INSERT INTO hires VALUES ('2020-01-01'), ('2020-01-05'), ('2020-01-20'), ('2020-01-21')")
    expect(await rows("SELECT COUNT(*) OVER (ORDER BY hired RANGE NUMTODSINTERVAL(5, 'DAY') PRECEDING) FROM hires ORDER BY hired")).toEqual([['1'], ['2'], ['1'], ['2']])
  })

  it('KEEP over no rows gives NULL, and COUNT 0', async () => {
    expect(await rows('SELECT MIN(sal) KEEP (DENSE_RANK FIRST ORDER BY comm), COUNT(sal) KEEP (DENSE_RANK FIRST ORDER BY comm) FROM emp WHERE dept = 3')).toEqual([[null, '0']])
  })

  it('MIN|MAX … KEEP (DENSE_RANK FIRST|LAST …) OVER (PARTITION BY …): per row, the aggregate over its partition\'s first- or last-ranked rows, ties, NULL keys and NULL values included', async () => {
    await db.client.query('CREATE TABLE kept (dept int, sal int, comm numeric)')
    // Department 1: the first key 0.1 is tied between 100 and a NULL salary; 2: every key NULL; 3: the first-ranked salaries are all NULL.
    await db.client.query('INSERT INTO kept VALUES (1, 100, 0.1), (1, NULL, 0.1), (1, 50, 0.3), (1, 300, NULL), (2, 10, NULL), (2, 20, NULL), (3, NULL, 0.5), (3, NULL, 0.5), (3, 7, 0.9)')
    const r = await rows(
      'SELECT dept, MIN(sal) KEEP (DENSE_RANK FIRST ORDER BY comm) OVER (PARTITION BY dept), MAX(sal) KEEP (DENSE_RANK LAST ORDER BY comm) OVER (PARTITION BY dept), MIN(sal) KEEP (DENSE_RANK LAST ORDER BY comm NULLS FIRST) OVER (PARTITION BY dept), MAX(sal) KEEP (DENSE_RANK FIRST ORDER BY comm DESC) OVER (PARTITION BY dept) FROM kept',
    )
    const perDept = new Map(r.map((row) => [row[0], row.slice(1)]))
    expect(r).toHaveLength(9)
    for (const row of r) expect(row.slice(1)).toEqual(perDept.get(row[0]))
    expect([...perDept].sort()).toEqual([
      [1, [100, 300, 50, 300]],
      [2, [10, 20, 10, 20]],
      [3, [null, 7, 7, 7]],
    ])
  })

  it.each([
    ['FIRST_VALUE(x IGNORE NULLS) OVER (ORDER BY y ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)', [10, 30, 30, 50, 50]],
    ['LAST_VALUE(x) IGNORE NULLS OVER (ORDER BY y)', [10, 10, 30, 30, 50]],
    ['LAG(x) IGNORE NULLS OVER (ORDER BY y)', [null, 10, 10, 30, 30]],
    ['LAG(x, 2, -1) IGNORE NULLS OVER (ORDER BY y)', [-1, -1, -1, 10, 10]],
    ['LEAD(x) IGNORE NULLS OVER (ORDER BY y)', [30, 30, 50, 50, null]],
    ['NTH_VALUE(x, 2) FROM LAST OVER (ORDER BY y)', [null, 10, null, 30, null]],
    ['NTH_VALUE(x, 2) FROM LAST OVER (ORDER BY y ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)', [null, null, null, null, null]],
    ['NTH_VALUE(x, 2) FROM LAST IGNORE NULLS OVER (ORDER BY y ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)', [30, 30, 30, 30, 30]],
    ['NTH_VALUE(x, 2) IGNORE NULLS OVER (ORDER BY y DESC)', [30, 30, 30, null, null]],
  ])('%s', async (analytic, expected) => {
    const r = await rows(`SELECT ${analytic} FROM w ORDER BY y`)
    expect(r.map((row) => row[0])).toEqual(expected)
  })
})
