import { isDual } from './dual.js'
import { pgIdent } from '../../naming.js'
import { UnsupportedConstructError } from '../../translate-context.js'
import type { Expr, FromItem, Query, SelectItem, SelectQuery } from '../ast.js'
import { binary, isOracleCall, isPseudoColumn, num, pgCall } from './build.js'
import type { RewriteContext } from './scope.js'
import { replaceExpr, someExpr } from './walk.js'

/**
 * CONNECT BY → WITH RECURSIVE. The hierarchy is built over the one FROM table: the anchor
 * holds the START WITH rows (every row without START WITH), the recursive term joins the table
 * to the previous level with PRIOR columns read from it. Oracle applies WHERE after building the
 * hierarchy, so WHERE moves to the outer query. LEVEL, SYS_CONNECT_BY_PATH, CONNECT_BY_ROOT and
 * PRIOR in the select list become columns carried down the recursion (as does the whole row
 * for SELECT *); ORDER SIBLINGS BY becomes
 * an array of the sort keys along the path (depth-first order); NOCYCLE becomes PostgreSQL's
 * CYCLE clause.
 */
const HIERARCHY = 'GODWIT_HIERARCHY'
const PRIOR_ROW = 'GODWIT_PRIOR'
const LEVEL = '_LEVEL'
const ORDER = '_ORDER'
const CYCLE = '_CYCLE'
const ROW = '_ROW'

/** Pseudo-columns and functions that look like unqualified columns but are not table columns. */
const NOT_COLUMNS = new Set(['LEVEL', 'ROWNUM', 'SYSDATE', 'SYSTIMESTAMP', 'USER', 'CURRENT_DATE', 'CURRENT_TIMESTAMP', 'LOCALTIMESTAMP', 'CONNECT_BY_ISLEAF', 'CONNECT_BY_ISCYCLE', 'NULL'])

const column = (...path: string[]): Expr => ({ kind: 'column', path, at: { file: '', line: 0, column: 0 } })

interface Carried {
  /** Column name in the hierarchy CTE. */
  readonly name: string
  readonly anchor: Expr
  readonly step: Expr
}

export function rewriteConnectBy(q: SelectQuery, _rc: RewriteContext): Query {
  const h = q.hierarchy!
  const source = q.from[0]
  // The hierarchy's rows: one table, or an aliased subquery, which both terms read again.
  if (q.from.length !== 1 || !(source?.kind === 'table' || (source?.kind === 'subquery' && source.alias && !source.lateral))) {
    throw new UnsupportedConstructError('CONNECT BY over a join or subquery: build the hierarchy over one table, then join', q.at, 'CONNECT_BY')
  }
  if (q.groupBy || q.having) throw new UnsupportedConstructError('CONNECT BY with GROUP BY', q.at, 'CONNECT_BY')
  const alias = source.alias ?? (source.kind === 'table' ? source.name[source.name.length - 1]! : '')
  const qualify = (e: Expr) => qualifyColumns(e, alias)
  const carried: Carried[] = []
  const carry = (anchor: Expr, step: (prev: Expr) => Expr): Expr => {
    const name = `_C${carried.length + 1}`
    carried.push({ name, anchor, step: step(column(PRIOR_ROW, name)) })
    return column(alias, name)
  }
  // A NUMBER, as LEVEL is, so that the rules after this one type it (`SYSDATE + LEVEL` adds days).
  const level: Expr = { kind: 'cast', expr: column(alias, LEVEL), type: { name: 'NUMBER', text: 'NUMBER' }, at: q.at }
  // Outer-query expressions: hierarchy functions read the carried columns.
  const outer = (e: Expr): Expr =>
    replaceExpr(e, (x) => {
      if (isPseudoColumn(x, 'LEVEL')) return level
      // Over DUAL without WHERE, the n-th row produced is the one at level n.
      if (isPseudoColumn(x, 'ROWNUM') && isDual(source) && !q.where) return level
      if (isOracleCall(x, 'SYS_CONNECT_BY_PATH')) {
        const [value, separator] = x.args.map((a) => qualify(a.value))
        if (!value || !separator) return undefined
        return carry(binary('||', separator, value), (prev) => binary('||', binary('||', prev, separator), value))
      }
      if (x.kind === 'unary' && x.op === 'CONNECT_BY_ROOT') return carry(qualify(x.operand), (prev) => prev)
      if (isPseudoColumn(x, 'CONNECT_BY_ISLEAF')) return leafTest(source, alias, h.connectBy, q.at)
      // PRIOR in the select list: the parent row's value, carried down; NULL on root rows (typed as the value).
      if (x.kind === 'unary' && x.op === 'PRIOR') {
        const value = qualify(x.operand)
        return carry({ kind: 'case', whens: [{ when: { kind: 'boolean', value: false }, then: value }] }, () => priorRow(value, alias))
      }
      return undefined
    })
  // SELECT * (or alias.*) without knowing the table's columns: the whole row travels down the
  // recursion as one composite column and is expanded again in the outer query.
  const star = (e: Expr) => e.kind === 'star' && (!e.qualifier || (e.qualifier.length === 1 && e.qualifier[0] === alias))
  if (q.items.some((i) => star(i.expr))) carried.push({ name: ROW, anchor: column(alias), step: column(alias) })
  const items: SelectItem[] = q.items.map((i) => {
    if (star(i.expr)) return { ...i, expr: { kind: 'raw', sql: `(${pgIdent(alias)}.${pgIdent(ROW)}).*` } }
    if (i.expr.kind === 'star') throw new UnsupportedConstructError(`SELECT ${i.expr.qualifier?.join('.')}.* with CONNECT BY: only the hierarchy's table is in scope`, q.at, 'CONNECT_BY')
    return { ...i, expr: outer(i.expr) }
  })
  const where = q.where && outer(q.where)
  let orderBy = q.orderBy?.map((o) => ({ ...o, expr: outer(o.expr) }))
  if (q.orderSiblings && orderBy) {
    if (orderBy.length !== 1 || orderBy[0]!.descending) throw new UnsupportedConstructError('ORDER SIBLINGS BY with more than one key or DESC', q.at, 'CONNECT_BY')
    const key = qualify(q.orderBy![0]!.expr)
    carried.push({ name: ORDER, anchor: { kind: 'array', items: [key] }, step: pgCall('array_append', column(PRIOR_ROW, ORDER), key) })
    orderBy = [{ expr: column(alias, ORDER) }]
  }
  const table: FromItem = { ...source, alias }
  const anchor: SelectQuery = {
    kind: 'select',
    items: [{ expr: { kind: 'star', qualifier: [alias] } }, { expr: num(1), alias: LEVEL }, ...carried.map((c) => ({ expr: c.anchor, alias: c.name }))],
    from: [table],
    where: h.startWith && qualify(h.startWith),
    at: q.at,
  }
  const connect = replaceExpr(qualify(h.connectBy), (x) => {
    if (x.kind === 'unary' && x.op === 'PRIOR') return priorRow(x.operand, alias)
    if (isPseudoColumn(x, 'LEVEL')) return binary('+', column(PRIOR_ROW, LEVEL), num(1))
    // The row generator `FROM dual CONNECT BY ROWNUM <= n`: over DUAL each level is one row, so
    // the row being connected is row number LEVEL; over a table the count depends on Oracle's
    // traversal order.
    if (isPseudoColumn(x, 'ROWNUM')) {
      if (!isDual(source)) throw new UnsupportedConstructError('ROWNUM in CONNECT BY over a table: the rows are numbered in Oracle\'s traversal order; use LEVEL or a LIMIT on the result', q.at, 'CONNECT_BY')
      return binary('+', column(PRIOR_ROW, LEVEL), num(1))
    }
    return undefined
  })
  const step: SelectQuery = {
    kind: 'select',
    items: [{ expr: { kind: 'star', qualifier: [alias] } }, { expr: binary('+', column(PRIOR_ROW, LEVEL), num(1)) }, ...carried.map((c) => ({ expr: c.step }))],
    from: [{ kind: 'join', type: 'INNER', left: table, right: { kind: 'raw', sql: HIERARCHY.toLowerCase(), alias: PRIOR_ROW }, on: connect }],
    at: q.at,
  }
  const cte = { name: HIERARCHY, query: { kind: 'set', op: 'UNION ALL', left: anchor, right: step, at: q.at } as Query }
  const cycleGuard = h.noCycle ? cycleColumns(h.connectBy) : undefined
  const outerWhere = cycleGuard ? (where ? binary('AND', where, { kind: 'unary', op: 'NOT', operand: column(alias, CYCLE) }) : { kind: 'unary', op: 'NOT', operand: column(alias, CYCLE) } as Expr) : where
  const cteWithCycle = cycleGuard ? { ...cte, cycle: { columns: cycleGuard, mark: CYCLE } } : cte
  return {
    ...q,
    hierarchy: undefined,
    orderSiblings: undefined,
    with: { recursive: true, ctes: [...(q.with?.ctes ?? []), cteWithCycle] },
    items,
    from: [{ kind: 'raw', sql: HIERARCHY.toLowerCase(), alias }],
    where: outerWhere,
    orderBy,
  }
}

/** Unqualified column names in a hierarchy condition belong to the hierarchy's table. */
function qualifyColumns(e: Expr, alias: string): Expr {
  return replaceExpr(e, (x) => (x.kind === 'column' && x.path.length === 1 && !NOT_COLUMNS.has(x.path[0]!) ? { ...x, path: [alias, x.path[0]!] } : undefined))
}

/** `PRIOR expr`: the expression read from the parent row. */
function priorRow(e: Expr, alias: string): Expr {
  return replaceExpr(e, (x) => (x.kind === 'column' && x.path.length === 2 && x.path[0] === alias ? { ...x, path: [PRIOR_ROW, x.path[1]!] } : undefined))
}

/** CONNECT_BY_ISLEAF: no row of the table has this row as its PRIOR. */
function leafTest(source: Extract<FromItem, { kind: 'table' | 'subquery' }>, alias: string, connectBy: Expr, at: SelectQuery['at']): Expr {
  const child = 'GODWIT_CHILD'
  const cond = replaceExpr(qualifyColumns(connectBy, alias), (x) => {
    if (x.kind === 'unary' && x.op === 'PRIOR') return x.operand
    if (isPseudoColumn(x, 'LEVEL')) return binary('+', column(alias, LEVEL), num(1))
    if (x.kind === 'column' && x.path.length === 2 && x.path[0] === alias) return { ...x, path: [child, x.path[1]!] }
    return undefined
  })
  const exists: Expr = { kind: 'exists', query: { kind: 'select', items: [{ expr: num(1) }], from: [{ ...source, alias: child }], where: cond, at } }
  return { kind: 'case', whens: [{ when: exists, then: num(0) }], otherwise: num(1) }
}

/** The columns that identify a row for cycle detection: those compared to PRIOR values. */
function cycleColumns(connectBy: Expr): readonly string[] {
  const names = new Set<string>()
  replaceExpr(connectBy, (x) => {
    if (x.kind === 'unary' && x.op === 'PRIOR') {
      replaceExpr(x.operand, (y) => {
        if (y.kind === 'column') names.add(y.path[y.path.length - 1]!)
        return undefined
      })
      return x
    }
    return undefined
  })
  if (names.size === 0 || someExpr(connectBy, (x) => x.kind === 'subquery')) throw new UnsupportedConstructError('NOCYCLE without PRIOR columns')
  return [...names]
}
