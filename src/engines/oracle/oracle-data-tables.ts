import { matchesAnyGlob } from '../../core/glob.js'
import type { DataTable } from '../../model/data-table.js'
import type { NativeType, TableDef } from '../../model/schema.js'
import { introspectOracle } from './oracle-introspector.js'

/** The user tables of Oracle's live catalog (src/engines/oracle/oracle-introspector.ts) whose `schema.table` (or bare name) matches a glob; all when none is given. */
export async function listOracleDataTables(url: string, patterns: readonly string[]): Promise<DataTable[]> {
  const model = await introspectOracle(url, { schemas: [] })
  return model.tables.filter((t) => patterns.length === 0 || matchesAnyGlob(`${t.schema}.${t.name}`, patterns) || matchesAnyGlob(t.name, patterns)).map(dataTableOf)
}

function dataTableOf(t: TableDef): DataTable {
  const notNull = new Set(t.columns.filter((c) => !c.nullable).map((c) => c.name))
  const key = t.primaryKey?.columns ?? t.uniques.find((u) => u.columns.every((c) => notNull.has(c)))?.columns
  return {
    schema: t.schema ?? '',
    name: t.name,
    columns: t.columns.filter((c) => !c.virtualExpr).map((c) => ({ name: c.name, type: c.type, nativeType: nativeTypeText(c.nativeType), nullable: c.nullable })),
    key,
    enforcedKeys: [...(t.primaryKey ? [t.primaryKey.columns] : []), ...t.uniques.map((u) => u.columns)],
    estimatedRows: t.stats?.rows ?? 0,
  }
}

/** `NUMBER(12,2)`, `VARCHAR2(20)`, `DATE`: what the checksum SQL branches on (DATE vs TIMESTAMP, N-types, LOBs). */
function nativeTypeText(n: NativeType): string {
  const args = n.precision !== undefined ? [n.precision, ...(n.scale !== undefined ? [n.scale] : [])] : n.length !== undefined ? [n.length] : []
  return `${n.name.toUpperCase()}${args.length > 0 ? `(${args.join(',')})` : ''}`
}
