import type { IndexDef, QualifiedName, TableDef } from '../../model/schema.js'
import { renderIndex } from './postgres-ddl-indexes.js'
import { note, objectLabel, type DdlScope } from './postgres-ddl-scope.js'

/**
 * A Teradata primary index spreads rows over the AMPs and is the table's main access path.
 * PostgreSQL has no distribution, so it becomes an index on the same columns (post-data): unique
 * for a UNIQUE PRIMARY INDEX, which Teradata enforces, plain for a non-unique one so lookups by
 * it stay fast. Nothing is created when a key or index on those columns already exists, nor for
 * NO PRIMARY INDEX.
 */
export function renderPrimaryIndexes(scope: DdlScope): void {
  for (const table of scope.model.tables) {
    const d = table.distribution
    if (d?.kind !== 'primary-index' || coveredBy(scope, table, d.columns, d.unique)) continue
    const index: IndexDef = {
      ...(table.schema !== undefined && { schema: table.schema }),
      name: `${table.name}_PI`,
      table: { ...(table.schema !== undefined && { schema: table.schema }), name: table.name },
      unique: d.unique,
      kind: 'btree',
      keys: d.columns.map((column) => ({ column })),
      ...(table.at && { at: table.at }),
    }
    renderIndex(scope, index, table)
    const what = d.unique ? 'UNIQUE PRIMARY INDEX: Teradata enforces it, so it is a unique index' : 'primary index: Teradata distributes rows by it; PostgreSQL has no distribution, a plain index keeps lookups by it fast'
    note(scope.context(objectLabel('INDEX', { schema: table.schema, name: index.name })), 'info', 'PRIMARY_INDEX', `${what} (${d.columns.join(', ')})`, table.at)
  }
}

/** A primary key, unique key or index of the table on exactly these columns (unique when `unique`). */
function coveredBy(scope: DdlScope, table: TableDef, columns: readonly string[], unique: boolean): boolean {
  const same = (cols: readonly (string | undefined)[]) => cols.length === columns.length && cols.every((c, i) => c === columns[i])
  if (table.primaryKey && same(table.primaryKey.columns)) return true
  if (table.uniques.some((u) => same(u.columns))) return true
  const onTable = (q: QualifiedName) => q.schema === table.schema && q.name === table.name
  return scope.model.indexes.some((i) => onTable(i.table) && (i.unique || !unique) && same(i.keys.map((k) => k.column)))
}
