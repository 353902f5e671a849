import { UnsupportedConstructError } from '../../translate-context.js'
import type { Expr } from '../ast.js'
import type { ExprRule, SelectRule } from './index.js'
import { isPseudoColumn, raw } from './build.js'
import { andAll, conjuncts, someExpr } from './walk.js'

/**
 * ROWNUM. A top-N filter (`WHERE ROWNUM <= n`, `< n`, `= 1`) becomes FETCH FIRST n ROWS ONLY;
 * ROWNUM elsewhere in the select list becomes row_number() OVER (). Oracle numbers rows before
 * ORDER BY, GROUP BY and DISTINCT, so a top-N filter together with those has no faithful
 * one-level translation and is reported.
 */
const isRownum = (e: Expr) => isPseudoColumn(e, 'ROWNUM')

/** The row limit a conjunct expresses, or undefined when it is not a top-N filter. */
function topN(e: Expr): Expr | undefined {
  if (e.kind !== 'binary') return undefined
  const flip: Readonly<Record<string, string>> = { '<=': '>=', '<': '>', '>=': '<=', '>': '<', '=': '=' }
  const [op, bound] = isRownum(e.left) ? [e.op, e.right] : isRownum(e.right) ? [flip[e.op], e.left] : [undefined, undefined]
  if (!op || !bound || someExpr(bound, isRownum)) return undefined
  if (op === '<=') return bound
  if (op === '<') return bound.kind === 'number' ? { kind: 'number', value: String(Number(bound.value) - 1) } : { kind: 'binary', op: '-', left: bound, right: { kind: 'number', value: '1' } }
  if (op === '=' && bound.kind === 'number' && bound.value === '1') return bound
  return undefined
}

export const rewriteRownum: SelectRule = (q) => {
  const parts = conjuncts(q.where)
  const limits = parts.map(topN)
  const limit = limits.find((x) => x !== undefined)
  const rest = parts.filter((_, i) => limits[i] === undefined)
  if (rest.some((p) => someExpr(p, isRownum))) throw new UnsupportedConstructError('ROWNUM in a condition other than a top-N filter', q.at, 'ROWNUM')
  if (!limit) return q
  if (q.orderBy || q.groupBy || q.distinct || q.having) {
    throw new UnsupportedConstructError('ROWNUM filter together with ORDER BY/GROUP BY/DISTINCT (Oracle numbers rows before sorting): rewrite it with FETCH FIRST or a subquery', q.at, 'ROWNUM')
  }
  return { ...q, where: andAll(rest), fetch: { count: limit } }
}

/** ROWNUM outside a top-N filter: the row's number in the result. */
const rownumValue: ExprRule = (e) => (isRownum(e) ? raw('row_number() OVER ()') : undefined)

export const rownumRules: readonly ExprRule[] = [rownumValue]
