import { SourceError } from '../../core/errors.js'
import { selectsTable } from '../../core/glob.js'
import type { SourceTable } from '../../load/source-engine.js'
import type { DataTable } from '../../model/data-table.js'
import type { NativeType, SchemaModel, TableDef } from '../../model/schema.js'
import { connectTeradata, type TeradataSession } from './teradata-connection.js'
import type { TeradataDriver } from './teradata-driver.js'
import { mapTeradataCatalog, showKindOf, type TeradataCatalogRows } from './teradata-catalog-mapping.js'
import {
  asRecords, bindDatabases, COLUMNS_QUERY, DATABASES_QUERY, INDICES_QUERY, PARTITIONING_QUERY, RI_CHILDREN_QUERY, showStatement, TABLE_STATS_QUERY,
  TABLES_QUERY, type CatalogQuery,
} from './teradata-catalog-queries.js'

/** The databases a URL reads: `?schema=`, else its path's database, else the user's default database. */
async function databasesOf(s: TeradataSession): Promise<string[]> {
  if (s.url.schemas.length > 0) return [...s.url.schemas]
  const rows = await s.query('SELECT DATABASE')
  return [String(rows[0]?.[0] ?? '').trim()].filter(Boolean)
}

async function records<K extends string>(s: TeradataSession, q: CatalogQuery<K>, databases: readonly string[]): Promise<Record<K, unknown>[]> {
  const { sql, params } = bindDatabases(q, databases)
  return asRecords(q, await s.query(sql, params))
}

/** SHOW output comes back as rows of text whose lines end in carriage returns; a row that ends without one still ends its line. */
export function showText(rows: readonly (readonly unknown[])[]): string {
  return rows.map((r) => String(r[0] ?? '')).map((t, i, all) => (i < all.length - 1 && !/[\r\n]$/.test(t) ? `${t}\n` : t)).join('').replace(/\r\n?/g, '\n')
}

/** Every DBC view godwit maps, for the given databases, plus (unless `tablesOnly`) the SHOW text of each view and code object. */
export async function readTeradataCatalogRows(s: TeradataSession, databases: readonly string[], tablesOnly = false): Promise<TeradataCatalogRows> {
  const found = await records(s, DATABASES_QUERY, databases)
  const missing = databases.filter((d) => !found.some((f) => String(f.DatabaseName).trim().toUpperCase() === d.toUpperCase()))
  if (missing.length > 0) {
    throw new SourceError('TERADATA_UNKNOWN_DATABASE', `Teradata ${s.url.host}: no database ${missing.join(', ')}`, {
      object: missing.join(', '),
      hint: 'Check the database in the URL path or ?schema= (SELECT DatabaseName FROM DBC.DatabasesV lists them).',
    })
  }
  const tables = await records(s, TABLES_QUERY, databases)
  const shows: Record<string, string> = {}
  for (const t of tables) {
    const kind = showKindOf(String(t.TableKind))
    if (!kind || tablesOnly) continue
    const db = String(t.DataBaseName).trim()
    const name = String(t.TableName).trim()
    shows[`${db}.${name}`] = showText(await s.query(showStatement(kind, db, name)))
  }
  return {
    capturedAt: new Date().toISOString(),
    databases: found,
    tables,
    columns: await records(s, COLUMNS_QUERY, databases),
    indices: await records(s, INDICES_QUERY, databases),
    partitioning: await records(s, PARTITIONING_QUERY, databases),
    riChildren: await records(s, RI_CHILDREN_QUERY, databases),
    stats: await records(s, TABLE_STATS_QUERY, databases),
    shows,
  }
}

/** The live catalog of a `teradata://` URL as the schema model (`tablesOnly`: without views and code, for the data phases). */
export async function introspectTeradata(url: string, tablesOnly = false, driver?: TeradataDriver): Promise<SchemaModel> {
  const s = await connectTeradata(url, driver)
  try {
    return mapTeradataCatalog(await readTeradataCatalogRows(s, await databasesOf(s), tablesOnly))
  } finally {
    await s.close()
  }
}

/** The tables of the live catalog whose `db.table` (or bare name) matches a glob; all when none is given. */
export async function listTeradataDataTables(url: string, patterns: readonly string[], driver?: TeradataDriver): Promise<DataTable[]> {
  const model = await introspectTeradata(url, true, driver)
  return model.tables.filter((t) => selectsTable(t.schema ?? '', t.name, patterns)).map(teradataDataTable)
}

/** The selected tables as the load plans them. */
export async function listTeradataSourceTables(url: string, patterns: readonly string[], driver?: TeradataDriver): Promise<SourceTable[]> {
  const tables = await listTeradataDataTables(url, patterns, driver)
  return tables.map((t) => ({ schema: t.schema, name: t.name, columns: t.columns, ...(t.key ? { key: t.key } : {}), estimatedRows: t.estimatedRows }))
}

/**
 * The table as the data phases see it. Keys that hold for every row: the primary key, unique
 * constraints, and a unique primary index, over NOT NULL columns (Teradata lets a UPI column be
 * NULL once; such a row would fall outside every key range).
 */
export function teradataDataTable(t: TableDef): DataTable {
  const notNull = new Set(t.columns.filter((c) => !c.nullable).map((c) => c.name))
  const upi = t.distribution?.kind === 'primary-index' && t.distribution.unique ? [t.distribution.columns] : []
  const enforced = [...(t.primaryKey ? [t.primaryKey.columns] : []), ...t.uniques.map((u) => u.columns), ...upi]
  const key = enforced.find((k) => k.every((c) => notNull.has(c)))
  return {
    schema: t.schema ?? '',
    name: t.name,
    columns: t.columns.map((c) => ({ name: c.name, type: c.type, nativeType: nativeTypeText(c.nativeType), nullable: c.nullable })),
    ...(key ? { key } : {}),
    enforcedKeys: enforced,
    estimatedRows: t.stats?.rows ?? 0,
  }
}

function nativeTypeText(n: NativeType): string {
  return n.text || n.name
}
