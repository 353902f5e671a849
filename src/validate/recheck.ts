import type { KeyBound } from '../model/key-range.js'
import { diffBuckets } from './compare-multiset.js'
import { diffRowsByKey } from './row-diff.js'
import type { TableComparison } from './table-comparison.js'
import type { Difference } from './validation-result.js'

/** Keys re-read per query. */
const KEYS_PER_FETCH = 1000

/**
 * While changes are still being applied (CDC), a row can differ only because its change is in
 * flight. After the validation pass, and once `afterSeconds` have passed (set it above the
 * replication lag), the differing rows are read again — fresh, outside the validation snapshot —
 * and only differences that persist are reported (AWS DMS's RecordFailureDelay idea). Returns
 * the differences that persist.
 */
export async function recheckDifferences(c: TableComparison, found: readonly Difference[], keyless?: { buckets: number; differing: readonly number[] }): Promise<Difference[]> {
  if (keyless) return diffBuckets(c, keyless.buckets, keyless.differing)
  const keys: KeyBound[] = found.map((d) => c.shape.names.slice(0, c.shape.keyLength).map((n) => d.key[n] ?? ''))
  const persisting: Difference[] = []
  for (let i = 0; i < keys.length; i += KEYS_PER_FETCH) {
    const batch = keys.slice(i, i + KEYS_PER_FETCH)
    const [s, t] = await c.limit(() => Promise.all([c.source.rowsByKeys(c.s, batch), c.target.rowsByKeys(c.t, batch)]))
    c.tally.rowsFetched += s.length + t.length
    persisting.push(...diffRowsByKey(c.shape, s, t))
  }
  return persisting
}

export function sleep(seconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, seconds * 1000))
}
