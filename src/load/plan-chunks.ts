import type { KeyRange } from '../model/key-range.js'
import type { LoadChunk } from './load-source.js'

/** How many chunks of about `chunkRows` rows a table of `estimatedRows` needs (at least one). */
export function chunkCount(estimatedRows: number, chunkRows: number): number {
  if (!(chunkRows > 0)) throw new RangeError(`chunk size must be positive, got ${chunkRows}`)
  return Math.max(1, Math.ceil(Math.max(0, estimatedRows) / chunkRows))
}

/**
 * Picks up to `chunks - 1` split points from key values sorted in the source's own order
 * (histogram bounds or a sample): the values at evenly spaced quantiles, equal neighbours dropped
 * so that no range is empty by construction. Inputs are key tuples as text.
 */
export function pickBoundaries(sortedKeys: readonly (readonly string[])[], chunks: number): (readonly string[])[] {
  const out: (readonly string[])[] = []
  if (chunks <= 1 || sortedKeys.length === 0) return out
  for (let i = 1; i < chunks; i++) {
    const at = Math.min(sortedKeys.length - 1, Math.floor((i * sortedKeys.length) / chunks))
    const candidate = sortedKeys[at]
    if (!candidate) continue
    const last = out[out.length - 1]
    if (last && sameTuple(last, candidate)) continue
    out.push(candidate)
  }
  return out
}

function sameTuple(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}

/**
 * Ranges between consecutive boundaries, open at both ends: [-∞, b1), [b1, b2), … [bn, +∞).
 * The first and last are open so rows outside the sampled values still belong to one chunk.
 */
export function rangesFromBoundaries(boundaries: readonly (readonly string[])[]): KeyRange[] {
  if (boundaries.length === 0) return [{}]
  const ranges: KeyRange[] = []
  let lower: readonly string[] | undefined
  for (const b of boundaries) {
    ranges.push(lower ? { lower, upper: b } : { upper: b })
    lower = b
  }
  ranges.push({ lower: lower as readonly string[] })
  return ranges
}

/** The chunks of one table: key ranges when a key and boundaries exist, else the whole table. */
export function planTableChunks(
  table: { readonly schema: string; readonly name: string; readonly estimatedRows: number },
  key: readonly string[] | undefined,
  boundaries: readonly (readonly string[])[],
): LoadChunk[] {
  const base = { schema: table.schema, table: table.name }
  if (!key || boundaries.length === 0) {
    return [{ ...base, seq: 0, ...(key ? { key } : {}), estimatedRows: Math.max(0, table.estimatedRows) }]
  }
  const ranges = rangesFromBoundaries(boundaries)
  const perChunk = Math.max(0, table.estimatedRows) / ranges.length
  return ranges.map((range, seq) => ({ ...base, seq, key, range, estimatedRows: perChunk }))
}
