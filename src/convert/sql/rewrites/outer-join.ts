import { UnsupportedConstructError } from '../../translate-context.js'
import type { Expr, FromItem } from '../ast.js'
import type { SelectRule } from './index.js'
import type { RewriteContext } from './scope.js'
import { andAll, conjuncts, replaceExpr, someExpr } from './walk.js'

/**
 * Oracle `(+)` outer joins → ANSI joins. Each table marked `(+)` becomes the right side of a
 * LEFT JOIN whose ON holds the conditions that mark it; the other FROM items are chained with
 * CROSS JOIN (so an ON may name any of them) and the remaining conditions stay in WHERE.
 */
const hasOuterMark = (e: Expr) => someExpr(e, (x) => x.kind === 'column' && x.outerJoin === true)

function itemName(f: FromItem): string | undefined {
  if (f.kind === 'table') return f.alias ?? f.name[f.name.length - 1]
  return 'alias' in f ? f.alias : undefined
}

/**
 * The FROM items named by the columns in `e` marked (+) (or not marked): `alias.col` and
 * `alias.obj_col.attr` name `alias`.
 */
function qualifiers(e: Expr, marked: boolean, items: ReadonlySet<string>, rc: RewriteContext): Set<string> {
  const found = new Set<string>()
  replaceExpr(e, (x) => {
    if (x.kind !== 'column' || (x.outerJoin === true) !== marked) return undefined
    if (x.path.length >= 2) found.add(items.has(x.path[0]!) ? x.path[0]! : x.path[x.path.length - 2]!)
    else {
      // An unqualified column belongs to the FROM table the catalog says has it.
      const owner = [...rc.scope.tables].find(([, def]) => def?.columns.some((c) => c.name === x.path[0]))
      if (owner) found.add(owner[0])
    }
    return undefined
  })
  return found
}

/** Qualifies the unqualified columns of a moved condition, so the ON clause stays unambiguous. */
function qualify(e: Expr, rc: RewriteContext): Expr {
  return replaceExpr(e, (x) => {
    if (x.kind !== 'column' || x.path.length !== 1) return undefined
    const owner = [...rc.scope.tables].find(([, def]) => def?.columns.some((c) => c.name === x.path[0]))
    return owner ? { ...x, path: [owner[0], x.path[0]!] } : undefined
  })
}

function unmark(e: Expr): Expr {
  return replaceExpr(e, (x) => (x.kind === 'column' && x.outerJoin ? { ...x, outerJoin: undefined } : undefined))
}

export const rewriteOuterJoins: SelectRule = (q, rc) => {
  const parts = conjuncts(q.where)
  if (!parts.some(hasOuterMark)) return q
  if (q.from.some((f) => f.kind === 'join')) throw new UnsupportedConstructError('(+) outer joins mixed with ANSI joins', q.at, 'OUTER_JOIN')
  const items = new Set(q.from.map(itemName).filter((n): n is string => n !== undefined))
  const onConditions = new Map<string, Expr[]>()
  const where: Expr[] = []
  for (const p of parts) {
    if (!hasOuterMark(p)) {
      where.push(p)
      continue
    }
    const optional = qualifiers(p, true, items, rc)
    if (optional.size !== 1) throw new UnsupportedConstructError('a (+) condition must mark columns of exactly one table, qualified with its alias', q.at, 'OUTER_JOIN')
    const table = [...optional][0]!
    if (!items.has(table)) throw new UnsupportedConstructError(`(+) marks ${table}, which is not a FROM item of this query`, q.at, 'OUTER_JOIN')
    onConditions.set(table, [...(onConditions.get(table) ?? []), qualify(unmark(p), rc)])
  }
  const preserved = q.from.filter((f) => !onConditions.has(itemName(f) ?? ''))
  const optionalItems = q.from.filter((f) => onConditions.has(itemName(f) ?? ''))
  if (preserved.length === 0) throw new UnsupportedConstructError('every table is marked (+)', q.at, 'OUTER_JOIN')
  // Join optional tables once everything their conditions name is already joined.
  let joined: FromItem = preserved[0]!
  const done = new Set([itemName(preserved[0]!)])
  for (const f of preserved.slice(1)) {
    joined = { kind: 'join', type: 'CROSS', left: joined, right: f }
    done.add(itemName(f))
  }
  const pending = [...optionalItems]
  while (pending.length) {
    const index = pending.findIndex((f) => {
      const conds = onConditions.get(itemName(f)!)!
      return conds.every((c) => [...qualifiers(c, false, items, rc)].every((t) => done.has(t) || t === itemName(f)))
    })
    if (index < 0) throw new UnsupportedConstructError('(+) conditions form a cycle between tables', q.at, 'OUTER_JOIN')
    const f = pending.splice(index, 1)[0]!
    joined = { kind: 'join', type: 'LEFT', left: joined, right: f, on: andAll(onConditions.get(itemName(f)!)!) }
    done.add(itemName(f))
  }
  return { ...q, from: [joined], where: andAll(where) }
}
