import type { ColumnDef, NativeType, SchemaModel, TableDef, ViewDef } from '../../model/schema.js'
import type { TranslateContext } from '../translate-context.js'
import type { Query, SelectItem, SelectQuery } from './ast.js'
import { columnType, findTable, scopeOf, typeOf, type RewriteContext, type TypeFamily } from './rewrites/scope.js'

/** A type that stands for a family when a view column is computed (its exact type is the target's business). */
const FAMILY_TYPES: Readonly<Record<TypeFamily, NativeType>> = {
  number: { name: 'NUMBER', text: 'NUMBER' },
  text: { name: 'VARCHAR', text: 'VARCHAR' },
  date: { name: 'DATE', text: 'DATE' },
  timestamp: { name: 'TIMESTAMP', text: 'TIMESTAMP' },
  interval: { name: 'INTERVAL DAY TO SECOND', text: 'INTERVAL DAY TO SECOND' },
}

const cache = new WeakMap<SchemaModel, SchemaModel>()

/**
 * The catalog with each view also listed as a table whose columns carry the types of its select
 * items, so that rules can tell a date from a number or text in a column read through a view
 * (Teradata converts implicitly between them; PostgreSQL needs the conversion written). Views
 * over views are typed in dependency order by repeating the pass; a view that does not parse
 * is left out here (its own translation reports why).
 */
export function withViewColumns(ctx: TranslateContext, parseView: (v: ViewDef) => Query): SchemaModel {
  const cached = cache.get(ctx.catalog)
  if (cached) return cached
  const parsed = ctx.catalog.views.flatMap((v) => {
    try {
      return [{ view: v, query: parseView(v) }]
    } catch {
      return []
    }
  })
  let catalog = ctx.catalog
  for (let pass = 0; pass < 4; pass++) {
    const tables: TableDef[] = parsed.map(({ view, query }) => ({ schema: view.schema, name: view.name, columns: viewColumns(view, query, { ...ctx, catalog }), uniques: [], checks: [], foreignKeys: [] }))
    catalog = { ...ctx.catalog, tables: [...ctx.catalog.tables, ...tables] }
  }
  cache.set(ctx.catalog, catalog)
  return catalog
}

function firstSelect(q: Query): SelectQuery {
  return q.kind === 'select' ? q : firstSelect(q.left)
}

function viewColumns(view: ViewDef, query: Query, g: TranslateContext): ColumnDef[] {
  const select = firstSelect(query)
  const rc: RewriteContext = { g, scope: scopeOf(select.from, g) }
  const columns = select.items.flatMap((item) => itemColumns(item, select, rc) ?? [])
  return columns.map((c, i) => ({ ...c, name: view.columns?.[i] ?? c.name }))
}

/**
 * Every output column of a query, named and typed (a CAST's own type, a column's type, else a
 * type standing for the expression's family); undefined when one of them has no name or no
 * known type, or * covers a relation the catalog does not describe.
 */
export function queryColumns(query: Query, g: TranslateContext): ColumnDef[] | undefined {
  const select = firstSelect(query)
  const rc: RewriteContext = { g, scope: scopeOf(select.from, g) }
  const columns: ColumnDef[] = []
  for (const item of select.items) {
    const found = itemColumns(item, select, rc)
    if (!found?.length) return undefined
    columns.push(...found)
  }
  return columns
}

/** The columns one select item stands for; undefined where they cannot be known. */
function itemColumns(item: SelectItem, select: SelectQuery, rc: RewriteContext): ColumnDef[] | undefined {
  const e = item.expr
  if (e.kind === 'star') {
    const covered = select.from.filter((f) => !e.qualifier || (f.kind === 'table' && e.qualifier.at(-1) === (f.alias ?? f.name.at(-1))))
    const tables = covered.map((f) => (f.kind === 'table' ? findTable(f.name, rc.g) : undefined))
    return tables.every((t) => t !== undefined) ? tables.flatMap((t) => t!.columns) : undefined
  }
  const name = item.alias ?? (e.kind === 'column' ? e.path.at(-1) : undefined)
  if (!name) return undefined
  const family = typeOf(e, rc)
  const nativeType = (e.kind === 'cast' && !e.target ? e.type : undefined) ?? (e.kind === 'column' ? columnType(e.path, rc) : undefined) ?? (family && FAMILY_TYPES[family])
  return nativeType ? [{ name, nativeType, type: { kind: 'unsupported', native: nativeType.text }, nullable: true }] : undefined
}
