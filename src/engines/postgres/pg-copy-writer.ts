import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { qualifiedName, quoteIdent } from './pg-source-key-range.js'

/** Where one chunk lands in the target: the table and its columns in COPY order. */
export interface ChunkTarget {
  readonly schema: string
  readonly name: string
  readonly columns: readonly string[]
}

/**
 * Empties a new run's target tables (`--truncate`) once, when it is planned, in its own commit. Chunks
 * then only append: a chunk's rows commit together with its done mark, so no chunk is ever half
 * there and nothing has to be found again by key range in the target — which loses rows where
 * the target orders keys differently from the source (collations, bytea given as text, time
 * zones) and is impossible for row addresses (Oracle ROWID ranges).
 */
export async function emptyTargetTables(client: pg.ClientBase, tables: readonly { readonly schema: string; readonly name: string }[]): Promise<void> {
  if (tables.length === 0) return
  const { rows } = await client.query<{ schema: string; name: string }>(
    `SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'p' AND (n.nspname, c.relname) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    [tables.map((t) => t.schema), tables.map((t) => t.name)],
  )
  const partitioned = new Set(rows.map((r) => `${r.schema}.${r.name}`))
  // ONLY keeps inheritance children out; a partitioned table refuses it (its partitions are its rows).
  const list = tables.map((t) => `${partitioned.has(`${t.schema}.${t.name}`) ? '' : 'ONLY '}${qualifiedName(t.schema, t.name)}`)
  await client.query('SAVEPOINT godwit_empty_targets')
  try {
    await client.query(`TRUNCATE ${list.join(', ')}`)
    await client.query('RELEASE SAVEPOINT godwit_empty_targets')
  } catch (err) {
    // A foreign key from a table outside the run (whose rows the planner found none referring):
    // TRUNCATE refuses; DELETE checks each row, referencing tables of the run emptied first.
    if ((err as { code?: string }).code !== '0A000') throw err
    await client.query('ROLLBACK TO SAVEPOINT godwit_empty_targets')
    await deleteInReferenceOrder(client, tables)
  }
}

/** DELETEs every table, retrying the ones a not-yet-emptied table still refers to; a cycle across tables fails with its error. */
async function deleteInReferenceOrder(client: pg.ClientBase, tables: readonly { readonly schema: string; readonly name: string }[]): Promise<void> {
  let remaining = [...tables]
  while (remaining.length > 0) {
    const blocked: typeof remaining = []
    let lastError: unknown
    for (const t of remaining) {
      await client.query('SAVEPOINT godwit_empty_one')
      try {
        await client.query(`DELETE FROM ${qualifiedName(t.schema, t.name)}`)
        await client.query('RELEASE SAVEPOINT godwit_empty_one')
      } catch (err) {
        if ((err as { code?: string }).code !== '23503') throw err // foreign_key_violation: another table of the run refers to it
        await client.query('ROLLBACK TO SAVEPOINT godwit_empty_one')
        blocked.push(t)
        lastError = err
      }
    }
    if (blocked.length === remaining.length) throw lastError
    remaining = blocked
  }
}

/** COPY … FROM STDIN of `input` into the chunk's table; resolves to the rows written. */
export async function copyIntoTarget(
  client: pg.ClientBase,
  t: ChunkTarget,
  format: 'binary' | 'text',
  input: Readable,
  onBytes: (n: number) => void,
): Promise<number> {
  const sink = client.query(copyFrom(`COPY ${qualifiedName(t.schema, t.name)} (${t.columns.map(quoteIdent).join(', ')}) FROM STDIN (FORMAT ${format})`))
  // A second 'data' listener meters bytes without a Transform in the hot path.
  input.on('data', (chunk: Buffer) => onBytes(chunk.length))
  await pipeline(input, sink)
  return sink.rowCount
}
