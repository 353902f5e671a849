import type { ColumnDef, SchemaModel, TableDef, ViewDef } from '../../model/schema.js'
import type { TranslateContext } from '../translate-context.js'
import type { Query } from './ast.js'
import { firstSelect, scopeOf, selectItemColumns, type RewriteContext } from './rewrites/scope.js'

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

function viewColumns(view: ViewDef, query: Query, g: TranslateContext): ColumnDef[] {
  const select = firstSelect(query)
  const rc: RewriteContext = { g, scope: scopeOf(select.from, g, undefined, select.with?.ctes) }
  const columns = select.items.flatMap((item) => selectItemColumns(item, select, rc) ?? [])
  return columns.map((c, i) => ({ ...c, name: view.columns?.[i] ?? c.name }))
}

/**
 * Every output column of a query, named and typed (a CAST's own type, a column's type, else a
 * type standing for the expression's family); undefined when one of them has no name or no
 * known type, or * covers a relation the catalog does not describe.
 */
export function queryColumns(query: Query, g: TranslateContext): ColumnDef[] | undefined {
  const select = firstSelect(query)
  const rc: RewriteContext = { g, scope: scopeOf(select.from, g, undefined, select.with?.ctes) }
  const columns: ColumnDef[] = []
  for (const item of select.items) {
    const found = selectItemColumns(item, select, rc)
    if (!found?.length) return undefined
    columns.push(...found)
  }
  return columns
}
