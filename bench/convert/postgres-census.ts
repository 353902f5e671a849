import pg from 'pg'
import type { ObjectCounts } from './object-counts.js'

/**
 * Counts what exists in the given schemas, kind by kind, matched to what an Oracle schema
 * defines: partitions are part of their table, a sequence owned by an identity or serial column
 * is part of its column, and a trigger's function is part of its trigger.
 */
const CENSUS_SQL = `
WITH s AS (SELECT oid FROM pg_namespace WHERE nspname = ANY($1::text[]))
SELECT
  (SELECT count(*) FROM pg_class c WHERE c.relnamespace IN (SELECT oid FROM s) AND c.relkind IN ('r', 'p') AND NOT c.relispartition)::int AS tables,
  (SELECT count(*) FROM pg_class c WHERE c.relnamespace IN (SELECT oid FROM s) AND c.relkind = 'v')::int AS views,
  (SELECT count(*) FROM pg_class c WHERE c.relnamespace IN (SELECT oid FROM s) AND c.relkind = 'm')::int AS "materializedViews",
  (SELECT count(*) FROM pg_class c WHERE c.relnamespace IN (SELECT oid FROM s) AND c.relkind = 'S'
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('i', 'a')))::int AS sequences,
  (SELECT count(*) FROM pg_proc p WHERE p.pronamespace IN (SELECT oid FROM s) AND p.prorettype <> 'trigger'::regtype)::int AS routines,
  (SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace IN (SELECT oid FROM s) AND NOT t.tgisinternal)::int AS triggers
`

export async function countObjectsOnPostgres(url: string, schemas: readonly string[]): Promise<ObjectCounts> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<ObjectCounts>(CENSUS_SQL, [schemas])
    return rows[0]!
  } finally {
    await client.end()
  }
}
