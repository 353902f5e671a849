import pg from 'pg'
import { GodwitError, TargetError } from '../../core/errors.js'
import { redactUrl } from '../../config/redact.js'
import type { KeyBound, KeyRange } from '../../model/key-range.js'
import type { ChecksumSide, ColumnAggregate, RawRowReader, TransferStats } from '../../validate/checksum-side.js'
import { checksumOf, type SegmentChecksum } from '../../validate/segment-checksum.js'
import { qualifiedName, type CanonicalRow, type SideTable } from '../../validate/side-table.js'
import { canonicalText } from '../../values/canonical-text.js'
import {
  REDSHIFT_VALIDATION_SESSION,
  redshiftAggregatesQuery,
  redshiftBucketChecksumsQuery,
  redshiftBucketRowsQuery,
  redshiftCanonicalExpr,
  redshiftRowCountQuery,
  redshiftRowsByKeysQuery,
  redshiftRowsQuery,
  redshiftSegmentChecksumQuery,
  redshiftSplitPointsQuery,
  redshiftTileBoundsQuery,
  type RsQuery,
} from './redshift-checksum-sql.js'
import { redshiftPgConfig } from './redshift-connection.js'
import { endCountingBytes } from '../postgres/pg-checksum-sessions.js'

/** Rows fetched per round trip when streaming raw rows for client-side hashing. */
const FETCH_ROWS = 10_000

/** Every value arrives as text: the canonical expressions already made it the text compared. */
const TEXT_TYPES = { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig

/**
 * Redshift as the target of a validation, checksums pushed down (MD5 + STRTOL,
 * src/engines/redshift/redshift-checksum-sql.ts) over up to `jobs` sessions. Redshift cannot
 * export a snapshot to share between sessions, and has no position to report: the target is
 * read as it is, which is exact when nothing else writes it (cdc paused or caught up at a
 * stop position, as `godwit validate --at-checkpoint` and cutover arrange). It streams raw rows
 * (a cursor; Redshift has no COPY TO STDOUT) for tables hashed client-side.
 */
export class RedshiftChecksumSide implements ChecksumSide, RawRowReader {
  readonly engine = 'redshift'
  private readonly free: pg.Client[] = []
  private readonly opened: pg.Client[] = []
  private readonly waiting: Array<(c: pg.Client) => void> = []

  constructor(
    private readonly url: string,
    private readonly jobs: number,
  ) {}

  position(): Promise<string | undefined> {
    return Promise.resolve(undefined)
  }

  async rowCount(t: SideTable): Promise<number> {
    return Number((await this.run<{ n: string }>(t, 'counting rows', redshiftRowCountQuery(t)))[0]!.n)
  }

  async initialBounds(t: SideTable, segments: number): Promise<KeyBound[]> {
    if (segments <= 1) return []
    const rows = await this.run<unknown[]>(t, 'reading key bounds', redshiftTileBoundsQuery(t, segments), 'array')
    // The first tile's first key is the table's smallest: not a bound. A leading value repeated
    // over tiles (compound keys) bounds once.
    const keys = this.canonicalRows(t, rows, 1).map((k) => k[0]).slice(1)
    return keys.filter((k, i): k is string => k !== null && k !== keys[i - 1]).map((k) => [k])
  }

  async checksum(t: SideTable, r: KeyRange): Promise<SegmentChecksum> {
    const rows = await this.run<{ n: string; s: string | null }>(t, 'computing a segment checksum', redshiftSegmentChecksumQuery(t, r))
    return checksumOf(Number(rows[0]!.n), rows[0]!.s)
  }

  async splitPoints(t: SideTable, r: KeyRange, rows: number, parts: number): Promise<KeyBound[]> {
    const found = await this.run<unknown[]>(t, 'splitting a segment', redshiftSplitPointsQuery(t, r, Math.ceil(rows / parts)), 'array')
    return this.canonicalRows(t, found, t.keyLength) as KeyBound[]
  }

  async rows(t: SideTable, r: KeyRange): Promise<CanonicalRow[]> {
    return this.canonicalRows(t, await this.run<unknown[]>(t, 'reading rows', redshiftRowsQuery(t, r), 'array'))
  }

  async rowsByKeys(t: SideTable, keys: readonly KeyBound[]): Promise<CanonicalRow[]> {
    if (keys.length === 0) return []
    return this.canonicalRows(t, await this.run<unknown[]>(t, 'reading rows by key', redshiftRowsByKeysQuery(t, keys), 'array'))
  }

  async bucketChecksums(t: SideTable, buckets: number): Promise<Map<number, SegmentChecksum>> {
    const rows = await this.run<{ b: string; n: string; s: string }>(t, 'computing bucket checksums', redshiftBucketChecksumsQuery(t, buckets))
    return new Map(rows.map((r) => [Number(r.b), checksumOf(Number(r.n), r.s)]))
  }

  async bucketRows(t: SideTable, buckets: number, which: readonly number[]): Promise<CanonicalRow[]> {
    return this.canonicalRows(t, await this.run<unknown[]>(t, 'reading rows of differing buckets', redshiftBucketRowsQuery(t, buckets, which), 'array'))
  }

  async aggregates(t: SideTable, columns: readonly number[]): Promise<ColumnAggregate[]> {
    if (columns.length === 0) return []
    const row = (await this.run<Record<string, string | null>>(t, 'computing column aggregates', redshiftAggregatesQuery(t, columns)))[0]!
    return columns.map((i) => {
      const c = t.columns[i]!
      const text = (v: string | null | undefined): string | null => (redshiftCanonicalExpr('x', c.type) === undefined ? canonicalText(v, c.type) : (v ?? null))
      return { column: c.name, nulls: Number(row[`n${i}`]), sum: row[`s${i}`] ?? null, min: text(row[`lo${i}`]), max: text(row[`hi${i}`]) }
    })
  }

  /** Raw rows through a cursor, FETCH_ROWS at a time, in one read-only transaction. */
  async *rawRows(t: SideTable, r: KeyRange | undefined): AsyncIterable<readonly unknown[]> {
    const c = await this.acquire()
    let finished = false
    try {
      const q = redshiftRowsQuery(t, r)
      await c.query('BEGIN READ ONLY')
      await c.query({ text: `DECLARE gw_raw CURSOR FOR ${q.text}`, values: q.values })
      for (;;) {
        const batch = await c.query<unknown[]>({ text: `FETCH FORWARD ${FETCH_ROWS} FROM gw_raw`, rowMode: 'array', types: TEXT_TYPES } as pg.QueryArrayConfig)
        yield* batch.rows
        if (batch.rows.length < FETCH_ROWS) break
      }
      await c.query('CLOSE gw_raw')
      await c.query('COMMIT')
      finished = true
    } catch (e) {
      throw this.fail(e, qualifiedName(t), 'streaming rows')
    } finally {
      // Also when the reader stopped early: the session goes back without its cursor and transaction.
      if (!finished) await c.query('ROLLBACK').catch(() => undefined)
      this.release(c)
    }
  }

  endSnapshot(): Promise<void> {
    return Promise.resolve()
  }

  close(): Promise<TransferStats> {
    this.free.length = 0
    return endCountingBytes(this.opened.splice(0))
  }

  /** Columns Redshift returned raw (floats, times, SUPER) made canonical in Node; the others are already. */
  private canonicalRows(t: SideTable, rows: readonly unknown[][], count = t.columns.length): CanonicalRow[] {
    const inNode = t.columns.slice(0, count).map((c) => redshiftCanonicalExpr('x', c.type) === undefined)
    if (!inNode.includes(true)) return rows as unknown as CanonicalRow[]
    return rows.map((row) => row.map((v, i) => (inNode[i] ? canonicalText(v, t.columns[i]!.type) : (v as string | null))))
  }

  private async run<R>(t: SideTable, what: string, q: RsQuery, rowMode?: 'array'): Promise<R[]> {
    const c = await this.acquire()
    try {
      const config = { text: q.text, values: q.values, types: TEXT_TYPES, ...(rowMode ? { rowMode } : {}) }
      return (await c.query(config as pg.QueryConfig)).rows as R[]
    } catch (e) {
      throw this.fail(e, qualifiedName(t), what)
    } finally {
      this.release(c)
    }
  }

  private async acquire(): Promise<pg.Client> {
    const idle = this.free.pop()
    if (idle) return idle
    if (this.opened.length < this.jobs) return this.connect()
    return new Promise((resolve) => this.waiting.push(resolve))
  }

  private release(c: pg.Client): void {
    const next = this.waiting.shift()
    if (next) next(c)
    else this.free.push(c)
  }

  private async connect(): Promise<pg.Client> {
    const c = new pg.Client({ ...redshiftPgConfig(this.url), application_name: 'godwit validate' })
    c.on('error', () => undefined) // a dropped connection surfaces as the failing query's error
    this.opened.push(c)
    try {
      await c.connect()
      for (const s of REDSHIFT_VALIDATION_SESSION) await c.query(s)
      return c
    } catch (e) {
      throw this.fail(e, redactUrl(this.url), 'connecting')
    }
  }

  private fail(e: unknown, object: string, what: string): GodwitError {
    if (e instanceof GodwitError) return e
    const message = e instanceof Error ? e.message : String(e)
    return new TargetError('VALIDATE_TARGET_QUERY', `target ${object}: ${what} failed: ${redactUrl(message)}`, {
      object,
      hint: `Check that ${object} is readable on the target (${redactUrl(this.url)}); the statement is in the error's cause.`,
      cause: e,
    })
  }
}
