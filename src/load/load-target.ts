import type pg from 'pg'
import type { DeferredObject, LoadTablePlan, StoredChunk } from '../engines/postgres/control-schema-load.js'
import type { PgTableInfo } from '../engines/postgres/pg-catalog.js'
import type { BlockingForeignKey, NonEmptyTable } from '../engines/postgres/pg-target-state.js'
import type { RejectedRow } from '../values/transcode.js'
import type { Transfer } from './column-mapping.js'
import type { LoadEvent } from './load-events.js'
import type { LoadColumn, SourcePosition } from './load-source.js'
import type { LoadSourceEngine, SourceTable } from './source-engine.js'

type TableName = { readonly schema: string; readonly name: string }
type Deferrable = Omit<DeferredObject, 'id'>

/** A target table as the load pairs it with a source table (the PostgreSQL catalog's shape; other engines fill it from theirs). */
export type TargetTable = PgTableInfo

/** One chunk to write, inside the state transaction that holds the chunk's claim (`state`). */
export interface ChunkWrite {
  readonly source: LoadSourceEngine
  readonly plan: LoadTablePlan
  readonly chunk: StoredChunk
  /** Where the chunk is read on the source. */
  readonly at: SourcePosition
  /** A row the target cannot hold; throws when the table's reject allowance is spent (the chunk then fails). */
  readonly onReject: (r: RejectedRow) => void
  readonly onBytes: (n: number) => void
}

/**
 * What the load needs from a target engine. The run's state (control schema: runs, chunk claims,
 * leases) lives in a PostgreSQL state database, passed to every call as `state`: for a
 * PostgreSQL target it IS the target, so its methods work on that connection and share the
 * state's transaction (a chunk's rows commit with its done mark); other targets keep their own
 * connection and use `state` only for their bookkeeping's order.
 */
export interface LoadTarget {
  readonly engine: 'postgres' | 'redshift'
  /** Warnings said once when a run starts (e.g. triggers will fire). */
  start(state: pg.ClientBase): Promise<string[]>
  /** The target table of each source table (same name, else the same name in lower case); TABLE_NOT_FOUND names the missing ones. */
  findTables(state: pg.ClientBase, tables: readonly SourceTable[]): Promise<TargetTable[]>
  /** Target columns the target computes itself, per `schema.table`: the load leaves them out. */
  generatedColumns(state: pg.ClientBase, tables: readonly TargetTable[]): Promise<Map<string, Set<string>>>
  chooseTransfer(sourceEngine: string, source: SourceTable, columns: readonly LoadColumn[], target: TargetTable, forceTranscode: boolean): Transfer
  nonEmptyTables(state: pg.ClientBase, tables: readonly TableName[]): Promise<NonEmptyTable[]>
  /** Foreign keys from outside the load that emptying `tables` would break or reach through. */
  blockingForeignKeys(state: pg.ClientBase, tables: readonly TableName[]): Promise<BlockingForeignKey[]>
  /** Empties a new run's tables (`--truncate`) before the run is recorded. */
  emptyTables(state: pg.ClientBase, tables: readonly TableName[]): Promise<void>
  /** Indexes and foreign keys `--defer-indexes` takes off while loading; absent where the target has none. */
  readonly deferred?: {
    read(state: pg.ClientBase, tables: readonly TableName[]): Promise<Deferrable[]>
    drop(state: pg.ClientBase, objects: readonly Deferrable[]): Promise<void>
    restore(state: pg.ClientBase, o: Deferrable): Promise<void>
  }
  /** Options recorded with a new run (e.g. where its files are staged), read back by every process that joins it. */
  newRunOptions(): Record<string, unknown>
  /** The run this process works on, with its recorded options. */
  bindRun(run: { readonly id: number; readonly options: Record<string, unknown> }): void
  /** Writes one chunk; resolves to its rows and bytes. */
  writeChunk(state: pg.ClientBase, w: ChunkWrite): Promise<{ rows: number; bytes: number }>
  /** Once every chunk is done, inside the transaction that marks the run done (holding its lock): what the rows still need to be in place. */
  finishTables(state: pg.ClientBase, plans: readonly LoadTablePlan[], emit: (e: LoadEvent) => void): Promise<void>
  close(): Promise<void>
}
