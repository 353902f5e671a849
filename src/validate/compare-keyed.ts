import type { KeyRange } from '../model/key-range.js'
import { checksumRange, rangesBetween, resolveRange } from './bisect.js'
import type { TableComparison } from './table-comparison.js'

/** More level-0 segments than this buys nothing: pg_stats holds at most a few hundred bounds by default. */
const MAX_SEGMENTS = 512

export interface KeyedComparison {
  /** The share of the key space compared, when it was less than all of it. */
  readonly sampledPercent?: number
  readonly emptySide?: 'source' | 'target'
}

/**
 * A keyed table: the key space is cut into segments at the source's key statistics (no scan),
 * every segment is compared by checksum and bisected where it differs. With `samplePercent`,
 * only that share of the segments, spread evenly over the key space, is compared. When one side
 * holds no rows at all, every row of the other differs: they are counted, not bisected or fetched.
 */
export async function compareByKey(c: TableComparison, estimatedRows: number, samplePercent?: number): Promise<KeyedComparison> {
  const wanted = Math.max(1, Math.min(MAX_SEGMENTS, Math.ceil(estimatedRows / c.tuning.segmentRows)))
  const bounds = wanted > 1 ? await c.limit(() => c.source.initialBounds(c.s, wanted)) : []
  const all = rangesBetween({}, bounds)
  const ranges = samplePercent === undefined ? all : sampleEvenly(all, samplePercent)
  c.tally.segmentsPlanned = ranges.length
  c.tally.changed()
  const sums = await Promise.all(ranges.map((r) => checksumRange(c, r)))
  for (const [src, tgt] of sums) {
    c.tally.sourceRows += src.rows
    c.tally.targetRows += tgt.rows
  }
  const sampled = ranges.length < all.length ? { sampledPercent: samplePercent } : {}
  const emptySide = oneSideEmpty(c.tally.sourceRows, c.tally.targetRows)
  if (emptySide) {
    c.tally.differenceCount += c.tally.sourceRows + c.tally.targetRows
    c.tally.changed()
    return { ...sampled, emptySide }
  }
  await Promise.all(ranges.map((r, i) => resolveRange(c, r, sums[i]![0], sums[i]![1])))
  return sampled
}

/** Which side is empty while the other is not, if one is. */
export function oneSideEmpty(sourceRows: number, targetRows: number): 'source' | 'target' | undefined {
  if (targetRows === 0 && sourceRows > 0) return 'target'
  if (sourceRows === 0 && targetRows > 0) return 'source'
  return undefined
}

/** `percent` of the ranges, evenly spread (at least one), in key order. */
export function sampleEvenly(ranges: readonly KeyRange[], percent: number): KeyRange[] {
  const n = Math.max(1, Math.round((ranges.length * percent) / 100))
  if (n >= ranges.length) return [...ranges]
  return Array.from({ length: n }, (_, i) => ranges[Math.floor(((i + 0.5) * ranges.length) / n)]!)
}
