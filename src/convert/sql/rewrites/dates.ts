import { UnsupportedConstructError } from '../../translate-context.js'
import type { Expr } from '../ast.js'
import type { ExprRule } from './index.js'
import { args, binary, isOracleCall, isPseudoColumn, oracleCall, pgCall, raw, str, stringValue, supportCall } from './build.js'
import { isNumberFormat, translateDateFormat } from './format-models.js'
import type { RewriteContext } from './scope.js'
import { typeOf } from './scope.js'

/**
 * Dates and times. Oracle DATE carries a time of day and maps to timestamp(0); arithmetic on it
 * counts days. SYSDATE/CURRENT_DATE are the statement's time (PostgreSQL's
 * statement_timestamp()), rounded to the second.
 */

const NOW_DATE = 'statement_timestamp()::timestamp(0)'

const clock: ExprRule = (e) => {
  const name = e.kind === 'column' && e.path.length === 1 ? e.path[0] : oracleCall(e)?.name[0]
  const call = oracleCall(e)
  switch (name) {
    case 'SYSDATE':
    case 'CURRENT_DATE':
      return raw(NOW_DATE)
    case 'SYSTIMESTAMP':
      return raw(call?.args.length ? `statement_timestamp()::timestamptz(${Number(stringValue(call.args[0]!.value) ?? 6)})` : 'statement_timestamp()')
    case 'CURRENT_TIMESTAMP':
    case 'LOCALTIMESTAMP': {
      const precision = call?.args[0]?.value.kind === 'number' ? `(${call.args[0].value.value})` : ''
      return raw(`${name}${precision}`)
    }
    case 'SESSIONTIMEZONE':
      return e.kind === 'column' ? raw("current_setting('TimeZone')") : undefined
    case 'DBTIMEZONE':
      // PostgreSQL has no database time zone apart from the sessions' TimeZone setting.
      throw new UnsupportedConstructError('DBTIMEZONE', e.kind === 'column' ? e.at : call?.at, 'DBTIMEZONE')
    default:
      return undefined
  }
}

/** Oracle's default NLS_DATE_FORMAT, used where a conversion names no format. */
const DEFAULT_DATE_FORMAT = 'DD-MON-RR'

function formatArg(model: Expr | undefined, e: Extract<Expr, { kind: 'call' }>, rc: RewriteContext): Expr {
  if (!model) {
    const pattern = translateDateFormat(DEFAULT_DATE_FORMAT).pattern
    warn(rc, e, 'NLS_DATE_FORMAT', `${e.name[0]} without a format model uses the session's NLS format in Oracle; translated with the default ${DEFAULT_DATE_FORMAT} as '${pattern}'`)
    return str(pattern)
  }
  const text = stringValue(model)
  if (text === undefined) throw new UnsupportedConstructError(`${e.name[0]} with a format model that is not a literal`, e.at)
  if (isNumberFormat(text)) return str(text)
  const t = translateDateFormat(text)
  if (t.approximations.length) warn(rc, e, 'FORMAT_MODEL', `format element(s) ${t.approximations.join(', ')} in '${text}' differ slightly in PostgreSQL (RR → YY picks the century nearest 2020; FF7-9 → microseconds)`)
  return str(t.pattern)
}

function warn(rc: RewriteContext, e: Extract<Expr, { kind: 'call' }>, code: string, message: string): void {
  rc.g.findings.push({ code, severity: 'warning', object: rc.g.object, message, at: e.at })
}

function dropNlsArgument(e: Extract<Expr, { kind: 'call' }>, rc: RewriteContext, index: number): void {
  if (e.args.length > index) warn(rc, e, 'NLS_PARAMETER_DROPPED', `${e.name[0]}: the NLS parameters argument has no PostgreSQL equivalent and was dropped`)
}

const conversions: ExprRule = (e, rc) => {
  const call = oracleCall(e)
  if (!call) return undefined
  const [value, model] = args(call)
  switch (call.name[0]) {
    case 'TO_DATE':
      if (!value) return undefined
      dropNlsArgument(call, rc, 2)
      return { kind: 'pg-cast', expr: pgCall('to_timestamp', value, formatArg(model, call, rc)), type: 'timestamp(0)' }
    case 'TO_TIMESTAMP':
      if (!value) return undefined
      dropNlsArgument(call, rc, 2)
      return { kind: 'pg-cast', expr: pgCall('to_timestamp', microsecondLiteral(value), formatArg(model, call, rc)), type: 'timestamp' }
    case 'TO_TIMESTAMP_TZ':
      if (!value) return undefined
      dropNlsArgument(call, rc, 2)
      return pgCall('to_timestamp', microsecondLiteral(value), formatArg(model, call, rc))
    case 'TO_CHAR': {
      if (!value) return undefined
      dropNlsArgument(call, rc, 2)
      const type = typeOf(value, rc)
      if (model) return pgCall('to_char', value, formatArg(model, call, rc))
      if (type === 'date' || type === 'timestamp') return pgCall('to_char', value, formatArg(undefined, call, rc))
      if (type === 'text') return value
      return { kind: 'pg-cast', expr: value, type: 'text' }
    }
    case 'TO_NUMBER':
      if (!value) return undefined
      dropNlsArgument(call, rc, 2)
      return model ? pgCall('to_number', value, model) : { kind: 'pg-cast', expr: value, type: 'numeric' }
    default:
      return undefined
  }
}

/**
 * PostgreSQL reads at most 6 fractional-second digits; Oracle reads 9 and rounds to the column's
 * precision (6 by default) on store. A literal's longer fraction is rounded to microseconds here
 * (a fraction of .9999995 or more is truncated instead, to stay within the second).
 */
function microsecondLiteral(value: Expr): Expr {
  const text = stringValue(value)
  if (text === undefined) return value
  const rounded = text.replace(/([.,])(\d{7,})/, (_, sep: string, digits: string) => {
    const micros = Number(digits.slice(0, 6)) + (Number(digits[6]) >= 5 ? 1 : 0)
    return `${sep}${String(Math.min(micros, 999999)).padStart(6, '0')}`
  })
  return rounded === text ? value : str(rounded)
}

/** TRUNC/ROUND format → date_trunc unit, where date_trunc gives Oracle's answer. */
const TRUNC_UNITS: Readonly<Record<string, string>> = {
  SYYYY: 'year', YYYY: 'year', YEAR: 'year', SYEAR: 'year', YYY: 'year', YY: 'year', Y: 'year',
  Q: 'quarter', MONTH: 'month', MON: 'month', MM: 'month', RM: 'month', IW: 'week',
  DDD: 'day', DD: 'day', J: 'day', HH: 'hour', HH12: 'hour', HH24: 'hour', MI: 'minute', CC: 'century', SCC: 'century',
}

const truncRound: ExprRule = (e, rc) => {
  if (!isOracleCall(e, 'TRUNC', 'ROUND')) return undefined
  const [value, model] = args(e)
  if (!value) return undefined
  const name = e.name[0]!
  const type = typeOf(value, rc)
  if (type === 'number') return pgCall(name.toLowerCase(), ...args(e))
  if (type === 'date' || type === 'timestamp') {
    if (name === 'TRUNC') {
      const unit = model ? TRUNC_UNITS[stringValue(model)?.toUpperCase() ?? ''] : 'day'
      if (unit) return { kind: 'pg-cast', expr: pgCall('date_trunc', str(unit), value), type: 'timestamp(0)' }
    }
    return supportCall(rc, name.toLowerCase(), ...args(e))
  }
  // Unknown type: godwit_ora has overloads for numbers and timestamps, PostgreSQL picks one.
  return supportCall(rc, name.toLowerCase(), ...args(e))
}

const calendar: ExprRule = (e, rc) => {
  if (!isOracleCall(e, 'ADD_MONTHS', 'MONTHS_BETWEEN', 'LAST_DAY', 'NEXT_DAY')) return undefined
  return supportCall(rc, e.name[0]!.toLowerCase(), ...args(e))
}

const INTERVAL_UNITS: Readonly<Record<string, string>> = { DAY: '1 day', HOUR: '1 hour', MINUTE: '1 minute', SECOND: '1 second', YEAR: '1 year', MONTH: '1 month' }

const intervals: ExprRule = (e) => {
  if (isOracleCall(e, 'TO_YMINTERVAL', 'TO_DSINTERVAL')) {
    const [value] = args(e)
    return value && { kind: 'pg-cast', expr: value, type: 'interval' }
  }
  if (isOracleCall(e, 'NUMTODSINTERVAL', 'NUMTOYMINTERVAL')) {
    const [n, unit] = args(e)
    const u = INTERVAL_UNITS[stringValue(unit)?.toUpperCase() ?? '']
    if (!n || !u) throw new UnsupportedConstructError('NUMTODSINTERVAL/NUMTOYMINTERVAL with a unit that is not a literal')
    return binary('*', n, raw(`INTERVAL '${u}'`))
  }
  if (isOracleCall(e, 'SYS_EXTRACT_UTC')) {
    const [value] = args(e)
    return value && { kind: 'at-time-zone', expr: value, zone: str('UTC') }
  }
  if (isOracleCall(e, 'FROM_TZ')) {
    const [value, zone] = args(e)
    return value && zone && { kind: 'at-time-zone', expr: value, zone }
  }
  return undefined
}

const ONE_DAY = raw("INTERVAL '1 day'")

/**
 * `date ± n` adds days; `date - date` is a number of days. PostgreSQL needs an interval for the
 * first and gives an interval for the second, so both are spelled out when the types are known.
 */
const dateArithmetic: ExprRule = (e, rc) => {
  if (e.kind !== 'binary' || e.target || (e.op !== '+' && e.op !== '-')) return undefined
  const l = typeOf(e.left, rc)
  const r = typeOf(e.right, rc)
  const datelike = (t: string | undefined) => t === 'date' || t === 'timestamp'
  if (datelike(l) && r === 'number') return binary(e.op, e.left, days(e.right))
  if (l === 'number' && datelike(r) && e.op === '+') return binary('+', e.right, days(e.left))
  if (e.op === '-' && l === 'date' && r === 'date') {
    return binary('/', { kind: 'extract', field: 'EPOCH', from: { ...binary('-', e.left, e.right), target: true } as Expr }, raw('86400'))
  }
  return undefined
}

function days(n: Expr): Expr {
  return n.kind === 'number' ? raw(`INTERVAL '${n.value} days'`) : binary('*', n, ONE_DAY)
}

/** Oracle session-information functions with a PostgreSQL counterpart. */
const sessionInfo: ExprRule = (e, rc) => {
  if (isPseudoColumn(e, 'USER')) return raw('current_user')
  if (isOracleCall(e, 'SYS_CONTEXT')) return supportCall(rc, 'sys_context', ...args(e))
  return undefined
}

export const dateRules: readonly ExprRule[] = [clock, conversions, truncRound, calendar, intervals, dateArithmetic, sessionInfo]
