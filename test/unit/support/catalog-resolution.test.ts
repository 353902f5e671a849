import { describe, expect, it } from 'vitest'
import { unresolvedReferences, type TargetCatalog } from '../../support/catalog-resolution.js'

/** The catalog check itself, on a hand-made catalog: it must find what is missing. */
const catalog = (version: number): TargetCatalog => ({
  version,
  functions: new Map([
    ['abs', [{ min: 1, max: 1 }]],
    ['pg_catalog.abs', [{ min: 1, max: 1 }]],
    ['coalesce_like', [{ min: 1, max: Infinity }]],
    ['percentile_cont', [{ min: 2, max: 2 }]],
  ]),
  operators: new Set(['=', '+', '~']),
  relations: new Set(['t', 'hr.t']),
})

describe('catalog-resolution check', () => {
  it.each([
    ['SELECT abs(1)', 14, []],
    ['SELECT dbms_random.value(1, 2)', 14, ['function dbms_random.value']],
    ['SELECT abs(1, 2)', 14, ['function abs with 2 argument(s)']],
    ['SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM t', 14, []],
    ["SELECT a ~* 'x' FROM t", 14, ['operator ~*']],
    ['SELECT * FROM (SELECT 1) ', 14, ['syntax a subquery in FROM without an alias (PostgreSQL 16)']],
    ['SELECT * FROM (SELECT 1)', 16, []],
    ['SELECT x IS JSON FROM t', 15, ['syntax IS JSON (PostgreSQL 16)']],
    ['MERGE INTO t USING t s ON true WHEN MATCHED THEN DELETE', 14, ['syntax MERGE (PostgreSQL 15)']],
    ["SELECT JSON_VALUE(d, '$.a') FROM t", 16, ['syntax JSON_VALUE/JSON_QUERY/JSON_EXISTS (PostgreSQL 17)']],
    ['SELECT * FROM u', 14, ['relation u']],
    ['WITH u AS (SELECT 1) SELECT * FROM u', 14, []],
    [
      'CREATE FUNCTION f(p int) RETURNS int LANGUAGE plpgsql AS $$ DECLARE v int := abs(p); BEGIN v := nvl(v, 0); IF utl_x.y(v) THEN RETURN v; END IF; SELECT abs(v) INTO v FROM t; RETURN v; END $$',
      14,
      ['function nvl', 'function utl_x.y'],
    ],
  ] as const)('%s on %i', (sql, version, expected) => {
    expect(unresolvedReferences(sql, catalog(version), { checkRelations: true })).toEqual(expected)
  })
})
