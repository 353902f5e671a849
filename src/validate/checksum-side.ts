import type { KeyBound, KeyRange } from '../model/key-range.js'
import type { SegmentChecksum } from './segment-checksum.js'
import type { CanonicalRow, SideTable } from './side-table.js'

/** Bytes that crossed the wire between godwit and one database. */
export interface TransferStats {
  readonly bytesReceived: number
  readonly bytesSent: number
}

/** Aggregates of one column, each as canonical text so both sides compare as strings. */
export interface ColumnAggregate {
  readonly column: string
  readonly nulls: number
  readonly sum?: string | null
  readonly min: string | null
  readonly max: string | null
}

/**
 * What validation needs from one database (source or target). Engines implement it with their
 * own SQL; the algorithms in src/validate only see this. All row texts are canonical
 * (src/values/canonical-text.ts), so the two sides compare as plain strings.
 */
export interface ChecksumSide {
  /** e.g. `postgres`, `oracle`; `+client-hash` when checksums are computed in Node. */
  readonly engine: string
  /** The engine's current position (PG LSN, Oracle SCN) when validation started, if it has one. */
  position(): Promise<string | undefined>
  rowCount(t: SideTable): Promise<number>
  /** Ascending key bounds that split the table into about `segments` parts, read without a full scan where possible. */
  initialBounds(t: SideTable, segments: number): Promise<KeyBound[]>
  checksum(t: SideTable, r: KeyRange): Promise<SegmentChecksum>
  /** Ascending keys strictly inside the range that split its `rows` rows into about `parts` parts. */
  splitPoints(t: SideTable, r: KeyRange, rows: number, parts: number): Promise<KeyBound[]>
  rows(t: SideTable, r: KeyRange): Promise<CanonicalRow[]>
  rowsByKeys(t: SideTable, keys: readonly KeyBound[]): Promise<CanonicalRow[]>
  /** Keyless tables: per hash bucket (0 … buckets-1) of the whole line, the checksum of its rows. */
  bucketChecksums(t: SideTable, buckets: number): Promise<Map<number, SegmentChecksum>>
  bucketRows(t: SideTable, buckets: number, which: readonly number[]): Promise<CanonicalRow[]>
  aggregates(t: SideTable, columns: readonly number[]): Promise<ColumnAggregate[]>
  /** Stops reading at the validation's start point; later reads see current data (re-checks). */
  endSnapshot(): Promise<void>
  close(): Promise<TransferStats>
}

/** An engine that can stream a table's raw values: enough for client-side hashing (src/validate/client-hash.ts). */
export interface RawRowReader {
  /** Raw values in `SideTable.columns` order, in any order of rows; `canonicalText` reads them. */
  rawRows(t: SideTable, r: KeyRange | undefined): AsyncIterable<readonly unknown[]>
}
