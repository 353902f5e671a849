import { SourceError, TargetError } from '../core/errors.js'
import type { KeyBound, KeyRange } from '../model/key-range.js'
import { canonicalText, CanonicalValueError } from '../values/canonical-text.js'
import { canonicalLine } from './canonical-line.js'
import type { ChecksumSide, ColumnAggregate, RawRowReader, TransferStats } from './checksum-side.js'
import { ChecksumAccumulator, rowHash, type SegmentChecksum } from './segment-checksum.js'
import { qualifiedName, type CanonicalRow, type SideTable } from './side-table.js'

/**
 * The client-side hashing fallback, for engines that cannot hash in SQL (Teradata without an MD5
 * UDF) or for columns an engine cannot render canonically: the engine streams raw values, Node
 * makes the canonical line (src/values/canonical-text.ts) and hashes it with the same md5 rule,
 * so its checksums compare with any pushdown engine's. Rows need no order: the checksum is a sum.
 * Everything else (bounds, leaf rows) stays with the engine.
 */
export class ClientHashedSide implements ChecksumSide {
  readonly engine: string

  /** `hashHere` picks the tables hashed in Node (default all); the others keep the engine's pushdown. */
  constructor(
    private readonly inner: ChecksumSide & RawRowReader,
    private readonly side: 'source' | 'target',
    private readonly hashHere: (t: SideTable) => boolean = () => true,
  ) {
    this.engine = `${inner.engine}+client-hash`
  }

  async checksum(t: SideTable, r: KeyRange): Promise<SegmentChecksum> {
    if (!this.hashHere(t)) return this.inner.checksum(t, r)
    const acc = new ChecksumAccumulator()
    for await (const raw of this.inner.rawRows(t, r)) acc.add(rowHash(canonicalLine(this.canonical(t, raw))))
    return acc.result()
  }

  async bucketChecksums(t: SideTable, buckets: number): Promise<Map<number, SegmentChecksum>> {
    if (!this.hashHere(t)) return this.inner.bucketChecksums(t, buckets)
    const accs = new Map<number, ChecksumAccumulator>()
    for await (const raw of this.inner.rawRows(t, undefined)) {
      const h = rowHash(canonicalLine(this.canonical(t, raw)))
      const b = bucketOf(h, buckets)
      let acc = accs.get(b)
      if (!acc) accs.set(b, (acc = new ChecksumAccumulator()))
      acc.add(h)
    }
    return new Map([...accs].map(([b, a]) => [b, a.result()]))
  }

  /** Canonical texts of a raw row; a value that is not of its column's type is a typed error naming the column. */
  private canonical(t: SideTable, raw: readonly unknown[]): CanonicalRow {
    return t.columns.map((c, i) => {
      try {
        return canonicalText(raw[i], c.type)
      } catch (e) {
        if (!(e instanceof CanonicalValueError)) throw e
        const Err = this.side === 'source' ? SourceError : TargetError
        throw new Err('VALIDATE_VALUE_UNREADABLE', `${this.side} ${qualifiedName(t)}.${c.name}: ${e.message}`, {
          object: `${qualifiedName(t)}.${c.name}`,
          hint: 'The engine returned text godwit cannot read as the column type; report it with the value.',
          cause: e,
        })
      }
    })
  }

  position(): Promise<string | undefined> {
    return this.inner.position()
  }
  rowCount(t: SideTable): Promise<number> {
    return this.inner.rowCount(t)
  }
  initialBounds(t: SideTable, segments: number): Promise<KeyBound[]> {
    return this.inner.initialBounds(t, segments)
  }
  splitPoints(t: SideTable, r: KeyRange, rows: number, parts: number): Promise<KeyBound[]> {
    return this.inner.splitPoints(t, r, rows, parts)
  }
  rows(t: SideTable, r: KeyRange): Promise<CanonicalRow[]> {
    return this.inner.rows(t, r)
  }
  rowsByKeys(t: SideTable, keys: readonly KeyBound[]): Promise<CanonicalRow[]> {
    return this.inner.rowsByKeys(t, keys)
  }
  bucketRows(t: SideTable, buckets: number, which: readonly number[]): Promise<CanonicalRow[]> {
    return this.inner.bucketRows(t, buckets, which)
  }
  aggregates(t: SideTable, columns: readonly number[]): Promise<ColumnAggregate[]> {
    return this.inner.aggregates(t, columns)
  }
  endSnapshot(): Promise<void> {
    return this.inner.endSnapshot()
  }
  close(): Promise<TransferStats> {
    return this.inner.close()
  }
}

/** A keyless row's bucket: the first 4 md5 bytes (the top half of the row hash) modulo the bucket count, as engines compute it. */
export function bucketOf(hash: bigint, buckets: number): number {
  return Number((hash >> 32n) % BigInt(buckets))
}
