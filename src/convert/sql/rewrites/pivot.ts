import { UnsupportedConstructError } from '../../translate-context.js'
import type { Expr, FromItem, Query, SelectItem, SelectQuery } from '../ast.js'
import type { GenerateContext } from '../postgres/generate-context.js'
import type { SelectRule } from './index.js'
import { binary, num, str } from './build.js'
import { findTable } from './scope.js'
import { replaceExpr } from './walk.js'

/**
 * PIVOT and UNPIVOT become subqueries PostgreSQL runs.
 *
 * PIVOT groups by every column of its source not named in an aggregate or the FOR clause, and
 * computes one column per IN value and aggregate: `agg(CASE WHEN for = value THEN x END)`
 * (COUNT(*): `count(CASE WHEN … THEN 1 END)`), so rows whose FOR value matches no IN value still
 * form their group. Naming the grouped columns needs the source's columns: a catalog table, or a
 * subquery whose select list names them.
 *
 * UNPIVOT turns each source row into one row per IN entry: the source joined to a LATERAL
 * `SELECT name, value UNION ALL …`; EXCLUDE NULLS (the default) drops rows whose values are all
 * NULL. Without known source columns it is exact only when the query selects no `*` (the
 * unpivoted columns then stay out of sight).
 */

const PIVOT_ALIAS = 'GODWIT_PIVOT'
const UNPIVOT_ALIAS = 'GODWIT_UNPIVOT'

const column = (...path: string[]): Expr => ({ kind: 'column', path, at: { file: '', line: 0, column: 0 } })
const last = (path: readonly string[]) => path[path.length - 1]!

export const rewritePivots: SelectRule = (q, rc) => {
  if (!q.from.some(hasPivot)) return q
  const selectsStar = q.items.some((i) => i.expr.kind === 'star')
  return { ...q, from: q.from.map((f) => replacePivots(f, rc.g, selectsStar)) }
}

function hasPivot(f: FromItem): boolean {
  if (f.kind === 'join') return hasPivot(f.left) || hasPivot(f.right)
  return f.kind === 'pivot' || f.kind === 'unpivot'
}

function replacePivots(f: FromItem, g: GenerateContext, selectsStar: boolean): FromItem {
  switch (f.kind) {
    case 'join':
      return { ...f, left: replacePivots(f.left, g, selectsStar), right: replacePivots(f.right, g, selectsStar) }
    case 'pivot':
      return pivot({ ...f, source: replacePivots(f.source, g, true) }, g)
    case 'unpivot':
      return unpivot({ ...f, source: replacePivots(f.source, g, true) }, g, selectsStar)
    default:
      return f
  }
}

/** The columns a FROM item gives, when godwit knows them. */
function columnsOf(f: FromItem, g: GenerateContext): string[] | undefined {
  switch (f.kind) {
    case 'table':
      return findTable(f.name, g)?.columns.map((c) => c.name)
    case 'subquery':
      return queryColumns(f.query)
    case 'join': {
      const left = columnsOf(f.left, g)
      const right = columnsOf(f.right, g)
      return left && right ? [...left, ...right] : undefined
    }
    default:
      return undefined
  }
}

function queryColumns(q: Query): string[] | undefined {
  if (q.kind === 'set') return queryColumns(q.left)
  const names = q.items.map((i) => i.alias ?? (i.expr.kind === 'column' ? last(i.expr.path) : undefined))
  return names.every((n) => n !== undefined) ? (names as string[]) : undefined
}

/** The name the result keeps: its own alias, else the source table's, so `t.col` still resolves. */
function resultAlias(f: Extract<FromItem, { kind: 'pivot' | 'unpivot' }>, fallback: string): string {
  if (f.alias) return f.alias
  if (f.source.kind === 'table') return f.source.alias ?? last(f.source.name)
  if (f.source.kind === 'subquery' && f.source.alias) return f.source.alias
  return fallback
}

function describe(f: FromItem): string {
  return f.kind === 'table' ? f.name.join('.') : 'a join or subquery'
}

function columnNames(exprs: readonly Expr[]): Set<string> {
  const names = new Set<string>()
  for (const e of exprs) {
    replaceExpr(e, (x) => {
      if (x.kind === 'column') names.add(last(x.path))
      return undefined
    })
  }
  return names
}

function pivot(f: Extract<FromItem, { kind: 'pivot' }>, g: GenerateContext): FromItem {
  const all = columnsOf(f.source, g)
  if (!all) throw new UnsupportedConstructError(`PIVOT over ${describe(f.source)}: PIVOT groups by the source's other columns, which godwit does not know; select them in a subquery`, f.at, 'PIVOT')
  const used = columnNames([...f.aggregates.map((a) => a.call), ...f.forColumns])
  const grouped = all.filter((c) => !used.has(c))
  const items: SelectItem[] = grouped.map((c) => ({ expr: column(c) }))
  for (const v of f.values) {
    if (v.values.some((x) => x.kind === 'null')) throw new UnsupportedConstructError('PIVOT … IN (NULL): no row equals NULL; pivot NVL(column, …) instead', f.at, 'PIVOT')
    if (v.values.length !== f.forColumns.length) throw new UnsupportedConstructError(`PIVOT IN value ${v.text} does not match the FOR columns`, f.at, 'PIVOT')
    const matches = f.forColumns.map((c, i) => binary('=', c, v.values[i]!)).reduce((a, b) => binary('AND', a, b))
    const when = (then: Expr): Expr => ({ kind: 'case', whens: [{ when: matches, then }] })
    for (const a of f.aggregates) {
      const call = a.call
      if (call.kind !== 'call' || call.over) throw new UnsupportedConstructError('PIVOT takes aggregate functions', f.at, 'PIVOT')
      const [first, ...rest] = call.args
      const args = call.star ? [{ value: when(num(1)) }] : first ? [{ ...first, value: when(first.value) }, ...rest] : []
      const name = v.alias ?? v.text
      items.push({ expr: { ...call, star: undefined, args }, alias: a.alias ? `${name}_${a.alias}` : name })
    }
  }
  const query: SelectQuery = {
    kind: 'select',
    items,
    from: [f.source],
    groupBy: grouped.length ? grouped.map((c) => ({ kind: 'expr', expr: column(c) })) : undefined,
    at: f.at,
  }
  return { kind: 'subquery', query, alias: resultAlias(f, PIVOT_ALIAS) }
}

function unpivot(f: Extract<FromItem, { kind: 'unpivot' }>, g: GenerateContext, selectsStar: boolean): FromItem {
  const all = columnsOf(f.source, g)
  if (!all && selectsStar) throw new UnsupportedConstructError(`SELECT * over UNPIVOT of ${describe(f.source)}: godwit does not know the source's columns, which * would show; list the columns`, f.at, 'UNPIVOT')
  const unpivoted = new Set(f.columns.flatMap((e) => e.columns.map(last)))
  const branches: Query[] = f.columns.map((entry) => {
    const names = entry.names ?? [str(entry.columns.map(last).join('_'))]
    const items: SelectItem[] = [
      ...names.map((n, i) => ({ expr: n, alias: f.nameColumns[i]! })),
      ...entry.columns.map((c, i) => ({ expr: column(...c), alias: f.valueColumns[i]! })),
    ]
    return { kind: 'select', items, from: [], at: f.at }
  })
  const rows = branches.reduce((left, right): Query => ({ kind: 'set', op: 'UNION ALL', left, right, at: f.at }))
  const produced = [...f.nameColumns, ...f.valueColumns].map((c) => ({ expr: column(UNPIVOT_ALIAS, c), alias: c }))
  const kept: SelectItem[] = all ? all.filter((c) => !unpivoted.has(c)).map((c) => ({ expr: column(c) })) : [{ expr: { kind: 'star' } }]
  const notAllNull = f.valueColumns.map((c): Expr => ({ kind: 'is-null', negated: true, expr: column(UNPIVOT_ALIAS, c) })).reduce((a, b) => binary('OR', a, b))
  const query: SelectQuery = {
    kind: 'select',
    items: all ? [...kept, ...produced] : kept,
    from: [{ kind: 'join', type: 'CROSS', lateral: true, left: f.source, right: { kind: 'subquery', query: rows, alias: UNPIVOT_ALIAS } }],
    where: f.includeNulls ? undefined : notAllNull,
    at: f.at,
  }
  return { kind: 'subquery', query, alias: resultAlias(f, UNPIVOT_ALIAS) }
}
