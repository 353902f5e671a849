import { pgStoredName } from '../../convert/naming.js'
import { SourceError, UsageError } from '../../core/errors.js'
import { comparePositions, teradataClockMicros } from '../../model/change-position.js'
import type { ChangeFeed, CutoverSource, FeedHealth, FreezeRequest, SequenceState, SourceFreeze } from '../cutover-source.js'
import { parseCapturePosition } from './teradata-capture-position.js'
import { TeradataSessionPool } from './teradata-connection-pool.js'
import { parseTeradataUrl } from './teradata-connection.js'
import type { TeradataDriver } from './teradata-driver.js'
import {
  IDCOL_UNREADABLE, identityColumnsQuery, identityExtremeQuery, identityHighWaterQuery, type IdentityColumnRow, type IdentityHighWaterRow,
} from './teradata-cutover-sql.js'
import { SOURCE_TIME_SQL, type TeradataStatement } from './teradata-extract-sql.js'

const IDCOL_FALLBACK_NOTE = 'DBC.IdCol is not readable by this user (GRANT SELECT ON DBC.IdCol, or DBC.TVM/DBC.Dbase, to it): the highest value stored in the column was used, so a number handed out and then rolled back or deleted above it is not covered'

/**
 * A Teradata cutover source (docs/cutover.md, "Teradata sources"). godwit freezes nothing here:
 * Teradata has no read-only switch for a table, and revoking rights stops only the users who
 * hold them through the role revoked, so the application is stopped (or frozen by --freeze-cmd).
 * The frozen position is the source clock read after that, `time … UTC`, which Teradata capture
 * positions compare with (their `to:` clock, src/model/change-position.ts). Identity columns
 * come from DBC.IdCol, or from MAX(column) where it cannot be read.
 */
export class TeradataCutoverSource implements CutoverSource {
  readonly defaultFreeze = 'none'
  readonly engine = 'teradata'
  readonly #pool: TeradataSessionPool

  constructor(url: string, driver?: TeradataDriver) {
    this.#pool = new TeradataSessionPool(parseTeradataUrl(url), 1, [], driver)
  }

  static async connect(url: string): Promise<TeradataCutoverSource> {
    const source = new TeradataCutoverSource(url)
    await source.currentPosition() // connects now, so a bad URL or password fails before the run book starts
    return source
  }

  async freeze(request: FreezeRequest): Promise<SourceFreeze> {
    if (request.role !== undefined)
      throw new UsageError('CUTOVER_FREEZE_ROLE', `--freeze-role is for PostgreSQL sources; godwit does not freeze a Teradata source itself`, {
        hint: 'Stop the application, or pass --freeze-cmd/--unfreeze-cmd running the REVOKE/GRANT of docs/cutover.md ("Teradata sources") through bteq.',
      })
    return { method: 'none', note: 'no --freeze-cmd: the application is taken to be stopped already; godwit froze nothing (Teradata has no read-only switch)' }
  }

  async undoFreeze(): Promise<string> {
    return 'nothing to undo'
  }

  /** The source clock after the freeze, as a position: a drained stream has captured every change committed before it. */
  async currentPosition(): Promise<string> {
    const text = String((await this.#rows({ sql: SOURCE_TIME_SQL, params: [] }))[0]?.[0] ?? '').trim()
    try {
      teradataClockMicros(text)
    } catch {
      throw new SourceError('TERADATA_CLOCK_UNREADABLE', `the Teradata source's clock could not be read (got ${JSON.stringify(text)})`, { hint: 'Check that the user can run a plain SELECT.' })
    }
    return `time ${text} UTC`
  }

  /** Capture keeps no log to lose: what matters is that cdc's position carries a clock the drain can compare. */
  async changeFeedHealth(feed: ChangeFeed): Promise<FeedHealth> {
    const title = 'Teradata capture position'
    if (!feed.appliedPosition) return { title, ok: false, detail: `stream ${feed.streamId} has applied nothing yet` }
    const now = await this.currentPosition()
    const { poll, to } = parseCapturePosition(feed.appliedPosition)
    if (to === undefined) return { title, ok: true, detail: `cdc applied poll ${poll}, stored without a clock by an earlier godwit; its next poll records one, then the drain can compare it with the frozen clock` }
    const behind = comparePositions('teradata', feed.appliedPosition, now) <= 0
    return { title, ok: true, detail: `cdc captured every change committed before ${to} UTC; the source clock reads ${now.slice(5, -4)}${behind ? '' : ' (ahead of it: the clocks of the two sessions disagree)'}` }
  }

  async readSequences(schemas: readonly string[]): Promise<SequenceState[]> {
    const out: SequenceState[] = []
    for (const database of schemas) out.push(...(await this.#identities(database)))
    return out
  }

  async #identities(database: string): Promise<SequenceState[]> {
    let rows: IdentityHighWaterRow[]
    try {
      rows = (await this.#rows(identityHighWaterQuery(database))) as IdentityHighWaterRow[]
    } catch (e) {
      if (!IDCOL_UNREADABLE.test((e as Error).message)) throw e
      const columns = (await this.#rows(identityColumnsQuery(database))) as IdentityColumnRow[]
      const out: SequenceState[] = []
      for (const [table, column] of columns) out.push(identity(database, table, column, await this.#extreme(database, table, column, false), '1', IDCOL_FALLBACK_NOTE))
      return out
    }
    const out: SequenceState[] = []
    for (const [table, column, type, avail, inc] of rows) {
      const increment = integerText(inc, `${database}.${table}.${column} increment`)
      let last = integerText(avail, `${database}.${table}.${column} AvailValue`)
      const descending = increment.startsWith('-')
      // BY DEFAULT columns take explicit values that never advance AvailValue: the stored extreme counts too.
      if (String(type).trim().toUpperCase() === 'GD') {
        const stored = await this.#extreme(database, table, column, descending)
        if (stored !== undefined && (descending ? BigInt(stored) < BigInt(last) : BigInt(stored) > BigInt(last))) last = stored
      }
      out.push(identity(database, table, column, last, increment))
    }
    return out
  }

  async #extreme(database: string, table: string, column: string, descending: boolean): Promise<string | undefined> {
    const v = (await this.#rows(identityExtremeQuery(database, table.trim(), column.trim(), descending)))[0]?.[0]
    return v === null || v === undefined ? undefined : integerText(v, `${database}.${table}.${column}`)
  }

  /** Teradata names are case-blind: convert reads them upper case and writes them folded (docs/teradata.md). */
  targetObjectName(name: string): string {
    return pgStoredName(name.toUpperCase())
  }

  #rows(q: TeradataStatement): Promise<unknown[][]> {
    return this.#pool.with((s) => s.query(q.sql, q.params))
  }

  async close(): Promise<void> {
    await this.#pool.close().catch(() => undefined)
  }
}

function identity(database: string, table: string, column: string, lastValue: string | undefined, increment: string, note?: string): SequenceState {
  const name = `${database}.${table.trim()}.${column.trim()}`
  return { name, ...(lastValue !== undefined ? { lastValue } : {}), increment, ownedBy: name, identity: true, ...(note ? { note } : {}) }
}

/** A BIGINT as the driver returns it (bigint, number or text, DECIMAL text with a trailing point) → integer text. */
function integerText(v: unknown, what: string): string {
  const text = String(v).trim().replace(/\.0*$/, '')
  if (!/^-?\d+$/.test(text)) throw new SourceError('CUTOVER_IDENTITY_VALUE', `${what}: ${JSON.stringify(String(v))} is not an integer`, { object: what })
  return text
}
