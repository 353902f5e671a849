import { UnsupportedConstructError } from '../../translate-context.js'
import type { Expr } from '../ast.js'
import type { ExprRule } from './index.js'
import { EMPTY_TEXT, args, binary, isOracleCall, num, pgCall, str } from './build.js'

/** Aggregates Oracle spells differently: LISTAGG, WM_CONCAT, GROUPING_ID, MEDIAN, RATIO_TO_REPORT. */

/**
 * LISTAGG(x, sep) WITHIN GROUP (ORDER BY …) → string_agg(x::text, sep ORDER BY …). PostgreSQL
 * text has no 4000-byte limit, so ON OVERFLOW never triggers there (reported as info).
 */
const listagg: ExprRule = (e, rc) => {
  if (!isOracleCall(e, 'LISTAGG')) return undefined
  const [value, separator] = args(e)
  if (!value) return undefined
  if (e.over) throw new UnsupportedConstructError('LISTAGG as an analytic function (PostgreSQL has no ordered string_agg window)', e.at)
  if (e.overflow) {
    rc.g.findings.push({ code: 'LISTAGG_OVERFLOW', severity: 'info', object: rc.g.object, message: `LISTAGG … ${e.overflow}: PostgreSQL text is unlimited, so the list is never truncated`, at: e.at })
  }
  const text: Expr = { kind: 'pg-cast', expr: value, type: 'text' }
  return { kind: 'call', name: ['string_agg'], args: [{ value: text }, { value: separator ?? EMPTY_TEXT }], distinct: e.distinct, orderBy: e.withinGroup, target: true, at: e.at }
}

const wmConcat: ExprRule = (e) => {
  if (!isOracleCall(e, 'WM_CONCAT')) return undefined
  const [value] = args(e)
  return value && { kind: 'call', name: ['string_agg'], args: [{ value: { kind: 'pg-cast', expr: value, type: 'text' } }, { value: str(',') }], distinct: e.distinct, target: true, at: e.at }
}

/** GROUPING_ID(a, b) is PostgreSQL's GROUPING(a, b): the same bit vector. */
const groupingId: ExprRule = (e) => (isOracleCall(e, 'GROUPING_ID') ? { ...e, name: ['GROUPING'], target: true } : undefined)

const median: ExprRule = (e) => {
  if (!isOracleCall(e, 'MEDIAN')) return undefined
  const [value] = args(e)
  if (!value || e.over) throw new UnsupportedConstructError('MEDIAN as an analytic function', e.at)
  return { kind: 'call', name: ['percentile_cont'], args: [{ value: num('0.5') }], withinGroup: [{ expr: value }], target: true, at: e.at }
}

const ratioToReport: ExprRule = (e) => {
  if (!isOracleCall(e, 'RATIO_TO_REPORT') || !e.over) return undefined
  const [value] = args(e)
  if (!value) return undefined
  const total: Expr = { kind: 'call', name: ['sum'], args: [{ value }], over: { partitionBy: e.over.partitionBy, orderBy: [] }, target: true }
  // Oracle divides NUMBERs; PostgreSQL would divide integers to an integer.
  return binary('/', { kind: 'pg-cast', expr: value, type: 'numeric' }, pgCall('nullif', total, num(0)))
}

export const aggregateRules: readonly ExprRule[] = [listagg, wmConcat, groupingId, median, ratioToReport]
