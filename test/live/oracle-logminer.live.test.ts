import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { logMinerProblems, type DatabaseCheckRow, type LogGroupRow } from '../../src/engines/oracle/logminer-preflight.js'
import { mineChanges } from '../../src/engines/oracle/logminer-capture.js'
import { CURRENT_SCN, DATABASE_CHECK, SESSION_PRIVILEGES, TABLE_LOG_GROUPS } from '../../src/engines/oracle/logminer-sql.js'
import { connectOracle, type OracleSession } from '../../src/engines/oracle/oracle-connection.js'
import type { SourceTransaction } from '../../src/model/change-event.js'
import { OracleCdcSource } from '../../src/engines/oracle/oracle-cdc-source.js'

/**
 * LogMiner capture on a live Oracle (19c+). Needs ORACLE_URL for a user with the privileges in
 * docs/cdc.md (LOGMINING, SELECT ANY TRANSACTION, SELECT_CATALOG_ROLE, EXECUTE_CATALOG_ROLE,
 * CREATE TABLE), a database in ARCHIVELOG mode with minimal supplemental logging.
 */
const url = process.env.ORACLE_URL
const TABLE = 'GODWIT_LOGMINER_LIVE'

describe.skipIf(!url)(`Oracle LogMiner capture${url ? '' : ' (skipped: set ORACLE_URL=oracle://user:pass@host:1521/service to run)'}`, () => {
  let ora: OracleSession
  let owner: string
  beforeAll(async () => {
    ora = await connectOracle(url!)
    owner = ora.url.user.toUpperCase()
    await ora.query(`BEGIN EXECUTE IMMEDIATE 'DROP TABLE ${TABLE} PURGE'; EXCEPTION WHEN OTHERS THEN NULL; END;`)
    await ora.query(`CREATE TABLE ${TABLE} (ID NUMBER(10) PRIMARY KEY, NAME VARCHAR2(40), AMOUNT NUMBER(12,2))`)
    await ora.query(`ALTER TABLE ${TABLE} ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS`)
  })
  afterAll(async () => {
    await ora?.query(`DROP TABLE ${TABLE} PURGE`).catch(() => undefined)
    await ora?.close()
  })

  it('passes the preflight checks', async () => {
    const [db] = await ora.query<DatabaseCheckRow>(DATABASE_CHECK)
    const groups = await ora.query<LogGroupRow>(TABLE_LOG_GROUPS, { owner })
    const privileges = (await ora.query<{ NAME: string }>(SESSION_PRIVILEGES)).map((r) => r.NAME)
    expect(logMinerProblems(db!, groups, privileges, new Map([[`${owner}.${TABLE}`, true]]))).toEqual([])
  })

  it('mines committed changes in commit order and drops a rolled-back transaction', async () => {
    const from = (await ora.query<{ SCN: string }>(CURRENT_SCN))[0]!.SCN
    await ora.query(`INSERT INTO ${TABLE} VALUES (1, 'O''Brien', 10.5)`)
    await ora.query(`UPDATE ${TABLE} SET AMOUNT = 11 WHERE ID = 1`)
    await ora.query('COMMIT')
    await ora.query(`INSERT INTO ${TABLE} VALUES (2, 'rolled back', 1)`)
    await ora.query('ROLLBACK')
    await ora.query(`DELETE FROM ${TABLE} WHERE ID = 1`)
    await ora.query('COMMIT')
    const abort = new AbortController()
    const txs: SourceTransaction[] = []
    for await (const item of mineChanges(ora, { tables: new Map([[`${owner}.${TABLE}`, ['ID', 'NAME', 'AMOUNT']]]), fromScn: from, applied: { scn: from }, signal: abort.signal, idleMs: 200 })) {
      if (item.kind === 'transaction') txs.push(item.tx)
      if (txs.length === 2) abort.abort()
    }
    expect(txs.map((t) => t.events.map((e) => e.kind))).toEqual([['insert', 'update'], ['delete']])
    expect(txs[0]!.events[0]).toMatchObject({ after: { values: { ID: '1', NAME: "O'Brien", AMOUNT: '10.5' } } })
  }, 120_000)

  it('cdc capture: a transaction open across a checkpoint is re-mined whole after a restart, and what was applied is not emitted again', async () => {
    const from = (await ora.query<{ SCN: string }>(CURRENT_SCN))[0]!.SCN
    const other = await connectOracle(url!)
    try {
      await ora.query(`INSERT INTO ${TABLE} VALUES (10, 'open first', 1)`)
      await other.query(`INSERT INTO ${TABLE} VALUES (11, 'committed first', 1)`)
      await other.query('COMMIT')
      await ora.query(`INSERT INTO ${TABLE} VALUES (12, 'open first', 2)`)
      await ora.query('COMMIT')
    } finally {
      await other.close()
    }
    const source = await OracleCdcSource.connect(url!)
    const expect2 = { columns: new Map([[`${owner}.${TABLE}`, ['ID', 'NAME', 'AMOUNT']]]), maxTxEvents: 1000 }
    const take = async (resume: Parameters<OracleCdcSource['open']>[0], n: number): Promise<SourceTransaction[]> => {
      const capture = await source.open(resume, expect2)
      const txs: SourceTransaction[] = []
      try {
        for await (const item of capture.items) {
          if (item.kind === 'transaction' && !item.tx.heartbeat) txs.push(item.tx)
          if (txs.length === n) break
        }
      } finally {
        await capture.close()
      }
      return txs
    }
    try {
      await source.preflight([{ name: `${owner}.${TABLE}`, columns: ['ID', 'NAME', 'AMOUNT'], key: ['ID'] }])
      const [first, second] = await take({ position: from, restartPosition: from, partialEvents: 0 }, 2)
      expect(first!.events).toHaveLength(1)
      expect(second!.events).toHaveLength(2)
      expect(BigInt(first!.restartPosition!)).toBeLessThan(BigInt(first!.commitPosition))
      const [again] = await take({ position: first!.commitPosition, txId: first!.txId, restartPosition: first!.restartPosition!, partialEvents: 0 }, 1)
      expect(again!.txId).toBe(second!.txId)
      expect(again!.events).toEqual(second!.events)
    } finally {
      await source.close()
    }
  }, 180_000)
})
