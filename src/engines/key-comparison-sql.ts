/** One key column and the bound value it is compared with, both as SQL. */
export interface KeyTerm {
  readonly column: string
  readonly value: string
}

/**
 * `(k1, k2) >= (v1, v2)` written without row-value comparison, which Oracle, Teradata and Redshift lack:
 * `(k1 > v1 OR (k1 = v1 AND k2 >= v2))`, nested for longer keys. Given a bound's prefix of the
 * key, it compares that prefix only, so ranges still tile the key space.
 */
export function lexicographicComparison(terms: readonly KeyTerm[], op: '>=' | '<'): string {
  const strict = op === '>=' ? '>' : '<'
  const build = (i: number): string => {
    const t = terms[i]!
    if (i === terms.length - 1) return `${t.column} ${op} ${t.value}`
    return `(${t.column} ${strict} ${t.value} OR (${t.column} = ${t.value} AND ${build(i + 1)}))`
  }
  return build(0)
}
