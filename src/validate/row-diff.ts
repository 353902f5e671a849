import type { ColumnChange, Difference } from './validation-result.js'
import type { CanonicalRow } from './side-table.js'

/** Column names per position, as the report shows them (source names), and how many lead the row as key. */
export interface RowShape {
  readonly names: readonly string[]
  readonly keyLength: number
}

/**
 * Rows of one key range from both sides, matched by key and compared as canonical text. Order
 * does not matter (rows are indexed by key), so the two engines need not sort alike. A key seen
 * twice on one side (a target without an enforced key) is reported as an extra or missing row.
 */
export function diffRowsByKey(shape: RowShape, source: readonly CanonicalRow[], target: readonly CanonicalRow[]): Difference[] {
  const byKey = new Map<string, CanonicalRow>()
  const out: Difference[] = []
  for (const row of target) {
    const k = keyOf(shape, row)
    if (byKey.has(k)) out.push({ kind: 'extra', key: keyObject(shape, row), columns: [] })
    else byKey.set(k, row)
  }
  const seen = new Set<string>()
  for (const row of source) {
    const k = keyOf(shape, row)
    if (seen.has(k)) {
      out.push({ kind: 'missing', key: keyObject(shape, row), columns: [] })
      continue
    }
    seen.add(k)
    const other = byKey.get(k)
    if (other === undefined) {
      out.push({ kind: 'missing', key: keyObject(shape, row), columns: [] })
      continue
    }
    byKey.delete(k)
    const changes: ColumnChange[] = []
    for (let i = shape.keyLength; i < shape.names.length; i++) {
      if (row[i] !== other[i]) changes.push({ column: shape.names[i]!, source: row[i] ?? null, target: other[i] ?? null })
    }
    if (changes.length > 0) out.push({ kind: 'changed', key: keyObject(shape, row), columns: changes.map((c) => c.column), changes })
  }
  for (const row of byKey.values()) out.push({ kind: 'extra', key: keyObject(shape, row), columns: [] })
  return out
}

export function keyOf(shape: RowShape, row: CanonicalRow): string {
  return JSON.stringify(row.slice(0, shape.keyLength))
}

export function keyObject(shape: RowShape, row: CanonicalRow): Record<string, string | null> {
  const out: Record<string, string | null> = {}
  for (let i = 0; i < shape.keyLength; i++) out[shape.names[i]!] = row[i] ?? null
  return out
}
