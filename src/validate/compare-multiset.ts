import { oneSideEmpty } from './compare-keyed.js'
import { diffMultisets } from './multiset-diff.js'
import { sameChecksum, type SegmentChecksum } from './segment-checksum.js'
import type { TableComparison } from './table-comparison.js'
import type { Difference } from './validation-result.js'

/** Buckets fetched per query when rows of differing buckets are read. */
const BUCKETS_PER_FETCH = 64
const MAX_BUCKETS = 65_536

/**
 * A table without a usable key: rows are spread over hash buckets of their whole canonical line,
 * each engine returns every bucket's (count, checksum) in one scan, and only differing buckets'
 * rows are fetched and compared as multisets (duplicates count).
 */
export async function compareAsMultiset(c: TableComparison, estimatedRows: number): Promise<{ buckets: number; differing: number[]; emptySide?: 'source' | 'target' }> {
  const buckets = Math.max(1, Math.min(MAX_BUCKETS, Math.ceil(estimatedRows / c.tuning.leafRows)))
  const [src, tgt] = await c.limit(() => Promise.all([c.source.bucketChecksums(c.s, buckets), c.target.bucketChecksums(c.t, buckets)]))
  c.tally.segmentsPlanned = buckets
  c.tally.segmentsChecked = buckets
  c.tally.sourceRows = total(src)
  c.tally.targetRows = total(tgt)
  const empty: SegmentChecksum = { rows: 0, sum: '0' }
  const differing = [...new Set([...src.keys(), ...tgt.keys()])].filter((b) => !sameChecksum(src.get(b) ?? empty, tgt.get(b) ?? empty)).sort((a, b) => a - b)
  c.tally.segmentsDiffering = differing.length
  const emptySide = oneSideEmpty(c.tally.sourceRows, c.tally.targetRows)
  if (emptySide) {
    // Every row of the other side differs: counted, not fetched.
    c.tally.differenceCount += c.tally.sourceRows + c.tally.targetRows
    c.tally.changed()
    return { buckets, differing, emptySide }
  }
  c.tally.changed()
  c.tally.add(await diffBuckets(c, buckets, differing))
  return { buckets, differing }
}

/** Reads the rows of the given buckets on both sides and returns their multiset differences. */
export async function diffBuckets(c: TableComparison, buckets: number, which: readonly number[]): Promise<Difference[]> {
  const batches: number[][] = []
  for (let i = 0; i < which.length; i += BUCKETS_PER_FETCH) batches.push(which.slice(i, i + BUCKETS_PER_FETCH))
  const found = await Promise.all(
    batches.map(async (batch) => {
      const [s, t] = await c.limit(() => Promise.all([c.source.bucketRows(c.s, buckets, batch), c.target.bucketRows(c.t, buckets, batch)]))
      c.tally.rowsFetched += s.length + t.length
      return diffMultisets(c.shape.names, s, t)
    }),
  )
  return found.flat()
}

function total(m: ReadonlyMap<number, SegmentChecksum>): number {
  let n = 0
  for (const v of m.values()) n += v.rows
  return n
}
