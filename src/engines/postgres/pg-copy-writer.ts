import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { KeyRange } from '../../model/key-range.js'
import { keyRangePredicate, qualifiedName, quoteIdent } from './pg-source-key-range.js'

/** Where one chunk lands in the target: the table, its columns in COPY order, and the key range. */
export interface ChunkTarget {
  readonly schema: string
  readonly name: string
  readonly columns: readonly string[]
  /** Absent: the chunk is the whole table. */
  readonly key?: readonly string[]
  readonly range?: KeyRange
}

/**
 * Empties the chunk's key range in the target (the whole table for a whole-table chunk), inside
 * the chunk's write transaction: whatever an earlier attempt or run left there goes, so writing
 * the chunk again converges instead of duplicating. TRUNCATE when possible (cheap, and it lets
 * COPY skip dead-tuple work); DELETE when foreign keys point at the table, which TRUNCATE refuses.
 */
export async function clearChunkRange(client: pg.ClientBase, t: ChunkTarget): Promise<void> {
  const table = qualifiedName(t.schema, t.name)
  if (t.key && t.range && (t.range.lower || t.range.upper)) {
    await client.query(`DELETE FROM ${table} WHERE ${keyRangePredicate(t.key, t.range)}`)
    return
  }
  const referenced = await client.query(`SELECT 1 FROM pg_constraint WHERE confrelid = $1::regclass AND contype = 'f' LIMIT 1`, [table])
  await client.query(referenced.rowCount ? `DELETE FROM ${table}` : `TRUNCATE ONLY ${table}`)
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
