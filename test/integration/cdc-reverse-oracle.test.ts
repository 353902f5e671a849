import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { commitFallbackStream, openFallbackStream } from '../../src/cdc/fallback-stream.js'
import { runCdc } from '../../src/cdc/run-cdc.js'
import { comparePositions } from '../../src/model/change-position.js'
import type { DriverBindValue } from '../../src/engines/oracle/oracle-driver.js'
import { ensureLoadControlSchema, insertRun, insertTablePlan, markRunDone, type LoadTablePlan } from '../../src/engines/postgres/control-schema-load.js'
import { freshDatabase } from '../support/database.js'
import { RECORDED_URL, recordedWriteSession, type RecordedCall, type RecordedWriteSession } from '../unit/engines/oracle/recorded-session.js'
import { dropSlots, exec, withClient } from './load-support.js'

/**
 * cdc --reverse into Oracle, driven for real from the PostgreSQL side: a real new database with
 * the fall-back stream cutover opens (slot, publication, the fall-back run with the load's table
 * map reversed), the real replay loop reading it by logical replication, and the Oracle side a
 * recorded session that keeps its checkpoint row as a real one would (the MERGE of the last
 * committed batch). No Oracle server exists here; test/live/oracle-reverse.test.ts runs the same
 * against one when ORACLE_URL is set.
 */
const COLUMNS: Record<string, object[]> = {
  ORDERS: [
    { COLUMN_NAME: 'ID', DATA_TYPE: 'NUMBER', DATA_TYPE_OWNER: null, DATA_LENGTH: 22, CHAR_LENGTH: 0, CHAR_USED: null, DATA_PRECISION: 10, DATA_SCALE: 0 },
    { COLUMN_NAME: 'NOTE', DATA_TYPE: 'VARCHAR2', DATA_TYPE_OWNER: null, DATA_LENGTH: 6, CHAR_LENGTH: 6, CHAR_USED: 'B', DATA_PRECISION: null, DATA_SCALE: null },
    { COLUMN_NAME: 'PLACED', DATA_TYPE: 'DATE', DATA_TYPE_OWNER: null, DATA_LENGTH: 7, CHAR_LENGTH: 0, CHAR_USED: null, DATA_PRECISION: null, DATA_SCALE: null },
  ],
  AUDIT_LOG: [{ COLUMN_NAME: 'MSG', DATA_TYPE: 'VARCHAR2', DATA_TYPE_OWNER: null, DATA_LENGTH: 20, CHAR_LENGTH: 20, CHAR_USED: 'C', DATA_PRECISION: null, DATA_SCALE: null }],
}

/** The forward load's plans, as a load from Oracle recorded them: Oracle names → PostgreSQL names. */
const FORWARD: LoadTablePlan[] = [
  {
    schema: 'SHOP', name: 'ORDERS', targetSchema: 'shop', targetName: 'orders', key: ['ID'], chunking: 'key-range', transfer: 'transcode',
    columns: [
      { name: 'ID', targetName: 'id', type: { kind: 'int', bytes: 8 }, pgType: 'bigint' },
      { name: 'NOTE', targetName: 'note', type: { kind: 'text', fixed: false, maxChars: 6 }, pgType: 'varchar(6)' },
      { name: 'PLACED', targetName: 'placed', type: { kind: 'timestamp', precision: 0, tz: 'none' }, pgType: 'timestamp(0)' },
    ],
  } as LoadTablePlan,
  { schema: 'SHOP', name: 'AUDIT_LOG', targetSchema: 'shop', targetName: 'audit_log', chunking: 'whole-no-key', transfer: 'transcode', columns: [{ name: 'MSG', targetName: 'msg', type: { kind: 'text', fixed: false, maxChars: 20 }, pgType: 'varchar(20)' }] } as LoadTablePlan,
]

/** An Oracle that answers the applier and keeps GODWIT_CDC_CHECKPOINT as committed: the MERGE of the last batch that reached COMMIT. */
function recordedOracle(): RecordedWriteSession {
  const checkpoint = (): unknown[] => {
    let merge: Readonly<Record<string, DriverBindValue>> | undefined
    let committed: Readonly<Record<string, DriverBindValue>> | undefined
    for (const c of s.calls) {
      if (c.op === 'execute' && c.sql.startsWith('MERGE INTO GODWIT_CDC_CHECKPOINT')) merge = c.binds
      if (c.op === 'rollback') merge = undefined
      if (c.op === 'commit' && merge) committed = merge
    }
    if (!committed) return []
    const b = committed as Record<string, string | null>
    return [{ position: b.position, commit_time: b.commit_time, tx_id: b.tx_id, partial_tx: b.partial_tx, partial_events: b.partial_events, events: b.events, transactions: b.transactions, restart_position: b.restart_position }]
  }
  const s = recordedWriteSession([
    { match: /^ALTER SESSION/ },
    { match: /FROM USER_TABLES/, rows: () => (s.calls.some((c) => 'sql' in c && c.sql.startsWith('CREATE TABLE GODWIT_CDC_CHECKPOINT')) ? [{ TABLE_NAME: 'GODWIT_CDC_CHECKPOINT' }] : []) },
    { match: /^CREATE TABLE GODWIT_CDC_CHECKPOINT/ },
    { match: /FROM ALL_TAB_COLUMNS/, rows: (b) => COLUMNS[b.name!] ?? [] },
    { match: /FROM GODWIT_CDC_CHECKPOINT/, rows: () => checkpoint() },
    // No row is in Oracle yet for these ids: every upsert's UPDATE finds none, so it is inserted.
    { match: /^UPDATE "SHOP"."ORDERS"/, rowsAffected: 0 },
    { match: /^DELETE FROM "SHOP"."AUDIT_LOG"/, rowsAffected: (b) => Number(b.n) },
    { match: /^(SET CONSTRAINTS|MERGE INTO GODWIT_CDC_CHECKPOINT|DELETE|INSERT)/ },
  ])
  return s
}

/** The batches the recorded Oracle received since call `from`: each one's calls from SET CONSTRAINTS to COMMIT/ROLLBACK. */
function transactions(calls: readonly RecordedCall[], from = 0): RecordedCall[][] {
  const out: RecordedCall[][] = []
  let cur: RecordedCall[] | undefined
  for (const c of calls.slice(from)) {
    if (c.op === 'execute' && c.sql === 'SET CONSTRAINTS ALL DEFERRED') cur = []
    if (!cur) continue
    cur.push(c)
    if (c.op === 'commit' || c.op === 'rollback') {
      out.push(cur)
      cur = undefined
    }
  }
  return out
}

const rowsOf = (batches: RecordedCall[][], sql: RegExp) => batches.flat().flatMap((c) => (c.op === 'executeMany' && sql.test(c.sql) ? c.rows : c.op === 'execute' && sql.test(c.sql) ? [c.binds] : []))

describe('cdc --reverse into Oracle: real PostgreSQL → replay loop → recorded Oracle', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>
  const oracle = recordedOracle()
  const reverse = (extra: object = {}) => runCdc({ sourceUrl: db.url, targetUrl: RECORDED_URL, reverse: true, oracleConnect: async () => oracle, untilCaughtUp: true, maxLagMs: 2000, maxDurationSeconds: 60, heartbeatMs: 200, ...extra })

  beforeAll(async () => {
    db = await freshDatabase('rev_ora')
    await exec(db.url, `CREATE SCHEMA shop;
      CREATE TABLE shop.orders (id bigint PRIMARY KEY, note varchar(6), placed timestamp(0));
      CREATE TABLE shop.audit_log (msg varchar(20)); ALTER TABLE shop.audit_log REPLICA IDENTITY FULL;
      INSERT INTO shop.orders VALUES (1, 'old', '2026-01-01 00:00:00'); INSERT INTO shop.audit_log VALUES ('same'), ('same');`)
    // What cutover does at the switch for an Oracle source: the fall-back run goes into the new database.
    await withClient(db.url, async (c) => {
      await ensureLoadControlSchema(c)
      const loadRunId = await insertRun(c, { runKey: 'oracle-load', source: 'oracle://gw@oracle.invalid:1521/FREEPDB1', selection: ['SHOP.ORDERS', 'SHOP.AUDIT_LOG'], position: { engine: 'oracle', scn: '7000000' }, options: {} })
      for (const p of FORWARD) await insertTablePlan(c, loadRunId, p, [])
      await markRunDone(c, loadRunId)
      const stream = await openFallbackStream({ oldUrl: RECORDED_URL, state: c, newUrl: db.url, new: c, cutoverId: 1, loadRunId, tables: ['SHOP.ORDERS', 'SHOP.AUDIT_LOG'] })
      if (!('runId' in stream)) throw new Error(stream.unavailable)
      await commitFallbackStream(c, stream)
    })
  }, 60_000)
  afterAll(async () => {
    await dropSlots(db.url)
    await db.drop()
  })

  it('applies what the application wrote after the switch: Oracle names, values in Oracle form, one transaction per batch with its checkpoint', async () => {
    await exec(db.url, `INSERT INTO shop.orders VALUES (2, 'new', '2026-12-06 10:00:00');
      UPDATE shop.orders SET note = 'upd' WHERE id = 1;
      DELETE FROM shop.audit_log WHERE ctid = (SELECT min(ctid) FROM shop.audit_log);
      INSERT INTO shop.audit_log VALUES ('later');`)
    const warnings: string[] = []
    const r = await reverse({ onWarning: (m: string) => warnings.push(m) })
    expect(r).toMatchObject({ reason: 'caught-up', exitCode: 0 })
    const batches = transactions(oracle.calls)
    expect(batches.length).toBeGreaterThan(0)
    for (const b of batches) {
      expect(b.at(-1)).toEqual({ op: 'commit' })
      expect(b.at(-2)).toMatchObject({ op: 'execute', sql: expect.stringMatching(/^MERGE INTO GODWIT_CDC_CHECKPOINT/) })
    }
    expect(rowsOf(batches, /^INSERT INTO "SHOP"."ORDERS" \("ID", "NOTE", "PLACED"\) VALUES \(TO_NUMBER\(:c0\), :c1, TO_DATE\(:c2, 'YYYY-MM-DD HH24:MI:SS BC'/)).toEqual([
      { c0: '2', c1: 'new', c2: '2026-12-06 10:00:00 AD' },
      { c0: '1', c1: 'upd', c2: '2026-01-01 00:00:00 AD' },
    ])
    expect(rowsOf(batches, /^DELETE FROM "SHOP"."AUDIT_LOG" WHERE \("MSG" = :c0 OR/)).toEqual([{ c0: 'same', n: '1' }])
    expect(rowsOf(batches, /^INSERT INTO "SHOP"."AUDIT_LOG"/)).toEqual([{ c0: 'later' }])
    expect(warnings.join('\n')).toMatch(/oracle sequences are not moved by cdc --reverse/)
    expect(r.sequencesMovedBack).toBeUndefined()
  }, 90_000)

  it('a second run resumes from the checkpoint Oracle committed: nothing is applied twice', async () => {
    const from = oracle.calls.length
    await exec(db.url, `INSERT INTO shop.orders VALUES (3, 'three', NULL)`)
    await reverse()
    const batches = transactions(oracle.calls, from)
    expect(rowsOf(batches, /^INSERT INTO "SHOP"."ORDERS"/)).toEqual([{ c0: '3', c1: 'three', c2: null }])
    expect(rowsOf(batches, /^INSERT INTO "SHOP"."AUDIT_LOG"/)).toEqual([])
  }, 90_000)

  it('a value Oracle cannot hold stops the stream naming table, key and column; nothing of its batch reaches Oracle, and the checkpoint stays', async () => {
    const from = oracle.calls.length
    // varchar(6) on PostgreSQL counts characters; VARCHAR2(6 BYTE) in Oracle counts bytes.
    await exec(db.url, `INSERT INTO shop.orders VALUES (4, 'naïve!', NULL)`)
    const err = (await reverse().catch((e: unknown) => e)) as { code: string; message: string; exitCode: number }
    expect(err).toMatchObject({ code: 'CDC_VALUE_REFUSED', exitCode: 5 })
    expect(err.message).toContain('SHOP.ORDERS.NOTE cannot hold the value of shop.orders.note for the row with key {"id":"4"}')
    // Heartbeat-only batches (the checkpoint alone) may commit meanwhile; no row change does, and the checkpoint stays before the refused change.
    expect(oracle.calls.slice(from).some((c) => c.op === 'executeMany')).toBe(false)
    const refusedAt = /source position ([0-9A-F]+\/[0-9A-F]+)/.exec(err.message)![1]!
    const committed = transactions(oracle.calls).filter((b) => b.at(-1)!.op === 'commit').at(-1)!.at(-2)
    if (committed?.op !== 'execute') throw new Error('a committed batch ends with its checkpoint MERGE')
    expect(comparePositions('postgres', committed.binds.position as string, refusedAt)).toBeLessThan(0)
    // The change stays in the new database's log (changing the row there does not take it back): the column is widened in Oracle, and the stream goes on from the same batch.
    COLUMNS.ORDERS![1] = { ...COLUMNS.ORDERS![1]!, CHAR_USED: 'C' }
    await reverse()
    expect(rowsOf(transactions(oracle.calls, from), /^INSERT INTO "SHOP"."ORDERS"/).map((r) => r.c1)).toEqual(['naïve!'])
  }, 120_000)
})
