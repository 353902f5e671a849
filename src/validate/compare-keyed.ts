import type { KeyRange } from '../model/key-range.js'
import { compareRange, rangesBetween } from './bisect.js'
import type { TableComparison } from './table-comparison.js'

/** More level-0 segments than this buys nothing: pg_stats holds at most a few hundred bounds by default. */
const MAX_SEGMENTS = 512

/**
 * A keyed table: the key space is cut into segments at the source's key statistics (no scan),
 * every segment is compared by checksum and bisected where it differs. With `samplePercent`,
 * only that share of the segments, spread evenly over the key space, is compared.
 */
export async function compareByKey(c: TableComparison, estimatedRows: number, samplePercent?: number): Promise<void> {
  const wanted = Math.max(1, Math.min(MAX_SEGMENTS, Math.ceil(estimatedRows / c.tuning.segmentRows)))
  const bounds = wanted > 1 ? await c.limit(() => c.source.initialBounds(c.s, wanted)) : []
  const all = rangesBetween({}, bounds)
  const ranges = samplePercent === undefined ? all : sampleEvenly(all, samplePercent)
  c.tally.segmentsPlanned = ranges.length
  c.tally.changed()
  const counts = await Promise.all(ranges.map((r) => compareRange(c, r)))
  for (const [src, tgt] of counts) {
    c.tally.sourceRows += src!.rows
    c.tally.targetRows += tgt!.rows
  }
}

/** `percent` of the ranges, evenly spread (at least one), in key order. */
export function sampleEvenly(ranges: readonly KeyRange[], percent: number): KeyRange[] {
  const n = Math.max(1, Math.round((ranges.length * percent) / 100))
  if (n >= ranges.length) return [...ranges]
  return Array.from({ length: n }, (_, i) => ranges[Math.floor(((i + 0.5) * ranges.length) / n)]!)
}
