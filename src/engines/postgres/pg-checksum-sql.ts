import pg from 'pg'
import type { KeyBound, KeyRange } from '../../model/key-range.js'
import type { LogicalType } from '../../model/logical-type.js'
import type { SideColumn, SideTable } from '../../validate/side-table.js'

/**
 * The SQL PostgreSQL runs for validation. Every expression renders the canonical text of
 * src/values/canonical-text.ts, so a checksum computed here equals one computed in Node from the
 * same rows. Run on a session set up by PG_VALIDATION_SESSION (ISO dates, UTC, shortest floats,
 * ISO intervals, hex bytea): the `::text` casts below rely on it.
 */
export const PG_VALIDATION_SESSION = [
  "SET DateStyle = 'ISO, YMD'",
  "SET IntervalStyle = 'iso_8601'",
  "SET TimeZone = 'UTC'",
  'SET extra_float_digits = 1',
  "SET bytea_output = 'hex'",
  // Parallelism comes from running --jobs segments at once. A parallel plan per segment costs
  // a worker start-up each (tens of ms), more than hashing a bisected segment of a few thousand
  // rows takes, and the row-comparison estimates that choose it are poor.
  'SET max_parallel_workers_per_gather = 0',
]

export const ident = (name: string): string => pg.escapeIdentifier(name)

export function tableRef(t: Pick<SideTable, 'schema' | 'name'>): string {
  return `${ident(t.schema)}.${ident(t.name)}`
}

/** Canonical text of a column, before COPY escaping; NULL stays NULL. */
export function pgCanonicalExpr(x: string, type: LogicalType): string {
  switch (type.kind) {
    case 'decimal':
      // numeric::text keeps the scale (1.50); trim_scale gives the minimal form (1.5).
      return `trim_scale(${x})::text`
    case 'boolean':
      return `CASE WHEN ${x} THEN 't' WHEN NOT ${x} THEN 'f' END`
    case 'timestamp':
      // A zone-aware value is compared as its UTC instant; the session zone is UTC.
      return type.tz === 'none' ? `${x}::text` : `(${x} AT TIME ZONE 'UTC')::text`
    case 'json':
      return `${x}::jsonb::text`
    case 'int':
    case 'float':
    case 'date':
    case 'time':
    case 'text':
    case 'clob':
    case 'binary':
    case 'interval':
    case 'xml':
    case 'rowid':
    case 'user-defined':
    case 'unsupported':
      // int, float (shortest round-trip with extra_float_digits=1), date, time (trailing zeros
      // dropped), text (bpchar::text drops the padding), bytea (\x hex), interval (ISO 8601),
      // and other types' own output.
      return `${x}::text`
  }
}

/** Kinds whose canonical text can hold a backslash, TAB, LF or CR, so need COPY escaping. */
function mayNeedEscaping(type: LogicalType): boolean {
  return !['int', 'decimal', 'float', 'date', 'timestamp', 'boolean', 'binary'].includes(type.kind)
}

/** The escaped canonical text of one column: what it contributes to the row's line. */
export function pgLineField(c: SideColumn): string {
  const x = ident(c.name)
  if (c.type.kind === 'binary') return `coalesce('\\' || ${x}::text, '\\N')` // '\x…' escaped is '\\x…'
  const text = pgCanonicalExpr(x, c.type)
  const escaped = mayNeedEscaping(c.type) ? `replace(replace(replace(replace(${text}, '\\', '\\\\'), E'\\t', '\\t'), E'\\n', '\\n'), E'\\r', '\\r')` : text
  return `coalesce(${escaped}, '\\N')`
}

/** The row's canonical line (src/validate/canonical-line.ts), built server-side. */
export function pgLineExpr(t: SideTable): string {
  return t.columns.map(pgLineField).join(` || E'\\t' || `)
}

/** First 8 bytes of md5(line) as a signed bigint; sums are compared modulo 2^64. */
export function pgRowHashExpr(md5Expr: string): string {
  return `('x' || substr(${md5Expr}, 1, 16))::bit(64)::bigint`
}

/** First 4 bytes of md5(line) as an unsigned number: the bucket of a keyless row. */
export function pgBucketExpr(md5Expr: string, bucketsParam: string): string {
  return `(('x' || substr(${md5Expr}, 1, 8))::bit(32)::bigint % ${bucketsParam})`
}

/**
 * The type a bound is cast to: the column's type without modifiers, so a bound from the other
 * side is never rounded or truncated by this side's precision (`character` alone is char(1)).
 */
export function boundCastType(nativeType: string): string {
  const base = nativeType.replace(/\(\d+(,\d+)?\)/g, '').replace(/\s+/g, ' ').trim()
  return base === 'character' ? 'bpchar' : base
}

/** A SQL fragment with numbered parameters, built up by appending. */
export class SqlParams {
  readonly values: unknown[] = []
  add(v: unknown): string {
    this.values.push(v)
    return `$${this.values.length}`
  }
}

export interface PredicateOptions {
  /** Compare text keys in byte order (COLLATE "C"), so both engines cut ranges at the same keys. */
  readonly byteOrder: boolean
}

function keyExpr(c: SideColumn, o: PredicateOptions): string {
  return o.byteOrder && c.type.kind === 'text' ? `${ident(c.name)} COLLATE "C"` : ident(c.name)
}

/**
 * `(k1, k2) >= ($1, $2)` on the bound's prefix of the key; row comparison is lexicographic. A
 * multi-column bound also gets the implied `k1 >= $1` (`k1 <= $1` for an upper bound): the
 * planner estimates a row comparison at about 5% of the table, which on a large table turns a
 * bisected segment of a few hundred rows into a sequential scan; the single-column range it
 * estimates from statistics.
 */
function boundComparison(t: SideTable, bound: KeyBound, op: '>=' | '<', p: SqlParams, o: PredicateOptions): string {
  const cols = t.columns.slice(0, bound.length)
  const left = cols.map((c) => keyExpr(c, o))
  const right = cols.map((c, i) => `${p.add(bound[i])}::${boundCastType(c.nativeType)}`)
  if (left.length === 1) return `${left[0]} ${op} ${right[0]}`
  return `(${left.join(', ')}) ${op} (${right.join(', ')}) AND ${left[0]} ${op === '>=' ? '>=' : '<='} ${right[0]}`
}

/** The WHERE clause of a key range plus the user's filter; `TRUE` when unbounded. */
export function rangeWhere(t: SideTable, r: KeyRange | undefined, p: SqlParams, o: PredicateOptions): string {
  const parts: string[] = []
  if (r?.lower) parts.push(boundComparison(t, r.lower, '>=', p, o))
  if (r?.upper) parts.push(boundComparison(t, r.upper, '<', p, o))
  if (t.where) parts.push(`(${t.where})`)
  return parts.length === 0 ? 'TRUE' : parts.join(' AND ')
}

export function keyOrderBy(t: SideTable, o: PredicateOptions): string {
  return t.columns.slice(0, t.keyLength).map((c) => keyExpr(c, o)).join(', ')
}

export interface Query {
  readonly text: string
  readonly values: unknown[]
}

export function segmentChecksumQuery(t: SideTable, r: KeyRange, o: PredicateOptions): Query {
  const p = new SqlParams()
  const where = rangeWhere(t, r, p, o)
  return {
    text: `SELECT count(*)::int8 AS n, sum(${pgRowHashExpr(`md5(${pgLineExpr(t)})`)})::text AS s FROM ${tableRef(t)} WHERE ${where}`,
    values: p.values,
  }
}

function canonicalColumns(t: SideTable, count = t.columns.length): string {
  return t.columns
    .slice(0, count)
    .map((c, i) => `${pgCanonicalExpr(ident(c.name), c.type)} AS c${i}`)
    .join(', ')
}

export function rowsQuery(t: SideTable, r: KeyRange, o: PredicateOptions): Query {
  const p = new SqlParams()
  const where = rangeWhere(t, r, p, o)
  return { text: `SELECT ${canonicalColumns(t)} FROM ${tableRef(t)} WHERE ${where}`, values: p.values }
}

/** Rows whose key is one of `keys` (full keys, canonical text), read fresh for a re-check. */
export function rowsByKeysQuery(t: SideTable, keys: readonly KeyBound[]): Query {
  const p = new SqlParams()
  const keyCols = t.columns.slice(0, t.keyLength)
  const arrays = keyCols.map((c, i) => `${p.add(keys.map((k) => k[i]))}::${boundCastType(c.nativeType)}[]`)
  const tuple = keyCols.map((c) => ident(c.name))
  const filter = t.where ? ` AND (${t.where})` : ''
  return {
    text: `SELECT ${canonicalColumns(t)} FROM ${tableRef(t)} WHERE (${tuple.join(', ')}) IN (SELECT * FROM unnest(${arrays.join(', ')}))${filter}`,
    values: p.values,
  }
}

/** Every `step`-th key in key order inside the range: split points for bisection. */
export function splitPointsQuery(t: SideTable, r: KeyRange, step: number, o: PredicateOptions): Query {
  const p = new SqlParams()
  const where = rangeWhere(t, r, p, o)
  const keys = t.columns.slice(0, t.keyLength).map((c) => ident(c.name))
  const stepParam = p.add(step)
  return {
    text:
      `SELECT ${canonicalColumns(t, t.keyLength)} FROM (SELECT ${keys.join(', ')}, row_number() OVER (ORDER BY ${keyOrderBy(t, o)}) AS rn ` +
      `FROM ${tableRef(t)} WHERE ${where}) s WHERE rn % ${stepParam} = 0 ORDER BY rn`,
    values: p.values,
  }
}

/**
 * The leading key column's histogram bounds from pg_stats (no table scan), as canonical text in
 * key order. Empty when the table was never analyzed.
 */
export function histogramBoundsQuery(t: SideTable, o: PredicateOptions): Query {
  const lead = t.columns[0]!
  const v = o.byteOrder && lead.type.kind === 'text' ? 'v COLLATE "C"' : 'v'
  return {
    text:
      `SELECT ${pgCanonicalExpr('v', lead.type)} AS c0 FROM unnest((SELECT histogram_bounds::text::${boundCastType(lead.nativeType)}[] ` +
      `FROM pg_stats WHERE schemaname = $1 AND tablename = $2 AND attname = $3 LIMIT 1)) AS u(v) ORDER BY ${v}`,
    values: [t.schema, t.name, lead.name],
  }
}

/** Leading key values of a page sample (TABLESAMPLE SYSTEM), in key order: bounds when there are no statistics. */
export function sampledBoundsQuery(t: SideTable, percent: number, o: PredicateOptions): Query {
  const lead = t.columns[0]!
  const k = keyExpr(lead, o)
  const filter = t.where ? ` WHERE (${t.where})` : ''
  return {
    text: `SELECT ${pgCanonicalExpr(ident(lead.name), lead.type)} AS c0 FROM ${tableRef(t)} TABLESAMPLE SYSTEM (${percent})${filter} ORDER BY ${k}`,
    values: [],
  }
}

export function bucketChecksumsQuery(t: SideTable, buckets: number): Query {
  const filter = t.where ? ` WHERE (${t.where})` : ''
  return {
    text:
      `SELECT b, count(*)::int8 AS n, sum(h)::text AS s FROM (SELECT ${pgBucketExpr('m', '$1')} AS b, ${pgRowHashExpr('m')} AS h ` +
      `FROM (SELECT md5(${pgLineExpr(t)}) AS m FROM ${tableRef(t)}${filter}) x) y GROUP BY b`,
    values: [buckets],
  }
}

export function bucketRowsQuery(t: SideTable, buckets: number, which: readonly number[]): Query {
  const filter = t.where ? ` AND (${t.where})` : ''
  return {
    text: `SELECT ${canonicalColumns(t)} FROM ${tableRef(t)} WHERE ${pgBucketExpr(`md5(${pgLineExpr(t)})`, '$1')} = ANY($2::int8[])${filter}`,
    values: [buckets, which],
  }
}

/** Kinds whose sum is exact and order-independent (floats are not: their sums depend on order). */
const SUMMABLE = new Set(['int', 'decimal'])

export function aggregatesQuery(t: SideTable, columns: readonly number[]): Query {
  const filter = t.where ? ` WHERE (${t.where})` : ''
  const items = columns.flatMap((i) => {
    const c = t.columns[i]!
    const x = ident(c.name)
    return [
      `count(*) - count(${x}) AS n${i}`,
      SUMMABLE.has(c.type.kind) ? `trim_scale(sum(${x}))::text AS s${i}` : `NULL AS s${i}`,
      `${pgCanonicalExpr(`min(${x})`, c.type)} AS lo${i}`,
      `${pgCanonicalExpr(`max(${x})`, c.type)} AS hi${i}`,
    ]
  })
  return { text: `SELECT ${items.join(', ')} FROM ${tableRef(t)}${filter}`, values: [] }
}

export function rowCountQuery(t: SideTable): Query {
  const filter = t.where ? ` WHERE (${t.where})` : ''
  return { text: `SELECT count(*)::int8 AS n FROM ${tableRef(t)}${filter}`, values: [] }
}

/** Raw column values as COPY text, for client-side hashing; COPY takes no parameters, so bounds are quoted literals. */
export function rawCopyQuery(t: SideTable, r: KeyRange | undefined, o: PredicateOptions): string {
  const p = new SqlParams()
  const where = rangeWhere(t, r, p, o)
  const inlined = where.replace(/\$(\d+)/g, (_, n: string) => pg.escapeLiteral(String(p.values[Number(n) - 1])))
  return `COPY (SELECT ${t.columns.map((c) => ident(c.name)).join(', ')} FROM ${tableRef(t)} WHERE ${inlined}) TO STDOUT`
}
