import type { KeyBound, KeyRange } from '../model/key-range.js'
import { diffRowsByKey } from './row-diff.js'
import { sameChecksum, type SegmentChecksum } from './segment-checksum.js'
import type { TableComparison } from './table-comparison.js'

/** Deeper than this, a segment is diffed row by row whatever its size (a guard against keys that do not split). */
const MAX_DEPTH = 12

/**
 * Compares a key range: both engines checksum it concurrently; equal → done, with no row
 * transferred. Otherwise the range is split at keys read from the side holding more rows, and the
 * parts are compared the same way, until a part holds at most `leafRows` rows: then both sides'
 * rows are fetched and diffed by key. Returns the range's row counts (source, target).
 */
export async function compareRange(c: TableComparison, r: KeyRange, depth = 0): Promise<SegmentChecksum[]> {
  const [src, tgt] = await checksumRange(c, r)
  await resolveRange(c, r, src, tgt, depth)
  return [src, tgt]
}

/** Both engines' checksum of a range, computed concurrently and counted as one segment checked. */
export async function checksumRange(c: TableComparison, r: KeyRange): Promise<[SegmentChecksum, SegmentChecksum]> {
  const [src, tgt] = await c.limit(() => Promise.all([c.source.checksum(c.s, r), c.target.checksum(c.t, r)]))
  c.tally.segmentsChecked++
  if (!sameChecksum(src, tgt)) c.tally.segmentsDiffering++
  c.tally.changed()
  return [src, tgt]
}

/** A range whose checksums are known: nothing to do when equal, else bisected down to the differing rows. */
export async function resolveRange(c: TableComparison, r: KeyRange, src: SegmentChecksum, tgt: SegmentChecksum, depth = 0): Promise<void> {
  if (sameChecksum(src, tgt)) return
  const rows = Math.max(src.rows, tgt.rows)
  if (countedOnly(c, src, tgt)) return
  if (rows <= c.tuning.leafRows || depth >= MAX_DEPTH) {
    await diffLeaf(c, r, src, tgt)
    return
  }
  const [side, table] = src.rows >= tgt.rows ? [c.source, c.s] : [c.target, c.t]
  const points = await c.limit(() => side.splitPoints(table, r, rows, c.tuning.bisectionFactor))
  const parts = rangesBetween(r, points)
  if (parts.length < 2) await diffLeaf(c, r, src, tgt)
  else {
    c.tally.segmentsPlanned += parts.length
    await Promise.all(parts.map((p) => compareRange(c, p, depth + 1)))
  }
}

/**
 * When one side of a range is empty every row of the other differs; once the kept differences are
 * full they are counted, not fetched, so an empty target does not cost a full table transfer.
 */
function countedOnly(c: TableComparison, src: SegmentChecksum, tgt: SegmentChecksum): boolean {
  if ((src.rows !== 0 && tgt.rows !== 0) || c.tally.differences.length < c.tuning.maxDifferences) return false
  c.tally.differenceCount += src.rows + tgt.rows
  c.tally.changed()
  return true
}

async function diffLeaf(c: TableComparison, r: KeyRange, srcSum: SegmentChecksum, tgtSum: SegmentChecksum): Promise<void> {
  const found = await c.limit(async () => {
    // Decided again when the fetch gets its turn: other leaves may have filled the kept differences meanwhile.
    if (countedOnly(c, srcSum, tgtSum)) return undefined
    return Promise.all([c.source.rows(c.s, r), c.target.rows(c.t, r)])
  })
  if (!found) return
  const [src, tgt] = found
  c.tally.rowsFetched += src.length + tgt.length
  c.tally.add(diffRowsByKey(c.shape, src, tgt))
}

/** Consecutive ranges [lower, p1), [p1, p2) … [pn, upper): together exactly `r`, no gap, no overlap. */
export function rangesBetween(r: KeyRange, points: readonly KeyBound[]): KeyRange[] {
  const cuts = points.filter((p, i) => i === 0 || JSON.stringify(p) !== JSON.stringify(points[i - 1]))
  const out: KeyRange[] = []
  let lower = r.lower
  for (const p of cuts) {
    out.push(range(lower, p))
    lower = p
  }
  out.push(range(lower, r.upper))
  return out
}

function range(lower: KeyBound | undefined, upper: KeyBound | undefined): KeyRange {
  return { ...(lower ? { lower } : {}), ...(upper ? { upper } : {}) }
}
