import type pg from 'pg'
import { qualifiedName, quoteIdent } from './pg-source-key-range.js'

type TableName = { readonly schema: string; readonly name: string }

/** A table that holds rows, with how many: what a load without --truncate refuses to write into. */
export interface NonEmptyTable extends TableName {
  readonly rows: number
}

/** The tables of `tables` that hold rows, counted exactly (only the non-empty ones are counted). */
export async function nonEmptyTables(client: pg.ClientBase, tables: readonly TableName[]): Promise<NonEmptyTable[]> {
  const out: NonEmptyTable[] = []
  for (const t of tables) {
    const name = qualifiedName(t.schema, t.name)
    const any = await client.query(`SELECT EXISTS (SELECT 1 FROM ${name}) AS any`)
    if (!(any.rows[0] as { any: boolean }).any) continue
    const n = await client.query(`SELECT count(*) AS n FROM ${name}`)
    out.push({ ...t, rows: Number((n.rows[0] as { n: string }).n) })
  }
  return out
}

/** A foreign key from a table outside the load onto one it would empty, whose table has referencing rows. */
export interface BlockingForeignKey {
  readonly name: string
  /** The referencing table, `schema.table`. */
  readonly from: string
  /** The table the load would empty, `schema.table`. */
  readonly to: string
  /** `ON DELETE` action: c (cascade) would delete rows outside the load, n/d would change them. */
  readonly onDelete: string
}

/**
 * Foreign keys declared on tables outside `tables` that reference one of them, where the
 * referencing table has a row with the whole key set: emptying the referenced table would fail
 * (NO ACTION, RESTRICT) or reach outside the load (CASCADE deletes those rows, SET NULL/DEFAULT
 * changes them). The load refuses instead; found before anything is touched.
 */
export async function blockingForeignKeys(client: pg.ClientBase, tables: readonly TableName[]): Promise<BlockingForeignKey[]> {
  if (tables.length === 0) return []
  const names = tables.map((t) => qualifiedName(t.schema, t.name))
  const r = await client.query(
    `SELECT c.conname, c.confdeltype, fn.nspname AS from_schema, f.relname AS from_table, tn.nspname AS to_schema, t.relname AS to_table,
            (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns
       FROM pg_constraint c
       JOIN pg_class f ON f.oid = c.conrelid JOIN pg_namespace fn ON fn.oid = f.relnamespace
       JOIN pg_class t ON t.oid = c.confrelid JOIN pg_namespace tn ON tn.oid = t.relnamespace
      WHERE c.contype = 'f' AND c.confrelid = ANY ($1::regclass[]) AND NOT (c.conrelid = ANY ($1::regclass[])) AND c.conparentid = 0
      ORDER BY 1`,
    [names],
  )
  const out: BlockingForeignKey[] = []
  for (const row of r.rows as { conname: string; confdeltype: string; from_schema: string; from_table: string; to_schema: string; to_table: string; columns: string[] }[]) {
    const set = row.columns.map((c) => `${quoteIdent(c)} IS NOT NULL`).join(' AND ')
    const used = await client.query(`SELECT EXISTS (SELECT 1 FROM ${qualifiedName(row.from_schema, row.from_table)} WHERE ${set}) AS used`)
    if (!(used.rows[0] as { used: boolean }).used) continue
    out.push({ name: row.conname, from: `${row.from_schema}.${row.from_table}`, to: `${row.to_schema}.${row.to_table}`, onDelete: row.confdeltype })
  }
  return out
}
