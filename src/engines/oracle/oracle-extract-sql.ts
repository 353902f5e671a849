import { UsageError } from '../../core/errors.js'
import type { LoadChunk, LoadColumn } from '../../load/load-source.js'
import type { KeyRange } from '../../model/key-range.js'
import type { LogicalType } from '../../model/logical-type.js'
import { lexicographicComparison } from '../key-comparison-sql.js'

/**
 * The SQL an Oracle source is read with during a load: the read position, one flashback query
 * per chunk, and the queries that find chunk boundaries. Pure text and binds, so every piece is
 * unit-tested without a database; oracle-extract.ts runs them.
 */

/** Bind values by name; all strings, converted explicitly in the SQL (never by NLS defaults). */
export type OracleBinds = Record<string, string>

export interface OracleStatement {
  readonly sql: string
  readonly binds: OracleBinds
}

/** Settings every extraction session starts with, so the text Oracle hands over has one form. */
export const ORACLE_EXTRACT_SESSION = [
  `ALTER SESSION SET NLS_NUMERIC_CHARACTERS = '.,'`,
  `ALTER SESSION SET NLS_DATE_LANGUAGE = 'AMERICAN'`,
  `ALTER SESSION SET NLS_COMP = 'BINARY'`,
  `ALTER SESSION SET NLS_SORT = 'BINARY'`,
  `ALTER SESSION SET TIME_ZONE = 'UTC'`,
] as const

/** The SCN to read every chunk at. CURRENT_SCN needs SELECT on V$DATABASE; the package call does not. */
export const CURRENT_SCN_SQL = 'SELECT TO_CHAR(CURRENT_SCN) AS SCN FROM V$DATABASE'
export const CURRENT_SCN_FALLBACK_SQL = 'SELECT TO_CHAR(DBMS_FLASHBACK.GET_SYSTEM_CHANGE_NUMBER) AS SCN FROM DUAL'

/**
 * Read just before the load's SCN: no transaction open at that SCN began before this one, so
 * LogMiner capture mining from here sees the first changes of transactions the load's snapshot
 * could not see (uncommitted then, committed later). Needs SELECT on V$TRANSACTION.
 */
export const OLDEST_OPEN_SCN_SQL = `SELECT TO_CHAR(LEAST(D.CURRENT_SCN, NVL((SELECT MIN(T.START_SCN) FROM V$TRANSACTION T), D.CURRENT_SCN))) AS SCN FROM V$DATABASE D`

/** Oracle names are used as stored (case exact), so always quoted. */
export function quoteOracleName(name: string): string {
  if (name.includes('"') || name.length === 0) {
    throw new UsageError('ORACLE_NAME_INVALID', `Oracle name ${JSON.stringify(name)} cannot be quoted`, { object: name })
  }
  return `"${name}"`
}

/** Timestamps as text with nine fraction digits and an era, never through NLS formats. */
const TIMESTAMP_FORMAT = `'YYYY-MM-DD HH24:MI:SS.FF9 BC', 'NLS_DATE_LANGUAGE=AMERICAN'`

/**
 * The select-list expression of one column, by its logical type: numbers and LOBs are fetched
 * as strings by the driver (see oracle-extract.ts), temporal values are formatted here exactly
 * (DATE keeps its time, TIMESTAMP WITH [LOCAL] TIME ZONE becomes the UTC instant).
 */
export function selectExpression(column: string, type: LogicalType): string {
  const c = quoteOracleName(column)
  switch (type.kind) {
    case 'timestamp':
      if (type.tz === 'none') return `TO_CHAR(CAST(${c} AS TIMESTAMP(9)), ${TIMESTAMP_FORMAT})`
      if (type.tz === 'utc') return `TO_CHAR(SYS_EXTRACT_UTC(${c}), ${TIMESTAMP_FORMAT})`
      return `TO_CHAR(SYS_EXTRACT_UTC(CAST(${c} AS TIMESTAMP(9) WITH TIME ZONE)), ${TIMESTAMP_FORMAT})`
    case 'date': return `TO_CHAR(${c}, 'YYYY-MM-DD BC', 'NLS_DATE_LANGUAGE=AMERICAN')`
    case 'interval': return `TO_CHAR(${c})`
    case 'rowid': return `ROWIDTOCHAR(${c})`
    case 'xml': return `XMLSERIALIZE(CONTENT ${c} AS CLOB)`
    case 'json': return `JSON_SERIALIZE(${c} RETURNING CLOB)`
    case 'user-defined':
    case 'unsupported':
      throw new UsageError('TRANSCODE_UNSUPPORTED_TYPE', `Oracle column ${column}: values of type ${type.kind === 'unsupported' ? type.native : type.name} cannot be extracted`, {
        object: column,
        hint: 'Exclude the column or table, or map it with a type override to a supported type.',
      })
    case 'int':
    case 'decimal':
    case 'float':
    case 'text':
    case 'clob':
    case 'binary':
    case 'boolean':
    case 'time':
      return c
  }
}

/** A key bound as the key column's type: bounds are text (from planning), converted explicitly. */
function boundExpression(bind: string, type: LogicalType): string {
  switch (type.kind) {
    case 'int':
    case 'decimal':
    case 'float': return `TO_NUMBER(:${bind})`
    case 'timestamp':
      // DATE keys (precision 0) compare with a DATE bound, so their index stays usable.
      if (type.tz === 'none' && type.precision === 0) return `TO_DATE(SUBSTR(:${bind}, 1, 19), 'YYYY-MM-DD HH24:MI:SS')`
      if (type.tz === 'none') return `TO_TIMESTAMP(:${bind}, 'YYYY-MM-DD HH24:MI:SS.FF9')`
      return `FROM_TZ(TO_TIMESTAMP(:${bind}, 'YYYY-MM-DD HH24:MI:SS.FF9'), 'UTC')`
    case 'date': return `TO_DATE(:${bind}, 'YYYY-MM-DD')`
    case 'binary': return `HEXTORAW(:${bind})`
    case 'rowid': return `CHARTOROWID(:${bind})`
    case 'text':
    case 'clob':
    case 'time':
    case 'interval':
    case 'boolean':
    case 'json':
    case 'xml':
    case 'user-defined':
    case 'unsupported':
      return `:${bind}`
  }
}

export interface KeyColumn {
  readonly name: string
  readonly type: LogicalType
}

/** `key >= bound` / `key < bound` on the bound's prefix of the key (see lexicographicComparison); its values go in binds `<bindPrefix><i>`. */
export function keyBoundPredicate(key: readonly KeyColumn[], bound: readonly string[], op: '>=' | '<', bindPrefix: string, binds: OracleBinds): string {
  if (bound.length === 0 || bound.length > key.length) {
    throw new RangeError(`a key bound has ${bound.length} values for a key of ${key.length} columns`)
  }
  const terms = bound.map((value, i) => {
    const name = `${bindPrefix}${i}`
    binds[name] = value
    return { column: quoteOracleName(key[i]!.name), value: boundExpression(name, key[i]!.type) }
  })
  return lexicographicComparison(terms, op)
}

/** The WHERE condition of a key range (lower inclusive, upper exclusive); `1 = 1` for an open range. */
export function keyRangeCondition(key: readonly KeyColumn[], range: KeyRange | undefined, binds: OracleBinds): string {
  const parts: string[] = []
  if (range?.lower) parts.push(keyBoundPredicate(key, range.lower, '>=', 'lo', binds))
  if (range?.upper) parts.push(keyBoundPredicate(key, range.upper, '<', 'hi', binds))
  return parts.length === 0 ? '1 = 1' : parts.join(' AND ')
}

/** Chunks planned from ROWID ranges use this pseudo key (see planRowidChunks). */
export const ROWID_KEY = 'ROWID'

/**
 * One chunk's rows as they were at `scn`: `SELECT … FROM t AS OF SCN :scn WHERE <range>`. A
 * ROWID chunk compares the row address; a key chunk the key columns' values.
 */
export function chunkQuery(chunk: LoadChunk, columns: readonly LoadColumn[], scn: string): OracleStatement {
  const binds: OracleBinds = { scn }
  const list = columns.map((c) => selectExpression(c.name, c.type)).join(', ')
  const table = `${quoteOracleName(chunk.schema)}.${quoteOracleName(chunk.table)}`
  let where = '1 = 1'
  if (chunk.key && chunk.key.length === 1 && chunk.key[0] === ROWID_KEY) {
    where = keyRangeCondition([{ name: ROWID_KEY, type: { kind: 'rowid' } }], chunk.range, binds).replaceAll(`"${ROWID_KEY}"`, ROWID_KEY)
  } else if (chunk.key) {
    const key = chunk.key.map((k) => {
      const c = columns.find((x) => x.name === k)
      if (!c) throw new RangeError(`chunk key column ${k} is not among the columns read from ${chunk.schema}.${chunk.table}`)
      return { name: k, type: c.type }
    })
    where = keyRangeCondition(key, chunk.range, binds)
  }
  return { sql: `SELECT ${list} FROM ${table} AS OF SCN TO_NUMBER(:scn) WHERE ${where}`, binds }
}

/**
 * Every n-th key of a table (or of a SAMPLE of it) in key order: the boundaries of chunks of
 * about `rowsPerChunk` rows. The key values come back in the same text forms the chunk query
 * binds. `samplePercent` (0 < p < 100) reads a block-free row sample of big tables instead of all keys.
 */
export function keyBoundariesQuery(schema: string, table: string, key: readonly KeyColumn[], rowsPerChunk: number, samplePercent?: number): OracleStatement {
  const cols = key.map((k) => quoteOracleName(k.name))
  const texts = key.map((k, i) => `${boundaryText(cols[i]!, k.type)} AS K${i}`)
  const sample = samplePercent !== undefined && samplePercent > 0 && samplePercent < 100 ? ` SAMPLE (${Number(samplePercent.toPrecision(6))})` : ''
  const step = samplePercent !== undefined && samplePercent > 0 && samplePercent < 100 ? Math.max(1, Math.round((rowsPerChunk * samplePercent) / 100)) : rowsPerChunk
  const order = cols.join(', ')
  const sql =
    `SELECT ${key.map((_, i) => `K${i}`).join(', ')} FROM (` +
    `SELECT ${texts.join(', ')}, ROW_NUMBER() OVER (ORDER BY ${order}) AS RN FROM ${quoteOracleName(schema)}.${quoteOracleName(table)}${sample}` +
    `) WHERE MOD(RN, TO_NUMBER(:step)) = 0 ORDER BY RN`
  return { sql, binds: { step: String(Math.max(1, Math.floor(step))) } }
}

/** A key value as the text its bound expression reads back (boundExpression). */
function boundaryText(column: string, type: LogicalType): string {
  switch (type.kind) {
    case 'int':
    case 'decimal':
    case 'float': return `TO_CHAR(${column}, 'TM9')`
    case 'timestamp':
      return type.tz === 'none'
        ? `TO_CHAR(CAST(${column} AS TIMESTAMP(9)), 'YYYY-MM-DD HH24:MI:SS.FF9')`
        : `TO_CHAR(SYS_EXTRACT_UTC(${column}), 'YYYY-MM-DD HH24:MI:SS.FF9')`
    case 'date': return `TO_CHAR(${column}, 'YYYY-MM-DD')`
    case 'binary': return `RAWTOHEX(${column})`
    case 'text':
    case 'clob':
    case 'time':
    case 'interval':
    case 'boolean':
    case 'json':
    case 'xml':
    case 'rowid':
    case 'user-defined':
    case 'unsupported':
      return column
  }
}

/** Chunks between consecutive boundaries: the first open below, the last open above, no gap, no overlap. */
export function chunksFromBoundaries(schema: string, table: string, key: readonly string[], boundaries: readonly (readonly string[])[], estimatedRows: number): LoadChunk[] {
  const count = boundaries.length + 1
  return Array.from({ length: count }, (_, seq) => {
    const lower = seq === 0 ? undefined : boundaries[seq - 1]
    const upper = seq === count - 1 ? undefined : boundaries[seq]
    const range: KeyRange = { ...(lower ? { lower } : {}), ...(upper ? { upper } : {}) }
    return { schema, table, seq, key, ...(lower || upper ? { range } : {}), estimatedRows: Math.ceil(estimatedRows / count) }
  })
}

/**
 * The table's extents as ROWID ranges, in ROWID order (data object, file, block), as
 * DBMS_PARALLEL_EXECUTE.CREATE_CHUNKS_BY_ROWID builds them. Needs SELECT on DBA_EXTENTS and
 * DBA_OBJECTS; partitions appear as their own data objects.
 */
export function extentsQuery(schema: string, table: string): OracleStatement {
  const sql =
    `SELECT ROWIDTOCHAR(DBMS_ROWID.ROWID_CREATE(1, o.DATA_OBJECT_ID, e.RELATIVE_FNO, e.BLOCK_ID, 0)) AS LO, e.BLOCKS AS BLOCKS ` +
    `FROM DBA_EXTENTS e JOIN DBA_OBJECTS o ON o.OWNER = e.OWNER AND o.OBJECT_NAME = e.SEGMENT_NAME ` +
    `AND NVL(o.SUBOBJECT_NAME, '-') = NVL(e.PARTITION_NAME, '-') AND o.OBJECT_TYPE LIKE 'TABLE%' ` +
    `WHERE e.OWNER = :owner AND e.SEGMENT_NAME = :name AND o.DATA_OBJECT_ID IS NOT NULL ` +
    `ORDER BY o.DATA_OBJECT_ID, e.RELATIVE_FNO, e.BLOCK_ID`
  return { sql, binds: { owner: schema, name: table } }
}

export interface Extent {
  /** ROWID of the extent's first row slot. */
  readonly lo: string
  readonly blocks: number
}

/**
 * Groups consecutive extents into chunks of about `blocksPerChunk` blocks. Each chunk starts
 * at its first extent's first ROWID and ends where the next chunk starts, so the ranges tile
 * the whole ROWID space (rows in blocks added after planning still land in exactly one chunk).
 */
export function planRowidChunks(schema: string, table: string, extents: readonly Extent[], blocksPerChunk: number, estimatedRows: number): LoadChunk[] {
  const starts: string[] = []
  let blocks = 0
  extents.forEach((e, i) => {
    if (i === 0) return
    blocks += extents[i - 1]!.blocks
    if (blocks >= blocksPerChunk) {
      starts.push(e.lo)
      blocks = 0
    }
  })
  return chunksFromBoundaries(schema, table, [ROWID_KEY], starts.map((s) => [s]), estimatedRows)
}
