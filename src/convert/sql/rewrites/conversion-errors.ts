import { UnsupportedConstructError } from '../../translate-context.js'
import type { Expr } from '../ast.js'
import { emitExpr } from '../postgres/expression-generator.js'
import type { ExprRule } from './index.js'
import { rewriteExpr } from './index.js'
import { raw, str, supportCall } from './build.js'

/**
 * `CAST(x AS t DEFAULT d ON CONVERSION ERROR)` and TO_NUMBER / TO_DATE / TO_TIMESTAMP with the
 * same clause: the conversion is translated as usual with the value as `$1`, and the support
 * function convert_or_default runs it on the value's text, giving d (as the result type) when
 * the conversion raises a data exception. Works on every supported version.
 */
const RESULT_TYPE: Readonly<Record<string, string>> = { TO_NUMBER: 'numeric', TO_DATE: 'timestamp(0)', TO_TIMESTAMP: 'timestamp' }

const conversionDefault: ExprRule = (e, rc) => {
  const fallback = e.kind === 'cast' || e.kind === 'call' ? e.onConversionError : undefined
  if (!fallback) return undefined
  let value: Expr
  let conversion: Expr
  let type: string
  if (e.kind === 'cast') {
    value = e.expr
    conversion = { ...e, expr: raw('$1'), onConversionError: undefined }
    type = rc.g.formatType(e.type)
  } else if (e.kind === 'call' && e.name.length === 1 && RESULT_TYPE[e.name[0]!] && e.args[0]) {
    value = e.args[0].value
    conversion = { ...e, args: [{ value: raw('$1') }, ...e.args.slice(1)], onConversionError: undefined }
    type = RESULT_TYPE[e.name[0]!]!
  } else return undefined
  const sql = emitExpr(rewriteExpr(conversion, rc), rc.g)
  return supportCall(rc, 'convert_or_default', { kind: 'pg-cast', expr: value, type: 'text' }, str(sql), { kind: 'pg-cast', expr: fallback, type })
}

/** The conversion function a CAST with a format model is (SQL Reference, CAST: "fmt … as for TO_DATE, TO_NUMBER …"). */
const FORMATTED_CONVERSION: Readonly<Record<string, string>> = {
  DATE: 'TO_DATE',
  TIMESTAMP: 'TO_TIMESTAMP',
  'TIMESTAMP WITH TIME ZONE': 'TO_TIMESTAMP_TZ',
  NUMBER: 'TO_NUMBER',
  FLOAT: 'TO_NUMBER',
  INTEGER: 'TO_NUMBER',
}

/**
 * `CAST(x AS DATE [DEFAULT d ON CONVERSION ERROR], fmt [, nls])` is TO_DATE(x [DEFAULT …], fmt
 * [, nls]) (and so for timestamps and numbers); a precision or scale of the type still applies
 * to the result.
 */
const castWithFormat: ExprRule = (e) => {
  if (e.kind !== 'cast' || !e.format) return undefined
  const fn = FORMATTED_CONVERSION[e.type.name]
  if (!fn) throw new UnsupportedConstructError(`CAST(… AS ${e.type.text}, format): Oracle converts with a format model only to dates, timestamps and numbers`, e.at)
  const call: Expr = { kind: 'call', name: [fn], args: [e.expr, ...e.format].map((value) => ({ value })), onConversionError: e.onConversionError, at: e.at }
  const constrained = e.type.precision !== undefined || e.type.scale !== undefined || e.type.fractionalPrecision !== undefined
  return constrained ? { kind: 'cast', expr: call, type: e.type, at: e.at } : call
}

export const conversionErrorRules: readonly ExprRule[] = [castWithFormat, conversionDefault]
