import { UnsupportedConstructError } from '../../translate-context.js'
import type { Expr } from '../ast.js'
import type { ExprRule } from './index.js'
import { args, binary, isOracleCall, oracleCall, pgCall, raw, str } from './build.js'

/**
 * Other Oracle built-ins: those PostgreSQL spells differently, GREATEST/LEAST (NULL if any
 * argument is NULL in Oracle; PostgreSQL ignores NULLs), and those without a counterpart, which
 * are reported rather than passed through to fail at run time.
 */

const greatestLeast: ExprRule = (e) => {
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

/** Built-ins with no PostgreSQL counterpart worth guessing at. */
const UNSUPPORTED = new Set(['REMAINDER', 'USERENV', 'DUMP', 'VSIZE', 'NLSSORT', 'SOUNDEX', 'CONVERT', 'ORA_HASH', 'STANDARD_HASH', 'XMLELEMENT', 'XMLAGG', 'XMLFOREST', 'EXTRACTVALUE', 'SYS_XMLGEN', 'TREAT', 'DEREF', 'CARDINALITY', 'COLLECT', 'POWERMULTISET', 'SET', 'DECOMPOSE', 'COMPOSE', 'NEW_TIME', 'TZ_OFFSET', 'SCN_TO_TIMESTAMP', 'TIMESTAMP_TO_SCN', 'APPROX_COUNT_DISTINCT'])

const unsupported: ExprRule = (e) => {
  const call = oracleCall(e)
  if (call && UNSUPPORTED.has(call.name[0]!)) throw new UnsupportedConstructError(`Oracle function ${call.name[0]} has no PostgreSQL translation`, call.at, 'UNSUPPORTED_FUNCTION')
  return undefined
}

export const builtinRules: readonly ExprRule[] = [greatestLeast, bitand, renamed, lobs, utlRaw, xmlType, unsupported]
