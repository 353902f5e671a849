import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { netChanges, type ApplyTable } from '../../src/cdc/net-changes.js'
import { OracleChangeApplier } from '../../src/engines/oracle/oracle-apply.js'
import { connectOracle, type OracleWriteSession } from '../../src/engines/oracle/oracle-connection.js'
import type { CdcCheckpoint } from '../../src/engines/postgres/control-schema-cdc.js'
import type { TargetTableMap } from '../../src/engines/postgres/pg-change-apply.js'
import type { ChangeEvent, SourceTransaction } from '../../src/model/change-event.js'

/**
 * cdc --reverse's Oracle applier on a real Oracle: values in PostgreSQL text form land as the
 * Oracle types hold them, a batch commits with its checkpoint row, a refused batch leaves
 * nothing. Needs ORACLE_URL for a user with CREATE TABLE in its own schema (it creates
 * GODWIT_CDC_CHECKPOINT there if missing and removes only its own stream's row).
 */
const url = process.env.ORACLE_URL
const TABLE = 'GODWIT_REVERSE_LIVE'
const KEYLESS = 'GODWIT_REVERSE_LIVE_LOG'
const STREAM = 987654

describe.skipIf(!url)(`cdc --reverse: Oracle applier${url ? '' : ' (skipped: set ORACLE_URL=oracle://user:pass@host:1521/service to run)'}`, () => {
  let app: OracleWriteSession
  let schema: string
  const drop = (t: string) => app.query(`BEGIN EXECUTE IMMEDIATE 'DROP TABLE ${t} PURGE'; EXCEPTION WHEN OTHERS THEN NULL; END;`)

  beforeAll(async () => {
    app = await connectOracle(url!)
    await drop(TABLE)
    await drop(KEYLESS)
    await app.query(`CREATE TABLE ${TABLE} (ID NUMBER(10) PRIMARY KEY, NOTE VARCHAR2(6), AMOUNT NUMBER(8,2), PLACED DATE, SEEN TIMESTAMP(6) WITH TIME ZONE, DATA BLOB, SPAN INTERVAL DAY(3) TO SECOND(6))`)
    await app.query(`CREATE TABLE ${KEYLESS} (MSG VARCHAR2(20))`)
    await app.query(`INSERT INTO ${TABLE} (ID, NOTE) VALUES (1, 'old')`)
    await app.query(`INSERT INTO ${KEYLESS} SELECT 'same' FROM dual CONNECT BY LEVEL <= 3`)
    await app.commit()
    schema = (await app.query<{ U: string }>('SELECT USER AS U FROM dual'))[0]!.U
  })
  afterAll(async () => {
    await app?.execute(`DELETE FROM GODWIT_CDC_CHECKPOINT WHERE STREAM_ID = ${STREAM}`, {}).then(() => app.commit()).catch(() => undefined)
    await drop(TABLE).catch(() => undefined)
    await drop(KEYLESS).catch(() => undefined)
    await app?.close()
  })

  const maps = (): Map<string, TargetTableMap> =>
    new Map([
      ['public.t', { source: 'public.t', targetSchema: schema, targetName: TABLE, columns: ['id', 'note', 'amount', 'placed', 'seen', 'data', 'span'].map((c) => ({ source: c, target: c.toUpperCase() })), key: ['id'] }],
      ['public.log', { source: 'public.log', targetSchema: schema, targetName: KEYLESS, columns: [{ source: 'msg', target: 'MSG' }] }],
    ])
  const tables = new Map<string, ApplyTable>([
    ['public.t', { columns: ['id', 'note', 'amount', 'placed', 'seen', 'data', 'span'], key: ['id'] }],
    ['public.log', { columns: ['msg'] }],
  ])
  const tx = (n: number, events: ChangeEvent[]): SourceTransaction => ({ txId: String(n), commitPosition: `0/${n}0`, endPosition: `0/${n}8`, commitTime: new Date(Date.UTC(2026, 11, 6, 10, 0, n)), events, eventOffset: 0, complete: true, heartbeat: false })
  const row = (values: Record<string, string | null>) => ({ values, unchanged: [] })
  const start: CdcCheckpoint = { position: '0/0', partialEvents: 0, events: 0, transactions: 0 }

  it('applies a batch with its checkpoint, values as Oracle holds them; a refused batch leaves nothing', async () => {
    const a = await OracleChangeApplier.open(await connectOracle(url!), maps(), STREAM)
    try {
      const batch = [
        tx(1, [
          { kind: 'insert', table: 'public.t', after: row({ id: '2', note: 'déjà', amount: '12.5', placed: '2026-12-06 10:00:00', seen: '2026-12-06 11:30:00.123456+01', data: '\\xcafe', span: '1 day 02:03:04.5' }) },
          { kind: 'update', table: 'public.t', after: row({ id: '1', note: 'upd', amount: null, placed: null, seen: null, data: null, span: null }) },
          { kind: 'delete', table: 'public.log', before: row({ msg: 'same' }) },
          { kind: 'delete', table: 'public.log', before: row({ msg: 'same' }) },
        ]),
      ]
      const cp: CdcCheckpoint = { position: '0/18', commitTime: batch[0]!.commitTime, txId: '1', partialEvents: 0, events: 4, transactions: 1 }
      await a.applyBatch(netChanges(batch, tables), cp)
      const rows = await app.query<Record<string, string | null>>(
        `SELECT TO_CHAR(ID) AS ID, NOTE, TO_CHAR(AMOUNT) AS AMOUNT, TO_CHAR(PLACED, 'YYYY-MM-DD HH24:MI:SS') AS PLACED, TO_CHAR(SYS_EXTRACT_UTC(SEEN), 'YYYY-MM-DD HH24:MI:SS.FF6') AS SEEN, RAWTOHEX(DBMS_LOB.SUBSTR(DATA, 10, 1)) AS DATA, TO_CHAR(SPAN) AS SPAN FROM ${TABLE} ORDER BY ID`,
      )
      expect(rows).toEqual([
        { ID: '1', NOTE: 'upd', AMOUNT: null, PLACED: null, SEEN: null, DATA: null, SPAN: null },
        { ID: '2', NOTE: 'déjà', AMOUNT: '12.5', PLACED: '2026-12-06 10:00:00', SEEN: '2026-12-06 10:30:00.123456', DATA: 'CAFE', SPAN: '+001 02:03:04.500000' },
      ])
      expect(await app.query(`SELECT COUNT(*) AS N FROM ${KEYLESS}`)).toEqual([{ N: 1 }])
      expect(await a.readCheckpoint(start)).toMatchObject({ position: '0/18', txId: '1', events: 4, transactions: 1 })

      // The second change is fine, the third too long for VARCHAR2(6 BYTE): nothing of the batch lands.
      const bad = [tx(2, [{ kind: 'insert', table: 'public.t', after: row({ id: '3', note: 'ok', amount: null, placed: null, seen: null, data: null, span: null }) }, { kind: 'insert', table: 'public.t', after: row({ id: '4', note: 'ééééé', amount: null, placed: null, seen: null, data: null, span: null }) }])]
      await expect(a.applyBatch(netChanges(bad, tables), { ...cp, position: '0/28' })).rejects.toMatchObject({ code: 'CDC_VALUE_REFUSED' })
      expect(await app.query(`SELECT COUNT(*) AS N FROM ${TABLE} WHERE ID IN (3, 4)`)).toEqual([{ N: 0 }])
      expect((await a.readCheckpoint(start)).position).toBe('0/18')
    } finally {
      await a.close()
    }
  })
})
