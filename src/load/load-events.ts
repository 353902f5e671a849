import type { Chunking } from '../engines/postgres/control-schema-load.js'
import type { Transfer } from './column-mapping.js'
import type { SourcePosition } from './load-source.js'

/** One table as planned, with what earlier runs or other processes already finished. */
export interface PlannedTable {
  /** `schema.table` on the source. */
  readonly name: string
  /** `schema.table` on the target. */
  readonly target: string
  readonly chunks: number
  readonly chunksDone: number
  readonly rowsDone: number
  readonly estimatedRows: number
  readonly chunking: Chunking
  readonly transfer: Transfer
  /** Source columns left out of the copy: generated columns, which the target computes. */
  readonly generated: readonly string[]
  /** Rows `--truncate` deletes from the target table before loading (0: nothing to empty). */
  readonly emptied: number
}

/** What a load is about to do, printed before it touches anything (and all `--dry-run` does). */
export interface LoadPlan {
  /** `new`: a new run (after --restart too); `resume`: the unfinished run of this source and selection. */
  readonly action: 'new' | 'resume'
  /** The run's id (absent for a new run not yet made: `--dry-run`). */
  readonly runId?: number
  readonly tables: readonly PlannedTable[]
  /** A new run's name for what it keeps on the source for CDC (PostgreSQL slot and publication). */
  readonly retainAs?: string
  /** The unfinished run `--restart` abandons. */
  readonly replaces?: number
  /** What a resumed run took over from the target and the flags since it was planned. */
  readonly adopted: readonly string[]
}

/** What a running load reports, for a progress display (src/ui) or a log; never needed for correctness. */
export type LoadEvent =
  | { readonly kind: 'plan'; readonly plan: LoadPlan; readonly dryRun: boolean }
  | { readonly kind: 'bytes'; readonly table: string; readonly bytes: number }
  | { readonly kind: 'chunk-done'; readonly table: string; readonly seq: number; readonly rows: number; readonly bytes: number; readonly seconds: number }
  | { readonly kind: 'chunk-retry'; readonly table: string; readonly seq: number; readonly attempt: number; readonly error: string }
  /** Said once: the run's own read position is gone (a PostgreSQL snapshot dies with its session), chunks now read at `now`. */
  | { readonly kind: 'position-moved'; readonly run: SourcePosition; readonly now: SourcePosition }
  | { readonly kind: 'table-failed'; readonly table: string; readonly error: string }
  | { readonly kind: 'restoring'; readonly objects: number }
  | { readonly kind: 'interrupted' }
  | { readonly kind: 'warning'; readonly message: string }
