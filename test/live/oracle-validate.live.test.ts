import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectOracle, type OracleSession } from '../../src/engines/oracle/oracle-connection.js'
import { runValidation } from '../../src/validate/run-validation.js'
import { freshDatabase } from '../support/database.js'

/**
 * Oracle → PostgreSQL validation on a live Oracle: the STANDARD_HASH checksums must equal
 * PostgreSQL's md5 ones for the same rows, Oracle's traps included ('' is NULL, .71, DATE with
 * time, CHAR padding, TIMESTAMP WITH TIME ZONE as an instant, RAW as hex). Runs only with
 * ORACLE_URL=oracle://user:pass@host:1521/service (a user that may create a table in its schema).
 */
const url = process.env.ORACLE_URL
const TABLE = 'GODWIT_VALIDATE_LIVE'

describe.skipIf(!url)(url ? 'Oracle validation against ORACLE_URL' : 'Oracle validation: skipped, set ORACLE_URL=oracle://user:pass@host:1521/service to run', () => {
  let oracle: OracleSession
  let target: { url: string; drop: () => Promise<void> }
  let schema: string

  beforeAll(async () => {
    oracle = await connectOracle(url!)
    schema = (await oracle.query<{ S: string }>("SELECT SYS_CONTEXT('USERENV', 'CURRENT_SCHEMA') AS S FROM DUAL"))[0]!.S
    await oracle.query(`BEGIN EXECUTE IMMEDIATE 'DROP TABLE ${TABLE} PURGE'; EXCEPTION WHEN OTHERS THEN NULL; END;`)
    await oracle.query(`CREATE TABLE ${TABLE} (ID NUMBER(10) PRIMARY KEY, NOTE VARCHAR2(40), CODE CHAR(5), AMOUNT NUMBER, PRICE NUMBER(12,2),
      SEEN DATE, AT_TZ TIMESTAMP(6) WITH TIME ZONE, RAW_ID RAW(4))`)
    const rows = [
      `1, 'plain', 'ab', 0.71, 1.5, TIMESTAMP '2024-01-02 03:04:05', TIMESTAMP '2024-01-02 03:04:05.5 +02:00', HEXTORAW('00FF')`,
      `2, NULL, NULL, NULL, NULL, NULL, NULL, NULL`,
      `3, 'tab' || CHR(9) || 'and \\ back', 'x', -12345678901234567890.125, 100, DATE '2000-02-29', TIMESTAMP '1999-12-31 23:59:59.999999 -05:30', HEXTORAW('0A')`,
    ]
    for (const r of rows) await oracle.query(`INSERT INTO ${TABLE} VALUES (${r})`)
    await oracle.query('COMMIT')
    target = await freshDatabase('vora')
    const c = new pg.Client({ connectionString: target.url })
    await c.connect()
    try {
      await c.query(`CREATE SCHEMA ${schema.toLowerCase()}; SET search_path = ${schema.toLowerCase()};
        CREATE TABLE ${TABLE.toLowerCase()} (id int PRIMARY KEY, note varchar(40), code char(5), amount numeric, price numeric(12,2),
          seen timestamp(0), at_tz timestamptz, raw_id bytea);
        INSERT INTO ${TABLE.toLowerCase()} VALUES
          (1, 'plain', 'ab', 0.71, 1.50, '2024-01-02 03:04:05', '2024-01-02 01:04:05.5+00', '\\x00ff'),
          (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
          (3, E'tab\\tand \\\\ back', 'x', -12345678901234567890.125, 100.00, '2000-02-29 00:00:00', '2000-01-01 05:29:59.999999+00', '\\x0a');`)
    } finally {
      await c.end()
    }
  }, 600_000)

  afterAll(async () => {
    await oracle?.query(`DROP TABLE ${TABLE} PURGE`).catch(() => undefined)
    await oracle?.close()
    await target?.drop()
  })

  it('equal rows give equal checksums on Oracle (STANDARD_HASH) and PostgreSQL (md5)', async () => {
    const r = await runValidation({ sourceUrl: url!, targetUrl: target.url, tables: [`${schema}.${TABLE}`], jobs: 2 })
    expect(r.tables[0]).toMatchObject({ status: 'PASS', sourceRows: 3, targetRows: 3, differenceCount: 0 })
    expect(r.source.position).toMatch(/^\d+$/)
  })

  it('pushdown and client-side hashing agree on Oracle', async () => {
    const r = await runValidation({ sourceUrl: url!, targetUrl: target.url, tables: [`${schema}.${TABLE}`], clientHash: 'source' })
    expect(r.tables[0]!.status).toBe('PASS')
  })

  it('a changed value on the target is found by key with both canonical values', async () => {
    const c = new pg.Client({ connectionString: target.url })
    await c.connect()
    await c.query(`UPDATE ${schema.toLowerCase()}.${TABLE.toLowerCase()} SET amount = 0.72 WHERE id = 1`)
    await c.end()
    const r = await runValidation({ sourceUrl: url!, targetUrl: target.url, tables: [`${schema}.${TABLE}`] })
    expect(r.tables[0]!.differences).toEqual([{ kind: 'changed', key: { ID: '1' }, columns: ['AMOUNT'], changes: [{ column: 'AMOUNT', source: '0.71', target: '0.72' }] }])
  })
})
