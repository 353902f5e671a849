import { GodwitError, SourceError } from '../../core/errors.js'
import type { KeyBound, KeyRange } from '../../model/key-range.js'
import { canonicalLine } from '../../validate/canonical-line.js'
import type { ChecksumSide, ColumnAggregate, RawRowReader, TransferStats } from '../../validate/checksum-side.js'
import { bucketOf } from '../../validate/client-hash.js'
import { rowHash, type SegmentChecksum } from '../../validate/segment-checksum.js'
import { qualifiedName, type CanonicalRow, type SideTable } from '../../validate/side-table.js'
import { canonicalText } from '../../values/canonical-text.js'
import { TeradataSessionPool } from './teradata-connection-pool.js'
import { parseTeradataUrl } from './teradata-connection.js'
import type { TeradataDriver } from './teradata-driver.js'
import {
  TERADATA_VALIDATION_SESSION, teradataRowByKeyQuery, teradataRowCountQuery, teradataRowsQuery, teradataSampledBoundsQuery, teradataSplitPointsQuery,
  type TeradataQuery,
} from './teradata-checksum-sql.js'
import { teradataRawValue } from './teradata-extract-decode.js'
import { SOURCE_TIME_SQL } from './teradata-extract-sql.js'

/** Rows a level-0 sample reads. */
const SAMPLE_ROWS = 50_000
const FETCH_ROWS = 5000


/**
 * Teradata as the source of a validation. It cannot hash (no MD5), so it is always used behind
 * ClientHashedSide (src/validate/client-hash.ts), which hashes `rawRows` in Node; this class
 * reads rows, counts, bounds and split points. There is no read point to share: every query
 * reads current data (`LOCKING … FOR ACCESS` for scans), and the position reported is the
 * source clock when validation started. Tables written meanwhile show up as differences that
 * validation's re-check confirms or clears.
 */
export class TeradataChecksumSide implements ChecksumSide, RawRowReader {
  readonly engine = 'teradata'
  readonly #pool: TeradataSessionPool
  #clock?: Promise<string | undefined>

  constructor(url: string, jobs: number, driver?: TeradataDriver) {
    this.#pool = new TeradataSessionPool(parseTeradataUrl(url), jobs, TERADATA_VALIDATION_SESSION, driver)
  }

  position(): Promise<string | undefined> {
    this.#clock ??= this.#pool.with(async (s) => `time ${String((await s.query(SOURCE_TIME_SQL))[0]?.[0] ?? '').trim()} UTC`)
    return this.#clock
  }

  async rowCount(t: SideTable): Promise<number> {
    const rows = await this.#all(t, 'counting rows', teradataRowCountQuery(t))
    return Number(rows[0]?.[0] ?? 0)
  }

  async initialBounds(t: SideTable, segments: number): Promise<KeyBound[]> {
    const rows = await this.#all(t, 'sampling keys', teradataSampledBoundsQuery(t, SAMPLE_ROWS, segments))
    const lead = t.columns[0]!
    // A leading key value shared by many rows (compound keys) can be sampled twice: one cut is enough.
    const cuts = rows.map((r) => canonicalText(teradataRawValue(r[0], lead.type), lead.type)).filter((x): x is string => x !== null)
    return cuts.filter((c, i) => i === 0 || c !== cuts[i - 1]).map((c) => [c])
  }

  checksum(t: SideTable): Promise<SegmentChecksum> {
    return Promise.reject(noHash(t))
  }

  bucketChecksums(t: SideTable): Promise<Map<number, SegmentChecksum>> {
    return Promise.reject(noHash(t))
  }

  async splitPoints(t: SideTable, r: KeyRange, rows: number, parts: number): Promise<KeyBound[]> {
    const found = await this.#all(t, 'splitting a segment', teradataSplitPointsQuery(t, r, Math.ceil(rows / Math.max(1, parts))))
    const keys = t.columns.slice(0, t.keyLength)
    return found.map((row) => keys.map((c, i) => canonicalText(teradataRawValue(row[i], c.type), c.type) ?? ''))
  }

  async rows(t: SideTable, r: KeyRange): Promise<CanonicalRow[]> {
    const out: CanonicalRow[] = []
    for await (const raw of this.rawRows(t, r)) out.push(canonicalRow(t, raw))
    return out
  }

  async rowsByKeys(t: SideTable, keys: readonly KeyBound[]): Promise<CanonicalRow[]> {
    const found = await Promise.all(keys.map((key) => this.#all(t, 'reading a row by key', teradataRowByKeyQuery(t, key))))
    return found.flat().map((raw) => canonicalRow(t, raw))
  }

  /** Keyless tables: the rows of some buckets, bucketed in Node with the client-side hash (Teradata cannot compute it). */
  async bucketRows(t: SideTable, buckets: number, which: readonly number[]): Promise<CanonicalRow[]> {
    const wanted = new Set(which)
    const out: CanonicalRow[] = []
    for await (const raw of this.rawRows(t, undefined)) {
      const row = canonicalRow(t, raw)
      if (wanted.has(bucketOf(rowHash(canonicalLine(row)), buckets))) out.push(row)
    }
    return out
  }

  aggregates(_t: SideTable, _columns: readonly number[]): Promise<ColumnAggregate[]> {
    return Promise.reject(new SourceError('VALIDATE_TERADATA_AGGREGATES', 'column aggregates (--mode full) are not implemented for Teradata yet', { hint: 'Use --mode checksum.' }))
  }

  async *rawRows(t: SideTable, r: KeyRange | undefined): AsyncIterable<readonly unknown[]> {
    const q = teradataRowsQuery(t, r)
    try {
      for await (const batch of this.#pool.stream(q.sql, q.params, FETCH_ROWS)) {
        for (const row of batch) yield t.columns.map((c, i) => teradataRawValue(row[i], c.type))
      }
    } catch (e) {
      throw failure(t, 'reading rows', e)
    }
  }

  async endSnapshot(): Promise<void> {}

  async close(): Promise<TransferStats> {
    await this.#pool.close()
    // The driver does not expose its socket: bytes are not counted for Teradata.
    return { bytesReceived: 0, bytesSent: 0 }
  }

  async #all(t: SideTable, what: string, q: TeradataQuery): Promise<unknown[][]> {
    try {
      return await this.#pool.with((s) => s.query(q.sql, q.params))
    } catch (e) {
      throw failure(t, what, e)
    }
  }
}

function canonicalRow(t: SideTable, raw: readonly unknown[]): CanonicalRow {
  return t.columns.map((c, i) => canonicalText(teradataRawValue(raw[i], c.type), c.type))
}

function noHash(t: SideTable): SourceError {
  return new SourceError('VALIDATE_TERADATA_NO_HASH', `source ${qualifiedName(t)}: Teradata has no MD5 to checksum in SQL`, { hint: 'Teradata sources are hashed client-side; this is a bug if you see it.' })
}

function failure(t: SideTable, what: string, e: unknown): SourceError {
  const message = e instanceof Error ? e.message : String(e)
  return new SourceError(e instanceof GodwitError ? e.code : 'VALIDATE_SOURCE_QUERY', `source ${qualifiedName(t)}: ${what} failed: ${message}`, {
    object: qualifiedName(t),
    hint: e instanceof GodwitError && e.hint ? e.hint : 'Check that the table is readable by the validation user.',
    cause: e,
  })
}
