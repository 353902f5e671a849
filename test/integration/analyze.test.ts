import { describe, expect, it } from 'vitest'
import { convertToPostgres, OUTPUT_FILES, renderOutputFile } from '../../src/convert/convert.js'
import { useDatabase } from '../support/database.js'
import { readDdl } from '../unit/engines/oracle/ddl-script.js'

/**
 * Oracle ANALYZE statements converted and run on PostgreSQL 14 and 17: statistics gathering
 * becomes ANALYZE of the table (of the partition's table for PARTITION (p)); VALIDATE STRUCTURE
 * becomes amcheck's checks; every other form writes nothing and an info finding says why.
 */
const SCRIPT = `CREATE TABLE sales (id NUMBER, amount NUMBER, sold DATE)
  PARTITION BY RANGE (sold) (PARTITION q1 VALUES LESS THAN (DATE '2020-04-01'), PARTITION later VALUES LESS THAN (MAXVALUE));
CREATE TABLE notes (id NUMBER, body VARCHAR2(100));
CREATE INDEX notes_ix ON notes (body);
${Array.from({ length: 20 }, (_, i) => `INSERT INTO sales VALUES (${i}, ${i * 10}, DATE '2020-01-01' + ${i * 9});\nINSERT INTO notes VALUES (${i}, 'note ${i}');\n`).join('')}ANALYZE TABLE sales PARTITION (q1) COMPUTE STATISTICS;
ANALYZE INDEX notes_ix COMPUTE STATISTICS;
ANALYZE TABLE sales VALIDATE STRUCTURE CASCADE;
ANALYZE TABLE notes VALIDATE STRUCTURE CASCADE FAST OFFLINE;
ANALYZE INDEX notes_ix VALIDATE STRUCTURE;
ANALYZE TABLE notes LIST CHAINED ROWS INTO chained_rows;
ANALYZE TABLE notes DELETE STATISTICS;
ANALYZE CLUSTER emp_dept COMPUTE STATISTICS;
`

describe.each([14, 17] as const)('ANALYZE converted and run on PostgreSQL %i', (major) => {
  const db = useDatabase(`analyze_${major}`, major)

  it('analyzes the partition and the indexed table, checks structure with amcheck, and says why the rest writes nothing', async () => {
    const result = convertToPostgres(readDdl(SCRIPT), { targetSchema: 'app', target: { engine: 'postgres', version: major } })
    expect(result.statements.filter((s) => s.sql.startsWith('ANALYZE')).map((s) => s.sql)).toEqual(['ANALYZE sales_q1', 'ANALYZE notes'])
    const checks = result.statements.filter((s) => /verify_heapam|bt_index_check/.test(s.sql)).map((s) => s.sql)
    expect(checks).toHaveLength(3)
    expect(checks[0]).toContain("pg_partition_tree('sales'::regclass)")
    expect(checks[0]).toContain('bt_index_check(i.indexrelid, true)')
    expect(checks[1]).toContain('bt_index_check(i.indexrelid, false)')
    expect(checks[2]).toBe("SELECT public.bt_index_check('notes_ix'::regclass, true)")
    expect(result.findings.filter((f) => f.code.startsWith('ANALYZE_')).map((f) => [f.code, f.severity])).toEqual([
      ['ANALYZE_INDEX', 'info'],
      ['ANALYZE_VALIDATE', 'info'],
      ['ANALYZE_CHAINED_ROWS', 'info'],
      ['ANALYZE_DELETE_STATISTICS', 'info'],
      ['ANALYZE_CLUSTER', 'info'],
    ])
    expect(result.findings.filter((f) => f.severity === 'action')).toEqual([])
    for (const { phase } of OUTPUT_FILES) await db.client.query(renderOutputFile(result, phase))
    // The checks ran on every partition: amcheck is there, and a damaged heap would have raised.
    expect((await db.client.query("SELECT extname FROM pg_extension WHERE extname = 'amcheck'")).rows).toEqual([{ extname: 'amcheck' }])
    // pg_statistic is written by ANALYZE itself (pg_stat_user_tables lags on 14's stats collector).
    const analyzed = await db.client.query("SELECT tablename, count(*)::int AS columns FROM pg_stats WHERE schemaname = 'app' GROUP BY tablename ORDER BY tablename")
    expect(analyzed.rows).toEqual([
      { tablename: 'notes', columns: 2 },
      { tablename: 'sales_q1', columns: 3 },
    ])
  })
})
