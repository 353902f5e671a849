import type { Readable } from 'node:stream'
import type pg from 'pg'
import { to as copyTo } from 'pg-copy-streams'
import { SourceError } from '../../core/errors.js'
import type { LoadChunk, LoadColumn } from '../../load/load-source.js'
import { keyRangePredicate, qualifiedName, quoteIdent } from './pg-source-key-range.js'

/** The exported snapshot a chunk was to be read at no longer exists (its session ended). */
export class SnapshotGoneError extends SourceError {
  /** The load retries the chunk, which then reads at a fresh snapshot (see LoadSourceEngine.readPosition). */
  readonly retryable = true

  constructor(snapshot: string, cause: unknown) {
    super('SOURCE_SNAPSHOT_GONE', `postgres: snapshot ${snapshot} is no longer importable`, {
      cause,
      object: snapshot,
      hint: 'The session that exported it has ended; the load continues at a newer snapshot and records it per chunk.',
    })
  }
}

/** `COPY (SELECT cols FROM t WHERE key-range) TO STDOUT` for one chunk. */
export function chunkCopyOutSql(chunk: LoadChunk, columns: readonly LoadColumn[], format: 'binary' | 'text'): string {
  const cols = columns.map((c) => quoteIdent(c.name)).join(', ')
  const where = chunk.key ? keyRangePredicate(chunk.key, chunk.range) : 'true'
  return `COPY (SELECT ${cols} FROM ${qualifiedName(chunk.schema, chunk.table)} WHERE ${where}) TO STDOUT (FORMAT ${format})`
}

/**
 * Starts a COPY TO STDOUT in a read-only REPEATABLE READ transaction that imported `snapshot`,
 * so every chunk of a run sees the same rows. The pool's sessions should fix the text output
 * formats (PG_TEXT_SESSION_OPTIONS), so text COPY data means the same on any target. The connection goes back to the pool when the
 * stream ends, and is discarded when it is destroyed half-way (it is still in COPY mode).
 */
export async function copyOutAtSnapshot(pool: pg.Pool, sql: string, snapshot: string): Promise<Readable> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    try {
      await client.query(`SET TRANSACTION SNAPSHOT '${snapshot.replace(/'/g, "''")}'`)
    } catch (err) {
      // 42704 undefined_object: "snapshot … does not exist"; 22023 from older servers.
      const code = (err as { code?: string }).code
      if (code === '42704' || code === '22023') throw new SnapshotGoneError(snapshot, err)
      throw err
    }
  } catch (err) {
    client.release(err as Error)
    throw err
  }
  const stream = client.query(copyTo(sql))
  let released = false
  const release = (err?: Error): void => {
    if (released) return
    released = true
    client.release(err)
  }
  stream.on('end', () => {
    client.query('COMMIT').then(
      () => release(),
      (err: Error) => release(err),
    )
  })
  stream.on('error', (err) => release(err))
  stream.on('close', () => {
    if (!stream.readableEnded) release(new Error('COPY TO STDOUT stopped before its end'))
  })
  return stream
}
