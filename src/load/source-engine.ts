import type { Readable } from 'node:stream'
import type { DataColumn, DataTable } from '../model/data-table.js'
import type { SchemaModel } from '../model/schema.js'
import type { LoadChunk, LoadColumn, RowSource, SourcePosition } from './load-source.js'

/**
 * A source table as the load plans it (nullability and enforced keys are validation's concern).
 * `key` absent: the table is loaded whole. `generated`: computed columns, left out of `columns`
 * (the target computes its own).
 */
export type SourceTable = Pick<DataTable, 'schema' | 'name' | 'key' | 'estimatedRows'> & {
  readonly columns: readonly Pick<DataColumn, 'name' | 'nativeType' | 'type'>[]
  readonly generated?: readonly string[]
}

/** The run's read position, held open (a PostgreSQL exported snapshot lives with its session). */
export interface HeldPosition {
  readonly position: SourcePosition
  /** Said to the user once, e.g. that CDC cannot start from this load. */
  readonly warning?: string
  /** Ends the session that keeps the position readable; a slot or SCN stays for CDC. */
  close(): Promise<void>
  /** Closes and also drops what was made for CDC (the run that needed it was never recorded). */
  discard(): Promise<void>
}

/** A chunk's data in PostgreSQL COPY format, read at `readAt`. */
export interface CopyOut {
  readonly stream: Readable
  readonly format: 'binary' | 'text'
  readonly readAt: SourcePosition
}

/**
 * What the load needs from a source engine. Engines that hold PostgreSQL COPY data natively
 * (PostgreSQL itself) also offer `copyOut`, the passthrough path with no decoding.
 */
export interface LoadSourceEngine extends RowSource {
  readonly engine: SourcePosition['engine']
  listTables(patterns: readonly string[]): Promise<SourceTable[]>
  /**
   * Takes the run's read position. `name` (from the run key) names what is left for CDC (a
   * PostgreSQL slot and publication), replacing a predecessor's of the same name.
   */
  openPosition(o: { readonly name: string; readonly tables: readonly SourceTable[] }): Promise<HeldPosition>
  /** What the position keeps alive on the source now: bytes of WAL a slot retains (engines with nothing to keep omit this). */
  retainedBytes?(position: SourcePosition): Promise<number | undefined>
  /** Removes what `openPosition` left under `name` (slot, publication); idempotent. */
  dropRetained?(name: string): Promise<{ readonly slot?: string; readonly publication?: string }>
  /** Key-range chunks of about `chunkRows` rows, from statistics or a sample, never a full scan. */
  planChunks(table: SourceTable, chunkRows: number): Promise<LoadChunk[]>
  /**
   * The position a chunk is read at: the run's own while it is still readable; otherwise (a
   * resumed run whose exported snapshot died with its session) a newer one, which the chunk
   * records. CDC still starts from the run's position and its idempotent apply converges.
   */
  readPosition(run: SourcePosition): Promise<SourcePosition>
  /** The selected tables as the schema model conversion reads (engines that `--create` can convert from). */
  readSchemaModel?(patterns: readonly string[]): Promise<SchemaModel>
  copyOut?(chunk: LoadChunk, columns: readonly LoadColumn[], at: SourcePosition, format: 'binary' | 'text'): Promise<CopyOut>
  close(): Promise<void>
}
