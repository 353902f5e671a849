import { UnsupportedConstructError } from '../../translate-context.js'
import type { Expr } from '../ast.js'
import type { ExprRule } from './index.js'
import { EMPTY_TEXT, args, binary, isOracleCall, num, oracleCall, pgCall, raw, str, stringValue, supportCall } from './build.js'
import { columnType, typeOf } from './scope.js'

/**
 * Other Oracle built-ins: those PostgreSQL spells differently, GREATEST/LEAST (NULL if any
 * argument is NULL in Oracle; PostgreSQL ignores NULLs), and those without a counterpart, which
 * are reported rather than passed through to fail at run time.
 */

export const greatestLeast: ExprRule = (e) => {
  if (!isOracleCall(e, 'GREATEST', 'LEAST')) return undefined
  const values = args(e)
  const anyNull = values.map((v): Expr => ({ kind: 'is-null', negated: false, expr: v })).reduce((a, b) => binary('OR', a, b))
  return { kind: 'case', whens: [{ when: anyNull, then: { kind: 'null' } }], otherwise: pgCall(e.name[0]!.toLowerCase(), ...values) }
}

/** BITAND works on integers; Oracle NUMBER arguments become bigint. */
const bitand: ExprRule = (e) => {
  if (!isOracleCall(e, 'BITAND')) return undefined
  const [a, b] = args(e)
  if (!a || !b) return undefined
  const bits: Expr = { kind: 'binary', op: '&', left: { kind: 'pg-cast', expr: a, type: 'bigint' }, right: { kind: 'pg-cast', expr: b, type: 'bigint' }, target: true }
  return { kind: 'pg-cast', expr: bits, type: 'numeric' }
}

const RENAMED: Readonly<Record<string, string>> = { NLS_UPPER: 'upper', NLS_LOWER: 'lower', NLS_INITCAP: 'initcap', TO_NCHAR: 'text' }

const renamed: ExprRule = (e) => {
  const call = oracleCall(e)
  const name = call && RENAMED[call.name[0]!]
  if (!call || !name) return undefined
  const [value, nlsSort] = args(call)
  // NLS_SORT = BINARY is plain case mapping; a linguistic sort (XGERMAN: ß → SS) is not PostgreSQL's.
  if (nlsSort && !/^NLS_SORT\s*=\s*BINARY$/i.test(stringValue(nlsSort)?.trim() ?? '')) throw new UnsupportedConstructError(`${call.name[0]} with an NLS_SORT argument: PostgreSQL's case mapping follows the database's collation, not a named linguistic sort`, call.at, 'UNSUPPORTED_FUNCTION')
  return value && (name === 'text' ? { kind: 'pg-cast', expr: value, type: 'text' } : pgCall(name, value))
}

const lobs: ExprRule = (e) => {
  if (isOracleCall(e, 'TO_CLOB', 'TO_NCLOB')) return e.args[0] && { kind: 'pg-cast', expr: e.args[0].value, type: 'text' }
  // An empty LOB is not NULL in Oracle: it is a zero-length value.
  if (isOracleCall(e, 'EMPTY_CLOB')) return raw("''::text")
  if (isOracleCall(e, 'EMPTY_BLOB')) return raw("'\\x'::bytea")
  if (isOracleCall(e, 'SYS_GUID')) return raw("decode(replace(gen_random_uuid()::text, '-', ''), 'hex')")
  return undefined
}

/** UTL_RAW casts between text and bytes: the database encoding is UTF-8. */
const utlRaw: ExprRule = (e) => {
  if (e.kind !== 'call' || e.target || e.name.length !== 2 || e.name[0] !== 'UTL_RAW') return undefined
  const [value] = args(e)
  if (!value) return undefined
  if (e.name[1] === 'CAST_TO_RAW') return pgCall('convert_to', value, str('UTF8'))
  if (e.name[1] === 'CAST_TO_VARCHAR2') return pgCall('convert_from', value, str('UTF8'))
  throw new UnsupportedConstructError(`UTL_RAW.${e.name[1]}`, e.at, 'UNSUPPORTED_FUNCTION')
}

/**
 * XMLTYPE(text), XMLTYPE.CREATEXML(text) (OE's warehouse_spec): parsing text into an XML value,
 * PostgreSQL's cast to xml (it takes a leading <?xml …?> declaration too).
 */
const xmlType: ExprRule = (e) => {
  if (e.kind !== 'call' || e.target || e.args.length !== 1) return undefined
  const n = e.name.join('.')
  if (n !== 'XMLTYPE' && n !== 'XMLTYPE.CREATEXML' && n !== 'SYS.XMLTYPE.CREATEXML' && n !== 'SYS.XMLTYPE') return undefined
  return { kind: 'pg-cast', expr: e.args[0]!.value, type: 'xml' }
}

/** XMLType's getClobVal() / getStringVal(): the document as text; other object methods have no counterpart. */
const objectMethod: ExprRule = (e) => {
  if (e.kind !== 'call' || !e.method || e.target) return undefined
  const [receiver] = args(e)
  if ((e.name[0] === 'GETCLOBVAL' || e.name[0] === 'GETSTRINGVAL') && e.args.length === 1) return { kind: 'pg-cast', expr: { kind: 'pg-cast', expr: receiver!, type: 'xml' }, type: 'text' }
  throw new UnsupportedConstructError(`object method ${e.name[0]}(): PostgreSQL values have no methods; call a function on the value`, e.at, 'UNSUPPORTED_FUNCTION')
}

/** XMLAGG(x [ORDER BY …]) concatenates the non-null XML values as PostgreSQL's xmlagg does; NULL over no rows in both. */
const xmlAgg: ExprRule = (e) => (isOracleCall(e, 'XMLAGG') && e.args.length === 1 && !e.over ? { ...e, name: ['xmlagg'], target: true } : undefined)

/**
 * Datetime content of XMLELEMENT is printed in XML Schema form by both, but PostgreSQL writes a
 * DATE (a timestamp there) with its time of day: said once per element, the element unchanged.
 */
const xmlDatetimeContent: ExprRule = (e, rc) => {
  if (e.kind !== 'xml-element') return undefined
  const datetimes = [...e.content, ...e.attributes.map((a) => a.value)].filter((x) => ['date', 'timestamp'].includes(typeOf(x, rc) ?? ''))
  if (datetimes.length > 0) rc.g.findings.push({ code: 'XML_DATETIME_FORMAT', severity: 'warning', object: rc.g.object, message: `XMLELEMENT("${e.name}", …): a DATE value prints as an xs:dateTime with its time of day in PostgreSQL; Oracle may print an xs:date`, at: e.at })
  return undefined
}

/** MOD(n, 0) is n in Oracle; PostgreSQL's mod raises division_by_zero. */
const mod: ExprRule = (e) => {
  if (!isOracleCall(e, 'MOD') || e.args.length !== 2) return undefined
  const [n, m] = args(e) as [Expr, Expr]
  if (m.kind === 'number' && Number(m.value) !== 0) return pgCall('mod', n, m)
  return { kind: 'case', whens: [{ when: binary('=', m, num(0)), then: n }], otherwise: pgCall('mod', n, m) }
}

/** NANVL(n, alt): alt when n is NaN (a BINARY_FLOAT/DOUBLE). */
const nanvl: ExprRule = (e) => {
  if (!isOracleCall(e, 'NANVL') || e.args.length !== 2) return undefined
  const [n, alt] = args(e) as [Expr, Expr]
  return { kind: 'case', whens: [{ when: { kind: 'binary', op: '=', left: n, right: raw("'NaN'::float8"), target: true }, then: alt }], otherwise: n }
}

/** REMAINDER(n, m): n - m * (n / m rounded to the nearest integer, ties to even), a support function. */
const remainder: ExprRule = (e, rc) => {
  if (!isOracleCall(e, 'REMAINDER') || e.args.length !== 2) return undefined
  return supportCall(rc, 'remainder', ...args(e))
}

/** NCHR(n) and CHR(n USING NCHAR_CS): the database is UTF-8, so both are chr(n). */
const nationalChr: ExprRule = (e) => {
  if (isOracleCall(e, 'NCHR') && e.args.length === 1) return pgCall('chr', e.args[0]!.value)
  if (isOracleCall(e, 'CHR') && e.using && e.args.length === 1) return pgCall('chr', e.args[0]!.value)
  return undefined
}

/** SOUNDEX: fuzzystrmatch's soundex (a standard extension the output creates); Oracle has no empty string. */
const soundex: ExprRule = (e, rc) => {
  if (!isOracleCall(e, 'SOUNDEX') || e.args.length !== 1) return undefined
  rc.g.support.add('extension:fuzzystrmatch')
  return pgCall('nullif', pgCall('soundex', e.args[0]!.value), EMPTY_TEXT)
}

/** STATS_MODE(x): the most frequent value, PostgreSQL's mode() ordered-set aggregate. */
const statsMode: ExprRule = (e) => {
  if (!isOracleCall(e, 'STATS_MODE') || e.args.length !== 1 || e.over) return undefined
  return { kind: 'call', name: ['mode'], args: [], withinGroup: [{ expr: e.args[0]!.value }], target: true }
}

/**
 * STANDARD_HASH(x [, 'SHA1'|'SHA256'|'SHA384'|'SHA512'|'MD5']): the digest of the UTF-8 text as
 * bytea (Oracle's RAW). SHA-1 comes from pgcrypto; the SHA-2 family is built in. Oracle hashes
 * a number or date by its internal bytes, which PostgreSQL cannot reproduce: those are refused.
 */
const standardHash: ExprRule = (e, rc) => {
  if (!isOracleCall(e, 'STANDARD_HASH') || e.args.length < 1 || e.args.length > 2) return undefined
  const [value, method] = args(e)
  const algorithm = method === undefined ? 'SHA1' : stringValue(method)?.toUpperCase()
  const t = value!.kind === 'column' ? columnType(value!.path, rc) : undefined
  if (value!.kind !== 'string' && !(t && /CHAR|CLOB/.test(t.name))) throw new UnsupportedConstructError('STANDARD_HASH of a value that is not known to be character data: Oracle hashes its internal bytes', e.at, 'UNSUPPORTED_FUNCTION')
  const bytes = pgCall('convert_to', value!, str('UTF8'))
  switch (algorithm) {
    case 'SHA1':
      rc.g.support.add('extension:pgcrypto')
      return pgCall('digest', bytes, str('sha1'))
    case 'SHA256':
    case 'SHA384':
    case 'SHA512':
      return pgCall(algorithm.toLowerCase(), bytes)
    case 'MD5':
      return pgCall('decode', pgCall('md5', bytes), str('hex'))
    default:
      throw new UnsupportedConstructError(`STANDARD_HASH method ${algorithm ?? '(not a literal)'}`, e.at, 'UNSUPPORTED_FUNCTION')
  }
}

/**
 * ORA_HASH(x [, max_bucket [, seed]]): a bucket in 0..max_bucket, from PostgreSQL's own hash
 * (hashtextextended) of the value's text. The buckets differ from Oracle's, so it is a warning:
 * right for sampling and partitioning by hash, wrong where stored Oracle hash values are compared.
 */
const oraHash: ExprRule = (e, rc) => {
  if (!isOracleCall(e, 'ORA_HASH') || e.args.length < 1 || e.args.length > 3) return undefined
  const [value, maxBucket, seed] = args(e)
  rc.g.findings.push({ code: 'HASH_VALUES_DIFFER', severity: 'warning', object: rc.g.object, message: "ORA_HASH became PostgreSQL's hashtextextended: same bucket range, different bucket for a given value than Oracle's", at: e.at })
  const hash: Expr = pgCall('hashtextextended', { kind: 'pg-cast', expr: value!, type: 'text' }, seed ?? num(0))
  const positive: Expr = { kind: 'binary', op: '&', left: hash, right: raw('9223372036854775807'), target: true }
  const buckets: Expr = { kind: 'binary', op: '+', left: { kind: 'pg-cast', expr: maxBucket ?? num(4294967295), type: 'bigint' }, right: num(1), target: true }
  return pgCall('mod', positive, buckets)
}

const BITMAP_BUCKETS = "Oracle does not document the bucket size that maps a number to a bitmap bucket and bit, so no PostgreSQL arithmetic can be shown to give the same values; the bitmap functions together compute COUNT(DISTINCT …): use that"
const APPROXIMATE = 'an approximate (sketch-based) aggregate: PostgreSQL has no sketches built in; use the exact aggregate (COUNT(DISTINCT …), percentile_cont …)'
const CHARACTER_UNITS = (unit: string) => `counts ${unit}, PostgreSQL counts characters (code points); rewrite it on octet_length/convert_to or the character functions`

/** Built-ins with no PostgreSQL counterpart worth guessing at, and why. */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  USERENV: 'use SYS_CONTEXT(\'USERENV\', …) or PostgreSQL\'s session functions',
  DUMP: "shows Oracle's internal representation",
  VSIZE: "measures Oracle's internal representation",
  NLSSORT: 'linguistic sort keys: use a PostgreSQL collation (COLLATE)',
  CONVERT: 'converts between character sets: PostgreSQL text is always in the database encoding (convert_to/convert_from give bytes in another)',
  EXTRACTVALUE: "deprecated XML extraction: use PostgreSQL's xpath()",
  SYS_XMLGEN: 'generates XML from object instances',
  SYS_XMLAGG: 'aggregates XML with an Oracle format object: use xmlagg',
  DEREF: 'dereferences an object REF',
  POWERMULTISET: 'builds nested tables of nested tables',
  POWERMULTISET_BY_CARDINALITY: 'builds nested tables of nested tables',
  NEW_TIME: 'uses Oracle\'s fixed list of North American zone abbreviations: use AT TIME ZONE with a region name',
  TZ_OFFSET: 'returns an offset as text: use AT TIME ZONE',
  SCN_TO_TIMESTAMP: 'System Change Numbers are Oracle\'s',
  TIMESTAMP_TO_SCN: 'System Change Numbers are Oracle\'s',
  BITMAP_BUCKET_NUMBER: BITMAP_BUCKETS,
  BITMAP_BIT_POSITION: BITMAP_BUCKETS,
  BITMAP_CONSTRUCT_AGG: BITMAP_BUCKETS,
  BITMAP_OR_AGG: BITMAP_BUCKETS,
  BITMAP_COUNT: BITMAP_BUCKETS,
  APPROX_COUNT: APPROXIMATE,
  APPROX_COUNT_DISTINCT: APPROXIMATE,
  APPROX_COUNT_DISTINCT_AGG: APPROXIMATE,
  APPROX_COUNT_DISTINCT_DETAIL: APPROXIMATE,
  APPROX_MEDIAN: APPROXIMATE,
  APPROX_PERCENTILE: APPROXIMATE,
  APPROX_PERCENTILE_AGG: APPROXIMATE,
  APPROX_PERCENTILE_DETAIL: APPROXIMATE,
  APPROX_SUM: APPROXIMATE,
  TO_APPROX_COUNT_DISTINCT: APPROXIMATE,
  TO_APPROX_PERCENTILE: APPROXIMATE,
  SUBSTRB: CHARACTER_UNITS('bytes'),
  INSTRB: CHARACTER_UNITS('bytes'),
  SUBSTRC: CHARACTER_UNITS('Unicode complete characters (a base character with its combining marks)'),
  INSTRC: CHARACTER_UNITS('Unicode complete characters (a base character with its combining marks)'),
  LENGTHC: CHARACTER_UNITS('Unicode complete characters (a base character with its combining marks)'),
  SUBSTR2: CHARACTER_UNITS('UTF-16 code units'),
  INSTR2: CHARACTER_UNITS('UTF-16 code units'),
  LENGTH2: CHARACTER_UNITS('UTF-16 code units'),
}

const unsupported: ExprRule = (e) => {
  const call = oracleCall(e)
  const reason = call && UNSUPPORTED[call.name[0]!]
  if (call && reason) throw new UnsupportedConstructError(`${call.name[0]}: ${reason}`, call.at, 'UNSUPPORTED_FUNCTION')
  return undefined
}

/**
 * Nested tables are arrays in the output; COLLECT aggregates into one. CARDINALITY is NULL for an empty or a null nested
 * table in Oracle, where PostgreSQL's cardinality gives 0 for an empty array; SET keeps one of
 * each element (Oracle documents no order; sorted here, so results repeat), and a null nested
 * table stays null.
 */
const nestedTables: ExprRule = (e) => {
  if (isOracleCall(e, 'CARDINALITY') && e.args.length === 1) return pgCall('nullif', pgCall('cardinality', e.args[0]!.value), num(0))
  if (isOracleCall(e, 'COLLECT') && e.args.length === 1 && !e.over) {
    // An aggregate: nulls are skipped, and no rows (or only nulls) give NULL (SQL Language
    // Reference, "Aggregate Functions"); array_agg keeps nulls and gives NULL over no rows.
    const collected: Expr = { ...e, name: ['array_agg'], target: true }
    return pgCall('nullif', pgCall('array_remove', collected, { kind: 'null' }), raw("'{}'"))
  }
  if (!isOracleCall(e, 'SET') || e.args.length !== 1) return undefined
  const table = e.args[0]!.value
  const element: Expr = { kind: 'raw', sql: 'godwit_set.element' }
  const distinct: Expr = {
    kind: 'subquery',
    query: { kind: 'select', distinct: true, items: [{ expr: element }], from: [{ kind: 'function', calls: [pgCall('unnest', table)], alias: 'godwit_set', columns: ['element'] }], orderBy: [{ expr: element }], at: e.at ?? { file: '', line: 0, column: 0 } },
  }
  const array: Expr = { kind: 'call', name: ['ARRAY'], args: [{ value: distinct }], target: true }
  return { kind: 'case', whens: [{ when: { kind: 'is-null', negated: false, expr: table }, then: { kind: 'null' } }], otherwise: array }
}

/** SUBSTR4, INSTR4, LENGTH4 count UCS-4 code points, which is what PostgreSQL counts on a UTF-8 database. */
const codePointVariants: ExprRule = (e) => {
  const call = oracleCall(e)
  const base = call && { SUBSTR4: 'SUBSTR', INSTR4: 'INSTR', LENGTH4: 'LENGTH' }[call.name[0]!]
  return call && base ? { ...call, name: [base] } : undefined
}

export const builtinRules: readonly ExprRule[] = [objectMethod, codePointVariants, greatestLeast, bitand, mod, nanvl, remainder, nationalChr, soundex, statsMode, standardHash, oraHash, renamed, lobs, utlRaw, nestedTables, xmlType, xmlAgg, xmlDatetimeContent, unsupported]
