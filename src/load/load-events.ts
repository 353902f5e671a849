import type { Chunking } from '../engines/postgres/control-schema-load.js'
import type { Transfer } from './column-mapping.js'

/** One table as planned, with what earlier runs or other processes already finished. */
export interface PlannedTable {
  /** `schema.table` on the source. */
  readonly name: string
  readonly chunks: number
  readonly chunksDone: number
  readonly rowsDone: number
  readonly estimatedRows: number
  readonly chunking: Chunking
  readonly transfer: Transfer
}

/** What a running load reports, for a progress display (src/ui) or a log; never needed for correctness. */
export type LoadEvent =
  | { readonly kind: 'plan'; readonly runId: number; readonly resumed: boolean; readonly tables: readonly PlannedTable[] }
  | { readonly kind: 'bytes'; readonly table: string; readonly bytes: number }
  | { readonly kind: 'chunk-done'; readonly table: string; readonly seq: number; readonly rows: number; readonly bytes: number; readonly seconds: number }
  | { readonly kind: 'chunk-retry'; readonly table: string; readonly seq: number; readonly attempt: number; readonly error: string }
  | { readonly kind: 'table-failed'; readonly table: string; readonly error: string }
  | { readonly kind: 'restoring'; readonly objects: number }
  | { readonly kind: 'warning'; readonly message: string }
