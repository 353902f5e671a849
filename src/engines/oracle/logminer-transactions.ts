import type { CaptureItem, ChangeEvent } from '../../model/change-event.js'
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
}

/**
 * Assembles committed transactions from mined rows, the way Debezium's buffered LogMiner adapter
 * does: changes are held per XID until COMMIT and dropped on ROLLBACK; a row marked ROLLBACK=1
 * removes the change it undoes (same ROW_ID); CSF rows are joined before parsing; a transaction
 * whose commit SCN is not after the checkpoint was applied before and is dropped. Single
 * redo thread (non-RAC): commits arrive in SCN order.
 */
export class LogMinerTransactionBuffer {
  readonly #open = new Map<string, OpenTx>()

  constructor(
    /** 'OWNER.TABLE' → its columns in the target plan (source names). */
    readonly tables: ReadonlyMap<string, readonly string[]>,
    /** Commit SCN of the last applied transaction. */
    readonly appliedScn: string,
  ) {}

  /** The SCN the next mining session must start from so no open transaction loses its first changes. */
  resumeScn(windowEnd: string): string {
    let low = windowEnd
    for (const tx of this.#open.values()) if (comparePositions('oracle', tx.startScn, low) < 0) low = tx.startScn
    return low
  }

  get openTransactions(): number {
    return this.#open.size
  }

  push(row: LogMinerRow): CaptureItem | undefined {
    const xid = row.XID
    switch (row.OPERATION_CODE) {
      case OP.start:
        if (!this.#open.has(xid)) this.#open.set(xid, { startScn: row.SCN, events: [], pendingRedo: '' })
        return undefined
      case OP.rollback:
        this.#open.delete(xid)
        return undefined
      case OP.commit: {
        const tx = this.#open.get(xid)
        this.#open.delete(xid)
        if (!tx || comparePositions('oracle', row.SCN, this.appliedScn) <= 0) return undefined
        return {
          kind: 'transaction',
          tx: { txId: xid, commitPosition: row.SCN, endPosition: row.SCN, commitTime: row.TIMESTAMP, events: tx.events.map((e) => e.event), eventOffset: 0, complete: true, heartbeat: false },
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

  #change(row: LogMinerRow): CaptureItem | undefined {
    const table = `${row.SEG_OWNER}.${row.TABLE_NAME}`
    const columns = this.tables.get(table)
    if (!columns) return undefined
    let tx = this.#open.get(row.XID)
    if (!tx) this.#open.set(row.XID, (tx = { startScn: row.SCN, events: [], pendingRedo: '' }))
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
