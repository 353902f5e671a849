import type { KeyBound, KeyRange } from '../../model/key-range.js'
import type { LogicalType } from '../../model/logical-type.js'
import type { SideColumn, SideTable } from '../../validate/side-table.js'
import { lexicographicComparison } from '../key-comparison-sql.js'

/**
 * The SQL Oracle runs for validation: the same canonical text (src/values/canonical-text.ts) and
 * the same row hash as PostgreSQL's (src/engines/postgres/pg-checksum-sql.ts), so checksums of
 * the two engines compare. Run after ORACLE_VALIDATION_SESSION: conversions below rely on
 * '.' as decimal separator, UTC, and binary (byte-order) comparison of text keys.
 *
 * Oracle traps handled here: `'a' || NULL` is `'a'` (so NULL is tested before concatenating);
 * `''` is NULL (so Oracle rows carry NULL where PostgreSQL may hold ''); TO_CHAR(x,'TM9') writes
 * `.71` (a leading 0 is added); DATE has no fraction (cast to TIMESTAMP first); RAWTOHEX is upper
 * case. Types without an exact SQL rendering (BINARY_FLOAT/DOUBLE, LOBs, INTERVAL, JSON, XML)
 * return undefined: such tables are hashed client-side (src/validate/client-hash.ts).
 */
export const ORACLE_VALIDATION_SESSION = [
  "ALTER SESSION SET NLS_NUMERIC_CHARACTERS = '.,'",
  "ALTER SESSION SET TIME_ZONE = 'UTC'",
  "ALTER SESSION SET NLS_DATE_FORMAT = 'YYYY-MM-DD HH24:MI:SS'",
  "ALTER SESSION SET NLS_TIMESTAMP_FORMAT = 'YYYY-MM-DD HH24:MI:SS.FF6'",
  "ALTER SESSION SET NLS_TIMESTAMP_TZ_FORMAT = 'YYYY-MM-DD HH24:MI:SS.FF6 TZH:TZM'",
  'ALTER SESSION SET NLS_SORT = BINARY',
  'ALTER SESSION SET NLS_COMP = BINARY',
]

export function oracleIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

export function oracleTableRef(t: Pick<SideTable, 'schema' | 'name'>, scn?: string): string {
  return `${oracleIdent(t.schema)}.${oracleIdent(t.name)}${scn === undefined ? '' : ` AS OF SCN ${scn.replace(/\D/g, '')}`}`
}

const TIMESTAMP_MASK = "'YYYY-MM-DD HH24:MI:SS.FF6'"

/** 'YYYY-MM-DD HH24:MI:SS.ffffff' with the fraction's trailing zeros (and a bare '.') trimmed. */
function timestampText(ts: string): string {
  return `RTRIM(RTRIM(TO_CHAR(${ts}, ${TIMESTAMP_MASK}), '0'), '.')`
}

/** Canonical text of a column, NULL staying NULL; undefined when Oracle cannot render it exactly. */
export function oracleCanonicalExpr(x: string, type: LogicalType, nativeType: string): string | undefined {
  const native = nativeType.toUpperCase()
  const bc = (v: string) => `CASE WHEN ${v} < DATE '0001-01-01' THEN ' BC' END`
  switch (type.kind) {
    case 'int':
      return `TO_CHAR(${x}, 'TM9')`
    case 'decimal':
      // TM9 is the minimal text but writes .71 and -.71.
      return `REGEXP_REPLACE(TO_CHAR(${x}, 'TM9'), '^(-?)\\.', '\\10.')`
    case 'text':
      if (native.includes('CLOB')) return undefined
      return type.fixed ? `RTRIM(${native.startsWith('N') ? `TO_CHAR(${x})` : x}, ' ')` : native.startsWith('N') ? `TO_CHAR(${x})` : x
    case 'binary':
      return native.includes('BLOB') ? undefined : `NVL2(${x}, '\\x' || LOWER(RAWTOHEX(${x})), NULL)`
    case 'date':
      return `NVL2(${x}, TO_CHAR(${x}, 'YYYY-MM-DD') || ${bc(x)}, NULL)`
    case 'timestamp': {
      const ts = type.tz === 'none' ? `CAST(${x} AS TIMESTAMP)` : `SYS_EXTRACT_UTC(${x})`
      return `NVL2(${x}, ${timestampText(ts)} || ${bc(`CAST(${ts} AS DATE)`)}, NULL)`
    }
    case 'boolean':
      return native === 'BOOLEAN' ? `CASE WHEN ${x} THEN 't' WHEN NOT ${x} THEN 'f' END` : `CASE ${x} WHEN 1 THEN 't' WHEN 0 THEN 'f' END`
    case 'rowid':
      return `ROWIDTOCHAR(${x})`
    // Floats, LOBs, intervals, JSON, XML and objects have no exact text in Oracle SQL: hashed in Node.
    case 'float':
    case 'clob':
    case 'interval':
    case 'json':
    case 'xml':
    case 'time':
    case 'user-defined':
    case 'unsupported':
      return undefined
  }
}

/** Whether every compared column has an exact SQL rendering, so checksums can be pushed down. */
export function oracleCanPushDown(t: SideTable): boolean {
  return t.columns.every((c) => oracleCanonicalExpr('x', c.type, c.nativeType) !== undefined)
}

function escaped(text: string, type: LogicalType): string {
  // Binary too: its `\x` prefix is escaped to `\\x` in PostgreSQL's line and in Node's.
  if (type.kind !== 'text' && type.kind !== 'rowid' && type.kind !== 'binary') return text
  return `REPLACE(REPLACE(REPLACE(REPLACE(${text}, '\\', '\\\\'), CHR(9), '\\t'), CHR(10), '\\n'), CHR(13), '\\r')`
}

function lineField(c: SideColumn): string {
  const column = oracleIdent(c.name)
  const text = oracleCanonicalExpr(column, c.type, c.nativeType)
  if (text === undefined) throw new Error(`no Oracle canonical expression for ${c.name} (${c.nativeType}): hash this table client-side`)
  // NULL is decided on the column, not on its text: an all-blank CHAR trims to Oracle's '' (= NULL),
  // which concatenates as the empty field PostgreSQL writes for it.
  return `CASE WHEN ${column} IS NULL THEN '\\N' ELSE ${escaped(text, c.type)} END`
}

/** The row's canonical line. VARCHAR2 concatenation is limited to 4000 bytes (32767 with MAX_STRING_SIZE=EXTENDED); wider rows need client-side hashing. */
export function oracleLineExpr(t: SideTable): string {
  return t.columns.map(lineField).join(' || CHR(9) || ')
}

function hashHex(t: SideTable): string {
  return `RAWTOHEX(STANDARD_HASH(${oracleLineExpr(t)}, 'MD5'))`
}

/** First 8 bytes of md5(line), unsigned; sums are compared modulo 2^64, so this matches PostgreSQL's signed reading. */
function rowHashExpr(hex: string): string {
  return `TO_NUMBER(SUBSTR(${hex}, 1, 16), 'XXXXXXXXXXXXXXXX')`
}

function bucketExpr(hex: string): string {
  return `MOD(TO_NUMBER(SUBSTR(${hex}, 1, 8), 'XXXXXXXX'), :buckets)`
}

/** Named binds, in the driver's `{ name: value }` form. */
export class OracleBinds {
  readonly values: Record<string, string> = {}
  add(v: string): string {
    const name = `b${Object.keys(this.values).length}`
    this.values[name] = v
    return `:${name}`
  }
}

/** A canonical-text bound read back as the column's Oracle type. */
function boundValue(c: SideColumn, bind: string): string {
  switch (c.type.kind) {
    case 'int':
    case 'decimal':
      return `TO_NUMBER(${bind})`
    case 'date':
      return `TO_DATE(${bind}, 'YYYY-MM-DD')`
    case 'timestamp':
      return c.nativeType.toUpperCase() === 'DATE' ? `TO_DATE(SUBSTR(${bind}, 1, 19), 'YYYY-MM-DD HH24:MI:SS')` : `TO_TIMESTAMP(${bind}, 'YYYY-MM-DD HH24:MI:SS.FF')`
    case 'binary':
      return `HEXTORAW(SUBSTR(${bind}, 3))`
    case 'float':
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
      return bind
  }
}

/** `key >= bound` / `key < bound` on the bound's prefix of the key (see lexicographicComparison). */
function boundComparison(t: SideTable, bound: KeyBound, op: '>=' | '<', b: OracleBinds): string {
  const cols = t.columns.slice(0, bound.length)
  return lexicographicComparison(cols.map((c, i) => ({ column: oracleIdent(c.name), value: boundValue(c, b.add(bound[i]!)) })), op)
}

export function oracleRangeWhere(t: SideTable, r: KeyRange | undefined, b: OracleBinds): string {
  const parts: string[] = []
  if (r?.lower) parts.push(boundComparison(t, r.lower, '>=', b))
  if (r?.upper) parts.push(boundComparison(t, r.upper, '<', b))
  if (t.where) parts.push(`(${t.where})`)
  return parts.length === 0 ? '1 = 1' : parts.join(' AND ')
}

export interface OracleQuery {
  readonly sql: string
  readonly binds: Record<string, string>
}

export function oracleSegmentChecksumQuery(t: SideTable, r: KeyRange, scn?: string): OracleQuery {
  const b = new OracleBinds()
  const where = oracleRangeWhere(t, r, b)
  return {
    sql: `SELECT COUNT(*) AS N, TO_CHAR(SUM(${rowHashExpr(hashHex(t))})) AS S FROM ${oracleTableRef(t, scn)} WHERE ${where}`,
    binds: b.values,
  }
}

function canonicalColumns(t: SideTable, count = t.columns.length): string {
  return t.columns
    .slice(0, count)
    .map((c, i) => `${oracleCanonicalExpr(oracleIdent(c.name), c.type, c.nativeType) ?? oracleIdent(c.name)} AS C${i}`)
    .join(', ')
}

export function oracleRowsQuery(t: SideTable, r: KeyRange, scn?: string): OracleQuery {
  const b = new OracleBinds()
  const where = oracleRangeWhere(t, r, b)
  return { sql: `SELECT ${canonicalColumns(t)} FROM ${oracleTableRef(t, scn)} WHERE ${where}`, binds: b.values }
}

/** The row with this full key (canonical texts), read fresh for a re-check. */
export function oracleRowByKeyQuery(t: SideTable, key: KeyBound): OracleQuery {
  const b = new OracleBinds()
  const cols = t.columns.slice(0, t.keyLength)
  const where = cols.map((c, i) => `${oracleIdent(c.name)} = ${boundValue(c, b.add(key[i]!))}`).join(' AND ')
  return { sql: `SELECT ${canonicalColumns(t)} FROM ${oracleTableRef(t)} WHERE ${where}${t.where ? ` AND (${t.where})` : ''}`, binds: b.values }
}

export function oracleSplitPointsQuery(t: SideTable, r: KeyRange, step: number, scn?: string): OracleQuery {
  const b = new OracleBinds()
  const where = oracleRangeWhere(t, r, b)
  const keys = t.columns.slice(0, t.keyLength)
  const order = keys.map((c) => oracleIdent(c.name)).join(', ')
  const keyTexts = keys.map((c, i) => `${oracleCanonicalExpr(oracleIdent(c.name), c.type, c.nativeType)} AS C${i}`).join(', ')
  return {
    sql: `SELECT ${keys.map((_, i) => `C${i}`).join(', ')} FROM (SELECT ${keyTexts}, ROW_NUMBER() OVER (ORDER BY ${order}) AS RN FROM ${oracleTableRef(t, scn)} WHERE ${where}) WHERE MOD(RN, ${Math.max(1, Math.trunc(step))}) = 0 ORDER BY RN`,
    binds: b.values,
  }
}

/** Leading-key values of a block sample, NTILE'd into `segments` parts: level-0 bounds without a full sort. */
export function oracleSampledBoundsQuery(t: SideTable, percent: number, segments: number, scn?: string): OracleQuery {
  const lead = t.columns[0]!
  const k = oracleIdent(lead.name)
  const sample = percent >= 100 ? '' : ` SAMPLE BLOCK (${Math.max(0.000001, percent)})`
  const filter = t.where ? ` WHERE (${t.where})` : ''
  // AS OF and SAMPLE cannot both apply to one table reference; the sample only places bounds.
  const from = scn === undefined || sample === '' ? `${oracleTableRef(t, scn)}${sample}` : `${oracleTableRef(t)}${sample}`
  return {
    sql: `SELECT ${oracleCanonicalExpr('MIN(K)', lead.type, lead.nativeType)} AS C0 FROM (SELECT ${k} AS K, NTILE(${Math.max(1, Math.trunc(segments))}) OVER (ORDER BY ${k}) AS T FROM ${from}${filter}) GROUP BY T ORDER BY MIN(K)`,
    binds: {},
  }
}

export function oracleBucketChecksumsQuery(t: SideTable, buckets: number, scn?: string): OracleQuery {
  const filter = t.where ? ` WHERE (${t.where})` : ''
  return {
    sql: `SELECT B, COUNT(*) AS N, TO_CHAR(SUM(H)) AS S FROM (SELECT ${bucketExpr('M')} AS B, ${rowHashExpr('M')} AS H FROM (SELECT ${hashHex(t)} AS M FROM ${oracleTableRef(t, scn)}${filter})) GROUP BY B`,
    binds: { buckets: String(buckets) },
  }
}

export function oracleBucketRowsQuery(t: SideTable, buckets: number, which: readonly number[], scn?: string): OracleQuery {
  const filter = t.where ? ` AND (${t.where})` : ''
  const list = which.map((b) => String(Math.trunc(b))).join(', ')
  return {
    sql: `SELECT ${canonicalColumns(t)} FROM ${oracleTableRef(t, scn)} WHERE ${bucketExpr(hashHex(t))} IN (${list})${filter}`,
    binds: { buckets: String(buckets) },
  }
}

export function oracleRowCountQuery(t: SideTable, scn?: string): OracleQuery {
  const filter = t.where ? ` WHERE (${t.where})` : ''
  return { sql: `SELECT COUNT(*) AS N FROM ${oracleTableRef(t, scn)}${filter}`, binds: {} }
}

/** The SCN validation reads at: with flashback (AS OF SCN) every segment sees the same moment. */
export const ORACLE_CURRENT_SCN = 'SELECT TO_CHAR(DBMS_FLASHBACK.GET_SYSTEM_CHANGE_NUMBER) AS SCN FROM DUAL'
