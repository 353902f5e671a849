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
  // NLS_UPPER(x, 'NLS_SORT=…'): the linguistic argument has no PostgreSQL counterpart.
  const [value] = args(call)
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

/** Built-ins with no PostgreSQL counterpart worth guessing at. */
const UNSUPPORTED = new Set(['USERENV', 'DUMP', 'VSIZE', 'NLSSORT', 'CONVERT', 'XMLFOREST', 'EXTRACTVALUE', 'SYS_XMLGEN', 'TREAT', 'DEREF', 'CARDINALITY', 'COLLECT', 'POWERMULTISET', 'SET', 'DECOMPOSE', 'COMPOSE', 'NEW_TIME', 'TZ_OFFSET', 'SCN_TO_TIMESTAMP', 'TIMESTAMP_TO_SCN', 'APPROX_COUNT_DISTINCT'])

const unsupported: ExprRule = (e) => {
  const call = oracleCall(e)
  if (call && UNSUPPORTED.has(call.name[0]!)) throw new UnsupportedConstructError(`Oracle function ${call.name[0]} has no PostgreSQL translation`, call.at, 'UNSUPPORTED_FUNCTION')
  return undefined
}

export const builtinRules: readonly ExprRule[] = [greatestLeast, bitand, mod, nanvl, remainder, nationalChr, soundex, statsMode, standardHash, oraHash, renamed, lobs, utlRaw, xmlType, xmlAgg, xmlDatetimeContent, unsupported]
