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

export const conversionErrorRules: readonly ExprRule[] = [conversionDefault]
