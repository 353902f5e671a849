import type { TranscodeColumn } from '../values/transcode.js'
import type { KeyRange } from '../model/key-range.js'

/** A column as the load moves it: source name, target name, engine-neutral type. */
/** A loaded column: the source's name and logical type, the target's name and type text (format_type()). */
export type LoadColumn = TranscodeColumn

export interface LoadChunk {
  readonly schema: string
  readonly table: string
  readonly seq: number
  readonly key?: readonly string[]
  readonly range?: KeyRange
  readonly estimatedRows: number
}

/**
 * A source's consistent read position: PG snapshot id + slot LSN (with the publication CDC streams),
 * Oracle SCN. Teradata has no read point to hold: its position is the source clock when the
 * load started (where watermark capture begins) and how chunks were locked. Plain data, stored
 * in the target; the CDC phase reads these field names.
 */
export interface SourcePosition {
  readonly engine: 'postgres' | 'oracle' | 'teradata'
  readonly lsn?: string
  readonly slot?: string
  readonly publication?: string
  readonly snapshot?: string
  readonly scn?: string
  /** Oracle: no transaction open at `scn` began before this SCN (where LogMiner capture starts mining). */
  readonly oldestOpenScn?: string
  /** Teradata: CURRENT_TIMESTAMP(6) in UTC when the load started (`YYYY-MM-DD HH:MI:SS.ffffff`). */
  readonly sourceTime?: string
  /** Teradata: `access` (dirty reads, writers not blocked) or `read` (each chunk waits for writers). */
  readonly lock?: 'access' | 'read'
}

/** What every source engine offers the transcoding path: rows decoded to godwit values (see src/values), in `columns` order. */
export interface RowSource {
  readChunkRows(chunk: LoadChunk, columns: readonly LoadColumn[], at: SourcePosition): AsyncIterable<readonly (readonly unknown[])[]>
}
