import { SourceError } from '../../core/errors.js'
import type { CaptureItem } from '../../model/change-event.js'
import type { OracleSession } from './oracle-connection.js'
import { addLogfile, contentsQuery, CURRENT_SCN, END_LOGMNR, LOGMINER_SESSION, LOGS_FOR_WINDOW, nextWindow, OLDEST_AVAILABLE_SCN, START_LOGMNR } from './logminer-sql.js'
import { LogMinerTransactionBuffer, splitTransaction, type AppliedPoint, type LogMinerRow } from './logminer-transactions.js'

export interface MineOptions {
  /** 'OWNER.TABLE' → columns in the target plan. */
  readonly tables: ReadonlyMap<string, readonly string[]>
  /** Mining reads SCNs after this one (the checkpoint's restart SCN: no transaction open at the checkpoint began earlier). */
  readonly fromScn: string
  /** The last applied commit: it and everything before it are not emitted again. */
  readonly applied: AppliedPoint
  /** 'OWNER.TABLE' of the heartbeat table, mined too so an idle source still gives lag samples. */
  readonly heartbeatTable?: string
  /** Changes per emitted piece: a bigger transaction is handed on in pieces (see splitTransaction). */
  readonly maxTxEvents?: number
  /** A transaction applied in pieces before a restart: its commit SCN and how many of its changes are applied. */
  readonly partial?: { readonly scn: string; readonly events: number }
  readonly maxWindowScns?: bigint
  readonly idleMs?: number
  readonly signal?: AbortSignal
}

const MISSING_LOG_RETRIES = 3

/**
 * Committed transactions from LogMiner, window after window up to the current SCN. A log switch
 * between listing the logs and START_LOGMNR shows up as ORA-01291 (missing log file): the window
 * is retried with a fresh list; if the resume SCN is older than every log still on disk, capture
 * stops with the fix (the redo is gone: reload).
 */
export async function* mineChanges(ora: OracleSession, o: MineOptions): AsyncGenerator<CaptureItem> {
  for (const s of LOGMINER_SESSION) await ora.query(s)
  const oldest = (await ora.query<{ SCN: string | null }>(OLDEST_AVAILABLE_SCN))[0]?.SCN
  if (oldest && BigInt(oldest) > BigInt(o.fromScn)) {
    throw new SourceError('LOGMINER_REDO_GONE', `redo from SCN ${o.fromScn} is no longer on disk (oldest log starts at ${oldest})`, {
      hint: 'Keep archived logs longer than cdc can be stopped (RMAN retention), then rerun godwit load: the changes in between cannot be mined.',
    })
  }
  const buffer = new LogMinerTransactionBuffer(o.tables, o.applied, o.heartbeatTable)
  const { text, binds } = contentsQuery([...o.tables.keys(), ...(o.heartbeatTable ? [o.heartbeatTable] : [])])
  let lo = o.fromScn
  while (!o.signal?.aborted) {
    const current = (await ora.query<{ SCN: string }>(CURRENT_SCN))[0]!.SCN
    const w = nextWindow(lo, current, o.maxWindowScns ?? 100_000n)
    if (!w) {
      await idle(o.idleMs ?? 1000, o.signal)
      continue
    }
    await startSession(ora, w.lo, w.hi)
    try {
      for (const row of await ora.query<LogMinerRow>(text, { ...binds, lo: w.lo, hi: w.hi })) {
        const item = buffer.push({ ...row, OPERATION_CODE: Number(row.OPERATION_CODE), CSF: Number(row.CSF), ROLLBACK: Number(row.ROLLBACK), STATUS: Number(row.STATUS) })
        if (item?.kind === 'transaction') yield* splitTransaction(item.tx, o.maxTxEvents ?? Number.MAX_SAFE_INTEGER, o.partial)
        else if (item) yield item
        if (item?.kind === 'schema-change') return
      }
    } finally {
      await ora.query(END_LOGMNR).catch(() => undefined) // ORA-01307: no session to end
    }
    lo = w.hi
    if (buffer.openTransactions === 0) yield { kind: 'progress', position: w.hi }
  }
}

function idle(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(t)
      resolve()
    }, { once: true })
  })
}

async function startSession(ora: OracleSession, lo: string, hi: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const logs = await ora.query<{ NAME: string }>(LOGS_FOR_WINDOW, { scn: lo })
    try {
      for (const [i, l] of logs.entries()) await ora.query(addLogfile(i === 0), { name: l.NAME })
      await ora.query(START_LOGMNR, { lo, hi })
      return
    } catch (err) {
      if (!/ORA-01291|ORA-01284|ORA-00308/.test((err as Error).message) || attempt >= MISSING_LOG_RETRIES) throw err
    }
  }
}
