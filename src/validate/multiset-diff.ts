import type { CanonicalRow } from './side-table.js'
import type { Difference } from './validation-result.js'

/**
 * Keyless tables: rows compared as multisets of whole rows. A row held more often on the source
 * than on the target is missing (count = how many copies), held more often on the target is
 * extra. There is no "changed": without a key, a changed row is one missing and one extra.
 */
export function diffMultisets(names: readonly string[], source: readonly CanonicalRow[], target: readonly CanonicalRow[]): Difference[] {
  const counts = new Map<string, { row: CanonicalRow; n: number }>()
  const tally = (rows: readonly CanonicalRow[], by: number) => {
    for (const row of rows) {
      const k = JSON.stringify(row)
      const entry = counts.get(k)
      if (entry) entry.n += by
      else counts.set(k, { row, n: by })
    }
  }
  tally(source, 1)
  tally(target, -1)
  const out: Difference[] = []
  for (const { row, n } of counts.values()) {
    if (n === 0) continue
    const key = Object.fromEntries(names.map((name, i) => [name, row[i] ?? null]))
    out.push({ kind: n > 0 ? 'missing' : 'extra', key, columns: [], count: Math.abs(n) })
  }
  return out
}
