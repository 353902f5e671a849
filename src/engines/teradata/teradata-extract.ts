import { SourceError } from '../../core/errors.js'
import type { LoadChunk, LoadColumn, RowSource, SourcePosition } from '../../load/load-source.js'
import { TeradataSessionPool } from './teradata-connection-pool.js'
import { teradataSourceError, type TeradataUrl } from './teradata-connection.js'
import type { TeradataDriver } from './teradata-driver.js'
import { teradataDecoderFor } from './teradata-extract-decode.js'
import {
  addressChunks, BYTES_PER_ROW_GUESS, chunkQuery, MAX_HASH_BUCKET_SQL, MAX_HASH_CHUNKS, planningFactsQuery, primaryIndexQuery, SOURCE_TIME_SQL,
  TERADATA_EXTRACT_SESSION,
} from './teradata-extract-sql.js'

const FETCH_ROWS = 5000

/**
 * Teradata as a load source for the transcoding path: each chunk is one request over a
 * partition or hash-bucket range (teradata-extract-sql.ts), fetched in batches and decoded into
 * godwit values. Up to `connections` sessions run at once; the driver blocks Node while a
 * request runs, so the sessions overlap where Teradata spools and sends, not in Node.
 */
export class TeradataRowSource implements RowSource {
  readonly #pool: TeradataSessionPool
  readonly #primaryIndexes = new Map<string, Promise<string[]>>()

  constructor(readonly url: TeradataUrl, connections: number, driver?: TeradataDriver) {
    this.#pool = new TeradataSessionPool(url, connections, TERADATA_EXTRACT_SESSION, driver)
  }

  /** The source clock at the load's start (UTC) and how chunks are locked: what Teradata can offer as a position. */
  async currentPosition(): Promise<SourcePosition> {
    const rows = await this.#pool.with((s) => s.query(SOURCE_TIME_SQL))
    const sourceTime = String(rows[0]?.[0] ?? '').trim()
    if (!sourceTime) throw new SourceError('TERADATA_CLOCK_UNREADABLE', `Teradata ${this.url.host}: CURRENT_TIMESTAMP could not be read`, { hint: 'Check that the user can run a plain SELECT.' })
    return { engine: 'teradata', sourceTime, lock: this.url.readLock }
  }

  async *readChunkRows(chunk: LoadChunk, columns: readonly LoadColumn[], at: SourcePosition): AsyncIterable<readonly (readonly unknown[])[]> {
    const hashed = chunk.range?.lower?.[0] === 'HASHBUCKET' || chunk.range?.upper?.[0] === 'HASHBUCKET'
    const pi = hashed ? await this.primaryIndex(chunk.schema, chunk.table) : []
    const { sql, params } = chunkQuery(chunk, columns, pi, at.lock ?? this.url.readLock)
    const decoders = columns.map((c) => teradataDecoderFor(c.type))
    try {
      for await (const rows of this.#pool.stream(sql, params, FETCH_ROWS)) {
        for (const row of rows) {
          for (let i = 0; i < decoders.length; i++) if (row[i] !== null && row[i] !== undefined) row[i] = decoders[i]!(row[i])
        }
        yield rows
      }
    } catch (e) {
      const where = `${chunk.schema}.${chunk.table} chunk ${chunk.seq}`
      const wrapped = teradataSourceError(e, this.url)
      throw wrapped.object ? wrapped : new SourceError(wrapped.code, `${wrapped.message} (reading ${where})`, { cause: e, object: where, ...(wrapped.hint ? { hint: wrapped.hint } : {}) })
    }
  }

  /**
   * Chunks of about `rowsPerChunk` rows: partition ranges for a partitioned table, hash-bucket
   * ranges of the primary index otherwise (at most MAX_HASH_CHUNKS, each being a scan), the
   * whole table for NoPI ones. Sizes come from statistics, else from the table's permanent space.
   */
  async planChunks(schema: string, table: string, rowsPerChunk: number, estimatedRows: number): Promise<LoadChunk[]> {
    const facts = await this.#pool.with((s) => s.query(planningFactsQuery(schema, table).sql, planningFactsQuery(schema, table).params))
    const partitions = Number(facts[0]?.[0] ?? 0)
    const bytes = Number(facts[0]?.[1] ?? 0)
    const rows = estimatedRows > 0 ? estimatedRows : Math.ceil(bytes / BYTES_PER_ROW_GUESS)
    const wanted = Math.max(1, Math.ceil(rows / Math.max(1, rowsPerChunk)))
    if (wanted === 1) return addressChunks(schema, table, 'PARTITION', 1, 1, 1, rows)
    if (partitions > 1) return addressChunks(schema, table, 'PARTITION', 1, partitions, wanted, rows)
    if ((await this.primaryIndex(schema, table)).length === 0) return addressChunks(schema, table, 'PARTITION', 1, 1, 1, rows)
    const maxBucket = Number((await this.#pool.with((s) => s.query(MAX_HASH_BUCKET_SQL)))[0]?.[0] ?? 65_535)
    return addressChunks(schema, table, 'HASHBUCKET', 0, maxBucket, Math.min(wanted, MAX_HASH_CHUNKS), rows)
  }

  /** The primary index columns (a primary key stands in when it is the index); empty for NoPI tables. */
  primaryIndex(schema: string, table: string): Promise<string[]> {
    const k = `${schema}.${table}`.toUpperCase()
    let found = this.#primaryIndexes.get(k)
    if (!found) {
      const q = primaryIndexQuery(schema, table)
      found = this.#pool.with((s) => s.query(q.sql, q.params)).then((rows) => {
        const first = String(rows[0]?.[0] ?? '')
        return rows.filter((r) => String(r[0]) === first).map((r) => String(r[1]).trim())
      })
      this.#primaryIndexes.set(k, found)
    }
    return found
  }

  close(): Promise<void> {
    return this.#pool.close()
  }
}
