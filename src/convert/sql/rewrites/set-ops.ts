import type { SetQuery } from '../ast.js'

/** MINUS is PostgreSQL's EXCEPT; both remove duplicates, as UNION and INTERSECT do in both. */
export function rewriteSetOperation(q: SetQuery): SetQuery {
  return q.op === 'MINUS' ? { ...q, op: 'EXCEPT' } : q
}
