import { selectsTable } from '../../core/glob.js'
import type { DataTable } from '../../model/data-table.js'
import type { NativeType, TableDef } from '../../model/schema.js'
import { introspectOracle } from './oracle-introspector.js'

/** The user tables of Oracle's live catalog (src/engines/oracle/oracle-introspector.ts) whose `schema.table` (or bare name) matches a glob; all when none is given. */
export async function listOracleDataTables(url: string, patterns: readonly string[]): Promise<DataTable[]> {
  const model = await introspectOracle(url, { schemas: [] })
  return model.tables.filter((t) => selectsTable(t.schema, t.name, patterns)).map(dataTableOf)
}

/**
 * The table as the data phases see it. A key chunks and segments rows only if it holds for every
 * row: enabled and validated (a DISABLEd or NOVALIDATE key may have duplicates) over NOT NULL
 * columns (a disabled primary key drops its implicit NOT NULL, and rows with NULL keys would fall
 * outside every key range).
 */
export function dataTableOf(t: TableDef): DataTable {
  const notNull = new Set(t.columns.filter((c) => !c.nullable).map((c) => c.name))
  const enforced = [...(t.primaryKey ? [t.primaryKey] : []), ...t.uniques].filter((k) => k.enabled !== false && k.validated !== false)
  const key = enforced.find((k) => k.columns.every((c) => notNull.has(c)))?.columns
  return {
    schema: t.schema ?? '',
    name: t.name,
    columns: t.columns.filter((c) => !c.virtualExpr).map((c) => ({ name: c.name, type: c.type, nativeType: nativeTypeText(c.nativeType), nullable: c.nullable })),
    key,
    enforcedKeys: enforced.map((k) => k.columns),
    estimatedRows: t.stats?.rows ?? 0,
  }
}

/** `NUMBER(12,2)`, `VARCHAR2(20)`, `DATE`: what the checksum SQL branches on (DATE vs TIMESTAMP, N-types, LOBs). */
function nativeTypeText(n: NativeType): string {
  const args = n.precision !== undefined ? [n.precision, ...(n.scale !== undefined ? [n.scale] : [])] : n.length !== undefined ? [n.length] : []
  return `${n.name.toUpperCase()}${args.length > 0 ? `(${args.join(',')})` : ''}`
}
