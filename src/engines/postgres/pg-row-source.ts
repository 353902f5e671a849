import type { Readable } from 'node:stream'
import pg from 'pg'
import { GodwitError, SourceError } from '../../core/errors.js'
import { redactUrl } from '../../config/redact.js'
import type { LoadChunk, LoadColumn, RowSource, SourcePosition } from '../../load/load-source.js'
import { readCopyText } from '../../values/copy-text-reader.js'
import { PG_TEXT_SESSION_OPTIONS, pgTextDecoderFor } from '../../values/pg-text-decoders.js'
import { readPgTable, type PgTableInfo } from './pg-catalog.js'
import { connectPool } from './pg-connect.js'
import { chunkCopyOutSql, copyOutAtSnapshot } from './pg-source-copy.js'

/**
 * PostgreSQL as a row source for the transcoding path: a chunk is read with COPY … TO STDOUT
 * (text) at the run's snapshot and each field decoded by the source column's own type (from the
 * catalog, not the target's), so a bytea loaded into text arrives as its bytes and is checked
 * as UTF-8, a text loaded into date is parsed as a date. The pool's sessions fix the output
 * formats (PG_TEXT_SESSION_OPTIONS) so decoding never depends on server defaults.
 */
export class PgRowSource implements RowSource {
  readonly #pool: pg.Pool
  readonly #url: string
  readonly #tables = new Map<string, Promise<PgTableInfo>>()

  constructor(url: string, connections: number) {
    this.#url = url
    this.#pool = new pg.Pool({ connectionString: url, max: connections, options: PG_TEXT_SESSION_OPTIONS })
    // An idle pooled connection dropped by the server must not crash the process.
    this.#pool.on('error', () => undefined)
  }

  async *readChunkRows(chunk: LoadChunk, columns: readonly LoadColumn[], at: SourcePosition): AsyncIterable<readonly (readonly unknown[])[]> {
    const where = `${chunk.schema}.${chunk.table} chunk ${chunk.seq}`
    if (!at.snapshot) throw new TypeError(`${where}: a PostgreSQL read position needs a snapshot`)
    const table = await this.#table(chunk.schema, chunk.table)
    const decoders = columns.map((c) => {
      const source = table.columns.find((s) => s.name === c.name)
      if (!source) {
        throw new SourceError('SOURCE_COLUMN_MISSING', `${chunk.schema}.${chunk.table} has no column ${c.name}`, {
          object: `${chunk.schema}.${chunk.table}.${c.name}`,
          hint: 'The source changed since the load was planned: plan the table again.',
        })
      }
      return pgTextDecoderFor(source.type)
    })
    let stream: Readable | undefined
    try {
      stream = await copyOutAtSnapshot(this.#pool, chunkCopyOutSql(chunk, columns, 'text'), at.snapshot)
      yield* readCopyText(stream, decoders)
    } catch (e) {
      if (e instanceof GodwitError) throw e
      throw new SourceError('SOURCE_READ_FAILED', `postgres ${redactUrl(this.#url)}: reading ${where} failed: ${(e as Error).message}`, {
        cause: e,
        object: where,
        hint: 'The chunk is retried from its start; nothing of it was committed.',
      })
    } finally {
      stream?.destroy()
    }
  }

  async close(): Promise<void> {
    await this.#pool.end()
  }

  #table(schema: string, name: string): Promise<PgTableInfo> {
    const id = `${schema}.${name}`
    let found = this.#tables.get(id)
    if (!found) {
      found = connectPool(this.#pool, 'source', this.#url).then(async (client) => {
        try {
          return await readPgTable(client, schema, name, 'source')
        } finally {
          client.release()
        }
      })
      found.catch(() => this.#tables.delete(id))
      this.#tables.set(id, found)
    }
    return found
  }
}
