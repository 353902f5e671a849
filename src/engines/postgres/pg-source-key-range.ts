import pg from 'pg'
import type { KeyRange } from '../../model/key-range.js'

export function quoteIdent(name: string): string {
  return pg.escapeIdentifier(name)
}

export function qualifiedName(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`
}

/**
 * SQL condition selecting one key range: a row comparison `(k1, k2) >= ('…', '…')`, which
 * PostgreSQL evaluates lexicographically and answers from the key's btree index. The bounds are
 * untyped literals, so each takes the type of the column it is compared with (on the source and
 * on the target alike, even when their types differ); they are literals, not parameters, because
 * COPY (SELECT …) takes none. A bound may be shorter than the key (histogram bounds of the
 * leading column): it then compares that prefix only, which still splits the key space with no
 * gap and no overlap. The source read and the target's delete of a chunk both use this function.
 */
export function keyRangePredicate(keyColumns: readonly string[], range: KeyRange | undefined): string {
  const parts: string[] = []
  if (range?.lower) parts.push(compare(keyColumns, range.lower, '>='))
  if (range?.upper) parts.push(compare(keyColumns, range.upper, '<'))
  return parts.length === 0 ? 'true' : parts.join(' AND ')
}

function compare(keyColumns: readonly string[], bound: readonly string[], op: '>=' | '<'): string {
  if (bound.length === 0 || bound.length > keyColumns.length) {
    throw new RangeError(`a key bound has ${bound.length} values for a key of ${keyColumns.length} columns`)
  }
  const cols = keyColumns.slice(0, bound.length).map(quoteIdent)
  return `(${cols.join(', ')}) ${op} (${bound.map((v) => pg.escapeLiteral(v)).join(', ')})`
}
