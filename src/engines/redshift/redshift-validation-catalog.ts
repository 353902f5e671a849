import pg from 'pg'
import { selectsTable } from '../../core/glob.js'
import { TargetError } from '../../core/errors.js'
import { redactUrl } from '../../config/redact.js'
import type { DataColumn, DataTable } from '../../model/data-table.js'
import type { LogicalType } from '../../model/logical-type.js'
import type { ValidationCatalog } from '../../validate/catalog-table.js'
import { logicalTypeOf } from '../postgres/pg-catalog.js'
import { redshiftPgConfig } from './redshift-connection.js'

/**
 * One row per column of every user table, flat: Redshift's leader-node catalog has pg_class,
 * pg_attribute, pg_type and format_type, but no json_agg, arrays or pg_index keys to aggregate.
 */
const COLUMNS_SQL = `
SELECT n.nspname AS schema, c.relname AS name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS native,
       t.typname, t.typtype, a.atttypmod AS typmod, NOT a.attnotnull AS nullable, c.reltuples AS reltuples
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid JOIN pg_type t ON t.oid = a.atttypid
 WHERE c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
   AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'pg_internal', 'pg_automv', 'godwit') AND n.nspname NOT LIKE 'pg_temp%'
 ORDER BY n.nspname, c.relname, a.attnum`

/** Declared primary keys: on Redshift informational only (not enforced), still the key to compare by. */
const KEYS_SQL = `
SELECT tc.table_schema AS schema, tc.table_name AS name, k.column_name
  FROM information_schema.table_constraints tc
  JOIN information_schema.key_column_usage k ON k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name AND k.table_name = tc.table_name
 WHERE tc.constraint_type = 'PRIMARY KEY'
 ORDER BY 1, 2, k.ordinal_position`

interface ColumnRow {
  schema: string
  name: string
  column_name: string
  native: string
  typname: string
  typtype: string
  typmod: number
  nullable: boolean
  reltuples: string | number
}

/** Redshift's own types first; the rest are PostgreSQL's and read as such. */
export function redshiftLogicalType(c: Pick<ColumnRow, 'typname' | 'typtype' | 'typmod' | 'native'>): LogicalType {
  switch (c.typname) {
    case 'super':
      return { kind: 'json' }
    case 'varbyte':
      return { kind: 'binary' }
    default:
      return logicalTypeOf({ typname: c.typname, typtype: c.typtype, typmod: c.typmod, pgType: c.native })
  }
}

/**
 * Redshift's catalog in the shape validation pairs tables with. `enforcedKeys` is always empty:
 * Redshift does not enforce primary or unique keys, so validation warns that duplicates show as
 * extra rows (and the comparison finds them).
 */
export async function openRedshiftValidationCatalog(url: string): Promise<ValidationCatalog> {
  const client = new pg.Client(redshiftPgConfig(url))
  client.on('error', () => undefined)
  try {
    await client.connect()
  } catch (cause) {
    throw new TargetError('TARGET_CONNECT_FAILED', `redshift: cannot connect to ${redactUrl(url)}: ${redactUrl((cause as Error).message)}`, { cause })
  }
  return {
    async listTables(patterns) {
      const columns = (await client.query<ColumnRow>(COLUMNS_SQL)).rows
      const keys = (await client.query<{ schema: string; name: string; column_name: string }>(KEYS_SQL)).rows
      return tablesOf(columns, keys).filter((t) => selectsTable(t.schema, t.name, patterns))
    },
    close: () => client.end(),
  }
}

function tablesOf(columns: readonly ColumnRow[], keys: readonly { schema: string; name: string; column_name: string }[]): DataTable[] {
  const tables = new Map<string, { schema: string; name: string; rows: number; columns: DataColumn[] }>()
  for (const c of columns) {
    const id = `${c.schema}.${c.name}`
    let t = tables.get(id)
    if (!t) tables.set(id, (t = { schema: c.schema, name: c.name, rows: Math.max(0, Number(c.reltuples)), columns: [] }))
    t.columns.push({ name: c.column_name, type: redshiftLogicalType(c), nativeType: c.native, nullable: c.nullable })
  }
  return [...tables.values()].map((t) => {
    const key = keys.filter((k) => k.schema === t.schema && k.name === t.name).map((k) => k.column_name)
    return { schema: t.schema, name: t.name, columns: t.columns, ...(key.length > 0 ? { key } : {}), enforcedKeys: [], estimatedRows: t.rows }
  })
}
