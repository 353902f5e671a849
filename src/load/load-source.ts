import type { KeyRange } from '../model/key-range.js'
import type { LogicalType } from '../model/logical-type.js'

/** A column as the load moves it: source name, target name, engine-neutral type. */
export interface LoadColumn {
  readonly name: string
  readonly targetName: string
  readonly type: LogicalType
  /** Target type, format_type() text. */
  readonly pgType: string
}

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
 * Oracle SCN. Plain data, stored in the target; the CDC phase reads these field names.
 */
export interface SourcePosition {
  readonly engine: 'postgres' | 'oracle'
  readonly lsn?: string
  readonly slot?: string
  readonly publication?: string
  readonly snapshot?: string
  readonly scn?: string
  /** Oracle: no transaction open at `scn` began before this SCN (where LogMiner capture starts mining). */
  readonly oldestOpenScn?: string
}

/** What every source engine offers the transcoding path: rows decoded to godwit values (see src/values), in `columns` order. */
export interface RowSource {
  readChunkRows(chunk: LoadChunk, columns: readonly LoadColumn[], at: SourcePosition): AsyncIterable<readonly (readonly unknown[])[]>
}
