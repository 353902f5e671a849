import type { CaptureItem, ChangeEvent, SourceTransaction } from '../../model/change-event.js'
import { comparePositions } from '../../model/change-position.js'
import { parseRedo } from './logminer-redo-parser.js'

/** One row of V$LOGMNR_CONTENTS as the mining query selects it (logminer-sql.ts, CONTENTS_COLUMNS). */
export interface LogMinerRow {
  readonly SCN: string
  readonly XID: string
  readonly OPERATION_CODE: number
  /** 1: SQL_REDO continues in the next row of the same transaction. */
  readonly CSF: number
  readonly SEG_OWNER: string | null
  readonly TABLE_NAME: string | null
  readonly ROW_ID: string | null
  /** 1: this row undoes an earlier change of the transaction (rollback to savepoint). */
  readonly ROLLBACK: number
  /** 2: LogMiner could not translate the change with the dictionary it has. */
  readonly STATUS: number
  readonly INFO: string | null
  readonly TIMESTAMP: Date
  readonly SQL_REDO: string | null
}

/** LogMiner OPERATION_CODE values the buffer acts on. */
export const OP = { insert: 1, delete: 2, update: 3, ddl: 5, start: 6, commit: 7, rollback: 36 } as const

interface OpenTx {
  readonly startScn: string
  readonly events: { readonly rowId: string | null; readonly event: ChangeEvent }[]
  pendingRedo: string
  heartbeat: boolean
}

/** What the target holds: the commit SCN of the last applied transaction and, once cdc applied one, its XID. */
export interface AppliedPoint {
  readonly scn: string
  /** Undefined at the load's SCN: the load's snapshot holds every commit up to and including it. */
  readonly txId?: string
}

/**
 * Assembles committed transactions from mined rows, the way Debezium's buffered LogMiner adapter
 * does: changes are held per XID until COMMIT and dropped on ROLLBACK; a row marked ROLLBACK=1
 * removes the change it undoes (same ROW_ID); CSF rows are joined before parsing. Single redo
 * thread (non-RAC): commits arrive in SCN order, and commits sharing an SCN in the order of the
 * mining query (SCN, RS_ID, SSN), the same on every run.
 *
 * The restart rule: mining restarts from the checkpoint's restart SCN (the oldest transaction
 * open at the last applied commit, less one), so it re-reads transactions that were applied
 * before; a commit before the applied SCN, or at it up to and including the applied XID, is
 * dropped. A transaction that touched no captured table is not emitted; one that touched only the
 * heartbeat table is emitted as a heartbeat (it carries the lag sample).
 */
export class LogMinerTransactionBuffer {
  readonly #open = new Map<string, OpenTx>()
  /** Seen the applied XID among the commits at the applied SCN: later ones at that SCN are new. */
  #passedApplied = false

  constructor(
    /** 'OWNER.TABLE' → its columns in the target plan (source names). */
    readonly tables: ReadonlyMap<string, readonly string[]>,
    readonly applied: AppliedPoint,
    /** 'OWNER.TABLE' of godwit's heartbeat table, when mined. */
    readonly heartbeatTable?: string,
  ) {}

  /**
   * The SCN a mining session must start after (the query reads SCN > it) so that no open
   * transaction loses its first changes: one before the oldest open START, else `windowEnd`.
   */
  resumeScn(windowEnd: string): string {
    let low = BigInt(windowEnd)
    for (const tx of this.#open.values()) if (BigInt(tx.startScn) - 1n < low) low = BigInt(tx.startScn) - 1n
    return low.toString()
  }

  get openTransactions(): number {
    return this.#open.size
  }

  push(row: LogMinerRow): CaptureItem | undefined {
    const xid = row.XID
    switch (row.OPERATION_CODE) {
      case OP.start:
        this.#openTx(row)
        return undefined
      case OP.rollback:
        this.#open.delete(xid)
        return undefined
      case OP.commit: {
        const tx = this.#open.get(xid)
        this.#open.delete(xid)
        if (this.#alreadyApplied(row.SCN, xid) || !tx || (tx.events.length === 0 && !tx.heartbeat)) return undefined
        return {
          kind: 'transaction',
          tx: {
            txId: xid,
            commitPosition: row.SCN,
            endPosition: row.SCN,
            commitTime: row.TIMESTAMP,
            events: tx.events.map((e) => e.event),
            eventOffset: 0,
            complete: true,
            heartbeat: tx.events.length === 0,
            restartPosition: this.resumeScn(row.SCN),
          },
        }
      }
      case OP.ddl: {
        const table = `${row.SEG_OWNER}.${row.TABLE_NAME}`
        if (!this.tables.has(table)) return undefined
        return { kind: 'schema-change', table, detail: `DDL: ${(row.SQL_REDO ?? '').slice(0, 200)}`, position: row.SCN }
      }
      case OP.insert:
      case OP.update:
      case OP.delete:
        return this.#change(row)
      default:
        return undefined
    }
  }

  #alreadyApplied(scn: string, xid: string): boolean {
    const d = comparePositions('oracle', scn, this.applied.scn)
    if (d !== 0) return d < 0
    if (this.applied.txId === undefined) return true
    if (this.#passedApplied) return false
    if (xid === this.applied.txId) this.#passedApplied = true
    return true
  }

  #openTx(row: LogMinerRow): OpenTx {
    let tx = this.#open.get(row.XID)
    if (!tx) this.#open.set(row.XID, (tx = { startScn: row.SCN, events: [], pendingRedo: '', heartbeat: false }))
    return tx
  }

  #change(row: LogMinerRow): CaptureItem | undefined {
    const table = `${row.SEG_OWNER}.${row.TABLE_NAME}`
    if (table === this.heartbeatTable) {
      this.#openTx(row).heartbeat = true
      return undefined
    }
    const columns = this.tables.get(table)
    if (!columns) return undefined
    const tx = this.#openTx(row)
    tx.pendingRedo += row.SQL_REDO ?? ''
    if (row.CSF === 1) return undefined
    const redo = tx.pendingRedo
    tx.pendingRedo = ''
    if (row.STATUS === 2) {
      return { kind: 'schema-change', table, detail: `LogMiner could not translate a change with the online catalog (${row.INFO ?? 'STATUS 2'}): the table changed after this point`, position: row.SCN }
    }
    if (row.ROLLBACK === 1) {
      const i = tx.events.map((e) => e.rowId).lastIndexOf(row.ROW_ID)
      if (i >= 0) tx.events.splice(i, 1)
      return undefined
    }
    tx.events.push({ rowId: row.ROW_ID, event: toEvent(table, columns, redo) })
    return undefined
  }
}

function toEvent(table: string, columns: readonly string[], redo: string): ChangeEvent {
  const p = parseRedo(redo)
  if (p.op === 'insert') return { kind: 'insert', table, after: { values: p.after!, unchanged: columns.filter((c) => !(c in p.after!)) } }
  if (p.op === 'delete') return { kind: 'delete', table, before: { values: p.before!, unchanged: [] } }
  // SET lists the changed columns, WHERE the logged ones (the key; every column with ALL COLUMNS logging).
  const values = { ...p.before!, ...p.after! }
  return { kind: 'update', table, before: { values: p.before!, unchanged: [] }, after: { values, unchanged: columns.filter((c) => !(c in values)) } }
}

/**
 * A committed transaction handed on in pieces of at most `maxEvents` changes, each applied in its
 * own target transaction with the count recorded (checkpoint partial_tx/partial_events). The
 * buffer still holds the whole transaction until COMMIT: the pieces bound what one target
 * transaction carries, not what capture holds. After a restart, the changes of the transaction
 * committed at `partial.scn` that were applied already are skipped.
 */
export function* splitTransaction(tx: SourceTransaction, maxEvents: number, partial?: { readonly scn: string; readonly events: number }): Generator<CaptureItem> {
  const skip = partial && comparePositions('oracle', tx.commitPosition, partial.scn) === 0 ? partial.events : 0
  if (skip === 0 && tx.events.length <= maxEvents) {
    yield { kind: 'transaction', tx }
    return
  }
  for (let offset = skip; ; offset += maxEvents) {
    const events = tx.events.slice(offset, offset + maxEvents)
    const complete = offset + maxEvents >= tx.events.length
    yield { kind: 'transaction', tx: { ...tx, events, eventOffset: offset, complete } }
    if (complete) return
  }
}
