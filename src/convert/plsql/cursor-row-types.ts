import type { SourceLocation } from '../../model/location.js'
import { pgIdent } from '../naming.js'
import type { Expr, FromItem, Query } from '../sql/ast.js'
import { UnsupportedConstructError } from '../translate-context.js'
import type { PlType } from './plsql-ast.js'
import type { PlsqlScope } from './plsql-scope.js'

/**
 * `c%ROWTYPE` where PostgreSQL needs a named type (an array element, a record field): PL/pgSQL
 * has only untyped `record` for a cursor's rows. The cursor's columns, when each is a table
 * column (`SELECT t.a, b AS x FROM t JOIN u …`), become the fields of a composite type, each
 * anchored to its column (record-types.ts resolves the anchors); `SELECT * FROM t` is t's own row type.
 */
export type CursorRow = { readonly table: string } | { readonly fields: ReadonlyArray<{ readonly name: string; readonly type: PlType }> }

export function cursorRow(cursor: string, query: Query, scope: PlsqlScope, at: SourceLocation): CursorRow {
  const refuse = (why: string) => new UnsupportedConstructError(`${cursor}%ROWTYPE as a named type: ${why}; declare a RECORD type with the cursor's columns`, at)
  if (query.kind !== 'select') throw refuse('the cursor is a set operation')
  const tables = new Map<string, readonly string[]>()
  for (const f of query.from) collectTables(f, tables)
  const [only] = tables.values()
  const [first] = query.items
  if (query.items.length === 1 && first!.expr.kind === 'star' && tables.size === 1) return { table: only!.map(pgIdent).join('.') }
  const fields = query.items.map((item) => {
    const column = columnOf(item.expr, tables, scope)
    if (!column) throw refuse(`its column ${item.alias ?? '#'} is not a column of a table in its FROM clause`)
    return { name: item.alias ?? column[column.length - 1]!, type: { kind: 'anchored', path: column, attribute: 'TYPE' } as const }
  })
  return { fields }
}

function collectTables(f: FromItem, out: Map<string, readonly string[]>): void {
  if (f.kind === 'table') out.set(f.alias ?? f.name[f.name.length - 1]!, f.name)
  else if (f.kind === 'join') {
    collectTables(f.left, out)
    collectTables(f.right, out)
  }
}

/** `[schema.]table.column` of a select item that is a table's column, as far as the FROM clause and the catalog tell. */
function columnOf(e: Expr, tables: ReadonlyMap<string, readonly string[]>, scope: PlsqlScope): string[] | undefined {
  if (e.kind !== 'column') return undefined
  const column = e.path[e.path.length - 1]!
  if (e.path.length === 2) {
    const table = tables.get(e.path[0]!)
    return table && [...table, column]
  }
  if (e.path.length !== 1) return undefined
  const candidates = [...tables.values()]
  // An unqualified column belongs to the only table, or to the one the catalog says has it.
  const table = candidates.length === 1 ? candidates[0] : candidates.find((t) => scope.ctx.catalog.tables.some((d) => d.name === t[t.length - 1] && d.columns.some((c) => c.name === column)))
  return table && [...table, column]
}
