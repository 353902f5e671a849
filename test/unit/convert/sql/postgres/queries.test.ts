import { describe, expect, it } from 'vitest'
import { translateQuery } from '../../../../../src/convert/sql/translate-sql.js'
import { UnsupportedConstructError } from '../../../../../src/convert/translate-context.js'
import { testContext } from '../context.js'
import { queryTable } from '../translation-table.js'

describe('queries: Oracle → PostgreSQL', () => {
  queryTable([
    ['SELECT 1 FROM dual', 'SELECT 1'],
    ['SELECT * FROM dual', "SELECT 'X' AS dummy"],
    // DUAL read, joined or listed twice: a one-row derived table with DUAL's column, so rows and columns stay Oracle's.
    ['SELECT a FROM t WHERE name COLLATE BINARY = \'x\' ORDER BY name COLLATE binary', 'SELECT a FROM t WHERE name COLLATE "C" = \'x\' ORDER BY name COLLATE "C"'],
    ['SELECT a collate FROM t', 'SELECT a AS "collate" FROM t'],
    ['SELECT dummy FROM dual', "SELECT dummy FROM (SELECT 'X' AS dummy) dual"],
    ['SELECT a FROM t, dual', 'SELECT a FROM t'],
    ['SELECT * FROM t, dual d', "SELECT * FROM t, (SELECT 'X' AS dummy) d"],
    ['SELECT * FROM (dual d), (dual) d', "SELECT * FROM (SELECT 'X' AS dummy) d, (SELECT 'X' AS dummy) d_2"],
    ['SELECT * FROM dual, (dual LEFT JOIN u USING (dummy))', "SELECT * FROM (SELECT 'X' AS dummy) dual, (SELECT 'X' AS dummy) dual_2 LEFT JOIN u USING (dummy)"],
    // A parenthesised table with its alias outside; U+3000 (ideographic space) is whitespace.
    ['SELECT * FROM (t) x JOIN (u) ON x.a = u.a', 'SELECT * FROM t x JOIN u ON x.a = u.a'],
    ['SELECT\u30001,\u30002 FROM dual', 'SELECT 1, 2'],
    // Two-character operators with whitespace or a comment between their characters.
    ["SELECT a FROM t WHERE a < > 2 AND b ! = 2 AND c ^ /* x */ = 2 AND d = 'A' | | 'B'", "SELECT a FROM t WHERE a <> 2 AND b <> 2 AND c <> 2 AND d = concat('A', 'B')"],
    ['SELECT SYSDATE FROM sys.dual', 'SELECT statement_timestamp()::timestamp(0)'],
    ['SELECT a FROM t MINUS SELECT a FROM u', 'SELECT a FROM t EXCEPT SELECT a FROM u'],
    ['SELECT * FROM t SAMPLE (25) s', 'SELECT * FROM t s TABLESAMPLE BERNOULLI (25)'],
    ['SELECT COUNT(*) * 10 FROM orders SAMPLE BLOCK (10) SEED (1)', 'SELECT count(*) * 10 FROM orders TABLESAMPLE SYSTEM (10) REPEATABLE (1)'],
    ['SELECT NTH_VALUE(x, 2) FROM FIRST RESPECT NULLS OVER (ORDER BY y) AS c FROM t', 'SELECT nth_value(x, 2) OVER (ORDER BY y) AS c FROM t'],
    ['SELECT SUM(x) OVER (ORDER BY y GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW EXCLUDE CURRENT ROW) FROM t', 'SELECT sum(x) OVER (ORDER BY y GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW EXCLUDE CURRENT ROW) FROM t'],
    ['SELECT a FROM t INTERSECT SELECT a FROM u UNION SELECT b FROM v', '(SELECT a FROM t INTERSECT SELECT a FROM u) UNION SELECT b FROM v'],
    ['SELECT a FROM t UNION ALL SELECT a FROM u ORDER BY 1', 'SELECT a FROM t UNION ALL SELECT a FROM u ORDER BY 1'],
    ['(SELECT a FROM t ORDER BY a FETCH FIRST 1 ROWS ONLY) UNION SELECT b FROM u', '(SELECT a FROM t ORDER BY a FETCH FIRST 1 ROWS ONLY) UNION SELECT b FROM u'],
    ['SELECT a FROM t ORDER BY a DESC NULLS LAST OFFSET 5 ROWS FETCH NEXT 5 ROWS ONLY', 'SELECT a FROM t ORDER BY a DESC NULLS LAST OFFSET 5 ROWS FETCH FIRST 5 ROWS ONLY'],
    ['SELECT a FROM t ORDER BY a FETCH FIRST 3 ROWS WITH TIES', 'SELECT a FROM t ORDER BY a FETCH FIRST 3 ROWS WITH TIES'],
    ['WITH x AS (SELECT 1 a FROM dual) SELECT a FROM x', 'WITH x AS (SELECT 1 AS a) SELECT a FROM x'],
    ['WITH x (n) AS (SELECT 1 FROM dual) SELECT n FROM x', 'WITH x (n) AS (SELECT 1) SELECT n FROM x'],
    ['SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.id = t.id)', 'SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.id = t.id)'],
    ['SELECT a FROM t WHERE a NOT IN (SELECT b FROM u)', 'SELECT a FROM t WHERE a NOT IN (SELECT b FROM u)'],
    ['SELECT a FROM t WHERE a > ALL (SELECT b FROM u)', 'SELECT a FROM t WHERE a > ALL (SELECT b FROM u)'],
    ['SELECT a FROM t WHERE a = ANY (1, 2)', 'SELECT a FROM t WHERE a = ANY (ARRAY[1, 2])'],
    ['SELECT a FROM t WHERE (a, b) IN ((1, 2), (3, 4))', 'SELECT a FROM t WHERE (a, b) IN ((1, 2), (3, 4))'],
    ['SELECT DISTINCT t.* FROM t', 'SELECT DISTINCT t.* FROM t'],
    ['SELECT UNIQUE a FROM t', 'SELECT DISTINCT a FROM t'],
    ['SELECT a "Mixed Name" FROM "Odd Table" o', 'SELECT a AS "Mixed Name" FROM "Odd Table" o'],
    ['SELECT e.x FROM a e NATURAL JOIN b', 'SELECT e.x FROM a e NATURAL JOIN b'],
    ['SELECT x FROM a JOIN b USING (id) LEFT OUTER JOIN c ON c.id = b.id', 'SELECT x FROM a JOIN b USING (id) LEFT JOIN c ON c.id = b.id'],
    ['SELECT x FROM a CROSS JOIN b FULL JOIN c ON c.id = b.id', 'SELECT x FROM a CROSS JOIN b FULL JOIN c ON c.id = b.id'],
    ['SELECT x FROM a CROSS APPLY (SELECT y FROM b WHERE b.id = a.id) v', 'SELECT x FROM a CROSS JOIN LATERAL (SELECT y FROM b WHERE b.id = a.id) v'],
    ['SELECT x FROM a OUTER APPLY (SELECT y FROM b WHERE b.id = a.id) v', 'SELECT x FROM a LEFT JOIN LATERAL (SELECT y FROM b WHERE b.id = a.id) v ON TRUE'],
    ['SELECT v.y FROM (SELECT y FROM b) v', 'SELECT v.y FROM (SELECT y FROM b) v'],
    ["SELECT CASE WHEN a > 1 THEN 'x' WHEN a IS NULL THEN 'n' ELSE 'y' END c FROM t", "SELECT CASE WHEN a > 1 THEN 'x' WHEN a IS NULL THEN 'n' ELSE 'y' END AS c FROM t"],
    ['SELECT CAST(a AS NUMBER(10,2)), CAST(b AS VARCHAR2(20)) FROM t', 'SELECT CAST(a AS numeric(10,2)), CAST(b AS varchar(20)) FROM t'],
    ["SELECT a FROM t WHERE b LIKE 'a\\_%' ESCAPE '\\'", "SELECT a FROM t WHERE b LIKE 'a\\_%' ESCAPE '\\'"],
    ['SELECT -a, NOT (b = 1 OR c = 2) FROM t', 'SELECT -a, NOT (b = 1 OR c = 2) FROM t'],
    ['SELECT a FROM t WHERE (a = 1 OR b = 2) AND c = 3', 'SELECT a FROM t WHERE (a = 1 OR b = 2) AND c = 3'],
    ["SELECT updated_at AT TIME ZONE 'UTC' FROM employees", "SELECT updated_at AT TIME ZONE 'UTC' FROM employees"],
  ])

  it.each([
    ['SELECT a FROM t@remote', /database link/],
    ['SELECT a FROM t PARTITION (p1)', /PARTITION/],
    ['SELECT a FROM t AS OF SCN 5', /flashback/],
    ['SELECT * FROM t PIVOT (SUM(x) FOR y IN (1, 2))', /PIVOT/],
    ['SELECT a FROM t FETCH FIRST 10 PERCENT ROWS ONLY', /PERCENT/],
  ])('rejects %s', (oracle, message) => {
    expect(() => translateQuery({ text: oracle }, testContext())).toThrow(message)
  })

  it.each([
    ['SELECT * FROM persons p WHERE VALUE(p) IS OF TYPE (ONLY employee_t)', 'IS OF TYPE'],
    ['SELECT e.last_name FROM employees e WHERE f(CURSOR(SELECT 1 FROM dual)) > 0', 'CURSOR (subquery)'],
    ['SELECT pkg.f@remote(1) FROM dual', 'database link'],
    ['SELECT a FROM t AS OF TIMESTAMP SYSDATE - 1', 'flashback queries'],
    ['SELECT a FROM t PARTITION (p1)', 'PARTITION (…) table references'],
    ['SELECT a FROM t ORDER BY SUBSTR(c, 1) COLLATE generic_m', 'COLLATE GENERIC_M: an Oracle linguistic collation'],
  ])('refuses valid Oracle it does not translate as an action item, not a syntax error: %s', (oracle, message) => {
    expect(() => translateQuery({ text: oracle }, testContext())).toThrow(UnsupportedConstructError)
    expect(() => translateQuery({ text: oracle }, testContext())).toThrow(message)
  })

  it('refuses MATCH_RECOGNIZE as an action item at its position, having read it to its end', () => {
    const text = 'SELECT *\nFROM ticks MATCH_RECOGNIZE (\n  PARTITION BY sym ORDER BY ts\n  MEASURES FIRST(a.ts) AS s\n  PATTERN (a b+)\n  DEFINE b AS b.price > PREV(b.price)\n) mr'
    let error: unknown
    try {
      translateQuery({ text, at: { file: 'q.sql', line: 3, column: 1 } }, testContext())
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(UnsupportedConstructError)
    expect(error).toMatchObject({ code: 'UNSUPPORTED_CONSTRUCT', message: expect.stringContaining('MATCH_RECOGNIZE'), at: { file: 'q.sql', line: 4, column: 12 } })
    // An unbalanced clause stays a syntax error.
    expect(() => translateQuery({ text: 'SELECT * FROM t MATCH_RECOGNIZE (ORDER BY x' }, testContext())).toThrow(/unbalanced/)
  })

  it('rejects a bind variable in a view query (Oracle does too)', () => {
    expect(() => translateQuery({ text: 'SELECT a FROM t WHERE b = :x' }, testContext())).toThrow(UnsupportedConstructError)
  })
})
