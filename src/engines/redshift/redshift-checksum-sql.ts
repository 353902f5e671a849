import pg from 'pg'
import type { KeyBound, KeyRange } from '../../model/key-range.js'
import type { LogicalType } from '../../model/logical-type.js'
import type { SideColumn, SideTable } from '../../validate/side-table.js'
import { lexicographicComparison } from '../key-comparison-sql.js'

/**
 * The SQL Redshift runs for validation: the canonical text of src/values/canonical-text.ts, the
 * line of src/validate/canonical-line.ts and the row hash of PostgreSQL and Oracle (the first 8
 * bytes of md5(line)), so a Redshift target compares with any source segment by segment.
 *
 * Which hash: MD5 — the one digest every engine here computes (PostgreSQL md5, Oracle
 * STANDARD_HASH, Node crypto), so Redshift's sums equal theirs. FNV_HASH is Redshift's own 64-bit
 * hash: nothing else computes it, so it could only compare Redshift with Redshift. STRTOL reads
 * the hex digits as a number; it must stay within signed 64 bits, so the 16 digits are read as
 * two 8-digit halves, hi·2^32 + lo, summed as DECIMAL(38,0) — exact (the unsigned reading, like
 * Oracle's; sums are compared modulo 2^64, src/validate/segment-checksum.ts).
 *
 * Redshift traps handled here: no trim_scale, arrays, unnest, row-value comparison, TABLESAMPLE
 * or pg_stats histograms; `::text` is VARCHAR(256) (it would truncate); a backslash in a string
 * literal may be read as an escape, so every backslash, TAB, LF and CR is written CHR(n).
 * Kinds without an exact SQL rendering here (float, time, SUPER/json and the rest) return
 * undefined: such tables are hashed client-side (src/validate/client-hash.ts) from
 * redshiftRawExpr's text. Every expression also runs on PostgreSQL given stand-ins for STRTOL and
 * FROM_VARBYTE (test/integration/redshift-checksum.test.ts).
 */
export const REDSHIFT_VALIDATION_SESSION = [
  "SET timezone TO 'UTC'",
  // Redshift's maximum: DBL_DIG + 2 = 17 significant digits, enough to read a double back exactly.
  'SET extra_float_digits TO 2',
  "SET datestyle TO 'ISO, YMD'",
]

export const rsIdent = (name: string): string => pg.escapeIdentifier(name)

export function rsTableRef(t: Pick<SideTable, 'schema' | 'name'>): string {
  return `${rsIdent(t.schema)}.${rsIdent(t.name)}`
}

const BACKSLASH = 'CHR(92)'
const TAB = 'CHR(9)'
/** The canonical line's NULL marker `\N`. */
const NULL_MARK = `${BACKSLASH} || 'N'`

/** `x` without trailing zeros after the point, and without a bare point: minimal decimal text. */
function trimmedFraction(text: string): string {
  return `CASE WHEN POSITION('.' IN ${text}) > 0 THEN RTRIM(RTRIM(${text}, '0'), '.') ELSE ${text} END`
}

function bcSuffix(dateExpr: string): string {
  return `CASE WHEN ${dateExpr} < CAST('0001-01-01' AS DATE) THEN ' BC' ELSE '' END`
}

/** Canonical text of a column, NULL staying NULL; undefined when Redshift cannot render it exactly. */
export function redshiftCanonicalExpr(x: string, type: LogicalType): string | undefined {
  switch (type.kind) {
    case 'int':
      return `CAST(${x} AS VARCHAR(20))`
    case 'decimal':
      return trimmedFraction(`CAST(${x} AS VARCHAR(64))`)
    case 'text':
      return type.fixed ? `RTRIM(${x})` : x
    case 'binary':
      return `${BACKSLASH} || 'x' || LOWER(FROM_VARBYTE(${x}, 'hex'))`
    case 'date':
      return `TO_CHAR(${x}, 'YYYY-MM-DD') || ${bcSuffix(x)}`
    case 'timestamp': {
      // A zone-aware value is compared as its UTC instant.
      const ts = type.tz === 'none' ? x : `(${x} AT TIME ZONE 'UTC')`
      return `RTRIM(RTRIM(TO_CHAR(${ts}, 'YYYY-MM-DD HH24:MI:SS.US'), '0'), '.') || ${bcSuffix(ts)}`
    }
    case 'boolean':
      return `CASE WHEN ${x} THEN 't' WHEN NOT ${x} THEN 'f' END`
    case 'float':
    case 'time':
    case 'json':
    case 'clob':
    case 'interval':
    case 'xml':
    case 'rowid':
    case 'user-defined':
    case 'unsupported':
      return undefined
  }
}

/** What client-side hashing reads for a column: canonical text where Redshift has it, else text Node canonicalises. */
export function redshiftRawExpr(c: SideColumn): string {
  const x = rsIdent(c.name)
  if (c.type.kind === 'json') return `JSON_SERIALIZE(${x})`
  return redshiftCanonicalExpr(x, c.type) ?? x
}

/** Whether every compared column renders in SQL, so checksums can be pushed down. */
export function redshiftCanPushDown(t: SideTable): boolean {
  return t.columns.every((c) => redshiftCanonicalExpr('x', c.type) !== undefined)
}

/** Kinds whose canonical text can hold a backslash, TAB, LF or CR. */
function mayNeedEscaping(type: LogicalType): boolean {
  return type.kind === 'text'
}

function escaped(text: string): string {
  const r = (s: string, from: string, to: string): string => `REPLACE(${s}, ${from}, ${to})`
  return r(r(r(r(text, BACKSLASH, `${BACKSLASH} || ${BACKSLASH}`), TAB, `${BACKSLASH} || 't'`), 'CHR(10)', `${BACKSLASH} || 'n'`), 'CHR(13)', `${BACKSLASH} || 'r'`)
}

/** One column's escaped canonical text in the line; NULL decided on the column itself. */
export function redshiftLineField(c: SideColumn): string {
  const x = rsIdent(c.name)
  const text = redshiftCanonicalExpr(x, c.type)
  if (text === undefined) throw new Error(`no Redshift canonical expression for ${c.name} (${c.nativeType}): hash this table client-side`)
  // Binary's `\x` prefix is escaped like any backslash: the line holds `\\x…`, as PostgreSQL's and Node's do.
  const field = c.type.kind === 'binary' ? `${BACKSLASH} || ${text}` : mayNeedEscaping(c.type) ? escaped(text) : text
  return `CASE WHEN ${x} IS NULL THEN ${NULL_MARK} ELSE ${field} END`
}

/** The row's canonical line. Redshift strings end at 65,535 bytes: wider lines fail, and need client-side hashing. */
export function redshiftLineExpr(t: SideTable): string {
  return t.columns.map(redshiftLineField).join(` || ${TAB} || `)
}

/** First 8 bytes of the md5 hex `m` as an unsigned integer, exact: STRTOL stays within signed 64 bits per half. */
export function redshiftRowHashExpr(m: string): string {
  return `(STRTOL(SUBSTRING(${m}, 1, 8), 16) * CAST(4294967296 AS DECIMAL(38,0)) + STRTOL(SUBSTRING(${m}, 9, 8), 16))`
}

/** First 4 bytes of md5, unsigned, modulo the bucket count: a keyless row's bucket, as every engine computes it. */
function bucketExpr(m: string, bucketsParam: string): string {
  return `MOD(STRTOL(SUBSTRING(${m}, 1, 8), 16), ${bucketsParam})`
}

/** A SQL fragment with numbered parameters. */
export class RsParams {
  readonly values: unknown[] = []
  add(v: unknown): string {
    this.values.push(v)
    return `$${this.values.length}`
  }
}

/**
 * The type a canonical-text bound is read back as. Text as the widest VARCHAR (a bare VARCHAR is
 * 256 bytes); decimals at full precision with the column's scale, so a bound from the other side
 * is not cut; the rest as the column's own type. Zone-aware timestamps read the UTC text in the
 * session's UTC zone.
 */
function boundType(c: SideColumn): string {
  switch (c.type.kind) {
    case 'text':
      return 'VARCHAR(65535)'
    case 'int':
      return 'BIGINT'
    case 'decimal':
      return `DECIMAL(38,${c.type.scale ?? 0})`
    case 'date':
      return 'DATE'
    case 'timestamp':
      return c.type.tz === 'none' ? 'TIMESTAMP' : 'TIMESTAMPTZ'
    case 'boolean':
      return 'BOOLEAN'
    case 'binary':
    case 'float':
    case 'time':
    case 'json':
    case 'clob':
    case 'interval':
    case 'xml':
    case 'rowid':
    case 'user-defined':
    case 'unsupported':
      return c.nativeType
  }
}

function bound(c: SideColumn, param: string): string {
  return `CAST(${param} AS ${boundType(c)})`
}

function boundComparison(t: SideTable, b: KeyBound, op: '>=' | '<', p: RsParams): string {
  return lexicographicComparison(t.columns.slice(0, b.length).map((c, i) => ({ column: rsIdent(c.name), value: bound(c, p.add(b[i])) })), op)
}

export function redshiftRangeWhere(t: SideTable, r: KeyRange | undefined, p: RsParams): string {
  const parts: string[] = []
  if (r?.lower) parts.push(boundComparison(t, r.lower, '>=', p))
  if (r?.upper) parts.push(boundComparison(t, r.upper, '<', p))
  if (t.where) parts.push(`(${t.where})`)
  return parts.length === 0 ? '1 = 1' : parts.join(' AND ')
}

export interface RsQuery {
  readonly text: string
  readonly values: unknown[]
}

function filterOf(t: SideTable, glue: 'WHERE' | 'AND'): string {
  return t.where ? ` ${glue} (${t.where})` : ''
}

export function redshiftSegmentChecksumQuery(t: SideTable, r: KeyRange): RsQuery {
  const p = new RsParams()
  const where = redshiftRangeWhere(t, r, p)
  return {
    text: `SELECT COUNT(*) AS n, CAST(SUM(${redshiftRowHashExpr('m')}) AS DECIMAL(38,0)) AS s FROM (SELECT MD5(${redshiftLineExpr(t)}) AS m FROM ${rsTableRef(t)} WHERE ${where}) q`,
    values: p.values,
  }
}

/** Each column as canonical text where Redshift renders it, else as raw text for Node to canonicalise. */
function selectColumns(t: SideTable, count = t.columns.length): string {
  return t.columns
    .slice(0, count)
    .map((c, i) => `${redshiftRawExpr(c)} AS c${i}`)
    .join(', ')
}

export function redshiftRowsQuery(t: SideTable, r: KeyRange | undefined): RsQuery {
  const p = new RsParams()
  const where = redshiftRangeWhere(t, r, p)
  return { text: `SELECT ${selectColumns(t)} FROM ${rsTableRef(t)} WHERE ${where}`, values: p.values }
}

/** Rows whose full key is one of `keys`: an OR of key equalities (no arrays to unnest on Redshift). */
export function redshiftRowsByKeysQuery(t: SideTable, keys: readonly KeyBound[]): RsQuery {
  const p = new RsParams()
  const keyCols = t.columns.slice(0, t.keyLength)
  const any = keys.map((k) => `(${keyCols.map((c, i) => `${rsIdent(c.name)} = ${bound(c, p.add(k[i]))}`).join(' AND ')})`)
  return { text: `SELECT ${selectColumns(t)} FROM ${rsTableRef(t)} WHERE (${any.join(' OR ')})${filterOf(t, 'AND')}`, values: p.values }
}

function keyOrder(t: SideTable): string {
  return t.columns.slice(0, t.keyLength).map((c) => rsIdent(c.name)).join(', ')
}

/** Every `step`-th key in key order inside the range: split points for bisection. */
export function redshiftSplitPointsQuery(t: SideTable, r: KeyRange, step: number): RsQuery {
  const p = new RsParams()
  const where = redshiftRangeWhere(t, r, p)
  const keys = t.columns.slice(0, t.keyLength)
  const stepParam = p.add(Math.max(1, Math.trunc(step)))
  return {
    text:
      `SELECT ${keys.map((_, i) => `c${i}`).join(', ')} FROM (SELECT ${selectColumns(t, t.keyLength)}, ROW_NUMBER() OVER (ORDER BY ${keyOrder(t)}) AS rn ` +
      `FROM ${rsTableRef(t)} WHERE ${where}) q WHERE MOD(rn, ${stepParam}) = 0 ORDER BY rn`,
    values: p.values,
  }
}

/**
 * Level-0 bounds: the first leading-key value of each NTILE of the table. Redshift keeps no
 * histogram to read and cannot sample pages, so this is one scan of the key column (columnar:
 * only that column is read).
 */
export function redshiftTileBoundsQuery(t: SideTable, segments: number): RsQuery {
  const lead = t.columns[0]!
  const k = rsIdent(lead.name)
  const first = redshiftCanonicalExpr('MIN(k)', lead.type) ?? 'MIN(k)'
  return {
    text: `SELECT ${first} AS c0 FROM (SELECT ${k} AS k, NTILE(${Math.max(1, Math.trunc(segments))}) OVER (ORDER BY ${k}) AS tile FROM ${rsTableRef(t)}${filterOf(t, 'WHERE')}) q GROUP BY tile ORDER BY MIN(k)`,
    values: [],
  }
}

export function redshiftBucketChecksumsQuery(t: SideTable, buckets: number): RsQuery {
  return {
    text:
      `SELECT ${bucketExpr('m', '$1')} AS b, COUNT(*) AS n, CAST(SUM(${redshiftRowHashExpr('m')}) AS DECIMAL(38,0)) AS s ` +
      `FROM (SELECT MD5(${redshiftLineExpr(t)}) AS m FROM ${rsTableRef(t)}${filterOf(t, 'WHERE')}) q GROUP BY 1`,
    values: [buckets],
  }
}

export function redshiftBucketRowsQuery(t: SideTable, buckets: number, which: readonly number[]): RsQuery {
  const list = which.map((b) => String(Math.trunc(b))).join(', ')
  return {
    text: `SELECT ${selectColumns(t)} FROM ${rsTableRef(t)} WHERE ${bucketExpr(`MD5(${redshiftLineExpr(t)})`, '$1')} IN (${list || 'NULL'})${filterOf(t, 'AND')}`,
    values: [buckets],
  }
}

/** Kinds whose sum is exact and order-independent. */
const SUMMABLE = new Set(['int', 'decimal'])

export function redshiftAggregatesQuery(t: SideTable, columns: readonly number[]): RsQuery {
  const items = columns.flatMap((i) => {
    const c = t.columns[i]!
    const x = rsIdent(c.name)
    return [
      `COUNT(*) - COUNT(${x}) AS n${i}`,
      SUMMABLE.has(c.type.kind) ? `${trimmedFraction(`CAST(SUM(${x}) AS VARCHAR(64))`)} AS s${i}` : `NULL AS s${i}`,
      `${redshiftCanonicalExpr(`MIN(${x})`, c.type) ?? `MIN(${x})`} AS lo${i}`,
      `${redshiftCanonicalExpr(`MAX(${x})`, c.type) ?? `MAX(${x})`} AS hi${i}`,
    ]
  })
  return { text: `SELECT ${items.join(', ')} FROM ${rsTableRef(t)}${filterOf(t, 'WHERE')}`, values: [] }
}

export function redshiftRowCountQuery(t: SideTable): RsQuery {
  return { text: `SELECT COUNT(*) AS n FROM ${rsTableRef(t)}${filterOf(t, 'WHERE')}`, values: [] }
}
