import { UsageError } from '../../core/errors.js'
import type { LoadChunk, LoadColumn } from '../../load/load-source.js'
import type { KeyBound } from '../../model/key-range.js'
import type { LogicalType } from '../../model/logical-type.js'
import { teradataName } from './teradata-catalog-queries.js'

/**
 * The SQL a Teradata source is read with during a load. Pure text and parameters, unit-tested
 * without a database; teradata-extract.ts runs it.
 *
 * Chunks. Teradata spreads rows over AMPs by the row hash of the primary index and keeps no
 * value order, so a key range is a full scan on every AMP whatever its width. godwit therefore
 * splits by what Teradata can skip or spread:
 * - partitioned tables by ranges of the combined partition number (`PARTITION`), which Teradata
 *   reads with partition elimination (each chunk touches only its partitions);
 * - other tables with a primary index by ranges of hash buckets of the primary index
 *   (`HASHBUCKET(HASHROW(pi))`): every row falls in exactly one range whatever its key values,
 *   NULLs and duplicates included (a non-unique PI is fine), bounds need no sampling, and rows
 *   spread over buckets as evenly as over AMPs. Each such chunk is still a scan of the table,
 *   so their number is capped (MAX_HASH_CHUNKS);
 * - tables without a primary index (NoPI) and not partitioned are read whole.
 * A chunk's bounds carry their kind (`['HASHBUCKET', '0']`), so a resumed run reads them the same way.
 */

export interface TeradataStatement {
  readonly sql: string
  readonly params: readonly (string | number)[]
}

/** Each hash-bucket chunk scans the whole table: more than this many rereads it too often. */
export const MAX_HASH_CHUNKS = 32

export type ChunkAddress = 'HASHBUCKET' | 'PARTITION'

/** `LOCKING … FOR ACCESS` reads without waiting for writers (and sees their uncommitted rows); `READ` waits for them. */
export type ReadLock = 'access' | 'read'

/** Session settings: timestamps with a zone come back as their UTC instant. */
export const TERADATA_EXTRACT_SESSION = ["SET TIME ZONE INTERVAL '00:00' HOUR TO MINUTE"] as const

/** The source's clock at the load's start, in UTC (the watermark CDC can start from). */
export const SOURCE_TIME_SQL = "SELECT TO_CHAR(CURRENT_TIMESTAMP(6) AT TIME ZONE INTERVAL '00:00' HOUR TO MINUTE, 'YYYY-MM-DD HH24:MI:SS.FF6')"

/** The highest hash bucket number (65 535 on 16-bit systems, 1 048 575 on 20-bit ones). */
export const MAX_HASH_BUCKET_SQL = 'SELECT HASHBUCKET()'

export function tableRef(schema: string, table: string): string {
  return `${teradataName(schema)}.${teradataName(table)}`
}

const TIMESTAMP_FORMAT = "'YYYY-MM-DD HH24:MI:SS.FF6'"
const UTC = "AT TIME ZONE INTERVAL '00:00' HOUR TO MINUTE"

/** A timestamp column's text, with a zone converted to UTC first. */
function timestampText(c: string, zoned: boolean): string {
  return `TO_CHAR(${zoned ? `(${c} ${UTC})` : c}, ${TIMESTAMP_FORMAT})`
}

/** PERIOD(…) as a PostgreSQL range literal `[begin,end)`: Teradata periods are closed-open too. */
function periodText(c: string, native: string): string {
  const element = /^PERIOD\((.*)\)$/i.exec(native.trim())?.[1]?.toUpperCase() ?? ''
  const zoned = element.includes('WITH TIME ZONE')
  const bound = (f: 'BEGIN' | 'END'): string => {
    if (element.startsWith('DATE')) return `TO_CHAR(${f}(${c}), 'YYYY-MM-DD')`
    if (element.startsWith('TIMESTAMP')) return timestampText(`${f}(${c})`, zoned)
    return `CAST(CAST(${f}(${c}) AS FORMAT 'HH:MI:SS.S(6)${zoned ? 'Z' : ''}') AS VARCHAR(21))`
  }
  // Concatenating NULL gives NULL: a NULL period stays NULL.
  const quote = element.startsWith('TIMESTAMP') ? `'"'` : `''`
  return `'[' || ${quote} || ${bound('BEGIN')} || ${quote} || ',' || ${quote} || ${bound('END')} || ${quote} || ')'`
}

/**
 * The select-list expression of one column by its logical type. Text forms are asked for
 * explicitly, never left to a column's FORMAT phrase (which a plain CAST to CHAR would apply:
 * `FORMAT 'ZZZ,ZZ9.99'` would put grouping commas into numbers).
 */
export function selectExpression(column: string, type: LogicalType, qualifier?: string): string {
  const c = qualifier ? `${qualifier}.${teradataName(column)}` : teradataName(column)
  switch (type.kind) {
    case 'decimal': return `TO_CHAR(${c})`
    case 'date': return `TO_CHAR(${c}, 'YYYY-MM-DD')`
    case 'time': return `CAST(CAST(${c} AS FORMAT 'HH:MI:SS.S(6)${type.tz ? 'Z' : ''}') AS VARCHAR(21))`
    case 'timestamp': return timestampText(c, type.tz !== 'none')
    // Any day-time interval converts to DAY(4) TO SECOND(6) and any year-month one to YEAR(4) TO MONTH: one text shape each.
    case 'interval':
      return type.fields === 'year-month' ? `CAST(CAST(${c} AS INTERVAL YEAR(4) TO MONTH) AS VARCHAR(12))` : `CAST(CAST(${c} AS INTERVAL DAY(4) TO SECOND(6)) AS VARCHAR(30))`
    case 'json': return `CAST(${c} AS CLOB CHARACTER SET UNICODE)`
    case 'xml': return `XMLSERIALIZE(CONTENT ${c} AS CLOB)`
    case 'unsupported':
      if (/^PERIOD\s*\(/i.test(type.native)) return periodText(c, type.native)
      throw unsupported(column, type.native)
    case 'user-defined':
      throw unsupported(column, type.name)
    case 'boolean':
    case 'rowid':
      throw unsupported(column, type.kind)
    case 'int':
    case 'float':
    case 'text':
    case 'clob':
    case 'binary':
      return c
  }
}

function unsupported(column: string, what: string): UsageError {
  return new UsageError('TRANSCODE_UNSUPPORTED_TYPE', `Teradata column ${column}: values of type ${what} cannot be extracted`, {
    object: column,
    hint: 'Exclude the column or table, or map it with a type override to a supported type.',
  })
}

function addressBound(b: KeyBound | undefined, where: string): { kind: ChunkAddress; value: number } | undefined {
  if (!b) return undefined
  const [kind, value] = b
  if ((kind !== 'HASHBUCKET' && kind !== 'PARTITION') || value === undefined || !/^\d+$/.test(value)) {
    throw new RangeError(`${where}: chunk bound ${JSON.stringify(b)} is not a Teradata hash-bucket or partition bound`)
  }
  return { kind, value: Number(value) }
}

/**
 * One chunk's rows: `LOCKING TABLE … FOR ACCESS|READ SELECT … WHERE <address range>`. `primaryIndex`
 * names the columns hashed for HASHBUCKET chunks.
 */
export function chunkQuery(chunk: LoadChunk, columns: readonly LoadColumn[], primaryIndex: readonly string[], lock: ReadLock): TeradataStatement {
  const where = `${chunk.schema}.${chunk.table} chunk ${chunk.seq}`
  const table = tableRef(chunk.schema, chunk.table)
  const list = columns.map((c) => selectExpression(c.name, c.type)).join(', ')
  const lo = addressBound(chunk.range?.lower, where)
  const hi = addressBound(chunk.range?.upper, where)
  const kind = lo?.kind ?? hi?.kind
  if (lo && hi && lo.kind !== hi.kind) throw new RangeError(`${where}: chunk bounds mix ${lo.kind} and ${hi.kind}`)
  const params: number[] = []
  const terms: string[] = []
  if (kind) {
    if (kind === 'HASHBUCKET' && primaryIndex.length === 0) throw new RangeError(`${where}: a hash-bucket chunk needs the table's primary index columns`)
    const address = kind === 'PARTITION' ? 'PARTITION' : `HASHBUCKET(HASHROW(${primaryIndex.map(teradataName).join(', ')}))`
    if (lo) {
      terms.push(`${address} >= ?`)
      params.push(lo.value)
    }
    if (hi) {
      terms.push(`${address} < ?`)
      params.push(hi.value)
    }
  }
  const locking = `LOCKING TABLE ${table} FOR ${lock === 'read' ? 'READ' : 'ACCESS'}`
  return { sql: `${locking} SELECT ${list} FROM ${table}${terms.length > 0 ? ` WHERE ${terms.join(' AND ')}` : ''}`, params }
}

/** Chunks over `[first, last]` of an address (bucket or partition numbers), about even, the first and last open-ended. */
export function addressChunks(schema: string, table: string, kind: ChunkAddress, first: number, last: number, count: number, estimatedRows: number): LoadChunk[] {
  const span = last - first + 1
  const n = Math.max(1, Math.min(count, span))
  const cuts = Array.from({ length: n - 1 }, (_, i) => first + Math.round(((i + 1) * span) / n))
  return Array.from({ length: n }, (_, seq) => {
    const lower = seq === 0 ? undefined : [kind, String(cuts[seq - 1])]
    const upper = seq === n - 1 ? undefined : [kind, String(cuts[seq])]
    return {
      schema,
      table,
      seq,
      ...(lower || upper ? { range: { ...(lower ? { lower } : {}), ...(upper ? { upper } : {}) } } : {}),
      estimatedRows: Math.ceil(estimatedRows / n),
    }
  })
}

/** Planning facts about one table, read from the dictionary (no scan of the table). */
export function planningFactsQuery(schema: string, table: string): TeradataStatement {
  return {
    sql:
      'SELECT (SELECT MAX(DefinedCombinedPartitions) FROM DBC.PartitioningConstraintsV WHERE DatabaseName = ? AND TableName = ? AND ConstraintType = ?), ' +
      '(SELECT SUM(CurrentPerm) FROM DBC.TableSizeV WHERE DatabaseName = ? AND TableName = ?)',
    params: [schema, table, 'Q', schema, table],
  }
}

/** The primary index columns (or the primary key that serves as one), in order. */
export function primaryIndexQuery(schema: string, table: string): TeradataStatement {
  return {
    sql: "SELECT IndexType, ColumnName FROM DBC.IndicesV WHERE DatabaseName = ? AND TableName = ? AND IndexType IN ('P', 'Q', 'K') ORDER BY IndexType DESC, ColumnPosition",
    params: [schema, table],
  }
}

/** Rows assumed per byte of permanent space when a table has no statistics (a rough, wide-row guess). */
export const BYTES_PER_ROW_GUESS = 200
