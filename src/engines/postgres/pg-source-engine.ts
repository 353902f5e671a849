import pg from 'pg'
import { PG_TEXT_SESSION_OPTIONS } from '../../values/pg-text-decoders.js'
import type { LoadChunk, LoadColumn, SourcePosition } from '../../load/load-source.js'
import type { CopyOut, HeldPosition, LoadSourceEngine, SourceTable } from '../../load/source-engine.js'
import { listPgTables, usableKey } from './pg-catalog.js'
import { planPgChunks } from './pg-source-chunks.js'
import { chunkCopyOutSql, copyOutAtSnapshot, SnapshotGoneError } from './pg-source-copy.js'
import { connectPool } from './pg-connect.js'
import { PgRowSource } from './pg-row-source.js'
import { dropPgLoadPosition, exportPlainSnapshot, openPgLoadPosition, retainedWal, type DroppedPosition } from './pg-source-position.js'
import { generatedColumns } from './pg-generated-columns.js'

/**
 * PostgreSQL as a load source (also the stand-in source of the test suite). Reads go through a
 * pool of `jobs` connections, each chunk in its own transaction at the run's exported snapshot.
 */
export class PgSourceEngine implements LoadSourceEngine {
  readonly engine = 'postgres' as const
  readonly #url: string
  readonly #pool: pg.Pool
  readonly #rows: PgRowSource
  /** Snapshots known dead in this process: chunks then read at `#fallback` instead. */
  readonly #deadSnapshots = new Set<string>()
  #fallback?: Promise<HeldPosition>

  constructor(url: string, jobs: number) {
    this.#url = url
    this.#pool = new pg.Pool({ connectionString: url, max: jobs + 1, options: PG_TEXT_SESSION_OPTIONS })
    this.#rows = new PgRowSource(url, jobs)
    // A connection the server drops (idle, or checked out between queries) must not crash the
    // process; the failure surfaces as the next query's error, which the load retries.
    this.#pool.on('error', () => undefined)
    this.#pool.on('connect', (client) => client.on('error', () => undefined))
  }

  async listTables(patterns: readonly string[]): Promise<SourceTable[]> {
    const [tables, generated] = await this.#withClient(async (c) => {
      const found = await listPgTables(c, patterns)
      return [found, await generatedColumns(c, found)] as const
    })
    return tables.map((t) => {
      const key = usableKey(t)
      const computed = generated.get(`${t.schema}.${t.name}`) ?? new Set<string>()
      return {
        schema: t.schema,
        name: t.name,
        columns: t.columns.filter((c) => !computed.has(c.name)).map((c) => ({ name: c.name, nativeType: c.pgType, type: c.type })),
        ...(computed.size > 0 ? { generated: [...computed] } : {}),
        ...(key ? { key } : {}),
        estimatedRows: t.estimatedRows,
      }
    })
  }

  openPosition(o: { readonly name: string; readonly tables: readonly SourceTable[] }): Promise<HeldPosition> {
    return openPgLoadPosition(this.#url, o)
  }

  async retainedBytes(position: SourcePosition): Promise<number | undefined> {
    return position.slot ? retainedWal(this.#url, position.slot) : undefined
  }

  dropRetained(name: string): Promise<DroppedPosition> {
    return dropPgLoadPosition(this.#url, name)
  }

  planChunks(table: SourceTable, chunkRows: number): Promise<LoadChunk[]> {
    return this.#withClient((c) => planPgChunks(c, table, chunkRows))
  }

  async readPosition(run: SourcePosition): Promise<SourcePosition> {
    if (run.snapshot && !this.#deadSnapshots.has(run.snapshot)) return run
    this.#fallback ??= exportPlainSnapshot(this.#url)
    const held = await this.#fallback
    if (held.position.snapshot && this.#deadSnapshots.has(held.position.snapshot)) {
      this.#fallback = exportPlainSnapshot(this.#url)
      await held.close().catch(() => undefined)
      return (await this.#fallback).position
    }
    return held.position
  }

  async copyOut(chunk: LoadChunk, columns: readonly LoadColumn[], at: SourcePosition, format: 'binary' | 'text'): Promise<CopyOut> {
    const stream = await this.#copyOut(chunkCopyOutSql(chunk, columns, format), at)
    return { stream, format, readAt: at }
  }

  /** The transcoding path: rows decoded by the source columns' types (PgRowSource), at `at`. */
  async *readChunkRows(chunk: LoadChunk, columns: readonly LoadColumn[], at: SourcePosition): AsyncIterable<readonly (readonly unknown[])[]> {
    try {
      yield* this.#rows.readChunkRows(chunk, columns, at)
    } catch (err) {
      if (err instanceof SnapshotGoneError && at.snapshot) this.#deadSnapshots.add(at.snapshot)
      throw err
    }
  }

  async close(): Promise<void> {
    const fallback = this.#fallback
    this.#fallback = undefined
    if (fallback) await (await fallback.catch(() => undefined))?.close().catch(() => undefined)
    await Promise.all([this.#pool.end(), this.#rows.close()])
  }

  async #copyOut(sql: string, at: SourcePosition) {
    if (!at.snapshot) throw new TypeError('a PostgreSQL read position needs a snapshot')
    try {
      return await copyOutAtSnapshot(this.#pool, sql, at.snapshot)
    } catch (err) {
      if (err instanceof SnapshotGoneError) this.#deadSnapshots.add(at.snapshot)
      throw err
    }
  }

  async #withClient<T>(work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await connectPool(this.#pool, 'source', this.#url)
    try {
      return await work(client)
    } finally {
      client.release()
    }
  }
}

