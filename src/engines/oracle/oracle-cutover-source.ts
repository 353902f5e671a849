import { pgStoredName } from '../../convert/naming.js'
import { SourceError, UsageError } from '../../core/errors.js'
import type { ChangeFeed, CutoverSource, FeedHealth, FreezeRequest, SequenceState, SourceFreeze } from '../cutover-source.js'
import { OLDEST_AVAILABLE_SCN } from './logminer-sql.js'
import type { DictionaryFamily } from './oracle-catalog-queries.js'
import { connectOracle, type OracleSession } from './oracle-connection.js'
import { alterReadOnly, FREEZE_LOCK_TIMEOUT_S, sequencesQuery, SET_DDL_LOCK_TIMEOUT, TABLE_READ_ONLY, type SequenceRow } from './oracle-cutover-sql.js'
import { CURRENT_SCN_FALLBACK_SQL, CURRENT_SCN_SQL } from './oracle-extract-sql.js'

interface SequenceVariant {
  readonly family: DictionaryFamily
  readonly scaleFlag: boolean
}

const SEQUENCE_VARIANTS: readonly SequenceVariant[] = [
  { family: 'DBA', scaleFlag: true },
  { family: 'DBA', scaleFlag: false },
  { family: 'ALL', scaleFlag: true },
  { family: 'ALL', scaleFlag: false },
]

/**
 * An Oracle cutover source (docs/cutover.md, "Oracle sources"): freezes by making the cutover's
 * tables read-only, positions are SCNs (what LogMiner capture checkpoints), sequences and identity
 * columns come from ALL_SEQUENCES and ALL_TAB_IDENTITY_COLS.
 */
export class OracleCutoverSource implements CutoverSource {
  readonly defaultFreeze = 'read-only-tables'
  readonly engine = 'oracle'

  #sequenceVariant: SequenceVariant | undefined

  constructor(private readonly session: OracleSession) {}

  static async connect(url: string): Promise<OracleCutoverSource> {
    return new OracleCutoverSource(await connectOracle(url))
  }

  async freeze(request: FreezeRequest, earlier: SourceFreeze | undefined, remember: (planned: SourceFreeze) => Promise<void>): Promise<SourceFreeze> {
    if (request.role !== undefined)
      throw new UsageError('CUTOVER_FREEZE_ROLE', `--freeze-role is for PostgreSQL sources; an Oracle source is frozen by making the cutover's tables read-only`, { hint: 'Leave --freeze-role out (godwit runs ALTER TABLE … READ ONLY), or freeze with your own --freeze-cmd.' })
    // A resumed freeze keeps what the first attempt found: a table it made read-only is not "was read-only".
    const before = earlier?.method === 'read-only-tables' && earlier.readOnlyTables ? earlier.readOnlyTables : await this.readOnlyStates(request.tables)
    const note = `ALTER TABLE … READ ONLY on ${before.filter((t) => !t.wasReadOnly).length} tables`
    await remember({ method: 'read-only-tables', readOnlyTables: before, note })
    await this.session.query(SET_DDL_LOCK_TIMEOUT)
    for (const t of before.filter((x) => !x.wasReadOnly)) {
      try {
        await this.session.query(alterReadOnly(t.table, true))
      } catch (e) {
        if (/ORA-14139/.test((e as Error).message)) continue // read-only already: an earlier attempt got this far
        if (/ORA-00054/.test((e as Error).message))
          throw new SourceError('CUTOVER_FREEZE_BUSY', `${t.table}: a transaction kept changes on it open for ${FREEZE_LOCK_TIMEOUT_S} s, so it could not be made read-only`, {
            object: t.table,
            hint: 'Stop the application writing to it (V$LOCKED_OBJECT names the sessions), then run godwit cutover again; tables already made read-only were made writable again.',
            cause: e,
          })
        throw e
      }
    }
    const kept = before.filter((t) => t.wasReadOnly).map((t) => t.table)
    return { method: 'read-only-tables', readOnlyTables: before, note: `${note}${kept.length ? ` (${kept.join(', ')} read-only already, left so)` : ''}` }
  }

  async undoFreeze(f: SourceFreeze): Promise<string> {
    if (f.method !== 'read-only-tables') return 'nothing to undo'
    const made = (f.readOnlyTables ?? []).filter((t) => !t.wasReadOnly)
    for (const t of made) {
      await this.session.query(alterReadOnly(t.table, false)).catch((e: Error) => {
        if (!/ORA-14140/.test(e.message)) throw e // read/write already: the freeze had not reached it
      })
    }
    return `ALTER TABLE … READ WRITE on ${made.map((t) => t.table).join(', ') || 'no table'}: the source is writable again`
  }

  private async readOnlyStates(tables: readonly string[]): Promise<{ table: string; wasReadOnly: boolean }[]> {
    const out: { table: string; wasReadOnly: boolean }[] = []
    for (const table of tables) {
      const dot = table.indexOf('.')
      const [row] = await this.session.query<{ READ_ONLY: string }>(TABLE_READ_ONLY, { owner: table.slice(0, dot), name: table.slice(dot + 1) })
      if (!row) throw new SourceError('CUTOVER_NO_TABLE', `${table} is not a table the source user can see in ALL_TABLES`, { object: table, hint: 'Connect as the owner, or grant ALTER on the table (freezing needs it).' })
      out.push({ table, wasReadOnly: row.READ_ONLY === 'YES' })
    }
    return out
  }

  /** CURRENT_SCN needs SELECT on V_$DATABASE (cdc's LogMiner user has it); DBMS_FLASHBACK needs EXECUTE on the package. */
  async currentPosition(): Promise<string> {
    const rows = await this.session.query<{ SCN: string }>(CURRENT_SCN_SQL).catch(() => this.session.query<{ SCN: string }>(CURRENT_SCN_FALLBACK_SQL))
    const scn = rows[0]?.SCN
    if (typeof scn !== 'string' || !/^\d+$/.test(scn)) throw new SourceError('ORACLE_SCN_UNREADABLE', 'the current SCN of the Oracle source could not be read', { hint: 'Grant SELECT on V_$DATABASE or EXECUTE on DBMS_FLASHBACK.' })
    return scn
  }

  /** LogMiner keeps no slot: the archived redo cdc restarts from must still be on disk. */
  async changeFeedHealth(feed: ChangeFeed): Promise<FeedHealth> {
    const title = 'redo for LogMiner on disk'
    if (!feed.appliedPosition) return { title, ok: false, detail: `stream ${feed.streamId} has applied nothing yet` }
    const oldest = (await this.session.query<{ SCN: string | null }>(OLDEST_AVAILABLE_SCN))[0]?.SCN
    if (!oldest) return { title, ok: false, detail: 'no online or archived redo log is listed in V$LOG / V$ARCHIVED_LOG' }
    const ok = BigInt(oldest) <= BigInt(feed.appliedPosition)
    return { title, ok, detail: `oldest redo on disk starts at SCN ${oldest}; cdc applied up to SCN ${feed.appliedPosition}${ok ? '' : ': the redo in between is gone'}` }
  }

  async readSequences(schemas: readonly string[]): Promise<SequenceState[]> {
    const out: SequenceState[] = []
    for (const owner of schemas) {
      for (const r of await this.sequenceRows(owner)) {
        const name = `${r.SEQUENCE_OWNER}.${r.SEQUENCE_NAME}`
        if (r.SCALE_FLAG === 'Y')
          throw new SourceError('CUTOVER_SCALABLE_SEQUENCE', `sequence ${name} is scalable: its values carry instance and session digits above LAST_NUMBER, so godwit cannot tell how far the target must move`, {
            object: name,
            hint: 'Set the target sequence past SELECT MAX(column) of the table it numbers, by hand, then run godwit cutover again.',
          })
        out.push({
          name,
          lastValue: r.LAST_NUMBER,
          increment: r.INCREMENT_BY,
          ...(r.TABLE_NAME && r.COLUMN_NAME ? { ownedBy: `${r.SEQUENCE_OWNER}.${r.TABLE_NAME}.${r.COLUMN_NAME}` } : {}),
          identity: r.TABLE_NAME !== null,
        })
      }
    }
    return out
  }

  /** The first query variant the source answers: DBA_* before ALL_* (ORA-00942), with SCALE_FLAG before without (ORA-00904, before 18c). */
  private async sequenceRows(owner: string): Promise<SequenceRow[]> {
    const variants = this.#sequenceVariant ? [this.#sequenceVariant] : SEQUENCE_VARIANTS
    let last: unknown
    for (const v of variants) {
      try {
        const rows = await this.session.query<SequenceRow>(sequencesQuery(v.family, v.scaleFlag), { owner })
        this.#sequenceVariant = v
        return rows
      } catch (e) {
        if (!/ORA-00942|ORA-00904/.test((e as Error).message)) throw e
        last = e
      }
    }
    throw last
  }

  /** Upper-case dictionary names are lower case on the target, others kept (src/convert/naming.ts). */
  targetObjectName(name: string): string {
    return pgStoredName(name)
  }

  async close(): Promise<void> {
    await this.session.close().catch(() => undefined)
  }
}
