import { SourceError } from '../../core/errors.js'
import type { LoadChunk, LoadColumn, RowSource, SourcePosition } from '../../load/load-source.js'
import { parseOracleUrl, oracleSourceError, type OracleUrl } from './oracle-connection.js'
import { loadOracleDriver, type DriverConnection, type DriverPool, type DriverResultSet, type OracleDriver } from './oracle-driver.js'
import { oracleDecoderFor } from './oracle-extract-decode.js'
import {
  chunkQuery,
  chunksFromBoundaries,
  CURRENT_SCN_FALLBACK_SQL, OLDEST_OPEN_SCN_SQL,
  CURRENT_SCN_SQL,
  extentsQuery,
  keyBoundariesQuery,
  ORACLE_EXTRACT_SESSION,
  planRowidChunks,
  type KeyColumn,
  type OracleStatement,
} from './oracle-extract-sql.js'

const FETCH_ROWS = 2000
/** Planning reads every key of smaller tables, a sample of about this many rows of bigger ones. */
const SAMPLE_ABOVE_ROWS = 2_000_000

/**
 * How the driver should hand values over: NUMBER as text (a JavaScript number would round
 * past 15 digits), CLOB/LONG as strings and BLOB/LONG RAW as Buffers (whole values; one value
 * is at most what PostgreSQL holds, 1 GB).
 */
function fetchTypeHandler(driver: OracleDriver) {
  return (meta: { dbType: unknown }) => {
    if (meta.dbType === driver.DB_TYPE_NUMBER) return { type: driver.STRING }
    if (meta.dbType === driver.DB_TYPE_CLOB || meta.dbType === driver.DB_TYPE_NCLOB || meta.dbType === driver.DB_TYPE_LONG) return { type: driver.STRING }
    if (meta.dbType === driver.DB_TYPE_BLOB || meta.dbType === driver.DB_TYPE_LONG_RAW) return { type: driver.BUFFER }
    return undefined
  }
}

/** The SCN fell out of undo. The load retries the chunk at a newer SCN, which the chunk records (see OracleLoadSource.readPosition). */
export class ScnTooOldError extends SourceError {
  readonly retryable = true

  constructor(message: string, cause: unknown, object: string) {
    super('ORACLE_SCN_TOO_OLD', message, {
      cause,
      object,
      hint: 'The chunk is read again at a newer SCN; to keep one SCN for the whole load, raise UNDO_RETENTION (and guarantee it) for its length.',
    })
  }
}

/**
 * Oracle as a load source for the transcoding path: each chunk is one flashback query
 * (`AS OF SCN`) so all chunks see the table as of the run's SCN, read in batches and decoded
 * into godwit values. Create with `openOracleRowSource`.
 */
export class OracleRowSource implements RowSource {
  readonly #driver: OracleDriver
  readonly #pool: DriverPool
  readonly #url: OracleUrl

  constructor(driver: OracleDriver, pool: DriverPool, url: OracleUrl) {
    this.#driver = driver
    this.#pool = pool
    this.#url = url
  }

  /** The SCN to read the whole load at (CDC starts from the same one). */
  async currentPosition(): Promise<SourcePosition> {
    return this.#withSession(async (conn) => {
      // Without SELECT on V$TRANSACTION the load still works; cdc then warns that it starts at the load's SCN.
      const oldest = await conn.execute(OLDEST_OPEN_SCN_SQL, {}, { outFormat: this.#driver.OUT_FORMAT_ARRAY }).then((r) => (r.rows as unknown[][] | undefined)?.[0]?.[0], () => undefined)
      let result
      try {
        result = await conn.execute(CURRENT_SCN_SQL, {}, { outFormat: this.#driver.OUT_FORMAT_ARRAY })
      } catch {
        // No SELECT on V$DATABASE: the package function needs only EXECUTE on DBMS_FLASHBACK.
        result = await conn.execute(CURRENT_SCN_FALLBACK_SQL, {}, { outFormat: this.#driver.OUT_FORMAT_ARRAY })
      }
      const scn = (result.rows as unknown[][] | undefined)?.[0]?.[0]
      if (typeof scn !== 'string') throw new SourceError('ORACLE_SCN_UNREADABLE', `Oracle ${this.#url.connectString}: the current SCN could not be read`, { hint: 'Grant SELECT on V_$DATABASE or EXECUTE on DBMS_FLASHBACK.' })
      return { engine: 'oracle', scn, ...(typeof oldest === 'string' ? { oldestOpenScn: oldest } : {}) }
    })
  }

  async *readChunkRows(chunk: LoadChunk, columns: readonly LoadColumn[], at: SourcePosition): AsyncIterable<readonly (readonly unknown[])[]> {
    if (!at.scn) throw new TypeError(`${chunk.schema}.${chunk.table} chunk ${chunk.seq}: an Oracle read position needs an SCN`)
    const { sql, binds } = chunkQuery(chunk, columns, at.scn)
    const decoders = columns.map((c) => oracleDecoderFor(c.type))
    const conn = await this.#connect()
    let rs: DriverResultSet | undefined
    try {
      const result = await conn.execute(sql, binds, {
        resultSet: true,
        outFormat: this.#driver.OUT_FORMAT_ARRAY,
        fetchArraySize: FETCH_ROWS,
        fetchTypeHandler: fetchTypeHandler(this.#driver),
      })
      rs = result.resultSet
      while (rs) {
        const rows = await rs.getRows(FETCH_ROWS)
        if (rows.length === 0) break
        for (const row of rows) {
          for (let i = 0; i < decoders.length; i++) if (row[i] !== null) row[i] = decoders[i]!(row[i])
        }
        yield rows
      }
    } catch (e) {
      throw this.#chunkError(e, chunk)
    } finally {
      await rs?.close().catch(() => undefined)
      await conn.close().catch(() => undefined)
    }
  }

  /**
   * Key-range chunks of about `rowsPerChunk` rows from every n-th key in key order; tables
   * above SAMPLE_ABOVE_ROWS are sampled so planning reads a bounded number of rows.
   */
  async planKeyChunks(schema: string, table: string, key: readonly KeyColumn[], rowsPerChunk: number, estimatedRows: number): Promise<LoadChunk[]> {
    const percent = estimatedRows > SAMPLE_ABOVE_ROWS ? Math.max(0.001, (SAMPLE_ABOVE_ROWS / estimatedRows) * 100) : undefined
    const rows = await this.#rows(keyBoundariesQuery(schema, table, key, rowsPerChunk, percent))
    const boundaries = rows.map((r) => r.map((v) => String(v)))
    return chunksFromBoundaries(schema, table, key.map((k) => k.name), boundaries, estimatedRows)
  }

  /** ROWID-range chunks of about `rowsPerChunk` rows (rows spread evenly over blocks), for tables without a usable key (needs DBA_EXTENTS). */
  async planRowidChunks(schema: string, table: string, rowsPerChunk: number, estimatedRows: number): Promise<LoadChunk[]> {
    const extents = (await this.#rows(extentsQuery(schema, table))).map((r) => ({ lo: String(r[0]), blocks: Number(r[1]) }))
    const blocks = extents.reduce((n, e) => n + e.blocks, 0)
    const blocksPerChunk = Math.max(1, Math.ceil((blocks * rowsPerChunk) / Math.max(1, estimatedRows)))
    return planRowidChunks(schema, table, extents, blocksPerChunk, estimatedRows)
  }

  async close(): Promise<void> {
    await this.#pool.close(0)
  }

  #rows(statement: OracleStatement): Promise<unknown[][]> {
    return this.#withSession(async (conn) => {
      const result = await conn.execute(statement.sql, statement.binds, { outFormat: this.#driver.OUT_FORMAT_ARRAY, fetchTypeHandler: fetchTypeHandler(this.#driver) })
      return (result.rows ?? []) as unknown[][]
    })
  }

  async #connect(): Promise<DriverConnection> {
    let conn: DriverConnection
    try {
      conn = await this.#pool.getConnection()
    } catch (e) {
      throw oracleSourceError(e, this.#url)
    }
    try {
      for (const statement of ORACLE_EXTRACT_SESSION) await conn.execute(statement)
      return conn
    } catch (e) {
      await conn.close().catch(() => undefined)
      throw oracleSourceError(e, this.#url)
    }
  }

  async #withSession<T>(work: (conn: DriverConnection) => Promise<T>): Promise<T> {
    const conn = await this.#connect()
    try {
      return await work(conn)
    } catch (e) {
      throw oracleSourceError(e, this.#url)
    } finally {
      await conn.close().catch(() => undefined)
    }
  }

  #chunkError(e: unknown, chunk: LoadChunk): Error {
    const where = `${chunk.schema}.${chunk.table} chunk ${chunk.seq}`
    const message = e instanceof Error ? e.message : String(e)
    // ORA-01555 snapshot too old / ORA-08180 no snapshot found: the SCN fell out of undo.
    if (/ORA-01555|ORA-08180|ORA-08181/.test(message)) {
      return new ScnTooOldError(`Oracle ${this.#url.connectString}: ${where} can no longer be read as of the load's SCN (${message.split('\n')[0]})`, e, where)
    }
    const wrapped = oracleSourceError(e, this.#url)
    return wrapped.object ? wrapped : new SourceError(wrapped.code, `${wrapped.message} (reading ${where})`, { cause: e, object: where, hint: wrapped.hint })
  }
}

/** Connects a pool of `connections` sessions to the Oracle URL (oracle://user:pass@host:port/service). */
export async function openOracleRowSource(url: string, connections: number): Promise<OracleRowSource> {
  const parsed = parseOracleUrl(url)
  const driver = await loadOracleDriver()
  try {
    const pool = await driver.createPool({ user: parsed.user, password: parsed.password, connectString: parsed.connectString, poolMin: 0, poolMax: connections })
    return new OracleRowSource(driver, pool, parsed)
  } catch (e) {
    throw oracleSourceError(e, parsed)
  }
}
