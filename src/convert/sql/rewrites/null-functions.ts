import type { Expr } from '../ast.js'
import type { ExprRule } from './index.js'
import { args, binary, isOracleCall, pgCall } from './build.js'

/**
 * NULL handling: Oracle's '' is NULL; NVL, NVL2, DECODE (which matches NULL to NULL), LNNVL.
 * COALESCE and NULLIF exist in PostgreSQL as they are.
 */

/** Oracle stores '' as NULL and every operation sees NULL, so the literal is NULL. */
const emptyStringIsNull: ExprRule = (e) => (e.kind === 'string' && e.value === '' ? { kind: 'null' } : undefined)

const nvl: ExprRule = (e) => {
  if (!isOracleCall(e, 'NVL')) return undefined
  return pgCall('coalesce', ...args(e))
}

const nvl2: ExprRule = (e) => {
  if (!isOracleCall(e, 'NVL2')) return undefined
  const [test, ifNotNull, ifNull] = args(e)
  if (!test || !ifNotNull) return undefined
  return { kind: 'case', whens: [{ when: { kind: 'is-null', negated: true, expr: test }, then: ifNotNull }], otherwise: ifNull }
}

/** A value that can never be NULL, so `=` and IS NOT DISTINCT FROM agree on it. */
function neverNull(e: Expr): boolean {
  return e.kind === 'number' || (e.kind === 'string' && e.value !== '') || e.kind === 'datetime-literal' || e.kind === 'boolean'
}

/**
 * DECODE(x, s1, r1, …, default): a simple CASE when every search value is a non-null literal;
 * otherwise WHEN x IS NULL / WHEN x IS NOT DISTINCT FROM s, because DECODE treats two NULLs as equal.
 */
const decode: ExprRule = (e) => {
  if (!isOracleCall(e, 'DECODE')) return undefined
  const [subject, ...rest] = args(e)
  if (!subject || rest.length < 2) return undefined
  const pairs: Array<{ search: Expr; result: Expr }> = []
  for (let i = 0; i + 1 < rest.length; i += 2) pairs.push({ search: rest[i]!, result: rest[i + 1]! })
  const otherwise = rest.length % 2 === 1 ? rest[rest.length - 1] : undefined
  if (pairs.every((p) => neverNull(p.search))) {
    return { kind: 'case', operand: subject, whens: pairs.map((p) => ({ when: p.search, then: p.result })), otherwise }
  }
  const whens = pairs.map((p) => {
    const isNullLiteral = p.search.kind === 'null' || (p.search.kind === 'string' && p.search.value === '')
    const when: Expr = isNullLiteral
      ? { kind: 'is-null', negated: false, expr: subject }
      : neverNull(p.search)
        ? binary('=', subject, p.search)
        : binary('IS NOT DISTINCT FROM', subject, p.search)
    return { when, then: p.result }
  })
  return { kind: 'case', whens, otherwise }
}

/** LNNVL(c) is true when c is false or unknown. */
const lnnvl: ExprRule = (e) => {
  if (!isOracleCall(e, 'LNNVL')) return undefined
  const [cond] = args(e)
  if (!cond) return undefined
  return { kind: 'case', whens: [{ when: cond, then: { kind: 'boolean', value: false } }], otherwise: { kind: 'boolean', value: true } }
}

export const nullFunctionRules: readonly ExprRule[] = [emptyStringIsNull, nvl, nvl2, decode, lnnvl]
