import type { Expr } from '../ast.js'
import type { ExprRule } from './index.js'
import { isOracleCall } from './build.js'

/** Whether PostgreSQL types the value as an integer: a whole-number literal or a COUNT. */
function integerValued(e: Expr): boolean {
  if (e.kind === 'number') return /^\d+$/.test(e.value)
  if (e.kind === 'unary' && (e.op === '-' || e.op === '+')) return integerValued(e.operand)
  return isOracleCall(e, 'COUNT')
}

/**
 * Oracle divides NUMBERs (1/2 is .5, COUNT(a)/COUNT(*) a fraction); PostgreSQL divides two
 * integers to an integer. Such a division reads its dividend as numeric.
 */
const integerDivision: ExprRule = (e) => {
  if (e.kind !== 'binary' || e.op !== '/' || e.target || !integerValued(e.left) || !integerValued(e.right)) return undefined
  return { ...e, left: { kind: 'pg-cast', expr: e.left, type: 'numeric' } }
}

export const arithmeticRules: readonly ExprRule[] = [integerDivision]
