import type { Argument, Expr, FrameBound, FromItem, GroupingElement, OrderItem, Query, SelectQuery, WindowSpec } from '../ast.js'

/** How a walk treats the nodes under an expression: one function for expressions, one for queries. */
export interface ChildMappers {
  readonly expr: (e: Expr) => Expr
  readonly query: (q: Query) => Query
}

const mapOrder = (items: readonly OrderItem[] | undefined, m: ChildMappers) => items?.map((o) => ({ ...o, expr: m.expr(o.expr) }))

function mapWindow(w: WindowSpec | undefined, m: ChildMappers): WindowSpec | undefined {
  if (!w) return undefined
  // Frame offsets are expressions too (RANGE NUMTODSINTERVAL(100, 'DAY') PRECEDING).
  const bound = (b: FrameBound): FrameBound => ('offset' in b ? { ...b, offset: m.expr(b.offset) } : b)
  const frame = w.frame && { ...w.frame, start: bound(w.frame.start), end: w.frame.end && bound(w.frame.end) }
  return { ...w, partitionBy: w.partitionBy.map(m.expr), orderBy: mapOrder(w.orderBy, m) ?? [], frame }
}

function mapList(list: readonly Expr[] | Query, m: ChildMappers): readonly Expr[] | Query {
  return Array.isArray(list) ? (list as readonly Expr[]).map(m.expr) : m.query(list as Query)
}

/** A copy of `e` with each direct child expression/query mapped; leaves are returned as is. */
export function mapChildren(e: Expr, m: ChildMappers): Expr {
  switch (e.kind) {
    case 'unary':
      return { ...e, operand: m.expr(e.operand) }
    case 'binary':
      return { ...e, left: m.expr(e.left), right: m.expr(e.right) }
    case 'like':
      return { ...e, expr: m.expr(e.expr), pattern: m.expr(e.pattern), escape: e.escape && m.expr(e.escape) }
    case 'between':
      return { ...e, expr: m.expr(e.expr), low: m.expr(e.low), high: m.expr(e.high) }
    case 'in':
      return { ...e, expr: m.expr(e.expr), list: mapList(e.list, m) }
    case 'interval-difference':
      return { ...e, left: m.expr(e.left), right: m.expr(e.right) }
    case 'is-null':
    case 'is-json':
      return { ...e, expr: m.expr(e.expr) }
    case 'multiset':
      return { ...e, left: m.expr(e.left), right: m.expr(e.right) }
    case 'multiset-condition':
      return { ...e, expr: m.expr(e.expr), of: e.of && m.expr(e.of) }
    case 'exists':
    case 'subquery':
    case 'cast-multiset':
      return { ...e, query: m.query(e.query) }
    case 'quantified':
      return { ...e, left: m.expr(e.left), list: mapList(e.list, m) }
    case 'call':
      return {
        ...e,
        args: e.args.map((a): Argument => ({ ...a, value: m.expr(a.value) })),
        orderBy: mapOrder(e.orderBy, m),
        withinGroup: mapOrder(e.withinGroup, m),
        keep: e.keep && { ...e.keep, orderBy: mapOrder(e.keep.orderBy, m) ?? [] },
        over: mapWindow(e.over, m),
        filter: e.filter && m.expr(e.filter),
      }
    case 'json-object':
      return { ...e, entries: e.entries.map((x) => ({ ...x, key: m.expr(x.key), value: m.expr(x.value) })) }
    case 'case':
      return {
        ...e,
        operand: e.operand && m.expr(e.operand),
        whens: e.whens.map((w) => ({ when: m.expr(w.when), then: m.expr(w.then) })),
        otherwise: e.otherwise && m.expr(e.otherwise),
      }
    case 'cast':
    case 'pg-cast':
      return { ...e, expr: m.expr(e.expr) }
    case 'tuple':
    case 'array':
      return { ...e, items: e.items.map(m.expr) }
    case 'field':
    case 'attributes':
    case 'collate':
      return { ...e, expr: m.expr(e.expr) }
    case 'xml-element':
      return { ...e, attributes: e.attributes.map((a) => ({ ...a, value: m.expr(a.value) })), content: e.content.map(m.expr) }
    case 'subscript':
      return { ...e, expr: m.expr(e.expr), index: m.expr(e.index) }
    case 'extract':
      return { ...e, from: m.expr(e.from) }
    case 'trim':
      return { ...e, chars: e.chars && m.expr(e.chars), from: m.expr(e.from) }
    case 'at-time-zone':
      return { ...e, expr: m.expr(e.expr), zone: e.zone === 'LOCAL' ? e.zone : m.expr(e.zone) }
    default:
      return e
  }
}

/** Maps every expression held directly by a FROM item (join conditions, TABLE(x), JSON_TABLE(x)). */
export function mapFromItem(f: FromItem, m: ChildMappers): FromItem {
  switch (f.kind) {
    case 'subquery':
      return { ...f, query: m.query(f.query) }
    case 'table-function':
      return { ...f, expr: m.expr(f.expr) }
    case 'json-table':
      return { ...f, expr: m.expr(f.expr) }
    case 'function':
      return { ...f, calls: f.calls.map(m.expr) }
    case 'xml-table':
      return { ...f, passing: m.expr(f.passing), columns: f.columns?.map((col) => ({ ...col, default: col.default && m.expr(col.default) })) }
    case 'join':
      return { ...f, left: mapFromItem(f.left, m), right: mapFromItem(f.right, m), on: f.on && m.expr(f.on) }
    default:
      return f
  }
}

function mapGrouping(x: GroupingElement, m: ChildMappers): GroupingElement {
  switch (x.kind) {
    case 'expr':
      return { ...x, expr: m.expr(x.expr) }
    case 'rollup':
    case 'cube':
      return { ...x, items: x.items.map(m.expr) }
    case 'grouping-sets':
      return { ...x, sets: x.sets.map((s) => mapGrouping(s, m)) }
    case 'empty':
      return x
  }
}

/** Maps every expression of one select (not its CTEs, which are queries in their own right). */
export function mapSelectExprs(q: SelectQuery, m: ChildMappers): SelectQuery {
  return {
    ...q,
    items: q.items.map((i) => ({ ...i, expr: m.expr(i.expr) })),
    from: q.from.map((f) => mapFromItem(f, m)),
    where: q.where && m.expr(q.where),
    hierarchy: q.hierarchy && { ...q.hierarchy, connectBy: m.expr(q.hierarchy.connectBy), startWith: q.hierarchy.startWith && m.expr(q.hierarchy.startWith) },
    groupBy: q.groupBy?.map((x) => mapGrouping(x, m)),
    having: q.having && m.expr(q.having),
    orderBy: mapOrder(q.orderBy, m),
    offset: q.offset && m.expr(q.offset),
    fetch: q.fetch && { ...q.fetch, count: q.fetch.count && m.expr(q.fetch.count) },
  }
}

/** Every expression node in `e`, depth first, not descending into subqueries. */
export function someExpr(e: Expr, test: (x: Expr) => boolean): boolean {
  let found = false
  const visit = (x: Expr): Expr => {
    if (found) return x
    if (test(x)) {
      found = true
      return x
    }
    return mapChildren(x, { expr: visit, query: (q) => q })
  }
  visit(e)
  return found
}

/** A copy of `e` with `replace` applied top-down (a replaced node's children are not visited), not descending into subqueries. */
export function replaceExpr(e: Expr, replace: (x: Expr) => Expr | undefined): Expr {
  const visit = (x: Expr): Expr => replace(x) ?? mapChildren(x, { expr: visit, query: (q) => q })
  return visit(e)
}

/** Splits `a AND b AND c` into its conjuncts. */
export function conjuncts(e: Expr | undefined): Expr[] {
  if (!e) return []
  if (e.kind === 'binary' && e.op === 'AND') return [...conjuncts(e.left), ...conjuncts(e.right)]
  return [e]
}

export function andAll(items: readonly Expr[]): Expr | undefined {
  return items.reduce<Expr | undefined>((acc, x) => (acc ? { kind: 'binary', op: 'AND', left: acc, right: x } : x), undefined)
}
