import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectOracle, type OracleSession } from '../../src/engines/oracle/oracle-connection.js'
import { runLoad } from '../../src/load/run-load.js'
import { freshDatabase } from '../support/database.js'

/**
 * `godwit load` from a real Oracle: a keyed table in several key-range chunks and a keyless one
 * loaded whole, read AS OF one SCN, land in PostgreSQL equal to the source. Needs ORACLE_URL
 * (a user that may create tables and run flashback queries on them).
 */
const url = process.env.ORACLE_URL
const KEYED = 'GODWIT_LOAD_LIVE'
const KEYLESS = 'GODWIT_LOAD_LIVE_NOKEY'

describe.skipIf(!url)(`godwit load from Oracle${url ? '' : ' (skipped: set ORACLE_URL=oracle://user:pass@host:1521/service to run)'}`, () => {
  let ora: OracleSession
  let target: { url: string; drop: () => Promise<void> }
  let schema: string

  beforeAll(async () => {
    ora = await connectOracle(url!)
    for (const t of [KEYED, KEYLESS]) await ora.query(`BEGIN EXECUTE IMMEDIATE 'DROP TABLE ${t} PURGE'; EXCEPTION WHEN OTHERS THEN NULL; END;`)
    await ora.query(`CREATE TABLE ${KEYED} (ID NUMBER(10) PRIMARY KEY, NAME VARCHAR2(30), AMOUNT NUMBER(12,2), HIRED DATE)`)
    await ora.query(`INSERT INTO ${KEYED} SELECT LEVEL, 'n' || LEVEL, LEVEL / 100, DATE '2020-01-01' + LEVEL / 1440 FROM dual CONNECT BY LEVEL <= 5000`)
    await ora.query(`CREATE TABLE ${KEYLESS} (A NUMBER, B VARCHAR2(10))`)
    await ora.query(`INSERT INTO ${KEYLESS} SELECT MOD(LEVEL, 7), 'b' || LEVEL FROM dual CONNECT BY LEVEL <= 100`)
    await ora.query('COMMIT')
    await ora.query(`BEGIN DBMS_STATS.GATHER_TABLE_STATS(USER, '${KEYED}'); END;`)
    const [row] = await ora.query<{ U: string }>('SELECT USER AS U FROM dual')
    schema = row!.U
    target = await freshDatabase('godwit_ora_load')
    const c = new pg.Client({ connectionString: target.url })
    await c.connect()
    await c.query(`CREATE SCHEMA ${schema.toLowerCase()};
      CREATE TABLE ${schema.toLowerCase()}.${KEYED.toLowerCase()} (id integer PRIMARY KEY, name varchar(30), amount numeric(12,2), hired timestamp(0));
      CREATE TABLE ${schema.toLowerCase()}.${KEYLESS.toLowerCase()} (a numeric, b varchar(10))`)
    await c.end()
  })
  afterAll(async () => {
    for (const t of [KEYED, KEYLESS]) await ora?.query(`DROP TABLE ${t} PURGE`).catch(() => undefined)
    await ora?.close()
    await target?.drop()
  })

  it('loads every row at one SCN, in key-range chunks, and the keyless table whole', async () => {
    const result = await runLoad({ sourceUrl: url!, targetUrl: target.url, tables: [`*.${KEYED}`, `*.${KEYLESS}`], chunkRows: 1000, jobs: 2 })
    expect(result.complete).toBe(true)
    expect(result.position.scn).toMatch(/^\d+$/)
    const c = new pg.Client({ connectionString: target.url })
    await c.connect()
    try {
      const keyed = await c.query(`SELECT count(*)::int AS n, sum(amount)::text AS s, max(hired)::text AS h FROM ${schema.toLowerCase()}.${KEYED.toLowerCase()}`)
      expect(keyed.rows[0]).toEqual({ n: 5000, s: '125025.00', h: '2020-01-04 11:20:00' })
      const keyless = await c.query(`SELECT count(*)::int AS n FROM ${schema.toLowerCase()}.${KEYLESS.toLowerCase()}`)
      expect(keyless.rows[0]).toEqual({ n: 100 })
    } finally {
      await c.end()
    }
    const keyedTable = result.tables.find((t) => t.name.toUpperCase().endsWith(KEYED))!
    expect(keyedTable.chunks).toBeGreaterThan(1)
  })
})
