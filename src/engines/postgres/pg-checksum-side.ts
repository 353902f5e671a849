import type pg from 'pg'
import copyStreams from 'pg-copy-streams'
import type { KeyBound, KeyRange } from '../../model/key-range.js'
import type { ChecksumSide, ColumnAggregate, RawRowReader, TransferStats } from '../../validate/checksum-side.js'
import { checksumOf, type SegmentChecksum } from '../../validate/segment-checksum.js'
import { qualifiedName, type CanonicalRow, type SideTable } from '../../validate/side-table.js'
import { decodeUtf8, readCopyText } from '../../values/copy-text-reader.js'
import {
  aggregatesQuery,
  bucketChecksumsQuery,
  bucketRowsQuery,
  histogramBoundsQuery,
  rawCopyQuery,
  rowCountQuery,
  rowsByKeysQuery,
  rowsQuery,
  sampledBoundsQuery,
  segmentChecksumQuery,
  splitPointsQuery,
  tableRef,
  type PredicateOptions,
  type Query,
} from './pg-checksum-sql.js'
import { PgValidationSessions, type Side } from './pg-checksum-sessions.js'

/** Pages a level-0 sample reads when a table has no statistics: enough keys for even segments. */
const SAMPLE_PAGES = 300

/**
 * PostgreSQL as either side of a validation, checksums pushed down: the server hashes every row
 * and returns one (count, sum) per segment, so identical tables cost one scan per side and no
 * row transfer. It also streams raw rows for the client-side fallback (RawRowReader).
 */
export class PgChecksumSide implements ChecksumSide, RawRowReader {
  readonly engine = 'postgres'
  private readonly sessions: PgValidationSessions
  /** Per table (`schema.table`): whether its text keys need COLLATE "C". */
  private readonly order = new Map<string, Promise<PredicateOptions>>()

  constructor(url: string, side: Side, jobs: number) {
    this.sessions = new PgValidationSessions(url, jobs, side)
  }

  position(): Promise<string | undefined> {
    return this.sessions.position()
  }

  async rowCount(t: SideTable): Promise<number> {
    const rows = await this.run<{ n: string }>(t, 'counting rows', rowCountQuery(t))
    return Number(rows[0]!.n)
  }

  async initialBounds(t: SideTable, segments: number): Promise<KeyBound[]> {
    const o = await this.predicateOptions(t)
    let keys = (await this.run<{ c0: string | null }>(t, 'reading key statistics', histogramBoundsQuery(t, o))).map((r) => r.c0)
    // The histogram holds ~default_statistics_target (100) bounds: too few for a big table's
    // segments, none before ANALYZE. A sample of pages then gives the bounds.
    if (keys.length < segments - 1) {
      const pages = await this.run<{ pages: string }>(t, 'sizing the key sample', {
        text: "SELECT greatest(pg_relation_size($1::text::regclass) / current_setting('block_size')::int8, 1) AS pages",
        values: [tableRef(t)],
      })
      const percent = Math.min(100, (100 * SAMPLE_PAGES) / Number(pages[0]!.pages))
      keys = (await this.run<{ c0: string | null }>(t, 'sampling keys', sampledBoundsQuery(t, percent, o))).map((r) => r.c0)
    }
    return evenlySpaced(dedupeAdjacent(keys.filter((k): k is string => k !== null)), segments - 1).map((k) => [k])
  }

  async checksum(t: SideTable, r: KeyRange): Promise<SegmentChecksum> {
    const rows = await this.run<{ n: string; s: string | null }>(t, 'computing a segment checksum', segmentChecksumQuery(t, r, await this.predicateOptions(t)))
    return checksumOf(Number(rows[0]!.n), rows[0]!.s)
  }

  async splitPoints(t: SideTable, r: KeyRange, rows: number, parts: number): Promise<KeyBound[]> {
    const step = Math.max(1, Math.ceil(rows / parts))
    const found = await this.run<Record<string, string>>(t, 'splitting a segment', splitPointsQuery(t, r, step, await this.predicateOptions(t)), 'array')
    return found as unknown as KeyBound[]
  }

  async rows(t: SideTable, r: KeyRange): Promise<CanonicalRow[]> {
    return (await this.run(t, 'reading rows', rowsQuery(t, r, await this.predicateOptions(t)), 'array')) as unknown as CanonicalRow[]
  }

  async rowsByKeys(t: SideTable, keys: readonly KeyBound[]): Promise<CanonicalRow[]> {
    if (keys.length === 0) return []
    return (await this.run(t, 'reading rows by key', rowsByKeysQuery(t, keys), 'array')) as unknown as CanonicalRow[]
  }

  async bucketChecksums(t: SideTable, buckets: number): Promise<Map<number, SegmentChecksum>> {
    const rows = await this.run<{ b: string; n: string; s: string }>(t, 'computing bucket checksums', bucketChecksumsQuery(t, buckets))
    return new Map(rows.map((r) => [Number(r.b), checksumOf(Number(r.n), r.s)]))
  }

  async bucketRows(t: SideTable, buckets: number, which: readonly number[]): Promise<CanonicalRow[]> {
    return (await this.run(t, 'reading rows of differing buckets', bucketRowsQuery(t, buckets, which), 'array')) as unknown as CanonicalRow[]
  }

  async aggregates(t: SideTable, columns: readonly number[]): Promise<ColumnAggregate[]> {
    if (columns.length === 0) return []
    const row = (await this.run<Record<string, string | null>>(t, 'computing column aggregates', aggregatesQuery(t, columns)))[0]!
    return columns.map((i) => ({ column: t.columns[i]!.name, nulls: Number(row[`n${i}`]), sum: row[`s${i}`] ?? null, min: row[`lo${i}`] ?? null, max: row[`hi${i}`] ?? null }))
  }

  async *rawRows(t: SideTable, r: KeyRange | undefined): AsyncIterable<readonly unknown[]> {
    const o = await this.predicateOptions(t)
    const client = await this.sessions.acquire()
    try {
      const stream = client.query(copyStreams.to(rawCopyQuery(t, r, o)))
      for await (const batch of readCopyText(stream, t.columns.map(() => decodeUtf8))) yield* batch
    } catch (e) {
      this.sessions.markBroken(client)
      throw this.sessions.fail(e, qualifiedName(t), 'streaming rows')
    } finally {
      this.sessions.release(client)
    }
  }

  endSnapshot(): Promise<void> {
    return this.sessions.endSnapshot()
  }

  close(): Promise<TransferStats> {
    return this.sessions.close()
  }

  /**
   * Text keys are cut in byte order. Key columns whose own collation (or the database default they
   * inherit) already is byte order need no COLLATE, and keep their indexes usable; one column in
   * another collation (ICU, en_US) makes the whole key compare with COLLATE "C".
   */
  private predicateOptions(t: SideTable): Promise<PredicateOptions> {
    const id = tableRef(t)
    let order = this.order.get(id)
    if (!order) {
      const keys = t.columns.slice(0, t.keyLength).filter((c) => c.type.kind === 'text').map((c) => c.name)
      order = this.sessions
        .withClient(async (c) => {
          const { rows } = await c.query<{ byte_order: boolean | null }>(
            `SELECT bool_and(CASE WHEN co.collname = 'default' THEN (SELECT datcollate FROM pg_database WHERE datname = current_database()) ELSE co.collname END
                             IN ('C', 'POSIX', 'ucs_basic')) AS byte_order
               FROM pg_attribute a JOIN pg_collation co ON co.oid = a.attcollation
              WHERE a.attrelid = $1::text::regclass AND a.attname = ANY ($2::text[])`,
            [id, keys],
          )
          return { byteOrder: rows[0]?.byte_order === false }
        })
        .catch((e: unknown) => {
          this.order.delete(id)
          throw this.sessions.fail(e, id, 'reading the key collation')
        })
      this.order.set(id, order)
    }
    return order
  }

  private async run<R extends object>(t: SideTable, what: string, q: Query, rowMode?: 'array'): Promise<R[]> {
    try {
      return await this.sessions.withClient(async (c: pg.Client) => {
        const config: pg.QueryArrayConfig | pg.QueryConfig = rowMode ? { text: q.text, values: q.values, rowMode, types: TEXT_TYPES } : { text: q.text, values: q.values, types: TEXT_TYPES }
        const result = await c.query(config as pg.QueryConfig)
        return result.rows as R[]
      })
    } catch (e) {
      // Also names the table when no session could be opened (server gone, snapshot lost).
      throw this.sessions.fail(e, qualifiedName(t), what)
    }
  }
}

/** Every value arrives as PostgreSQL's text: canonical expressions already made it the text we compare. */
const TEXT_TYPES = { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig

function dedupeAdjacent(keys: readonly string[]): string[] {
  return keys.filter((k, i) => i === 0 || k !== keys[i - 1])
}

/** `count` values spread evenly over the sorted `keys`. */
function evenlySpaced(keys: readonly string[], count: number): string[] {
  if (keys.length <= count) return [...keys]
  if (count <= 0) return []
  const out: string[] = []
  for (let i = 1; i <= count; i++) out.push(keys[Math.floor((i * keys.length) / (count + 1))]!)
  return dedupeAdjacent(out)
}

