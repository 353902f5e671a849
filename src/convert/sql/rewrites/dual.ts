import type { Expr, FromItem, SelectQuery } from '../ast.js'
import type { SelectRule } from './index.js'
import { someExpr } from './walk.js'

export function isDual(f: FromItem): f is Extract<FromItem, { kind: 'table' }> {
  return f.kind === 'table' && f.name[f.name.length - 1] === 'DUAL' && (f.name.length === 1 || f.name[0] === 'SYS') && !f.dblink
}

/** DUAL as a one-row derived table: `(SELECT 'X' AS dummy) alias`, the one row and column Oracle's DUAL has. */
function dualRow(f: Extract<FromItem, { kind: 'table' }>, alias: string): FromItem {
  return { kind: 'subquery', query: { kind: 'select', items: [{ expr: { kind: 'string', value: 'X' }, alias: 'DUMMY' }], from: [], at: f.at }, alias }
}

/** Whether the query reads DUAL's column (DUMMY, or anything through a DUAL alias). */
function readsDual(q: SelectQuery, alias: string): boolean {
  const reads = (e: Expr) => someExpr(e, (x) => (x.kind === 'column' && (x.path[x.path.length - 1] === 'DUMMY' || (x.path.length > 1 && x.path[0] === alias))) || (x.kind === 'star' && x.qualifier?.[0] === alias && x.qualifier.length === 1 && alias !== 'DUAL'))
  return [...q.items.map((i) => i.expr), ...(q.where ? [q.where] : []), ...(q.having ? [q.having] : []), ...(q.orderBy ?? []).map((o) => o.expr)].some(reads)
}

/**
 * `SELECT … FROM DUAL` → `SELECT …` (PostgreSQL needs no FROM for one row; `*` is DUAL's DUMMY
 * column), and a DUAL in a comma list that nothing reads is dropped (one row changes nothing).
 * A DUAL that is joined, read (DUMMY, its alias, a `*` over several FROM items) or listed with
 * another DUAL becomes a one-row derived table under its alias (later ones numbered, as
 * PostgreSQL wants distinct names), so the query keeps Oracle's rows and columns.
 */
export const rewriteDual: SelectRule = (q) => {
  const bareStar = q.items.some((i) => i.expr.kind === 'star' && !i.expr.qualifier)
  const unread = (f: FromItem) => isDual(f) && !readsDual(q, f.alias ?? 'DUAL') && (q.from.length === 1 || !bareStar)
  if (q.from.length > 0 && q.from.every(unread)) {
    return { ...q, from: [], items: q.items.map((i) => (i.expr.kind === 'star' ? { expr: { kind: 'string', value: 'X' }, alias: 'DUMMY' } : i)) }
  }
  let duals = 0
  const aliases = new Set<string>()
  const replace = (f: FromItem): FromItem => {
    if (f.kind === 'join') return { ...f, left: replace(f.left), right: replace(f.right) }
    if (!isDual(f)) return f
    duals++
    // Oracle lets two FROM items share an alias nothing qualifies by; PostgreSQL does not.
    const wanted = f.alias ?? 'DUAL'
    const alias = aliases.has(wanted) ? `${wanted}_${duals}` : wanted
    aliases.add(alias)
    return dualRow(f, alias)
  }
  const from = q.from.filter((f) => !unread(f)).map(replace)
  return from.length === q.from.length && duals === 0 ? q : { ...q, from }
}
