import { describe, expect, it } from 'vitest'
import { convertToPostgres, OUTPUT_FILES, renderOutputFile } from '../../src/convert/convert.js'
import { useDatabase } from '../support/database.js'
import { readDdl } from '../unit/engines/oracle/ddl-script.js'

/**
 * CREATE TABLE … AS SELECT in its three kinds, converted and run in script order on PostgreSQL
 * 14 and 17: a table filled from the query, a global temporary table's empty definition, a
 * private temporary table of the session.
 */
const SCRIPT = `CREATE TABLE orders (id NUMBER PRIMARY KEY, amount NUMBER(10,2), note VARCHAR2(20));
INSERT INTO orders VALUES (1, 10, 'a');
INSERT INTO orders VALUES (2, NULL, '');
INSERT INTO orders VALUES (3, 30, 'c');
CREATE TABLE big_orders (order_id, amount) NOLOGGING AS SELECT id, NVL(amount, 0) FROM orders WHERE NVL(amount, 0) < 25;
INSERT INTO big_orders VALUES (9, 90);
CREATE GLOBAL TEMPORARY TABLE orders_gtt ON COMMIT PRESERVE ROWS AS SELECT * FROM orders;
CREATE PRIVATE TEMPORARY TABLE ora$ptt_orders ON COMMIT PRESERVE DEFINITION AS SELECT id FROM orders WHERE note IS NULL;
CREATE TABLE by_hash PARTITION BY HASH (id) PARTITIONS 2 AS SELECT * FROM orders;
`

describe.each([14, 17] as const)('CREATE TABLE … AS SELECT converted and run on PostgreSQL %i', (major) => {
  const db = useDatabase(`ctas_${major}`, major)

  it('creates each table where the script does, from the translated query', async () => {
    const result = convertToPostgres(readDdl(SCRIPT), { targetSchema: 'app', target: { engine: 'postgres', version: major } })
    expect(result.findings.map((f) => [f.code, f.severity])).toEqual([
      ['GLOBAL_TEMPORARY_TABLE', 'warning'],
      ['PRIVATE_TEMPORARY_TABLE', 'info'],
      ['CREATE_TABLE_AS_SELECT', 'action'],
    ])
    for (const { phase } of OUTPUT_FILES) await db.client.query(renderOutputFile(result, phase))
    const rows = async (sql: string) => (await db.client.query(sql)).rows
    expect(await rows('SELECT order_id, amount FROM app.big_orders ORDER BY order_id')).toEqual([
      { order_id: '1', amount: '10.00' },
      { order_id: '2', amount: '0' },
      { order_id: '9', amount: '90' },
    ])
    expect(await rows('SELECT count(*)::int AS n FROM app.orders_gtt')).toEqual([{ n: 0 }])
    expect(await rows("SELECT string_agg(attname, ',' ORDER BY attnum) AS cols FROM pg_attribute WHERE attrelid = 'app.orders_gtt'::regclass AND attnum > 0")).toEqual([{ cols: 'id,amount,note' }])
    // Oracle's '' is NULL: the row inserted with '' is the one the private table keeps.
    expect(await rows('SELECT id FROM "ora$ptt_orders"')).toEqual([{ id: '2' }])
    expect(await rows("SELECT relpersistence FROM pg_class WHERE relname = 'ora$ptt_orders'")).toEqual([{ relpersistence: 't' }])
  })
})
