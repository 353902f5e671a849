import type { NativeType } from '../../../model/schema.js'
import { UnsupportedConstructError } from '../../translate-context.js'
import type { DataAttributes, Expr } from '../ast.js'
import { binary, num, pgCall, raw, str } from '../rewrites/build.js'
import type { ExprRule } from '../rewrites/index.js'
import { columnType, familyOf, typeOf, type RewriteContext, type TypeFamily } from '../rewrites/scope.js'

/**
 * Teradata expressions → PostgreSQL: data attributes (FORMAT, [NOT] CASESPECIFIC, a type in
 * parentheses), casts with Teradata's meaning (decimal → integer truncates; the integer form
 * of a DATE), literals, the clock, `**`, EXTRACT's integer result.
 */

const INTEGER_TYPES = new Set(['BYTEINT', 'SMALLINT', 'INTEGER', 'INT', 'BIGINT'])

/** The family of an expression, Teradata's integer types included. */
function familyOfExpr(e: Expr, rc: RewriteContext): TypeFamily | undefined {
  if (e.kind === 'column') {
    const t = columnType(e.path, rc)
    if (t && INTEGER_TYPES.has(t.name)) return 'number'
  }
  if (e.kind === 'cast' && INTEGER_TYPES.has(e.type.name)) return 'number'
  return typeOf(e, rc)
}

/** A number, as far as can be told: a numeric type, or arithmetic over a number literal. */
function isNumeric(e: Expr, rc: RewriteContext): boolean {
  const family = familyOfExpr(e, rc)
  if (family) return family === 'number'
  if (e.kind === 'unary' && (e.op === '-' || e.op === '+')) return isNumeric(e.operand, rc)
  if (e.kind === 'binary' && (e.op === '+' || e.op === '-' || e.op === '*' || e.op === '/')) return isNumeric(e.left, rc) || isNumeric(e.right, rc)
  return false
}

function isInteger(e: Expr, rc: RewriteContext): boolean {
  if (e.kind === 'number') return /^\d+$/.test(e.value)
  if (e.kind === 'column') return INTEGER_TYPES.has(columnType(e.path, rc)?.name ?? '')
  if (e.kind === 'cast') return INTEGER_TYPES.has(e.type.name)
  return false
}

/**
 * Teradata stores a DATE as the integer (year - 1900) * 10000 + month * 100 + day and converts
 * between the two forms implicitly and by CAST.
 */
function dateOfInteger(n: Expr): Expr {
  const part = (e: Expr): Expr => ({ kind: 'pg-cast', expr: e, type: 'integer' })
  const whole: Expr = { kind: 'pg-cast', expr: n, type: 'integer' }
  return pgCall(
    'make_date',
    binary('+', binary('/', whole, num(10000)), num(1900)),
    part(pgCall('mod', binary('/', whole, num(100)), num(100))),
    part(pgCall('mod', whole, num(100))),
  )
}

function integerOfDate(d: Expr): Expr {
  const field = (f: string): Expr => ({ kind: 'pg-cast', expr: pgCall('date_part', str(f), d), type: 'integer' })
  return binary('+', binary('+', binary('*', binary('-', field('year'), num(1900)), num(10000)), binary('*', field('month'), num(100))), field('day'))
}

/** The ISO date of a literal in Teradata's integer date form, or undefined when it is not one. */
export function isoOfIntegerDate(value: string): string | undefined {
  if (!/^\d+$/.test(value)) return undefined
  const n = Number(value)
  const year = Math.floor(n / 10000) + 1900
  const month = Math.floor(n / 100) % 100
  const day = n % 100
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** Teradata date/time FORMAT elements → PostgreSQL to_char/to_date template patterns, longest first. */
const FORMAT_ELEMENTS: ReadonlyArray<readonly [string, string]> = [
  ['YYYY', 'YYYY'], ['Y4', 'YYYY'], ['MMMM', 'FMMonth'], ['MMM', 'Mon'], ['EEEE', 'FMDay'], ['EEE', 'Dy'], ['DDD', 'DDD'],
  ['YY', 'YY'], ['MM', 'MM'], ['DD', 'DD'], ['HH', 'HH24'], ['MI', 'MI'], ['SS', 'SS'], ['T', 'AM'], ['B', ' '],
]

/** A Teradata date/time FORMAT string as a PostgreSQL template; undefined for a numeric or unknown format. */
export function pgDateFormat(format: string): string | undefined {
  let out = ''
  let i = 0
  const upper = format.toUpperCase()
  while (i < upper.length) {
    const element = FORMAT_ELEMENTS.find(([td]) => upper.startsWith(td, i))
    if (element) {
      out += element[1]
      i += element[0].length
      continue
    }
    const ch = format[i]!
    if ('-/:., '.includes(ch)) out += ch
    else if (/[A-Za-z0-9]/.test(ch)) return undefined
    else out += `"${ch}"`
    i++
  }
  return out
}

function isTextType(t: NativeType | undefined): boolean {
  return familyOf(t) === 'text'
}

function isDateTimeType(t: NativeType | undefined): boolean {
  const f = familyOf(t)
  return f === 'date' || f === 'timestamp'
}

/** CAST(x AS type) with Teradata's meaning. */
function teradataCast(expr: Expr, type: NativeType, at: Extract<Expr, { kind: 'cast' }>['at'], rc: RewriteContext): Expr {
  const family = familyOfExpr(expr, rc)
  if (type.name === 'DATE' && family !== 'date' && family !== 'timestamp' && family !== 'text' && expr.kind !== 'string' && isNumeric(expr, rc)) return dateOfInteger(expr)
  if (INTEGER_TYPES.has(type.name)) {
    if (family === 'date') return { kind: 'pg-cast', expr: integerOfDate(expr), type: rc.g.formatType(type) }
    // Teradata truncates a fraction converted to an integer; PostgreSQL rounds it.
    if (isNumeric(expr, rc) && !isInteger(expr, rc)) return { kind: 'cast', expr: pgCall('trunc', expr), type, at, target: true }
  }
  return { kind: 'cast', expr, type, at, target: true }
}

/** A FORMAT phrase: converts between text and a date/time when the value changes family; display only otherwise. */
function formatted(expr: Expr, a: DataAttributes, at: Extract<Expr, { kind: 'attributes' }>['at'], rc: RewriteContext): Expr {
  const format = a.format!
  const template = pgDateFormat(format)
  const type = a.type
  const source = familyOfExpr(expr, rc)
  const sourceIsText = source === 'text' || expr.kind === 'string'
  if (type && isDateTimeType(type) && sourceIsText) {
    if (!template) throw new UnsupportedConstructError(`FORMAT '${format}': not a date/time format godwit can read`, at)
    const parsed = pgCall(type.name === 'DATE' ? 'to_date' : 'to_timestamp', expr, str(template))
    return type.name === 'DATE' ? parsed : { kind: 'cast', expr: parsed, type, at, target: true }
  }
  if (type && isTextType(type) && (source === 'date' || source === 'timestamp')) {
    if (!template) throw new UnsupportedConstructError(`FORMAT '${format}': not a date/time format godwit can write`, at)
    return { kind: 'cast', expr: pgCall('to_char', expr, str(template)), type, at, target: true }
  }
  rc.g.findings.push({ code: 'FORMAT_DISPLAY_ONLY', severity: 'info', object: rc.g.object, message: `FORMAT '${format}' only changes how Teradata displays the value; the value is kept`, at })
  return type ? teradataCast(expr, type, at, rc) : expr
}

/** `x (…attributes…)` and `CAST(x AS … attributes)`. */
const attributes: ExprRule = (e, rc) => {
  if (e.kind !== 'attributes') return undefined
  const a = e.attributes
  // Inside CAST(… AS CHAR(n)) a FORMAT-only phrase is the text the value is written as.
  let value: Expr = a.format ? formatted(e.expr, a, e.at, rc) : a.type ? teradataCast(e.expr, a.type, e.at, rc) : e.expr
  if (a.uppercase) value = pgCall('upper', value)
  if (a.caseSpecific === false) {
    rc.g.support.add('extension:citext')
    value = { kind: 'pg-cast', expr: value, type: 'citext' }
  } else if (a.caseSpecific === true) value = { kind: 'pg-cast', expr: value, type: 'text COLLATE "default"' }
  return value
}

/** CAST(CAST(d AS FORMAT 'YYYYMMDD') AS CHAR(8)): the date written in that format. */
const castOfFormatted: ExprRule = (e, rc) => {
  if (e.kind !== 'cast' || e.target || e.expr.kind !== 'attributes') return undefined
  const inner = e.expr
  if (!inner.attributes.format || inner.attributes.type || !isTextType(e.type)) return undefined
  return formatted(inner.expr, { ...inner.attributes, type: e.type }, inner.at, rc)
}

const cast: ExprRule = (e, rc) => (e.kind === 'cast' && !e.target ? teradataCast(e.expr, e.type, e.at, rc) : undefined)

/** DATE 'YYYY-MM-DD' is a date (Oracle's DATE literal, read by the shared generator, is a timestamp). */
const datetimeLiteral: ExprRule = (e) => {
  if (e.kind !== 'datetime-literal') return undefined
  return { kind: 'pg-cast', expr: str(e.value), type: e.type === 'DATE' ? 'date' : 'timestamp' }
}

/** The clock and session words Teradata reads as values when no column has the name. */
const CLOCK: Readonly<Record<string, string>> = {
  DATE: 'CURRENT_DATE', CURRENT_DATE: 'CURRENT_DATE', TIME: 'LOCALTIME', CURRENT_TIME: 'CURRENT_TIME',
  CURRENT_TIMESTAMP: 'CURRENT_TIMESTAMP', USER: 'CURRENT_USER', DATABASE: 'CURRENT_SCHEMA',
}

const clock: ExprRule = (e, rc) => {
  if (e.kind === 'column' && e.path.length === 1 && CLOCK[e.path[0]!] && !columnType(e.path, rc)) return raw(CLOCK[e.path[0]!]!)
  // CURRENT_TIMESTAMP(0), CURRENT_TIME(2)
  if (e.kind === 'call' && !e.target && e.name.length === 1 && (e.name[0] === 'CURRENT_TIMESTAMP' || e.name[0] === 'CURRENT_TIME') && e.args.length === 1 && e.args[0]!.value.kind === 'number') {
    return raw(`${e.name[0]}(${(e.args[0]!.value as { value: string }).value})`)
  }
  return undefined
}

/** `a ** b`. */
const power: ExprRule = (e) => (e.kind === 'binary' && e.op === '**' && !e.target ? pgCall('power', e.left, e.right) : undefined)

/** EXTRACT of a date part is an INTEGER in Teradata (numeric in PostgreSQL, which changes `/`); SECOND keeps its fraction. */
const extract: ExprRule = (e) => {
  if (e.kind !== 'extract' || e.field === 'SECOND') return undefined
  if (e.field === 'TIMEZONE_HOUR' || e.field === 'TIMEZONE_MINUTE' || /^(YEAR|MONTH|DAY|HOUR|MINUTE)$/.test(e.field)) {
    return { kind: 'pg-cast', expr: pgCall('date_part', str(e.field.toLowerCase()), e.from), type: 'integer' }
  }
  return undefined
}

const COMPARISONS = new Set(['=', '<>', '<', '>', '<=', '>='])

/** `date_col = 1230101`: the integer form of a DATE compared with a date. */
const integerDateComparison: ExprRule = (e, rc) => {
  if (e.kind !== 'binary' || e.target || !COMPARISONS.has(e.op)) return undefined
  const asDate = (x: Expr): Expr | undefined => {
    const iso = x.kind === 'number' ? isoOfIntegerDate(x.value) : undefined
    return iso ? { kind: 'pg-cast', expr: str(iso), type: 'date' } : undefined
  }
  if (familyOfExpr(e.left, rc) === 'date') {
    const right = asDate(e.right)
    if (right) return { ...e, right }
  }
  if (familyOfExpr(e.right, rc) === 'date') {
    const left = asDate(e.left)
    if (left) return { ...e, left }
  }
  return undefined
}

const ARITHMETIC = new Set(['+', '-', '*', '/'])

/** Teradata converts character data to a number in arithmetic with, or comparison to, a number. */
const implicitNumber: ExprRule = (e, rc) => {
  if (e.kind !== 'binary' || e.target || !(ARITHMETIC.has(e.op) || COMPARISONS.has(e.op))) return undefined
  const left = familyOfExpr(e.left, rc)
  const right = familyOfExpr(e.right, rc)
  const toNumber = (x: Expr): Expr => ({ kind: 'pg-cast', expr: x, type: 'numeric' })
  if (left === 'text' && e.left.kind !== 'string' && right === 'number') return { ...e, left: toNumber(e.left) }
  if (right === 'text' && e.right.kind !== 'string' && left === 'number') return { ...e, right: toNumber(e.right) }
  return undefined
}

export const teradataExpressionRules: readonly ExprRule[] = [attributes, castOfFormatted, cast, datetimeLiteral, clock, power, extract, integerDateComparison, implicitNumber]
