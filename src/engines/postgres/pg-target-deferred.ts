import type pg from 'pg'
import type { DeferredObject } from './control-schema-load.js'
import { qualifiedName, quoteIdent } from './pg-source-key-range.js'

type Deferrable = Omit<DeferredObject, 'id'>

/**
 * What `--defer-indexes` takes off the target tables while they load, as pg_restore and pgloader
 * do: secondary indexes (those backing no constraint) and foreign keys declared on the tables.
 * Primary keys and unique constraints stay: a duplicate should fail its chunk, not the index
 * build at the end.
 */
export async function readDeferrable(client: pg.ClientBase, tables: readonly { schema: string; name: string }[]): Promise<Deferrable[]> {
  if (tables.length === 0) return []
  const names = tables.map((t) => qualifiedName(t.schema, t.name))
  const r = await client.query(
    `SELECT 'index' AS kind, n.nspname AS schema_name, t.relname AS table_name, i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE x.indrelid = ANY ($1::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
     UNION ALL
     SELECT 'foreign-key', n.nspname, t.relname, c.conname, pg_get_constraintdef(c.oid)
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE c.contype = 'f' AND c.conrelid = ANY ($1::regclass[])
      ORDER BY 1, 2, 3, 4`,
    [names],
  )
  return r.rows.map((row: Record<string, string>) => ({
    kind: row.kind as Deferrable['kind'],
    schema: row.schema_name as string,
    table: row.table_name as string,
    name: row.name as string,
    definition: row.definition as string,
  }))
}

/** Foreign keys first: one may depend on an index that is about to go. */
export async function dropDeferred(client: pg.ClientBase, objects: readonly Deferrable[]): Promise<void> {
  for (const o of [...objects].sort((a, b) => Number(a.kind === 'index') - Number(b.kind === 'index'))) {
    await client.query(
      o.kind === 'index'
        ? `DROP INDEX ${qualifiedName(o.schema, o.name)}`
        : `ALTER TABLE ${qualifiedName(o.schema, o.table)} DROP CONSTRAINT ${quoteIdent(o.name)}`,
    )
  }
}

/** Recreates one deferred object unless it already exists (a crash after it was built, before it was marked). */
export async function restoreDeferred(client: pg.ClientBase, o: Deferrable): Promise<void> {
  if (o.kind === 'index') {
    const exists = await client.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [qualifiedName(o.schema, o.name)])
    if (!(exists.rows[0] as { present: boolean }).present) await client.query(o.definition)
    return
  }
  const table = qualifiedName(o.schema, o.table)
  const exists = await client.query(`SELECT 1 FROM pg_constraint WHERE conrelid = $1::regclass AND conname = $2`, [table, o.name])
  if (!exists.rowCount) await client.query(`ALTER TABLE ${table} ADD CONSTRAINT ${quoteIdent(o.name)} ${o.definition}`)
}
