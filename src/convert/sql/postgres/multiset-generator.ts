import type { Expr } from '../ast.js'
import type { GenerateContext } from './generate-context.js'
import { emitExpr } from './expression-generator.js'

/**
 * Oracle's nested-table operators and conditions (SQL Language Reference, "Multiset Operators"
 * and "Multiset Conditions") over the arrays nested tables become. ALL keeps multiplicities as
 * SQL's set operators do (m - n copies for EXCEPT, min(m, n) for INTERSECT); a null operand gives
 * NULL. The result of a set operation is sorted, since Oracle documents no order.
 */
export function emitMultiset(e: Extract<Expr, { kind: 'multiset' }>, g: GenerateContext): string {
  const left = emitExpr(e.left, g)
  const right = emitExpr(e.right, g)
  const combined = e.op === 'UNION' && !e.distinct ? `(${left}) || (${right})` : `ARRAY(SELECT unnest(${left}) ${e.op}${e.distinct ? '' : ' ALL'} SELECT unnest(${right}) ORDER BY 1)`
  return `(CASE WHEN (${left}) IS NULL OR (${right}) IS NULL THEN NULL ELSE ${combined} END)`
}

/**
 * MEMBER is NULL when the element is null or the nested table empty; IS A SET is NULL for a null
 * nested table and TRUE for an empty one; IS EMPTY is NULL for a null one. SUBMULTISET compares
 * with multiplicities (EXCEPT ALL leaves nothing), null elements equal as in set operations.
 */
export function emitMultisetCondition(e: Extract<Expr, { kind: 'multiset-condition' }>, g: GenerateContext): string {
  const nt = emitExpr(e.test === 'member' ? e.of! : e.expr, g)
  const test = ((): string => {
    switch (e.test) {
      case 'member':
        return `CASE WHEN cardinality(${nt}) = 0 THEN NULL ELSE ${emitExpr(e.expr, g)} = ANY (${nt}) END`
      case 'submultiset': {
        const of = emitExpr(e.of!, g)
        return `CASE WHEN (${nt}) IS NULL OR (${of}) IS NULL THEN NULL ELSE NOT EXISTS (SELECT unnest(${nt}) EXCEPT ALL SELECT unnest(${of})) END`
      }
      case 'a-set':
        return `CASE WHEN (${nt}) IS NULL THEN NULL ELSE cardinality(${nt}) = (SELECT count(*) FROM (SELECT DISTINCT unnest(${nt})) AS godwit_set) END`
      case 'empty':
        return `cardinality(${nt}) = 0`
    }
  })()
  return e.negated ? `(NOT (${test}))` : `(${test})`
}
