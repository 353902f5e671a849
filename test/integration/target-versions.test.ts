import { beforeAll, describe, expect, it } from 'vitest'
import { supportFunctionSql } from '../../src/convert/sql/support-functions.js'
import { translateDataStatement, translateQuery } from '../../src/convert/sql/translate-sql.js'
import type { TargetDialect } from '../../src/convert/target.js'
import { useDatabase } from '../support/database.js'
import { testContext } from '../unit/convert/sql/context.js'

/**
 * Issue 13: each construct PostgreSQL gained after 14, written for 14 and for 17, and each
 * output run on a server of that version with the same rows as Oracle gives.
 */
const PG14: TargetDialect = { engine: 'postgres', version: 14 }
const PG17: TargetDialect = { engine: 'postgres', version: 17 }

const SETUP = `CREATE TABLE docs (id int, d text);
INSERT INTO docs VALUES (1, '{"a": 1, "tags": ["x", "y"]}'), (2, '{"a": {"b": 2}, "a2": null}'), (3, '{"a": 1, "a": 2}'), (4, 'not json');
CREATE TABLE target_t (id int PRIMARY KEY, v int); INSERT INTO target_t VALUES (1, 1), (2, 2);`

/** [Oracle query, PostgreSQL 14 text, PostgreSQL 17 text, rows Oracle returns]. */
const CASES: ReadonlyArray<readonly [string, string, string, readonly unknown[]]> = [
  [
    'SELECT id FROM docs WHERE d IS JSON ORDER BY id',
    'SELECT id FROM docs WHERE godwit_ora.is_json(d) ORDER BY id',
    'SELECT id FROM docs WHERE d IS JSON ORDER BY id',
    [{ id: 1 }, { id: 2 }, { id: 3 }],
  ],
  [
    'SELECT id FROM docs WHERE d IS JSON STRICT WITH UNIQUE KEYS ORDER BY id',
    'SELECT id FROM docs WHERE godwit_ora.is_json(d, true) ORDER BY id',
    'SELECT id FROM docs WHERE d IS JSON WITH UNIQUE KEYS ORDER BY id',
    [{ id: 1 }, { id: 2 }],
  ],
  [
    "SELECT id, JSON_VALUE(d, '$.a') AS a FROM docs WHERE id < 3 ORDER BY id",
    "SELECT id, godwit_ora.json_value((d)::jsonb, '$.a', '{}'::jsonb) AS a FROM docs WHERE id < 3 ORDER BY id",
    "SELECT id, JSON_VALUE(d, '$.a') AS a FROM docs WHERE id < 3 ORDER BY id",
    [{ id: 1, a: '1' }, { id: 2, a: null }],
  ],
  [
    "SELECT JSON_QUERY(d, '$.tags[*]' WITH WRAPPER) AS t FROM docs WHERE id = 1",
    "SELECT godwit_ora.json_query((d)::jsonb, '$.tags[*]', '{}'::jsonb, 'UNCONDITIONAL') AS t FROM docs WHERE id = 1",
    "SELECT JSON_QUERY(d, '$.tags[*]' WITH WRAPPER) AS t FROM docs WHERE id = 1",
    [{ t: ['x', 'y'] }],
  ],
  [
    "SELECT id FROM docs WHERE id < 4 AND JSON_EXISTS(d, '$.a?(@ == $v)' PASSING 1 AS \"v\") ORDER BY id",
    "SELECT id FROM docs WHERE id < 4 AND coalesce(jsonb_path_exists((d)::jsonb, '$.a?(@ == $v)', jsonb_build_object('v', 1), true), false) ORDER BY id",
    "SELECT id FROM docs WHERE id < 4 AND JSON_EXISTS(d, '$.a?(@ == $v)' PASSING 1 AS \"v\") ORDER BY id",
    [{ id: 1 }],
  ],
  [
    "SELECT JSON_OBJECT('id' VALUE id, 'n' VALUE NULL ABSENT ON NULL) AS o FROM docs WHERE id = 1",
    "SELECT (SELECT coalesce(json_object_agg(m.key, m.value), '{}'::json) FROM json_each(json_build_object('id', id, 'n', NULL)) AS m WHERE json_typeof(m.value) <> 'null') AS o FROM docs WHERE id = 1",
    "SELECT JSON_OBJECT('id' VALUE id, 'n' VALUE NULL ABSENT ON NULL) AS o FROM docs WHERE id = 1",
    [{ o: { id: 1 } }],
  ],
  [
    'SELECT JSON_ARRAYAGG(id ORDER BY id DESC) AS a FROM docs',
    'SELECT json_agg(id ORDER BY id DESC) FILTER (WHERE id IS NOT NULL) AS a FROM docs',
    'SELECT JSON_ARRAYAGG(id ORDER BY id DESC) AS a FROM docs',
    [{ a: [4, 3, 2, 1] }],
  ],
  [
    "SELECT j.tag FROM docs, JSON_TABLE(docs.d, '$.tags[*]' COLUMNS (tag VARCHAR2(10) PATH '$')) j WHERE docs.id = 1 ORDER BY 1",
    "SELECT j.tag FROM docs, LATERAL (SELECT godwit_ora.json_value(level_0.item, '$', '{}'::jsonb)::varchar(10) AS tag FROM jsonb_path_query((docs.d)::jsonb, '$.tags[*]', '{}'::jsonb, true) WITH ORDINALITY AS level_0(item, ordinal)) j WHERE docs.id = 1 ORDER BY 1",
    "SELECT j.tag FROM docs, JSON_TABLE(docs.d, '$.tags[*]' COLUMNS (tag varchar(10) PATH '$')) j WHERE docs.id = 1 ORDER BY 1",
    [{ tag: 'x' }, { tag: 'y' }],
  ],
  [
    "SELECT id FROM docs WHERE REGEXP_LIKE(d, '^\\{\"A', 'i') ORDER BY id",
    "SELECT id FROM docs WHERE godwit_ora.regexp_like(d, '^\\{\"A', 'ip') ORDER BY id",
    "SELECT id FROM docs WHERE regexp_like(d, '^\\{\"A', 'ip') ORDER BY id",
    [{ id: 1 }, { id: 2 }, { id: 3 }],
  ],
  [
    "SELECT REGEXP_COUNT(d, 'a') AS n, REGEXP_SUBSTR(d, '[a-z]+', 1, 2) AS w FROM docs WHERE id = 4",
    "SELECT godwit_ora.regexp_count(d, 'a', 1, 'p') AS n, godwit_ora.regexp_substr(d, '[a-z]+', 1, 2, 'p') AS w FROM docs WHERE id = 4",
    "SELECT regexp_count(d, 'a', 1, 'p') AS n, regexp_substr(d, '[a-z]+', 1, 2, 'p') AS w FROM docs WHERE id = 4",
    [{ n: 0, w: 'json' }],
  ],
  [
    "SELECT REGEXP_REPLACE(d, 'o', '0') AS r FROM docs WHERE id = 4",
    "SELECT regexp_replace(d, 'o', '0', 'pg') AS r FROM docs WHERE id = 4",
    "SELECT regexp_replace(d, 'o', '0', 1, 0, 'p') AS r FROM docs WHERE id = 4",
    [{ r: 'n0t js0n' }],
  ],
  [
    'SELECT ANY_VALUE(id) AS v FROM docs WHERE id = 2',
    'SELECT min(id) AS v FROM docs WHERE id = 2',
    'SELECT any_value(id) AS v FROM docs WHERE id = 2',
    [{ v: 2 }],
  ],
  [
    'SELECT id FROM (SELECT id FROM docs ORDER BY id DESC) WHERE ROWNUM <= 1',
    'SELECT id FROM (SELECT id FROM docs ORDER BY id DESC) subquery_1 FETCH FIRST 1 ROWS ONLY',
    'SELECT id FROM (SELECT id FROM docs ORDER BY id DESC) subquery_1 FETCH FIRST 1 ROWS ONLY',
    [{ id: 4 }],
  ],
]

describe.each([
  [14, PG14],
  [17, PG17],
] as const)('constructs gated by version, written for and run on PostgreSQL %i', (major, target) => {
  const db = useDatabase(`target_versions_${major}`, major)
  beforeAll(async () => {
    await db.client.query(SETUP)
  })

  it.each(CASES)('%s', async (oracle, for14, for17, rows) => {
    const ctx = testContext(target)
    const sql = translateQuery({ text: oracle }, ctx)
    expect(sql).toBe(major === 14 ? for14 : for17)
    for (const s of supportFunctionSql(ctx.support)) await db.client.query(s)
    expect((await db.client.query(sql)).rows).toEqual(rows)
  })

  it('MERGE: data-modifying CTEs for 14, MERGE for 17, the same rows', async () => {
    const merge = 'MERGE INTO target_t t USING (SELECT 2 AS id, 20 AS v FROM dual UNION ALL SELECT 3, 30 FROM dual) s ON (t.id = s.id) WHEN MATCHED THEN UPDATE SET t.v = s.v WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, s.v)'
    await db.client.query('BEGIN')
    try {
      for (const s of translateDataStatement({ text: merge }, testContext(target))) await db.client.query(s)
      expect((await db.client.query('SELECT id, v FROM target_t ORDER BY id')).rows).toEqual([{ id: 1, v: 1 }, { id: 2, v: 20 }, { id: 3, v: 30 }])
    } finally {
      await db.client.query('ROLLBACK')
    }
  })
})
