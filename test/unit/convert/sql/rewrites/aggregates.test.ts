import { describe, expect, it } from 'vitest'
import { translateQuery } from '../../../../../src/convert/sql/translate-sql.js'
import { testContext } from '../context.js'
import { queryTable } from '../translation-table.js'

describe('aggregates and analytics', () => {
  queryTable([
    [
      "SELECT LISTAGG(p.product_name, ', ' ON OVERFLOW TRUNCATE '...' WITH COUNT) WITHIN GROUP (ORDER BY oi.line_item_id) items FROM p",
      "SELECT string_agg(p.product_name::text, ', ' ORDER BY oi.line_item_id) AS items FROM p",
    ],
    ['SELECT LISTAGG(x) WITHIN GROUP (ORDER BY x DESC) FROM t', "SELECT string_agg(x::text, '' ORDER BY x DESC) FROM t"],
    ['SELECT WM_CONCAT(x) FROM t', "SELECT string_agg(x::text, ',') FROM t"],
    [
      'SELECT grouping_id(a, b) g, COUNT(DISTINCT c) FROM t GROUP BY GROUPING SETS ((a, b), a, ())',
      'SELECT GROUPING(a, b) AS g, count(DISTINCT c) FROM t GROUP BY GROUPING SETS ((a, b), a, ())',
    ],
    ['SELECT a, SUM(x) FROM t GROUP BY ROLLUP (a, b)', 'SELECT a, sum(x) FROM t GROUP BY ROLLUP (a, b)'],
    ['SELECT a FROM t GROUP BY CUBE (a, b) HAVING COUNT(*) > 1', 'SELECT a FROM t GROUP BY CUBE (a, b) HAVING count(*) > 1'],
    ['SELECT MEDIAN(x) FROM t', 'SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM t'],
    ['SELECT RATIO_TO_REPORT(x) OVER (PARTITION BY a) r FROM t', 'SELECT x::numeric / nullif(sum(x) OVER (PARTITION BY a), 0) AS r FROM t'],
    ['SELECT ROUND(AVG(r.rating) OVER (PARTITION BY product_name), 2) x FROM r', 'SELECT round(avg(r.rating) OVER (PARTITION BY product_name), 2) AS x FROM r'],
    [
      'SELECT SUM(x) OVER (PARTITION BY a ORDER BY b ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM t',
      'SELECT sum(x) OVER (PARTITION BY a ORDER BY b ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM t',
    ],
    ['SELECT LAG(x, 1) OVER (ORDER BY b NULLS FIRST) FROM t', 'SELECT lag(x, 1) OVER (ORDER BY b NULLS FIRST) FROM t'],
  ])

  it('notes that ON OVERFLOW never triggers in PostgreSQL', () => {
    const ctx = testContext()
    translateQuery({ text: "SELECT LISTAGG(x, ',' ON OVERFLOW TRUNCATE) WITHIN GROUP (ORDER BY x) FROM t" }, ctx)
    expect(ctx.findings.map((f) => [f.code, f.severity])).toEqual([['LISTAGG_OVERFLOW', 'info']])
  })

  it.each([
    'SELECT SUM(x) KEEP (DENSE_RANK FIRST ORDER BY y) OVER (PARTITION BY z) FROM t',
    "SELECT LISTAGG(x, ',') WITHIN GROUP (ORDER BY x) OVER (PARTITION BY a) FROM t",
  ])('rejects %s', (oracle) => {
    expect(() => translateQuery({ text: oracle }, testContext())).toThrow(/KEEP|LISTAGG/)
  })
})
