import { describe } from 'vitest'
import { queryTable, refusedTable } from '../translation-table.js'

describe('KEEP (DENSE_RANK FIRST|LAST ORDER BY …)', () => {
  queryTable([
    [
      'SELECT MIN(c) KEEP (DENSE_RANK FIRST ORDER BY c DESC) FROM t',
      'SELECT (SELECT min(godwit_keep.godwit_value) FROM ROWS FROM (unnest(array_agg(c)), unnest(array_agg(c))) AS godwit_keep(godwit_value, godwit_key1) WHERE godwit_keep.godwit_key1 IS NOT DISTINCT FROM (array_agg(c ORDER BY c DESC))[1]) FROM t',
    ],
    [
      // LAST reads the sort backwards, NULL placement included.
      'SELECT d, MAX(sal) KEEP (DENSE_RANK LAST ORDER BY comm, hired NULLS FIRST) FROM e GROUP BY d',
      'SELECT d, (SELECT max(godwit_keep.godwit_value) FROM ROWS FROM (unnest(array_agg(sal)), unnest(array_agg(comm)), unnest(array_agg(hired))) AS godwit_keep(godwit_value, godwit_key1, godwit_key2) WHERE (godwit_keep.godwit_key1, godwit_keep.godwit_key2) IS NOT DISTINCT FROM ((array_agg(comm ORDER BY comm DESC NULLS FIRST, hired DESC NULLS LAST))[1], (array_agg(hired ORDER BY comm DESC NULLS FIRST, hired DESC NULLS LAST))[1])) FROM e GROUP BY d',
    ],
    [
      'SELECT COUNT(*) KEEP (DENSE_RANK FIRST ORDER BY k) FROM e',
      'SELECT (SELECT count(*) FROM unnest(array_agg(k)) AS godwit_keep(godwit_key1) WHERE godwit_keep.godwit_key1 IS NOT DISTINCT FROM (array_agg(k ORDER BY k))[1]) FROM e',
    ],
    [
      // Over a partition: the first value ordered by the keys, then by the value with NULLs last (MIN and MAX skip NULLs).
      'SELECT MIN(s) KEEP (DENSE_RANK FIRST ORDER BY c) OVER (PARTITION BY d) FROM e',
      'SELECT first_value(s) OVER (PARTITION BY d ORDER BY c, s NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM e',
    ],
    [
      'SELECT MAX(s) KEEP (DENSE_RANK LAST ORDER BY c DESC) OVER (PARTITION BY d, f) FROM e',
      'SELECT first_value(s) OVER (PARTITION BY d, f ORDER BY c NULLS LAST, s DESC NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM e',
    ],
  ])
  refusedTable([
    ['SELECT SUM(s) KEEP (DENSE_RANK FIRST ORDER BY c) OVER (PARTITION BY d) FROM e', 'PostgreSQL cannot restrict a window aggregate to the first-ranked rows'],
    ['SELECT COUNT(*) KEEP (DENSE_RANK LAST ORDER BY c) OVER () FROM e', 'PostgreSQL cannot restrict a window aggregate to the first-ranked rows'],
  ])
})

describe('IGNORE NULLS and FROM LAST', () => {
  queryTable([
    ['SELECT FIRST_VALUE(x IGNORE NULLS) OVER (ORDER BY y) FROM t', 'SELECT (array_agg(x) FILTER (WHERE x IS NOT NULL) OVER (ORDER BY y))[1] FROM t'],
    [
      // The window read from its other end: ORDER BY reversed, the default frame mirrored.
      'SELECT LAST_VALUE(x) IGNORE NULLS OVER (PARTITION BY p ORDER BY y DESC) FROM t',
      'SELECT (array_agg(x) FILTER (WHERE x IS NOT NULL) OVER (PARTITION BY p ORDER BY y NULLS LAST RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING))[1] FROM t',
    ],
    [
      'SELECT NTH_VALUE(x, 2) FROM LAST OVER (ORDER BY y ROWS BETWEEN 3 PRECEDING AND 1 FOLLOWING) c FROM t',
      'SELECT nth_value(x, 2) OVER (ORDER BY y DESC NULLS FIRST ROWS BETWEEN 1 PRECEDING AND 3 FOLLOWING) AS c FROM t',
    ],
    [
      'SELECT NTH_VALUE(x, 2) FROM LAST IGNORE NULLS OVER (ORDER BY y) AS c FROM t',
      'SELECT (array_agg(x) FILTER (WHERE x IS NOT NULL) OVER (ORDER BY y DESC NULLS FIRST RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING))[2] AS c FROM t',
    ],
    ['SELECT NTH_VALUE(x, 2) FROM FIRST RESPECT NULLS OVER (ORDER BY y) AS c FROM t', 'SELECT nth_value(x, 2) OVER (ORDER BY y) AS c FROM t'],
    [
      'SELECT LAG(x, 2, 0) IGNORE NULLS OVER (PARTITION BY p ORDER BY y) FROM t',
      'SELECT coalesce((array_agg(x) FILTER (WHERE x IS NOT NULL) OVER (PARTITION BY p ORDER BY y DESC NULLS FIRST ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING))[2], 0) FROM t',
    ],
    ['SELECT LEAD(x) IGNORE NULLS OVER (ORDER BY y) FROM t', 'SELECT (array_agg(x) FILTER (WHERE x IS NOT NULL) OVER (ORDER BY y ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING))[1] FROM t'],
  ])
  refusedTable([
    ['SELECT NTH_VALUE(x, 2) FROM LAST OVER (PARTITION BY p) FROM t', 'in a window without ORDER BY'],
    ['SELECT LAG(x, n) IGNORE NULLS OVER (ORDER BY y) FROM t', 'offset that is not a positive whole number'],
    ['SELECT SUM(x) IGNORE NULLS OVER (ORDER BY y) FROM t', 'Oracle allows it on FIRST_VALUE'],
  ])
})
