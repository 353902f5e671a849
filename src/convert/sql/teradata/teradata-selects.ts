import { UnsupportedConstructError } from '../../translate-context.js'
import type { Expr, FromItem, OrderItem, Query, SelectItem, SelectQuery } from '../ast.js'
import { binary, num, pgCall } from '../rewrites/build.js'
import type { SelectRule } from '../rewrites/index.js'
import { columnType, findTable, type RewriteContext } from '../rewrites/scope.js'
import { andAll, replaceExpr } from '../rewrites/walk.js'

/**
 * Teradata select clauses → PostgreSQL: NAMED/TITLE phrases as column aliases, QUALIFY as a
 * filter over a derived table, SAMPLE as a random pick.
 */

/** `x (NAMED n)` and `x (TITLE 't')` on a select item name its column when AS does not. */
export const attributeAliases: SelectRule = (q) => {
  if (!q.items.some((i) => i.expr.kind === 'attributes' && (i.expr.attributes.named || i.expr.attributes.title))) return q
  const items = q.items.map((i): SelectItem => {
    if (i.expr.kind !== 'attributes') return i
    const { named, title, ...rest } = i.expr.attributes
    const alias = i.alias ?? named ?? title
    const expr = Object.values(rest).some((v) => v !== undefined) ? { ...i.expr, attributes: rest } : i.expr.expr
    return { expr, alias }
  })
  return { ...q, items }
}

const QUALIFY_COLUMN = 'GODWIT_QUALIFY'
const DERIVED = 'GODWIT_Q'

/** The name each select item has as a column of the derived table (stars are expanded from the catalog). */
function itemColumns(q: SelectQuery, rc: RewriteContext): SelectItem[] {
  return q.items.flatMap((item, i): SelectItem[] => {
    const e = item.expr
    if (e.kind === 'star') {
      const tables = q.from.map((f) => (f.kind === 'table' && (!e.qualifier || e.qualifier.at(-1) === (f.alias ?? f.name.at(-1))) ? findTable(f.name, rc.g) : undefined))
      if (tables.length === 0 || tables.some((t) => !t)) throw new UnsupportedConstructError('SELECT * with QUALIFY: the columns of every table must be known to list them', q.at)
      return tables.flatMap((t) => t!.columns.map((c) => ({ expr: { kind: 'column', path: [c.name], at: q.at }, alias: c.name })))
    }
    if (item.alias) return [item]
    if (e.kind === 'column') return [{ expr: e, alias: e.path.at(-1) }]
    return [{ expr: e, alias: `GODWIT_COL${i + 1}` }]
  })
}

const sameExpr = (a: Expr, b: Expr): boolean => JSON.stringify(a, (k, v: unknown) => (k === 'at' ? undefined : v)) === JSON.stringify(b, (k, v: unknown) => (k === 'at' ? undefined : v))

/**
 * `SELECT … QUALIFY cond`: the window functions are evaluated in a derived table that also
 * computes the condition; the outer query keeps the rows where it holds, then applies DISTINCT,
 * ORDER BY and TOP, in Teradata's order. QUALIFY may name a select item by its alias.
 */
export const rewriteQualify: SelectRule = (q, rc): Query => {
  if (!q.qualify) return q
  const columns = itemColumns(q, rc)
  const byAlias = new Map(columns.map((c) => [c.alias!, c.expr]))
  const condition = replaceExpr(q.qualify, (x) => (x.kind === 'column' && x.path.length === 1 && byAlias.has(x.path[0]!) && !columnType(x.path, rc) ? byAlias.get(x.path[0]!) : undefined))
  const inner: SelectQuery = { ...q, distinct: undefined, qualify: undefined, sampleRows: undefined, orderBy: undefined, fetch: undefined, offset: undefined, items: [...columns, { expr: condition, alias: QUALIFY_COLUMN }] }
  const column = (name: string): Expr => ({ kind: 'column', path: [DERIVED, name], at: q.at })
  const orderBy = q.orderBy?.map((o): OrderItem => {
    if (o.expr.kind === 'number') return o
    const found = columns.find((c) => sameExpr(c.expr, o.expr) || (o.expr.kind === 'column' && o.expr.path.length === 1 && o.expr.path[0] === c.alias))
    if (!found) throw new UnsupportedConstructError('ORDER BY with QUALIFY: order by a select item (its alias or position)', q.at)
    return { ...o, expr: column(found.alias!) }
  })
  return {
    kind: 'select',
    distinct: q.distinct,
    items: columns.map((c) => ({ expr: column(c.alias!), alias: c.alias })),
    from: [{ kind: 'subquery', query: inner, alias: DERIVED }],
    where: column(QUALIFY_COLUMN),
    orderBy,
    fetch: q.fetch,
    sampleRows: q.sampleRows,
    at: q.at,
  }
}

/**
 * `SAMPLE n` picks n random rows of the result: ORDER BY random() with a row limit. `SAMPLE f`
 * (0 < f < 1) picks that fraction: each row is kept with probability f, so the count is close
 * to, not exactly, Teradata's (a warning says so).
 */
export const rewriteSample: SelectRule = (q, rc) => {
  if (!q.sampleRows) return q
  const size = q.sampleRows
  if (size.kind !== 'number') throw new UnsupportedConstructError('SAMPLE with a size that is not a literal number', q.at)
  const value = Number(size.value)
  const base: SelectQuery = { ...q, sampleRows: undefined }
  if (value >= 1 && Number.isInteger(value)) {
    if (q.orderBy || q.fetch) throw new UnsupportedConstructError('SAMPLE n with ORDER BY or TOP: sample in a derived table, then order', q.at)
    return { ...base, orderBy: [{ expr: pgCall('random') }], fetch: { count: size } }
  }
  if (value > 0 && value < 1) {
    if (q.groupBy || q.having || q.distinct) throw new UnsupportedConstructError('SAMPLE of a fraction over GROUP BY/DISTINCT: sample in an outer query', q.at)
    rc.g.findings.push({ code: 'SAMPLE_APPROXIMATE', severity: 'warning', object: rc.g.object, message: `SAMPLE ${size.value} keeps each row with probability ${size.value}: about, not exactly, that fraction of the rows`, at: q.at })
    return { ...base, where: andAll([...(q.where ? [q.where] : []), binary('<', pgCall('random'), num(size.value))]) }
  }
  throw new UnsupportedConstructError(`SAMPLE ${size.value}: a row count (whole number) or a fraction between 0 and 1`, q.at)
}

/** TOP n PERCENT: PostgreSQL's FETCH counts rows. */
const rejectTopPercent: SelectRule = (q) => {
  if (q.fetch?.percent) throw new UnsupportedConstructError('TOP n PERCENT: PostgreSQL limits by a row count; compute it with count(*) OVER () in a derived table', q.at)
  return q
}

/** The DBC views godwit has a stand-in for (src/convert/sql/support-views-teradata.ts). */
const DICTIONARY_STAND_INS: Readonly<Record<string, string>> = { TABLESV: 'td_tablesv', TABLESVX: 'td_tablesv', COLUMNSV: 'td_columnsv', COLUMNSVX: 'td_columnsv' }

/**
 * DBC.TablesV and DBC.ColumnsV read godwit's stand-ins over PostgreSQL's catalog (info
 * `TERADATA_DICTIONARY_STAND_IN`); any other DBC view (AllSpaceV, DiskSpaceV, …) has no
 * PostgreSQL counterpart with its columns, so a query over it is an action item naming it.
 */
const dictionaryViews: SelectRule = (q, rc) => {
  const visit = (f: FromItem): FromItem => {
    if (f.kind === 'join') return { ...f, left: visit(f.left), right: visit(f.right) }
    if (f.kind !== 'table' || f.name.length !== 2 || f.name[0] !== 'DBC') return f
    const standIn = DICTIONARY_STAND_INS[f.name[1]!]
    if (!standIn) {
      throw new UnsupportedConstructError(
        `DBC.${f.name[1]} is Teradata's data dictionary: PostgreSQL has no view with its columns; rewrite the query over information_schema or pg_catalog`,
        f.at,
        'TERADATA_DICTIONARY',
      )
    }
    rc.g.support.add(standIn)
    rc.g.support.add('extension:citext')
    rc.g.findings.push({ code: 'TERADATA_DICTIONARY_STAND_IN', severity: 'info', object: rc.g.object, message: `DBC.${f.name[1]} reads godwit_ora.${standIn}, a stand-in over PostgreSQL's catalog with the columns and codes scripts filter on`, at: f.at })
    return { ...f, name: ['GODWIT_ORA', standIn.toUpperCase()], alias: f.alias ?? f.name[1] }
  }
  return { ...q, from: q.from.map(visit) }
}

export const teradataSelectRules: readonly SelectRule[] = [rejectTopPercent, dictionaryViews, attributeAliases, rewriteQualify, rewriteSample]
