import { describe, expect, it } from 'vitest'
import { convertToPostgres, OUTPUT_FILES, renderOutputFile } from '../../src/convert/convert.js'
import { useDatabase } from '../support/database.js'
import { readDdl } from '../unit/engines/oracle/ddl-script.js'

/**
 * DML on a partition (`t PARTITION (p)`) and ALTER TABLE … TRUNCATE PARTITION write the
 * partition's own table, run in script order on PostgreSQL 14 and 17: the rows Oracle's
 * statements leave. DML error logging is an action item, not a
 * syntax error.
 */
const SCRIPT = `CREATE TABLE sales (id NUMBER, region VARCHAR2(2))
  PARTITION BY LIST (region) (PARTITION east VALUES ('NY', 'NJ'), PARTITION west VALUES ('CA'));
INSERT INTO sales VALUES (1, 'NY');
INSERT INTO sales PARTITION (west) VALUES (2, 'CA');
INSERT INTO sales VALUES (3, 'NJ');
UPDATE sales PARTITION (east) s SET s.id = s.id * 10 WHERE s.region = 'NJ';
DELETE FROM sales PARTITION (east) WHERE id = 1;
INSERT INTO sales VALUES (5, 'CA');
ALTER TABLE sales TRUNCATE PARTITION west;
INSERT INTO sales VALUES (6, 'CA');
INSERT INTO sales VALUES (4, 'CA') LOG ERRORS INTO err$_sales REJECT LIMIT UNLIMITED;
DELETE FROM sales PARTITION FOR ('CA');
`

describe.each([14, 17] as const)('DML on a partition, run on PostgreSQL %i', (major) => {
  const db = useDatabase(`partition_dml_${major}`, major)

  it('writes the partition\'s own table', async () => {
    const result = convertToPostgres(readDdl(SCRIPT), { targetSchema: 'app', target: { engine: 'postgres', version: major } })
    expect(result.statements.filter((s) => s.phase === 'data' && !s.sql.startsWith('--')).map((s) => s.sql)).toEqual([
      "INSERT INTO sales VALUES (1, 'NY')",
      "INSERT INTO sales_west VALUES (2, 'CA')",
      "INSERT INTO sales VALUES (3, 'NJ')",
      "UPDATE sales_east s SET id = s.id * 10 WHERE s.region = 'NJ'",
      'DELETE FROM sales_east WHERE id = 1',
      "INSERT INTO sales VALUES (5, 'CA')",
      'TRUNCATE TABLE sales_west',
      "INSERT INTO sales VALUES (6, 'CA')",
    ])
    expect(result.findings.filter((f) => f.severity === 'action').map((f) => f.code)).toEqual(['DML_ERROR_LOGGING', 'PARTITION_REFERENCE'])
    for (const { phase } of OUTPUT_FILES) await db.client.query(renderOutputFile(result, phase))
    const rows = await db.client.query('SELECT id::int, region FROM app.sales ORDER BY id')
    expect(rows.rows).toEqual([
      { id: 6, region: 'CA' },
      { id: 30, region: 'NJ' },
    ])
  })
})
