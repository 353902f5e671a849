import { describe, expect, it } from 'vitest'
import { convertToPostgres, OUTPUT_FILES, renderOutputFile } from '../../src/convert/convert.js'
import { translateDataStatement } from '../../src/convert/sql/translate-sql.js'
import type { TargetDialect } from '../../src/convert/target.js'
import { useDatabase, type TestDatabase } from '../support/database.js'
import { testContext } from '../unit/convert/sql/context.js'
import { readDdl } from '../unit/engines/oracle/ddl-script.js'

/**
 * MERGE written for PostgreSQL 14 (data-modifying CTEs) and for 17 (MERGE), each run on a server
 * of that version over the same rows: both leave the rows Oracle's MERGE leaves.
 */
const SETUP = `CREATE TABLE tgt (id int PRIMARY KEY, v int, note text);
INSERT INTO tgt VALUES (1, 1, 'a'), (2, 2, 'b'), (3, 3, 'c'), (5, 5, 'e');
CREATE TABLE src (id int, v int);
INSERT INTO src VALUES (1, 10), (2, 20), (4, 40), (5, NULL), (6, -6)`

/** [Oracle MERGE, rows of tgt afterwards as Oracle leaves them]. */
const CASES: ReadonlyArray<readonly [string, readonly string[]]> = [
  [
    'MERGE INTO tgt t USING src s ON (t.id = s.id) WHEN MATCHED THEN UPDATE SET t.v = s.v WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, s.v)',
    ['1 10 a', '2 20 b', '3 3 c', '4 40 -', '5 - e', '6 -6 -'],
  ],
  [
    // UPDATE … WHERE skips matched rows (5: NULL is not > 0); INSERT … WHERE skips source rows (6).
    "MERGE INTO tgt t USING (SELECT id, v FROM src) s ON (t.id = s.id) WHEN MATCHED THEN UPDATE SET t.v = s.v, t.note = 'u' WHERE s.v > 0 WHEN NOT MATCHED THEN INSERT (id, v, note) VALUES (s.id, s.v, 'i') WHERE s.v > 0",
    ['1 10 u', '2 20 u', '3 3 c', '4 40 i', '5 5 e'],
  ],
  [
    // DELETE WHERE sees the updated value: row 2 becomes 20 and goes; unmatched row 3 stays.
    'MERGE INTO tgt t USING src s ON (t.id = s.id) WHEN MATCHED THEN UPDATE SET t.v = s.v DELETE WHERE t.v > 15',
    ['1 10 a', '3 3 c', '5 - e'],
  ],
  [
    // Only rows the UPDATE's WHERE lets through can be deleted.
    'MERGE INTO tgt t USING src s ON (t.id = s.id) WHEN MATCHED THEN UPDATE SET t.v = s.v WHERE s.v < 15 DELETE WHERE t.v > 5',
    ['2 2 b', '3 3 c', '5 5 e'],
  ],
  [
    'MERGE INTO tgt USING src ON (tgt.id = src.id) WHEN NOT MATCHED THEN INSERT VALUES (src.id, src.v, NULL)',
    ['1 1 a', '2 2 b', '3 3 c', '4 40 -', '5 5 e', '6 -6 -'],
  ],
  [
    'MERGE INTO tgt t USING (SELECT 3 AS id FROM dual) s ON (t.id = s.id OR t.id = 1) WHEN MATCHED THEN UPDATE SET t.note = NULL',
    ['1 1 -', '2 2 b', '3 3 -', '5 5 e'],
  ],
]

async function rowsAfter(db: TestDatabase, sqls: readonly string[]): Promise<string[]> {
  await db.client.query('BEGIN')
  try {
    await db.client.query(SETUP)
    for (const sql of sqls) await db.client.query(sql)
    const r = await db.client.query('SELECT id, v, note FROM tgt ORDER BY id')
    return r.rows.map((row) => [row.id, row.v ?? '-', row.note ?? '-'].join(' '))
  } finally {
    await db.client.query('ROLLBACK')
  }
}

describe.each([14, 17] as const)('MERGE written for and run on PostgreSQL %i', (major) => {
  const target: TargetDialect = { engine: 'postgres', version: major }
  const db = useDatabase(`merge_${major}`, major)

  it.each(CASES)('%s', async (oracle, rows) => {
    const ctx = testContext(target)
    const sqls = translateDataStatement({ text: oracle }, ctx)
    expect(sqls.join(';')).toMatch(major === 14 ? /^(WITH|UPDATE|INSERT)\b/ : /^MERGE\b/)
    expect(ctx.findings.map((f) => f.code)).toEqual(major === 14 ? ['MERGE_AS_CTE'] : [])
    expect(await rowsAfter(db, sqls)).toEqual(rows)
  })

  it('MERGE inside a procedure upserts as Oracle does', async () => {
    const script = `CREATE TABLE kv (k NUMBER PRIMARY KEY, v VARCHAR2(10));
CREATE OR REPLACE PROCEDURE put (p_k NUMBER, p_v VARCHAR2) AS
BEGIN
  MERGE INTO kv USING (SELECT p_k AS k, p_v AS v FROM dual) s ON (kv.k = s.k)
  WHEN MATCHED THEN UPDATE SET kv.v = s.v
  WHEN NOT MATCHED THEN INSERT (k, v) VALUES (s.k, s.v);
END;
/
CALL put(1, 'a');
CALL put(2, 'b');
CALL put(1, 'c');
`
    const result = convertToPostgres(readDdl(script), { targetSchema: `plsql_merge_${major}`, target })
    expect(result.findings.filter((f) => f.severity !== 'info').map((f) => f.code)).toEqual(major === 14 ? ['MERGE_AS_CTE'] : [])
    for (const { phase } of OUTPUT_FILES) await db.client.query(renderOutputFile(result, phase))
    expect((await db.client.query(`SELECT k::int, v FROM plsql_merge_${major}.kv ORDER BY k`)).rows).toEqual([
      { k: 1, v: 'c' },
      { k: 2, v: 'b' },
    ])
  })

  it.runIf(major === 17)('the PostgreSQL 14 form gives the same rows on 17 as MERGE does', async () => {
    for (const [oracle] of CASES) {
      const before15 = translateDataStatement({ text: oracle }, testContext({ engine: 'postgres', version: 14 }))
      const merge = translateDataStatement({ text: oracle }, testContext(target))
      expect(await rowsAfter(db, before15)).toEqual(await rowsAfter(db, merge))
    }
  })
})
