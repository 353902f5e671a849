import pg from 'pg'
import { connectPg } from './pg-connect.js'
import type { DataTable } from '../../model/data-table.js'
import type { ValidationCatalog } from '../../validate/catalog-table.js'
import { listPgTables, usableKey, type PgTableInfo } from './pg-catalog.js'
import type { Side } from './pg-checksum-sessions.js'

/** Bytes per row assumed when a table was never analyzed (reltuples = -1): only sizes the segment plan. */
const BYTES_PER_ROW_GUESS = 100

/** PostgreSQL's catalog (src/engines/postgres/pg-catalog.ts) in the shape validation pairs tables with. */
export async function openPgValidationCatalog(url: string, side: Side): Promise<ValidationCatalog> {
  const client = new pg.Client({ connectionString: url })
  client.on('error', () => undefined)
  await connectPg(client, side, url)
  return {
    async listTables(patterns) {
      return (await listPgTables(client, patterns)).map(dataTableOf)
    },
    close: () => client.end(),
  }
}

function dataTableOf(t: PgTableInfo): DataTable {
  return {
    schema: t.schema,
    name: t.name,
    columns: t.columns.map((c) => ({ name: c.name, type: c.type, nativeType: c.pgType, nullable: c.nullable })),
    key: usableKey(t),
    enforcedKeys: [...(t.primaryKey ? [t.primaryKey] : []), ...t.uniqueKeys],
    estimatedRows: t.estimatedRows >= 0 ? t.estimatedRows : Math.ceil(t.totalBytes / BYTES_PER_ROW_GUESS),
  }
}
