import type pg from 'pg'

/** Generated (computed) columns per table, `schema.table` → column names: the load leaves them to the database. */
export async function generatedColumns(client: pg.ClientBase, tables: readonly { readonly schema: string; readonly name: string }[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>()
  if (tables.length === 0) return out
  const r = await client.query(
    `SELECT n.nspname AS schema, c.relname AS name, a.attname AS column
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE a.attgenerated <> '' AND a.attnum > 0 AND NOT a.attisdropped AND (n.nspname, c.relname) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    [tables.map((t) => t.schema), tables.map((t) => t.name)],
  )
  for (const row of r.rows as { schema: string; name: string; column: string }[]) {
    const key = `${row.schema}.${row.name}`
    if (!out.has(key)) out.set(key, new Set())
    out.get(key)?.add(row.column)
  }
  return out
}
