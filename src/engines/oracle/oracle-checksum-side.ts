import { GodwitError, SourceError } from '../../core/errors.js'
import type { KeyBound, KeyRange } from '../../model/key-range.js'
import type { ChecksumSide, ColumnAggregate, RawRowReader, TransferStats } from '../../validate/checksum-side.js'
import { checksumOf, type SegmentChecksum } from '../../validate/segment-checksum.js'
import { qualifiedName, type CanonicalRow, type SideTable } from '../../validate/side-table.js'
import { canonicalText } from '../../values/canonical-text.js'
import { connectOracle, type OracleSession } from './oracle-connection.js'
import {
  ORACLE_CURRENT_SCN,
  ORACLE_VALIDATION_SESSION,
  oracleBucketChecksumsQuery,
  oracleBucketRowsQuery,
  oracleRowByKeyQuery,
  oracleCanonicalExpr,
  oracleIdent,
  oracleRangeWhere,
  oracleRowCountQuery,
  oracleRowsQuery,
  oracleSampledBoundsQuery,
  oracleSegmentChecksumQuery,
  oracleSplitPointsQuery,
  oracleTableRef,
  OracleBinds,
  type OracleQuery,
} from './oracle-checksum-sql.js'

/** Rows a level-0 block sample aims at. */
const SAMPLE_ROWS = 50_000

/**
 * Oracle as the source of a validation (checksums pushed down with STANDARD_HASH). Every query
 * reads `AS OF SCN` the SCN taken at the start, so all segments see one moment; without the
 * FLASHBACK privilege (ORA-01031) it reads current data and says so in its engine name.
 * Tables with columns Oracle cannot render exactly are hashed client-side (see
 * oracleCanPushDown and src/validate/client-hash.ts), from rawRows.
 */
export class OracleChecksumSide implements ChecksumSide, RawRowReader {
  engine = 'oracle'
  private readonly free: OracleSession[] = []
  private readonly all: OracleSession[] = []
  private readonly waiting: Array<(s: OracleSession) => void> = []
  private scn?: Promise<string | undefined>
  private flashback = true

  constructor(
    private readonly url: string,
    private readonly jobs: number,
  ) {}

  async position(): Promise<string | undefined> {
    this.scn ??= this.withSession(async (s) => (await s.query<{ SCN: string }>(ORACLE_CURRENT_SCN))[0]?.SCN)
    return this.scn
  }

  async rowCount(t: SideTable): Promise<number> {
    return Number((await this.run<{ N: number }>(t, 'counting rows', (scn) => oracleRowCountQuery(t, scn)))[0]!.N)
  }

  async initialBounds(t: SideTable, segments: number): Promise<KeyBound[]> {
    const rows = await this.run<{ N: string }>(t, 'reading table statistics', () => ({
      sql: 'SELECT TO_CHAR(NVL(NUM_ROWS, 0)) AS N FROM ALL_TABLES WHERE OWNER = :owner AND TABLE_NAME = :name',
      binds: { owner: t.schema, name: t.name },
    }))
    const estimated = Number(rows[0]?.N ?? 0)
    const percent = estimated > 0 ? Math.min(100, (100 * SAMPLE_ROWS) / estimated) : 100
    const bounds = await this.run<{ C0: string | null }>(t, 'sampling keys', (scn) => oracleSampledBoundsQuery(t, percent, segments, scn))
    // The first NTILE group starts at the smallest sampled key: not a cut.
    return bounds.slice(1).flatMap((r) => (r.C0 === null ? [] : [[r.C0]]))
  }

  async checksum(t: SideTable, r: KeyRange): Promise<SegmentChecksum> {
    const [row] = await this.run<{ N: number; S: string | null }>(t, 'computing a segment checksum', (scn) => oracleSegmentChecksumQuery(t, r, scn))
    return checksumOf(Number(row!.N), row!.S)
  }

  async splitPoints(t: SideTable, r: KeyRange, rows: number, parts: number): Promise<KeyBound[]> {
    const found = await this.run<Record<string, string>>(t, 'splitting a segment', (scn) => oracleSplitPointsQuery(t, r, Math.ceil(rows / parts), scn))
    return found.map((row) => t.columns.slice(0, t.keyLength).map((_, i) => row[`C${i}`]!))
  }

  async rows(t: SideTable, r: KeyRange): Promise<CanonicalRow[]> {
    return asRows(t, await this.run(t, 'reading rows', (scn) => oracleRowsQuery(t, r, scn)))
  }

  async rowsByKeys(t: SideTable, keys: readonly KeyBound[]): Promise<CanonicalRow[]> {
    const found = await Promise.all(keys.map(async (key) => asRows(t, await this.run(t, 'reading a row by key', () => oracleRowByKeyQuery(t, key)))))
    return found.flat()
  }

  async bucketChecksums(t: SideTable, buckets: number): Promise<Map<number, SegmentChecksum>> {
    const rows = await this.run<{ B: number; N: number; S: string }>(t, 'computing bucket checksums', (scn) => oracleBucketChecksumsQuery(t, buckets, scn))
    return new Map(rows.map((r) => [Number(r.B), checksumOf(Number(r.N), r.S)]))
  }

  async bucketRows(t: SideTable, buckets: number, which: readonly number[]): Promise<CanonicalRow[]> {
    return asRows(t, await this.run(t, 'reading rows of differing buckets', (scn) => oracleBucketRowsQuery(t, buckets, which, scn)))
  }

  aggregates(_t: SideTable, _columns: readonly number[]): Promise<ColumnAggregate[]> {
    return Promise.reject(new SourceError('VALIDATE_ORACLE_AGGREGATES', 'column aggregates (--mode full) are not implemented for Oracle yet', { hint: 'Use --mode checksum.' }))
  }

  /** Raw values for client-side hashing: canonical SQL text where Oracle has it, the driver's value (float, LOB) otherwise. */
  async *rawRows(t: SideTable, r: KeyRange | undefined): AsyncIterable<readonly unknown[]> {
    const cols = t.columns.map((c, i) => `${oracleCanonicalExpr(oracleIdent(c.name), c.type, c.nativeType) ?? oracleIdent(c.name)} AS C${i}`).join(', ')
    const rows = await this.run<Record<string, unknown>>(t, 'reading rows', (scn) => {
      const b = new OracleBinds()
      const where = oracleRangeWhere(t, r, b)
      return { sql: `SELECT ${cols} FROM ${oracleTableRef(t, scn)} WHERE ${where}`, binds: b.values }
    })
    for (const row of rows) yield t.columns.map((_, i) => row[`C${i}`])
  }

  async endSnapshot(): Promise<void> {
    this.scn = Promise.resolve(undefined)
  }

  async close(): Promise<TransferStats> {
    await Promise.all(this.all.splice(0).map((s) => s.close().catch(() => undefined)))
    // The thin driver does not expose its socket; bytes are not counted for Oracle.
    return { bytesReceived: 0, bytesSent: 0 }
  }

  private async run<R>(t: SideTable, what: string, build: (scn: string | undefined) => OracleQuery): Promise<R[]> {
    const scn = this.flashback ? await this.position() : undefined
    try {
      return await this.withSession(async (s) => {
        const q = build(scn)
        return s.query<R>(q.sql, q.binds)
      })
    } catch (e) {
      if (scn !== undefined && /ORA-01031|ORA-08180|ORA-01466/.test(String((e as Error).message))) {
        // No flashback on this table (privilege, or too old an SCN): read current data instead.
        this.flashback = false
        this.engine = 'oracle (current data: no flashback)'
        return this.run(t, what, build)
      }
      const message = e instanceof Error ? e.message : String(e)
      throw new SourceError(e instanceof GodwitError ? e.code : 'VALIDATE_SOURCE_QUERY', `source ${qualifiedName(t)}: ${what} failed: ${message}`, {
        object: qualifiedName(t),
        hint: e instanceof GodwitError && e.hint ? e.hint : 'Check that the table is readable by the validation user.',
        cause: e,
      })
    }
  }

  private async withSession<T>(fn: (s: OracleSession) => Promise<T>): Promise<T> {
    const s = await this.acquire()
    try {
      return await fn(s)
    } finally {
      const next = this.waiting.shift()
      if (next) next(s)
      else this.free.push(s)
    }
  }

  private async acquire(): Promise<OracleSession> {
    const idle = this.free.pop()
    if (idle) return idle
    if (this.all.length < this.jobs) {
      const s = await connectOracle(this.url)
      this.all.push(s)
      for (const statement of ORACLE_VALIDATION_SESSION) await s.query(statement)
      return s
    }
    return new Promise((resolve) => this.waiting.push(resolve))
  }
}

/** Columns come back as canonical text, except those Oracle cannot render (floats, LOBs): canonicalText reads those; it leaves canonical text as it is. */
function asRows(t: SideTable, rows: readonly Record<string, unknown>[]): CanonicalRow[] {
  return rows.map((row) => t.columns.map((c, i) => canonicalText(row[`C${i}`], c.type)))
}
