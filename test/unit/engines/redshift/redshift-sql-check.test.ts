import { describe, expect, it } from 'vitest'
import { parseTargetVersion, supports, targetName, needsNewerTarget } from '../../../../src/convert/target.js'
import { redshiftGap, toRedshiftSql } from '../../../../src/engines/redshift/redshift-sql-check.js'

describe('PostgreSQL output narrowed to Redshift', () => {
  it('respells what Redshift says differently, never inside string literals or comments', () => {
    expect(toRedshiftSql("SELECT statement_timestamp()::timestamp(0), 'statement_timestamp()' FROM t FETCH FIRST 5 ROWS ONLY", 'q')).toBe(
      "SELECT date_trunc('second', getdate()), 'statement_timestamp()' FROM t LIMIT 5",
    )
    expect(toRedshiftSql('SELECT x::timestamptz(3) -- FETCH FIRST 1 ROW ONLY', 'q')).toBe('SELECT x::timestamptz -- FETCH FIRST 1 ROW ONLY')
  })

  it.each([
    ["SELECT doc::jsonb -> 'a' FROM t", 'jsonb'],
    ["SELECT 1 WHERE '{}' IS JSON", 'IS JSON'],
    ['SELECT * FROM t, LATERAL (SELECT 1) s', 'LATERAL'],
    ['SELECT unnest(ARRAY[1, 2])', 'arrays'],
    ["SELECT nextval('s')", 'sequences'],
    ["SELECT string_agg(name, ', ' ORDER BY id) FROM t", 'LISTAGG'],
    ['SELECT (c.address).city FROM customers c', 'composite field selection'],
    ["SELECT convert_to('x', 'UTF8')", 'TO_VARBYTE'],
    ['WITH RECURSIVE h AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM h WHERE n < 3) SELECT n FROM h', 'without a column list'],
    ['MERGE INTO t USING s ON t.id = s.id WHEN MATCHED AND s.x > 0 THEN UPDATE SET x = s.x', 'MERGE with a condition'],
    ['MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET x = 1 WHEN MATCHED THEN DELETE', 'more than one WHEN MATCHED'],
  ])('refuses %s', (sql, gap) => {
    expect(redshiftGap(sql)).toContain(gap)
    expect(() => toRedshiftSql(sql, 'the query')).toThrow(/which Amazon Redshift does not have/)
  })

  it('lets a construct through when it is only in a literal', () => {
    expect(redshiftGap("SELECT 'x IS JSON', 'nextval(1)' FROM t")).toBeUndefined()
    expect(redshiftGap('WITH RECURSIVE h (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM h WHERE n < 3) SELECT n FROM h')).toBeUndefined()
    expect(redshiftGap('MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET x = s.x WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.x)')).toBeUndefined()
  })
})

describe('Redshift as a target dialect', () => {
  it('takes the cluster build as its version, defaulting to the oldest godwit writes for', () => {
    expect(parseTargetVersion(undefined, 'redshift')).toEqual({ engine: 'redshift', version: 72982 })
    expect(parseTargetVersion('1.0.121010', 'redshift')).toEqual({ engine: 'redshift', version: 121010 })
    expect(parseTargetVersion(100000, 'redshift').version).toBe(100000)
    expect(() => parseTargetVersion('1.0.50000', 'redshift')).toThrow(/not a Redshift cluster build godwit writes for/)
    expect(() => parseTargetVersion(17, 'redshift')).toThrow(/not a Redshift cluster build/)
    expect(parseTargetVersion(17)).toEqual({ engine: 'postgres', version: 17 })
  })

  it('has the features Redshift has, and none of the SQL/JSON ones', () => {
    const rs = parseTargetVersion(undefined, 'redshift')
    expect(supports(rs, 'merge')).toBe(true)
    expect(supports(rs, 'anyValue')).toBe(true)
    for (const f of ['isJsonPredicate', 'sqlJsonConstructors', 'sqlJsonQueryFunctions', 'jsonTable', 'regexpFunctions', 'inputIsValid'] as const) expect(supports(rs, f)).toBe(false)
    expect(targetName(rs)).toBe('Amazon Redshift')
    expect(needsNewerTarget('JSON_TABLE', 'jsonTable', rs).message).toBe('JSON_TABLE has no equivalent on Amazon Redshift')
  })
})
