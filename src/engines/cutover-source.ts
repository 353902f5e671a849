import type pg from 'pg'
import { redactUrl } from '../config/redact.js'
import { UsageError } from '../core/errors.js'
import type { ChangeEngine } from '../model/change-position.js'
import { engineOfUrl } from './registry.js'

/**
 * What `godwit cutover` needs from the source database, whatever its engine (docs/cutover.md):
 * freeze writes and undo that, the frozen position the cdc loop drains to, the change feed's
 * health, and the sequences and identity columns to move the target past. One implementation
 * per engine (src/engines/<engine>/…-cutover-source.ts), chosen by `openCutoverSource`.
 */
export interface CutoverSource {
  readonly engine: ChangeEngine
  /** What `freeze` does without --freeze-role (and without --freeze-cmd). */
  readonly defaultFreeze: SourceFreezeMethod
  /**
   * Freezes writes godwit's own way (no --freeze-cmd was given). `remember` stores what the
   * freeze is about to change before it changes anything, so an undo after a crash restores it;
   * `earlier` is what an earlier attempt of the same step remembered (its `previous…` values win).
   */
  freeze(request: FreezeRequest, earlier: SourceFreeze | undefined, remember: (planned: SourceFreeze) => Promise<void>): Promise<SourceFreeze>
  /** Undoes a freeze this engine made (a resumed run passes the recorded one); says what it did. */
  undoFreeze(freeze: SourceFreeze): Promise<string>
  /** The source's position now: read after the freeze, no frozen write can come after it. */
  currentPosition(): Promise<string>
  /** The change feed the cdc stream reads (PostgreSQL: its replication slot; Oracle: the redo LogMiner still needs; Teradata: a capture position with a clock). */
  changeFeedHealth(feed: ChangeFeed): Promise<FeedHealth>
  /** Every sequence in these source schemas with its last value, identity sequences with their column. */
  readSequences(schemas: readonly string[]): Promise<SequenceState[]>
  /** How a source object name (a sequence, table or column, unqualified) is named on the target by convert and load. */
  targetObjectName(name: string): string
  /** A PostgreSQL session on the source, where the fall-back stream can record its run; absent on other engines. */
  readonly postgres?: pg.ClientBase
  close(): Promise<void>
}

/** What godwit may freeze when no --freeze-cmd is given. */
export interface FreezeRequest {
  /** --freeze-role: a PostgreSQL role made read-only. */
  readonly role?: string
  /** The cutover's tables, in source names (`schema.table`). */
  readonly tables: readonly string[]
}

export type SourceFreezeMethod = 'role' | 'read-only-tables' | 'none'

/** A freeze as recorded with cutover step 2: enough for the undo, also after a crash. */
export interface SourceFreeze {
  readonly method: SourceFreezeMethod
  /** role: the role, its own default_transaction_read_only before the freeze, the sessions ended. */
  readonly role?: string
  readonly previousSetting?: string
  readonly sessionsTerminated?: number
  /** read-only-tables: each table and whether it was read-only before godwit touched it (those stay so on undo). */
  readonly readOnlyTables?: ReadonlyArray<{ readonly table: string; readonly wasReadOnly: boolean }>
  readonly note: string
}

export interface ChangeFeed {
  readonly streamId: number
  readonly slot?: string
  /** The last position cdc applied (status; the feed must still reach back to it). */
  readonly appliedPosition?: string
}

export interface FeedHealth {
  readonly title: string
  readonly ok: boolean
  readonly detail: string
}

export interface SequenceState {
  /** `schema.name` of the sequence, in source names. */
  readonly name: string
  /** Last value handed out (or an upper bound of it, for ascending sequences); undefined when never used (or not readable). */
  readonly lastValue?: string
  readonly increment: string
  /** `schema.table.column` when the sequence belongs to a serial or identity column. */
  readonly ownedBy?: string
  readonly identity: boolean
  /** How the value was come by, where it is weaker than the engine's own counter (shown with the sync). */
  readonly note?: string
}

/** The engine of a cutover source URL, by the registry; checked before anything is connected. */
export function cutoverSourceEngine(url: string): ChangeEngine {
  const engine = engineOfUrl(url)
  switch (engine.name) {
    case 'postgres':
    case 'oracle':
    case 'teradata':
      return engine.name
    case 'redshift':
      throw new UsageError('CUTOVER_ENGINE', `${engine.title} is a target only; it cannot be the source of a cutover (${redactUrl(url)})`, { object: redactUrl(url), hint: 'Pass the database the migration reads from as --source.' })
  }
}

/** The source side of a cutover, connected. */
export async function openCutoverSource(url: string): Promise<CutoverSource> {
  switch (cutoverSourceEngine(url)) {
    case 'postgres': {
      const { PgCutoverSource } = await import('./postgres/pg-cutover-source.js')
      return PgCutoverSource.connect(url)
    }
    case 'oracle': {
      const { OracleCutoverSource } = await import('./oracle/oracle-cutover-source.js')
      return OracleCutoverSource.connect(url)
    }
    case 'teradata': {
      const { TeradataCutoverSource } = await import('./teradata/teradata-cutover-source.js')
      return TeradataCutoverSource.connect(url)
    }
  }
}
