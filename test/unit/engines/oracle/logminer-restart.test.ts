import { describe, expect, it } from 'vitest'
import { nextCheckpoint } from '../../../../src/cdc/replay-loop.js'
import type { CdcCheckpoint } from '../../../../src/engines/postgres/control-schema-cdc.js'
import { LogMinerTransactionBuffer, splitTransaction, type LogMinerRow } from '../../../../src/engines/oracle/logminer-transactions.js'
import type { CaptureItem, SourceTransaction } from '../../../../src/model/change-event.js'

/**
 * The restart rule of Oracle capture on recorded V$LOGMNR_CONTENTS rows: the checkpoint keeps the
 * SCN to re-mine from (the oldest transaction open at the applied commit, less one), and a
 * restart from there emits exactly the transactions not yet applied.
 */
const at = new Date('2024-03-01T10:00:00Z')
const TABLES = new Map([['HR.EMP', ['ID', 'NAME']]])
const row = (scn: number, xid: string, op: number, redo: string | null = null, extra: Partial<LogMinerRow> = {}): LogMinerRow => ({
  SCN: String(scn), XID: xid, OPERATION_CODE: op, CSF: 0, SEG_OWNER: redo ? 'HR' : null, TABLE_NAME: redo ? 'EMP' : null, ROW_ID: null, ROLLBACK: 0, STATUS: 0, INFO: null, TIMESTAMP: at, SQL_REDO: redo, ...extra,
})
const ins = (scn: number, xid: string, id: number) => row(scn, xid, 1, `insert into "HR"."EMP"("ID","NAME") values ('${id}','n${id}');`)

/** T1 opens first, commits last; T2 and T3 commit at the same SCN; a heartbeat and an unrelated transaction in between. */
const REDO: LogMinerRow[] = [
  row(100, 'T1', 6), ins(100, 'T1', 1),
  row(101, 'T2', 6), ins(102, 'T2', 2),
  row(103, 'T3', 6), ins(103, 'T3', 3),
  row(104, 'T2', 7), row(104, 'T3', 7),
  row(105, 'X9', 6), row(106, 'X9', 1, 'insert into "HR"."OTHER"("A") values (1);', { TABLE_NAME: 'OTHER' }), row(107, 'X9', 7),
  row(108, 'H0', 6), row(108, 'H0', 3, `update "GW"."GODWIT_HEARTBEAT" set "TS" = TO_TIMESTAMP('2024-03-01 10:00:01.000000') where "ID" = '1';`, { SEG_OWNER: 'GW', TABLE_NAME: 'GODWIT_HEARTBEAT' }), row(109, 'H0', 7),
  ins(110, 'T1', 4), row(111, 'T1', 7),
]

function mine(rows: readonly LogMinerRow[], cp: CdcCheckpoint): SourceTransaction[] {
  const b = new LogMinerTransactionBuffer(TABLES, { scn: cp.position, ...(cp.txId ? { txId: cp.txId } : {}) }, 'GW.GODWIT_HEARTBEAT')
  const from = BigInt(cp.restartPosition ?? cp.position)
  return rows.filter((r) => BigInt(r.SCN) > from).map((r) => b.push(r)).filter((i): i is Extract<CaptureItem, { kind: 'transaction' }> => i?.kind === 'transaction').map((i) => i.tx)
}

const START: CdcCheckpoint = { position: '99', restartPosition: '98', partialEvents: 0, events: 0, transactions: 0 }

describe('Oracle capture: restart from the checkpoint', () => {
  it('emits committed transactions in commit order, a heartbeat for the heartbeat table, nothing for a transaction on other tables', () => {
    const txs = mine(REDO, START)
    expect(txs.map((t) => [t.txId, t.commitPosition, t.heartbeat, t.events.length])).toEqual([['T2', '104', false, 1], ['T3', '104', false, 1], ['H0', '109', true, 0], ['T1', '111', false, 2]])
    // T1 is open at every commit before its own: a restart then must re-mine from before its START.
    expect(txs.map((t) => t.restartPosition)).toEqual(['99', '99', '99', '111'])
  })

  it.each([1, 2, 3, 4])('after %i applied transaction(s), a restart emits exactly the rest', (applied) => {
    const all = mine(REDO, START)
    const cp = nextCheckpoint(START, all.slice(0, applied))
    const again = mine(REDO, cp)
    expect(again.map((t) => t.txId)).toEqual(all.slice(applied).map((t) => t.txId))
    expect(again.flatMap((t) => t.events)).toEqual(all.slice(applied).flatMap((t) => t.events))
  })

  it('without the XID, commits at the checkpoint SCN count as applied (the load snapshot holds them)', () => {
    expect(mine(REDO, { ...START, position: '104', restartPosition: '99' }).map((t) => t.txId)).toEqual(['H0', 'T1'])
  })

  it('mining from the checkpoint SCN alone would lose the open transaction\'s first change', () => {
    const all = mine(REDO, START)
    const cp = nextCheckpoint(START, all.slice(0, 1))
    const naive = mine(REDO, { ...cp, restartPosition: cp.position })
    expect(naive.find((t) => t.txId === 'T1')?.events).toHaveLength(1)
    expect(mine(REDO, cp).find((t) => t.txId === 'T1')?.events).toHaveLength(2)
  })
})

describe('Oracle capture: a transaction bigger than a batch', () => {
  const big: SourceTransaction = { txId: 'B1', commitPosition: '500', endPosition: '500', commitTime: at, events: [1, 2, 3, 4, 5].map((id) => ({ kind: 'insert' as const, table: 'HR.EMP', after: { values: { ID: String(id) }, unchanged: [] } })), eventOffset: 0, complete: true, heartbeat: false, restartPosition: '500' }
  const shape = (items: CaptureItem[]) => items.map((i) => i.kind === 'transaction' ? [i.tx.eventOffset, i.tx.events.length, i.tx.complete] : i.kind)

  it('is handed on in pieces; only the last completes it', () => {
    expect(shape([...splitTransaction(big, 2)])).toEqual([[0, 2, false], [2, 2, false], [4, 1, true]])
    expect(shape([...splitTransaction(big, 5)])).toEqual([[0, 5, true]])
  })

  it('resumes after the pieces applied before a restart, and the checkpoint then completes it', () => {
    const pieces = [...splitTransaction(big, 2)].map((i) => (i as { tx: SourceTransaction }).tx)
    const cp = nextCheckpoint(START, pieces.slice(0, 2))
    expect(cp).toMatchObject({ position: '99', restartPosition: '98', partialTx: '500', partialEvents: 4 })
    const rest = [...splitTransaction(big, 2, { scn: cp.partialTx!, events: cp.partialEvents })].map((i) => (i as { tx: SourceTransaction }).tx)
    expect(rest.flatMap((t) => t.events)).toEqual(big.events.slice(4))
    expect(nextCheckpoint(cp, rest)).toMatchObject({ position: '500', restartPosition: '500', events: 5, transactions: 1 })
  })
})
