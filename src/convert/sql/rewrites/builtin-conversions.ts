import { UnsupportedConstructError } from '../../translate-context.js'
import type { Expr } from '../ast.js'
import type { ExprRule } from './index.js'
import { columnType } from './scope.js'
import { EMPTY_TEXT, args, binary, isOracleCall, num, oracleCall, pgCall, raw, str } from './build.js'

/**
 * Oracle conversion and Unicode built-ins PostgreSQL has a counterpart for (Oracle SQL Language
 * Reference definitions; values checked in test/unit/convert/sql/functions).
 */

/** RAW is bytea: HEXTORAW reads hex digits, RAWTOHEX writes them in upper case, TO_BLOB(raw) keeps the bytes. */
const raws: ExprRule = (e) => {
  if (!isOracleCall(e, 'HEXTORAW', 'RAWTOHEX', 'RAWTONHEX', 'TO_BLOB') || e.args.length !== 1) return undefined
  const value = e.args[0]!.value
  if (isOracleCall(e, 'TO_BLOB')) return { kind: 'pg-cast', expr: value, type: 'bytea' }
  if (isOracleCall(e, 'HEXTORAW')) return pgCall('decode', value, str('hex'))
  if (isOracleCall(e, 'RAWTOHEX', 'RAWTONHEX')) return pgCall('upper', pgCall('encode', value, str('hex')))
  return undefined
}

/** TO_BINARY_DOUBLE / TO_BINARY_FLOAT of a value without a format: IEEE double and single precision. */
const binaryFloats: ExprRule = (e) => {
  if (!isOracleCall(e, 'TO_BINARY_DOUBLE', 'TO_BINARY_FLOAT') || e.args.length !== 1 || e.onConversionError) return undefined
  return { kind: 'pg-cast', expr: e.args[0]!.value, type: e.name[0] === 'TO_BINARY_DOUBLE' ? 'float8' : 'float4' }
}

/** BIN_TO_NUM(b1, …, bn): the bits read as a binary number, most significant first. */
const binToNum: ExprRule = (e) => {
  if (!isOracleCall(e, 'BIN_TO_NUM') || e.args.length === 0) return undefined
  return args(e).reduce((n, bit) => binary('+', binary('*', n, num(2)), bit))
}

/**
 * COMPOSE / DECOMPOSE: Unicode normalization forms NFC and NFD (DECOMPOSE(x, 'COMPATIBILITY'):
 * NFKD), PostgreSQL's normalize() on a UTF-8 database.
 */
const normalization: ExprRule = (e) => {
  const call = oracleCall(e)
  if (!call || (call.name[0] !== 'COMPOSE' && call.name[0] !== 'DECOMPOSE')) return undefined
  const [value, mode] = args(call)
  if (!value) return undefined
  const compatibility = mode?.kind === 'string' && mode.value.toUpperCase() === 'COMPATIBILITY'
  if (mode && !compatibility && !(mode.kind === 'string' && mode.value.toUpperCase() === 'CANONICAL')) throw new UnsupportedConstructError('DECOMPOSE with a mode that is not a literal', call.at, 'UNSUPPORTED_FUNCTION')
  const form = call.name[0] === 'COMPOSE' ? 'NFC' : compatibility ? 'NFKD' : 'NFD'
  return pgCall('normalize', value, raw(form))
}

/**
 * ROUND_TIES_TO_EVEN(n [, d]): n rounded to d places, a tie going to the even neighbour
 * (PostgreSQL's numeric round() takes ties away from zero).
 */
const roundTiesToEven: ExprRule = (e) => {
  if (!isOracleCall(e, 'ROUND_TIES_TO_EVEN') || e.args.length < 1 || e.args.length > 2) return undefined
  const [n, d] = args(e) as [Expr, Expr | undefined]
  const scale: Expr | undefined = d && pgCall('power', { kind: 'pg-cast', expr: num(10), type: 'numeric' }, d)
  const scaled = scale ? binary('*', n, scale) : n
  const tie = binary('=', pgCall('abs', binary('-', scaled, pgCall('trunc', scaled))), num('0.5'))
  const twice = binary('*', num(2), pgCall('round', binary('/', scaled, num(2))))
  const even = scale ? binary('/', twice, scale) : twice
  return { kind: 'case', whens: [{ when: tie, then: even }], otherwise: d ? pgCall('round', n, d) : pgCall('round', n) }
}

/** TRANSLATE(s, from, to): the same in PostgreSQL, but Oracle's empty `to` and empty result are NULL. */
const translate: ExprRule = (e) => {
  if (!isOracleCall(e, 'TRANSLATE') || e.using || e.args.length !== 3) return undefined
  const [s, from, to] = args(e) as [Expr, Expr, Expr]
  return pgCall('nullif', pgCall('translate', s, from, pgCall('nullif', to, EMPTY_TEXT)), EMPTY_TEXT)
}

/** XMLEXISTS(path, doc) (parsed from `XMLEXISTS(path PASSING doc)`): whether the path selects anything. */
const xmlExists: ExprRule = (e) => {
  if (!isOracleCall(e, 'XMLEXISTS') || e.args.length !== 2) return undefined
  const [path, doc] = args(e) as [Expr, Expr]
  return pgCall('xpath_exists', path, { kind: 'pg-cast', expr: doc, type: 'xml' })
}

/** XMLCAST(x) (parsed from `XMLCAST(x AS type)`, the cast around it): the string value of the XML. */
const xmlCast: ExprRule = (e) => {
  if (!isOracleCall(e, 'XMLCAST') || e.args.length !== 1) return undefined
  const values = pgCall('xpath', str('string(.)'), { kind: 'pg-cast', expr: e.args[0]!.value, type: 'xml' })
  return { kind: 'pg-cast', expr: { kind: 'subscript', expr: values, index: num(1) }, type: 'text' }
}

/** EXISTSNODE(xml, xpath): 1 when the path selects a node, else 0. */
const existsNode: ExprRule = (e) => {
  if (!isOracleCall(e, 'EXISTSNODE') || e.args.length !== 2) return undefined
  const [doc, path] = args(e) as [Expr, Expr]
  return { kind: 'case', whens: [{ when: pgCall('xpath_exists', path, { kind: 'pg-cast', expr: doc, type: 'xml' }), then: num(1) }], otherwise: num(0) }
}

/** Oracle's floating-point constants (BINARY_DOUBLE_NAN …), unless a column of that name is in scope. */
const FLOAT_CONSTANTS: Readonly<Record<string, string>> = {
  BINARY_DOUBLE_NAN: "'NaN'::float8",
  BINARY_FLOAT_NAN: "'NaN'::float4",
  BINARY_DOUBLE_INFINITY: "'Infinity'::float8",
  BINARY_FLOAT_INFINITY: "'Infinity'::float4",
  BINARY_DOUBLE_MAX_NORMAL: '1.7976931348623157e308::float8',
  BINARY_FLOAT_MAX_NORMAL: '3.40282347e38::float4',
}

const floatConstants: ExprRule = (e, rc) => {
  if (e.kind !== 'column' || e.path.length !== 1) return undefined
  const sql = FLOAT_CONSTANTS[e.path[0]!]
  return sql && !columnType(e.path, rc) && rc.g.resolveName?.(e.path) === undefined ? raw(sql) : undefined
}

export const builtinConversionRules: readonly ExprRule[] = [raws, binaryFloats, binToNum, normalization, roundTiesToEven, translate, existsNode, xmlExists, xmlCast, floatConstants]
