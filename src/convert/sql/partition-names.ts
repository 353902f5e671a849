import type { SchemaModel, TableDef } from '../../model/schema.js'
import { pgLongIdent } from '../../engines/postgres/postgres-ddl-scope.js'
import { pgIdent } from '../naming.js'

/** The table a `[schema.]name` of a statement means, when the scripts define it. */
export function findTable(catalog: SchemaModel, name: readonly string[]): TableDef | undefined {
  const [schema, table] = name.length === 2 ? name : [undefined, name[0]]
  return catalog.tables.find((t) => t.name === table && (schema === undefined || t.schema === schema))
}

/**
 * The PostgreSQL table of partition `partition` of `table`: a partition is a table of its own in
 * the output, named `<table>_<partition>` (postgres-ddl-partitions.ts). Undefined when the table
 * has no such named partition in the scripts read.
 */
export function partitionTableName(table: TableDef | undefined, partition: string): string | undefined {
  if (!table?.partitioning?.partitions.some((p) => p.name === partition)) return undefined
  const ident = pgLongIdent(`${table.name}_${partition}`).sql
  return table.schema ? `${pgIdent(table.schema)}.${ident}` : ident
}
