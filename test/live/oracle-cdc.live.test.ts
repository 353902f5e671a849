import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCdc } from '../../src/cdc/run-cdc.js'
import { connectOracle, type OracleSession } from '../../src/engines/oracle/oracle-connection.js'
import { runLoad } from '../../src/load/run-load.js'
import { freshDatabase } from '../support/database.js'

/**
 * `godwit cdc` from a real Oracle into PostgreSQL: a transaction open while the load reads is
 * committed afterwards and still arrives whole (the load's low watermark); changes after the load
 * are applied; a second run applies nothing twice. Needs ORACLE_URL for a user with the
 * privileges in docs/cdc.md ("Oracle (LogMiner)"), plus SELECT on V_$TRANSACTION and CREATE TABLE.
 */
const url = process.env.ORACLE_URL
const TABLE = 'GODWIT_CDC_LIVE'

describe.skipIf(!url)(`godwit cdc from Oracle${url ? '' : ' (skipped: set ORACLE_URL=oracle://user:pass@host:1521/service to run)'}`, () => {
  let ora: OracleSession
  let open: OracleSession
  let target: { url: string; drop: () => Promise<void> }
  let schema: string
  const rows = async () => {
    const c = new pg.Client({ connectionString: target.url })
    await c.connect()
    try {
      return (await c.query(`SELECT id, name, amount::text FROM ${schema.toLowerCase()}.${TABLE.toLowerCase()} ORDER BY id`)).rows as { id: number; name: string; amount: string }[]
    } finally {
      await c.end()
    }
  }

  beforeAll(async () => {
    ora = await connectOracle(url!)
    open = await connectOracle(url!)
    await ora.query(`BEGIN EXECUTE IMMEDIATE 'DROP TABLE ${TABLE} PURGE'; EXCEPTION WHEN OTHERS THEN NULL; END;`)
    await ora.query(`CREATE TABLE ${TABLE} (ID NUMBER(10) PRIMARY KEY, NAME VARCHAR2(30), AMOUNT NUMBER(12,2))`)
    await ora.query(`ALTER TABLE ${TABLE} ADD SUPPLEMENTAL LOG DATA (PRIMARY KEY) COLUMNS`)
    await ora.query(`INSERT INTO ${TABLE} SELECT LEVEL, 'n' || LEVEL, LEVEL FROM dual CONNECT BY LEVEL <= 100`)
    await ora.query('COMMIT')
    schema = (await ora.query<{ U: string }>('SELECT USER AS U FROM dual'))[0]!.U
    target = await freshDatabase('godwit_ora_cdc')
    const c = new pg.Client({ connectionString: target.url })
    await c.connect()
    await c.query(`CREATE SCHEMA ${schema.toLowerCase()}; CREATE TABLE ${schema.toLowerCase()}.${TABLE.toLowerCase()} (id integer PRIMARY KEY, name varchar(30), amount numeric(12,2))`)
    await c.end()
  })
  afterAll(async () => {
    await open?.query('ROLLBACK').catch(() => undefined)
    await open?.close()
    await ora?.query(`DROP TABLE ${TABLE} PURGE`).catch(() => undefined)
    await ora?.close()
    await target?.drop()
  })

  it('continues the load exactly, including a transaction open while it read, and a restart applies nothing twice', async () => {
    await open.query(`INSERT INTO ${TABLE} VALUES (500, 'open across the load', 5)`)
    const load = await runLoad({ sourceUrl: url!, targetUrl: target.url, tables: [`*.${TABLE}`], jobs: 1 })
    expect(load.position.oldestOpenScn, 'the load records the oldest open transaction (needs SELECT on V_$TRANSACTION)').toBeDefined()
    await open.query(`UPDATE ${TABLE} SET AMOUNT = 6 WHERE ID = 500`)
    await open.query('COMMIT')
    await ora.query(`UPDATE ${TABLE} SET NAME = 'changed' WHERE ID <= 10`)
    await ora.query(`DELETE FROM ${TABLE} WHERE ID BETWEEN 91 AND 100`)
    await ora.query('COMMIT')
    const warnings: string[] = []
    const first = await runCdc({ sourceUrl: url!, targetUrl: target.url, tables: [`*.${TABLE}`], untilCaughtUp: true, maxLagMs: 5000, maxDurationSeconds: 180, onWarning: (w) => warnings.push(w) })
    expect(first.exitCode, warnings.join('\n')).toBe(0)
    const after = await rows()
    expect(after).toHaveLength(91)
    expect(after.find((r) => r.id === 500)).toEqual({ id: 500, name: 'open across the load', amount: '6.00' })
    expect(after.filter((r) => r.name === 'changed')).toHaveLength(10)
    const second = await runCdc({ sourceUrl: url!, targetUrl: target.url, tables: [`*.${TABLE}`], untilCaughtUp: true, maxLagMs: 5000, maxDurationSeconds: 120 })
    expect(second.transactionsApplied).toBe(first.transactionsApplied)
    expect(await rows()).toEqual(after)
  }, 600_000)
})
