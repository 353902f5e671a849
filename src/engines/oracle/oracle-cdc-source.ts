import { SourceError } from '../../core/errors.js'
import type { CaptureItem } from '../../model/change-event.js'
import { positionOrdinal } from '../../model/change-position.js'
import { mineChanges } from './logminer-capture.js'
import { logMinerProblems, type DatabaseCheckRow, type LogGroupRow } from './logminer-preflight.js'
import { CURRENT_SCN, DATABASE_CHECK, HEARTBEAT_DDL, HEARTBEAT_MERGE, SESSION_PRIVILEGES, TABLE_LOG_GROUPS } from './logminer-sql.js'
import { connectOracle, type OracleSession } from './oracle-connection.js'

/** A table cdc mines, in source names ('OWNER.TABLE'), with the key the load used. */
export interface MinedTable {
  readonly name: string
  readonly columns: readonly string[]
  readonly key?: readonly string[]
}

/** Where mining resumes, from the target's checkpoint. */
export interface OracleResume {
  /** Commit SCN of the last applied transaction (at first: the load's SCN). */
  readonly position: string
  /** Its XID, once cdc applied one: commits sharing its SCN are told apart by it. */
  readonly txId?: string
  /** Mining reads SCNs after this one; undefined: `position`. */
  readonly restartPosition?: string
  readonly partialTx?: string
  readonly partialEvents: number
}

/** The heartbeat table, in the schema of the user cdc connects as. */
const HEARTBEAT_TABLE = 'GODWIT_HEARTBEAT'

/**
 * The Oracle side of cdc: the preflight, LogMiner mining on one session, and the heartbeat and
 * current SCN on another (a mining query holds its session while it runs).
 */
export class OracleCdcSource {
  readonly #url: string
  readonly #status: OracleSession
  #heartbeatReady = false

  private constructor(url: string, status: OracleSession) {
    this.#url = url
    this.#status = status
  }

  static async connect(url: string): Promise<OracleCdcSource> {
    return new OracleCdcSource(url, await connectOracle(url))
  }

  /** Refuses to start, naming every missing prerequisite with the statement that fixes it. */
  async preflight(tables: readonly MinedTable[]): Promise<void> {
    const [db] = await this.#status.query<DatabaseCheckRow>(DATABASE_CHECK)
    const owners = [...new Set(tables.map((t) => t.name.split('.')[0]!))]
    const groups: LogGroupRow[] = []
    for (const owner of owners) groups.push(...(await this.#status.query<LogGroupRow>(TABLE_LOG_GROUPS, { owner })))
    const privileges = (await this.#status.query<{ NAME: string }>(SESSION_PRIVILEGES)).map((r) => r.NAME)
    const problems = logMinerProblems(db!, groups, privileges, new Map(tables.map((t) => [t.name, t.key !== undefined && t.key.length > 0])))
    if (problems.length === 0) return
    throw new SourceError('CDC_LOGMINER_NOT_READY', `the Oracle source is not ready for LogMiner capture: ${problems.map((p) => p.message).join('; ')}`, {
      object: problems[0]!.object,
      hint: `Run as a DBA, then start godwit cdc again:\n${[...new Set(problems.map((p) => p.fix))].join('\n')}`,
    })
  }

  /**
   * Mines from the checkpoint on a session of its own. There is nothing to acknowledge: the
   * source keeps redo by its archive-log retention, not by what a reader confirmed, and each
   * window with no transaction open reports its end as progress by itself.
   */
  async open(resume: OracleResume, expect: { readonly columns: ReadonlyMap<string, readonly string[]>; readonly maxTxEvents: number }): Promise<{ items: AsyncIterable<CaptureItem>; acknowledge(position: string): void; requestProgress(): void; close(): Promise<void> }> {
    const session = await connectOracle(this.#url)
    const stop = new AbortController()
    const items = mineChanges(session, {
      tables: expect.columns,
      fromScn: resume.restartPosition ?? resume.position,
      applied: { scn: resume.position, ...(resume.txId ? { txId: resume.txId } : {}) },
      heartbeatTable: `${session.url.user.toUpperCase()}.${HEARTBEAT_TABLE}`,
      maxTxEvents: expect.maxTxEvents,
      ...(resume.partialTx ? { partial: { scn: resume.partialTx, events: resume.partialEvents } } : {}),
      signal: stop.signal,
    })
    return {
      items,
      acknowledge: () => undefined,
      requestProgress: () => undefined,
      close: async () => {
        stop.abort()
        await session.cancel().catch(() => undefined)
        await session.close().catch(() => undefined)
      },
    }
  }

  /**
   * One row in GODWIT_HEARTBEAT, updated and committed: mined like a change, it advances the
   * checkpoint and measures lag while the captured tables are idle. The first call creates the
   * table (needs CREATE TABLE once; then only the user's own table is written).
   */
  async heartbeat(): Promise<void> {
    if (!this.#heartbeatReady) {
      await this.#status.query(HEARTBEAT_DDL).catch((err: Error) => {
        if (!/ORA-00955/.test(err.message)) throw err // ORA-00955: it exists already
      })
      this.#heartbeatReady = true
    }
    await this.#status.query(HEARTBEAT_MERGE)
    await this.#status.query('COMMIT')
  }

  async status(): Promise<{ position: string }> {
    return { position: (await this.#status.query<{ SCN: string }>(CURRENT_SCN))[0]!.SCN }
  }

  /** Source SCN − applied SCN. */
  static distance(from: string, to: string): number {
    return Number(positionOrdinal('oracle', to) - positionOrdinal('oracle', from))
  }

  async close(): Promise<void> {
    await this.#status.close().catch(() => undefined)
  }
}
