import type pg from 'pg'
import type { LoadChunk } from '../../load/load-source.js'
import { chunkCount, pickBoundaries, planTableChunks } from '../../load/plan-chunks.js'
import type { SourceTable } from '../../load/source-engine.js'
import { qualifiedName, quoteIdent } from './pg-source-key-range.js'

/** Tables up to this many pages (8 MB at 8 kB) are cheap to count exactly when never analyzed. */
const COUNTABLE_PAGES = 1024
/** Sample rows per wanted chunk: enough that quantiles of a page sample land near the true ones. */
const SAMPLE_ROWS_PER_CHUNK = 50
const MAX_SAMPLE_ROWS = 200_000

/**
 * Splits a PostgreSQL table into key ranges of about `chunkRows` rows without scanning it:
 * boundaries come from pg_stats' histogram of the leading key column when the table was analyzed
 * and the histogram is fine enough, else from a TABLESAMPLE SYSTEM page sample of the whole key,
 * sorted by the server (so text keys follow the column's collation).
 */
export async function planPgChunks(client: pg.ClientBase, table: SourceTable, chunkRows: number): Promise<LoadChunk[]> {
  const estimatedRows = table.estimatedRows >= 0 ? table.estimatedRows : await estimateRows(client, table)
  const sized = { ...table, estimatedRows }
  const wanted = chunkCount(estimatedRows, chunkRows)
  if (!table.key || wanted === 1) return planTableChunks(sized, table.key, [])
  const histogram = await leadingHistogram(client, table, table.key[0] as string)
  const sorted = histogram && histogram.length >= wanted ? histogram.map((v) => [v]) : await sampleKeys(client, table, table.key, estimatedRows, wanted)
  return planTableChunks(sized, table.key, pickBoundaries(sorted, wanted))
}

async function leadingHistogram(client: pg.ClientBase, table: SourceTable, column: string): Promise<string[] | undefined> {
  const r = await client.query(
    `SELECT histogram_bounds::text::text[] AS bounds FROM pg_stats WHERE schemaname = $1 AND tablename = $2 AND attname = $3 ORDER BY inherited DESC LIMIT 1`,
    [table.schema, table.name, column],
  )
  return (r.rows[0] as { bounds: string[] | null } | undefined)?.bounds ?? undefined
}

async function sampleKeys(client: pg.ClientBase, table: SourceTable, key: readonly string[], rows: number, wanted: number): Promise<string[][]> {
  const target = Math.min(MAX_SAMPLE_ROWS, wanted * SAMPLE_ROWS_PER_CHUNK)
  const cols = key.map(quoteIdent)
  // A page sample of a small table can miss nearly every page: sample more until there are rows
  // enough to split on (at 100 % it reads the whole key).
  for (let percent = Math.min(100, (100 * target) / Math.max(1, rows)); ; percent = Math.min(100, percent * 4)) {
    const r = await client.query({
      // ORDER BY s.col: the typed sampled values, not the text output columns of the same name.
      text: `SELECT ${cols.map((c) => `s.${c}::text`).join(', ')} FROM (SELECT ${cols.join(', ')} FROM ${qualifiedName(table.schema, table.name)} TABLESAMPLE SYSTEM (${percent})) s ORDER BY ${cols.map((c) => `s.${c}`).join(', ')}`,
      rowMode: 'array',
    })
    if (r.rows.length >= wanted * 2 || percent >= 100) return r.rows as string[][]
  }
}

/** Rows of a never-analyzed table: counted when small, else scaled up from a 1% page sample. */
async function estimateRows(client: pg.ClientBase, table: SourceTable): Promise<number> {
  const name = qualifiedName(table.schema, table.name)
  // pg_partition_tree: a partitioned table's rows live in its partitions (a plain table is its own tree).
  const pages = await client.query(
    `SELECT coalesce(sum(pg_relation_size(relid)), 0) / current_setting('block_size')::int AS pages FROM pg_partition_tree($1::regclass)`,
    [name],
  )
  if (Number((pages.rows[0] as { pages: string }).pages) <= COUNTABLE_PAGES) {
    const r = await client.query(`SELECT count(*) AS n FROM ${name}`)
    return Number((r.rows[0] as { n: string }).n)
  }
  const r = await client.query(`SELECT count(*) * 100 AS n FROM ${name} TABLESAMPLE SYSTEM (1)`)
  return Number((r.rows[0] as { n: string }).n)
}
