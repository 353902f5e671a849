import { SourceError } from '../../core/errors.js'
import type { CaptureItem } from '../../model/change-event.js'
import type { OracleSession } from './oracle-connection.js'
import { addLogfile, contentsQuery, CURRENT_SCN, END_LOGMNR, LOGMINER_SESSION, LOGS_FOR_WINDOW, nextWindow, OLDEST_AVAILABLE_SCN, START_LOGMNR } from './logminer-sql.js'
import { LogMinerTransactionBuffer, type LogMinerRow } from './logminer-transactions.js'

export interface MineOptions {
  /** 'OWNER.TABLE' → columns in the target plan. */
  readonly tables: ReadonlyMap<string, readonly string[]>
  /** Mining starts after this SCN (the low watermark: no transaction open before it is lost). */
  readonly fromScn: string
  /** Commit SCN of the last applied transaction: not emitted again. */
  readonly appliedScn: string
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
  const buffer = new LogMinerTransactionBuffer(o.tables, o.appliedScn)
  const { text, binds } = contentsQuery([...o.tables.keys()])
  let lo = o.fromScn
  while (!o.signal?.aborted) {
    const current = (await ora.query<{ SCN: string }>(CURRENT_SCN))[0]!.SCN
    const w = nextWindow(lo, current, o.maxWindowScns ?? 100_000n)
    if (!w) {
      await new Promise((r) => setTimeout(r, o.idleMs ?? 1000))
      continue
    }
    await startSession(ora, w.lo, w.hi)
    try {
      for (const row of await ora.query<LogMinerRow>(text, { ...binds, lo: w.lo, hi: w.hi })) {
        const item = buffer.push({ ...row, OPERATION_CODE: Number(row.OPERATION_CODE), CSF: Number(row.CSF), ROLLBACK: Number(row.ROLLBACK), STATUS: Number(row.STATUS) })
        if (item) yield item
        if (item?.kind === 'schema-change') return
      }
    } finally {
      await ora.query(END_LOGMNR).catch(() => undefined) // ORA-01307: no session to end
    }
    lo = w.hi
    if (buffer.openTransactions === 0) yield { kind: 'progress', position: w.hi }
  }
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
