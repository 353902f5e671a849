import { UnsupportedConstructError } from '../../translate-context.js'
import type { Expr } from '../ast.js'
import { args, binary, isOracleCall as isSourceCall, num, pgCall, raw, str, stringValue, supportCall } from '../rewrites/build.js'
import { greatestLeast } from '../rewrites/builtins.js'
import type { ExprRule } from '../rewrites/index.js'
import { definedBySchema } from '../rewrites/resolution.js'
import { typeOf } from '../rewrites/scope.js'

/**
 * Teradata built-ins → PostgreSQL. Each rule reads the call as Teradata defines it (SQL
 * Functions, Operators, Expressions and Predicates) and builds PostgreSQL nodes; a call no rule
 * and no table below resolves is an action item with its position, never passed through.
 */

/** Teradata names PostgreSQL spells differently, with the argument counts they take. */
const RENAMED: Readonly<Record<string, readonly [string, number, number]>> = {
  CHARACTERS: ['char_length', 1, 1], CHARS: ['char_length', 1, 1], CHARACTER_LENGTH: ['char_length', 1, 1], CHAR_LENGTH: ['char_length', 1, 1],
  OTRANSLATE: ['translate', 3, 3], SUBSTR: ['substr', 2, 3], SUBSTRING: ['substr', 2, 3], MOD: ['mod', 2, 2], CEILING: ['ceil', 1, 1],
  NVL: ['coalesce', 2, 2], LOG: ['log', 1, 1],
}

const renamed: ExprRule = (e) => {
  if (e.kind !== 'call' || e.target || e.name.length !== 1) return undefined
  const rule = RENAMED[e.name[0]!]
  if (!rule || e.args.length < rule[1] || e.args.length > rule[2]) return undefined
  return { ...e, name: [rule[0]], target: true }
}

/** ZEROIFNULL(x) is 0 for NULL; NULLIFZERO(x) is NULL for 0. */
const nullZero: ExprRule = (e) => {
  if (isSourceCall(e, 'ZEROIFNULL') && e.args.length === 1) return pgCall('coalesce', e.args[0]!.value, num(0))
  if (isSourceCall(e, 'NULLIFZERO') && e.args.length === 1) return pgCall('nullif', e.args[0]!.value, num(0))
  return undefined
}

/** INDEX(s, sub) and POSITION(sub IN s): 1-based position, 0 when absent — strpos. */
const position: ExprRule = (e) => {
  if (isSourceCall(e, 'INDEX') && e.args.length === 2) return pgCall('strpos', e.args[0]!.value, e.args[1]!.value)
  if (isSourceCall(e, 'POSITION') && e.args.length === 2) return pgCall('strpos', e.args[1]!.value, e.args[0]!.value)
  return undefined
}

/** OREPLACE(s, search [, replacement]): without a replacement (or a NULL one) the search text is removed. */
const oreplace: ExprRule = (e) => {
  if (!isSourceCall(e, 'OREPLACE') || e.args.length < 2 || e.args.length > 3) return undefined
  const [s, search, replacement] = args(e)
  return pgCall('replace', s!, search!, replacement ? pgCall('coalesce', replacement, str('')) : str(''))
}

/** CONCAT(a, b, …) is `a || b || …` in Teradata: NULL when any argument is (PostgreSQL's concat skips NULLs). */
const concat: ExprRule = (e) => {
  if (!isSourceCall(e, 'CONCAT') || e.args.length < 2) return undefined
  return args(e).reduce((a, b) => ({ kind: 'binary', op: '||', left: a, right: b, target: true }))
}

/** NVL2(x, a, b): a when x is not NULL. */
const nvl2: ExprRule = (e) => {
  if (!isSourceCall(e, 'NVL2') || e.args.length !== 3) return undefined
  const [x, a, b] = args(e)
  return { kind: 'case', whens: [{ when: { kind: 'is-null', negated: true, expr: x! }, then: a! }], otherwise: b }
}

/**
 * ADD_MONTHS(d, n): Teradata clamps the day to the result month's end and, unlike Oracle, does
 * not move a month's last day to the last day (ADD_MONTHS(DATE '2001-02-28', 1) is 2001-03-28):
 * PostgreSQL's interval arithmetic exactly. A DATE stays a DATE.
 */
const addMonths: ExprRule = (e, rc) => {
  if (!isSourceCall(e, 'ADD_MONTHS') || e.args.length !== 2) return undefined
  const [d, n] = args(e) as [Expr, Expr]
  const sum: Expr = { kind: 'binary', op: '+', left: d, right: { kind: 'binary', op: '*', left: n, right: raw("interval '1 month'"), target: true }, target: true }
  return typeOf(d, rc) === 'timestamp' ? sum : { kind: 'pg-cast', expr: sum, type: 'date' }
}

/** MONTHS_BETWEEN follows Oracle's definition in Teradata too: godwit's support function. */
const monthsBetween: ExprRule = (e, rc) => {
  if (!isSourceCall(e, 'MONTHS_BETWEEN') || e.args.length !== 2) return undefined
  return supportCall(rc, 'months_between', ...args(e))
}

/** TRUNC/ROUND formats for dates → the date_trunc field. */
const DATE_UNITS: Readonly<Record<string, string>> = {
  CC: 'century', SCC: 'century', SYYYY: 'year', YYYY: 'year', YEAR: 'year', SYEAR: 'year', YYY: 'year', YY: 'year', Y: 'year', RR: 'year', RRRR: 'year',
  Q: 'quarter', MONTH: 'month', MON: 'month', MM: 'month', RM: 'month', IW: 'week', DDD: 'day', DD: 'day', J: 'day',
}

/** Where ROUND moves to the next unit: the day of month / month of year / month of quarter at which it rounds up. */
const ROUND_UP: Readonly<Record<string, { part: string; from: number; step: string }>> = {
  month: { part: 'day', from: 16, step: '1 month' },
  year: { part: 'month', from: 7, step: '1 year' },
}

/**
 * TRUNC/ROUND: on a number as in PostgreSQL (numeric); on a DATE with a format, the start of
 * the year/quarter/month/week (ROUND to the nearer one, for months and years); a DATE without
 * a format has no time of day to remove.
 */
const truncRound: ExprRule = (e, rc) => {
  if (!isSourceCall(e, 'TRUNC', 'ROUND') || e.args.length < 1 || e.args.length > 2) return undefined
  const fn = e.name[0]!.toLowerCase()
  const [x, fmt] = args(e) as [Expr, Expr | undefined]
  const format = stringValue(fmt)?.toUpperCase()
  const family = typeOf(x, rc)
  if (format === undefined) {
    if (family === 'date') return x
    if (family === 'timestamp') return { kind: 'pg-cast', expr: x, type: 'date' }
    return fmt ? pgCall(fn, { kind: 'pg-cast', expr: x, type: 'numeric' }, fmt) : pgCall(fn, x)
  }
  const unit = DATE_UNITS[format]
  if (!unit) throw new UnsupportedConstructError(`${e.name[0]}(date, '${format}'): format not supported`, e.at)
  const start: Expr = { kind: 'pg-cast', expr: pgCall('date_trunc', str(unit), x), type: 'date' }
  if (fn === 'trunc') return start
  const up = ROUND_UP[unit]
  if (!up) throw new UnsupportedConstructError(`ROUND(date, '${format}'): only months and years round in this version`, e.at)
  const late: Expr = binary('>=', { kind: 'extract', field: up.part.toUpperCase(), from: x }, num(up.from))
  const rounded: Expr = { kind: 'binary', op: '+', left: pgCall('date_trunc', str(unit), x), right: raw(`interval '${up.step}'`), target: true }
  return { kind: 'case', whens: [{ when: late, then: { kind: 'pg-cast', expr: rounded, type: 'date' } }], otherwise: start }
}

/**
 * TO_CHAR(datetime, 'format') with only the format elements Teradata and PostgreSQL read alike
 * (YYYY, MM, DD, Day, Mon, HH24, MI, SS, …, with - / , . ; : and blanks between): the same call.
 * Any other element (FF, TZH, Teradata's numeric formats) stays an action item.
 */
const SHARED_DATE_FORMAT = /^(?:YYYY|YYY|YY|MONTH|MON|MM|DDD|DD|DAY|DY|D|HH24|HH12|HH|MI|SS|Q|WW|J|AM|PM|[\s\-/,.;:])+$/i
const toChar: ExprRule = (e, rc) => {
  if (!isSourceCall(e, 'TO_CHAR') || e.args.length !== 2) return undefined
  const [x, fmt] = args(e) as [Expr, Expr]
  const format = stringValue(fmt)
  const family = typeOf(x, rc)
  // A number or text argument would read the format differently (or not at all); an already translated cast is a date.
  if (format === undefined || !SHARED_DATE_FORMAT.test(format) || family === 'number' || family === 'text') return undefined
  return pgCall('to_char', x, fmt)
}

/**
 * XMLAGG(x [ORDER BY …]), as the `XMLAGG(… ) (VARCHAR(n))` idiom uses it to join strings: its
 * items serialise as XQuery does atomic values, one blank between neighbours — so
 * string_agg(x, ' ' ORDER BY …). (XML escaping of `&` and `<` in the values is not reproduced.)
 */
const xmlagg: ExprRule = (e) => {
  if (!isSourceCall(e, 'XMLAGG') || e.args.length !== 1 || e.over) return undefined
  const call = pgCall('string_agg', { kind: 'pg-cast', expr: e.args[0]!.value, type: 'text' }, str(' '))
  return { ...(call as Extract<Expr, { kind: 'call' }>), orderBy: e.orderBy }
}

/** Teradata built-ins that mean the same in PostgreSQL: name → [fewest, most] arguments. */
const SAME_IN_POSTGRES: Readonly<Record<string, readonly [number, number]>> = {
  ABS: [1, 1], EXP: [1, 1], LN: [1, 1], SQRT: [1, 1], POWER: [2, 2], SIGN: [1, 1], CEIL: [1, 1], FLOOR: [1, 1], ACOS: [1, 1], ASIN: [1, 1],
  ATAN: [1, 1], ATAN2: [2, 2], COS: [1, 1], SIN: [1, 1], TAN: [1, 1], COSH: [1, 1], SINH: [1, 1], TANH: [1, 1], DEGREES: [1, 1], RADIANS: [1, 1],
  UPPER: [1, 1], LOWER: [1, 1], INITCAP: [1, 1], LPAD: [2, 3], RPAD: [2, 3], LTRIM: [1, 2], RTRIM: [1, 2], ASCII: [1, 1], CHR: [1, 1],
  REVERSE: [1, 1], COALESCE: [1, 999], NULLIF: [2, 2], COUNT: [0, 1], SUM: [1, 1], AVG: [1, 1], MIN: [1, 1], MAX: [1, 1],
  STDDEV_POP: [1, 1], STDDEV_SAMP: [1, 1], VAR_POP: [1, 1], VAR_SAMP: [1, 1], CORR: [2, 2], COVAR_POP: [2, 2], COVAR_SAMP: [2, 2],
  REGR_SLOPE: [2, 2], REGR_INTERCEPT: [2, 2], REGR_COUNT: [2, 2], REGR_R2: [2, 2], REGR_AVGX: [2, 2], REGR_AVGY: [2, 2],
  REGR_SXX: [2, 2], REGR_SYY: [2, 2], REGR_SXY: [2, 2], ROW_NUMBER: [0, 0], PERCENT_RANK: [0, 0], CUME_DIST: [0, 0],
  NTILE: [1, 1], LAG: [1, 3], LEAD: [1, 3], FIRST_VALUE: [1, 1], LAST_VALUE: [1, 1],
}

/** RANK/DENSE_RANK with arguments is Teradata's old `RANK(x DESC)` form, not the window function. */
const WINDOW_ONLY = new Set(['RANK', 'DENSE_RANK'])

const unresolvedCall: ExprRule = (e, rc) => {
  if (e.kind !== 'call' || e.target) return undefined
  if (definedBySchema(e.name, rc.g.catalog)) return undefined
  const name = e.name.join('.')
  const argc = e.star ? 0 : e.args.length
  if (e.name.length === 1 && WINDOW_ONLY.has(name) && argc === 0 && e.over) return { ...e, name: [name.toLowerCase()], target: true }
  const rule = e.name.length === 1 ? SAME_IN_POSTGRES[name] : undefined
  if (rule && argc >= rule[0] && argc <= rule[1]) return { ...e, name: [name.toLowerCase()], target: true }
  const why = rule || WINDOW_ONLY.has(name) ? `with ${argc} argument(s)` : 'is a Teradata built-in or a name this schema does not define'
  throw new UnsupportedConstructError(`${name} ${why}: no PostgreSQL function resolves it`, e.at, 'UNSUPPORTED_FUNCTION')
}

export const teradataFunctionRules: readonly ExprRule[] = [
  renamed, nullZero, position, oreplace, concat, nvl2, addMonths, monthsBetween, truncRound, greatestLeast, toChar, xmlagg,
]

/** Last: whatever call is left must resolve to something PostgreSQL or the schema defines. */
export const teradataResolutionRules: readonly ExprRule[] = [unresolvedCall]
