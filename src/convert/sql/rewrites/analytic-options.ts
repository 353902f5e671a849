import type { SourceLocation } from '../../../model/location.js'
import { UnsupportedConstructError } from '../../translate-context.js'
import type { Expr, FrameBound, OrderItem, WindowSpec } from '../ast.js'
import type { ExprRule } from './index.js'
import { args, num, oracleCall, pgCall } from './build.js'

/**
 * Oracle's aggregate and analytic options PostgreSQL (before 19) does not have, rewritten into
 * what it does have: KEEP (DENSE_RANK FIRST|LAST ORDER BY …), IGNORE NULLS and NTH_VALUE … FROM
 * LAST.
 */

/** The same sort read backwards: direction and NULL placement swap (Oracle's default is NULLS LAST ascending, NULLS FIRST descending). */
export function reversedOrder(items: readonly OrderItem[]): OrderItem[] {
  return items.map((o) => {
    const nullsFirst = o.nulls ? o.nulls === 'FIRST' : Boolean(o.descending)
    return { expr: o.expr, descending: !o.descending || undefined, nulls: nullsFirst ? 'LAST' : 'FIRST' }
  })
}

function mirroredBound(b: FrameBound): FrameBound {
  switch (b.kind) {
    case 'unbounded-preceding':
      return { kind: 'unbounded-following' }
    case 'unbounded-following':
      return { kind: 'unbounded-preceding' }
    case 'preceding':
      return { kind: 'following', offset: b.offset }
    case 'following':
      return { kind: 'preceding', offset: b.offset }
    case 'current-row':
      return b
  }
}

/**
 * The window read from its other end: the ORDER BY reversed and the frame mirrored, so the frame
 * holds the same rows and its last row comes first. Without ORDER BY there is no other end.
 */
function mirroredWindow(w: WindowSpec, what: string, at: SourceLocation | undefined): WindowSpec {
  if (w.orderBy.length === 0) throw new UnsupportedConstructError(`${what} in a window without ORDER BY: the rows have no last one to count from`, at)
  // With ORDER BY and no frame, the frame runs from the partition's start to the current row's last peer.
  const frame = w.frame ?? { unit: 'RANGE', start: { kind: 'unbounded-preceding' }, end: { kind: 'current-row' } }
  const end = frame.end ?? { kind: 'current-row' }
  return { ...w, orderBy: reversedOrder(w.orderBy), frame: { ...frame, start: mirroredBound(end), end: mirroredBound(frame.start) } }
}

/** `(array_agg(x) FILTER (WHERE x IS NOT NULL) OVER w)[n]`: the n-th non-null value of the frame. */
function nthNonNull(value: Expr, over: WindowSpec, n: Expr): Expr {
  const values: Expr = { kind: 'call', name: ['array_agg'], args: [{ value }], filter: { kind: 'is-null', negated: true, expr: value }, over, target: true }
  return { kind: 'subscript', expr: values, index: n }
}

/** A positive whole-number literal (LAG/LEAD offsets), or undefined. */
function positiveCount(e: Expr | undefined): Expr | undefined {
  if (!e) return num(1)
  return e.kind === 'number' && /^[1-9]\d*$/.test(e.value) ? e : undefined
}

/**
 * FIRST_VALUE / LAST_VALUE / NTH_VALUE … IGNORE NULLS, NTH_VALUE … FROM LAST, LAG / LEAD …
 * IGNORE NULLS. LAST_VALUE and FROM LAST read the mirrored window; LAG reads the rows before the
 * current one nearest first, LEAD those after it; the default of LAG/LEAD stands in when there
 * is no such non-null value.
 */
const windowOptions: ExprRule = (e) => {
  const call = oracleCall(e)
  if (!call?.over || (!call.ignoreNulls && !call.fromLast)) return undefined
  const name = call.name[0]!
  const [value, second, third] = args(call)
  if (!value) return undefined
  const what = `${name} … ${call.fromLast ? 'FROM LAST' : 'IGNORE NULLS'}`
  const rows = (start: FrameBound, end: FrameBound, w: WindowSpec): WindowSpec => ({ partitionBy: w.partitionBy, orderBy: w.orderBy, frame: { unit: 'ROWS', start, end } })
  switch (name) {
    case 'FIRST_VALUE':
      return nthNonNull(value, call.over, num(1))
    case 'LAST_VALUE':
      return nthNonNull(value, mirroredWindow(call.over, what, call.at), num(1))
    case 'NTH_VALUE': {
      if (!second) return undefined
      const over = call.fromLast ? mirroredWindow(call.over, what, call.at) : call.over
      if (!call.ignoreNulls) return { kind: 'call', name: ['nth_value'], args: call.args, over, target: true, at: call.at }
      return nthNonNull(value, over, second)
    }
    case 'LAG':
    case 'LEAD': {
      const n = positiveCount(second)
      if (!n) throw new UnsupportedConstructError(`${what} with an offset that is not a positive whole number`, call.at)
      if (call.over.orderBy.length === 0) throw new UnsupportedConstructError(`${what} in a window without ORDER BY`, call.at)
      const after: WindowSpec = rows({ kind: 'following', offset: num(1) }, { kind: 'unbounded-following' }, call.over)
      const over = name === 'LEAD' ? after : { ...after, orderBy: reversedOrder(call.over.orderBy) }
      const found = nthNonNull(value, over, n)
      return third ? pgCall('coalesce', found, third) : found
    }
    default:
      throw new UnsupportedConstructError(`${what}: Oracle allows it on FIRST_VALUE, LAST_VALUE, NTH_VALUE, LAG and LEAD only`, call.at)
  }
}

/**
 * `agg(x) KEEP (DENSE_RANK FIRST ORDER BY k…)`: the aggregate over the rows that sort first by
 * k… (LAST: last). The group's values and keys are collected in arrays and aggregated again in
 * a scalar subquery, keeping the rows whose keys equal the first row's; the arrays are
 * aggregates of the outer query, as PostgreSQL evaluates an aggregate of outer columns only.
 * With OVER (…), see keepOverPartition.
 */
const keep: ExprRule = (e) => {
  const call = oracleCall(e)
  if (!call?.keep) return undefined
  if (call.over) return keepOverPartition(call, call.keep, call.over)
  const [value] = args(call)
  const order = call.keep.rank === 'FIRST' ? call.keep.orderBy : reversedOrder(call.keep.orderBy)
  const keys = call.keep.orderBy.map((o) => o.expr)
  const arrayOf = (x: Expr, orderBy?: readonly OrderItem[]): Expr => ({ kind: 'call', name: ['array_agg'], args: [{ value: x }], orderBy, target: true })
  const collected = [...(value ? [value] : []), ...keys].map((x) => arrayOf(x))
  const columns = [...(value ? ['godwit_value'] : []), ...keys.map((_, i) => `godwit_key${i + 1}`)]
  const column = (c: string): Expr => ({ kind: 'raw', sql: `godwit_keep.${c}` })
  const firstKeys = keys.map((k): Expr => ({ kind: 'subscript', expr: arrayOf(k, order), index: num(1) }))
  const rowKeys = keys.map((_, i) => column(`godwit_key${i + 1}`))
  const tuple = (items: Expr[]): Expr => (items.length === 1 ? items[0]! : { kind: 'tuple', items })
  const inner: Expr = value ? { ...call, keep: undefined, args: [{ value: column('godwit_value') }] } : { ...call, keep: undefined }
  return {
    kind: 'subquery',
    query: {
      kind: 'select',
      items: [{ expr: inner }],
      from: [{ kind: 'function', calls: collected.map((x) => pgCall('unnest', x)), alias: 'godwit_keep', columns }],
      where: { kind: 'binary', op: 'IS NOT DISTINCT FROM', left: tuple(rowKeys), right: tuple(firstKeys), target: true },
      at: call.at ?? { file: '', line: 0, column: 0 },
    },
  }
}

/**
 * `MIN|MAX(x) KEEP (DENSE_RANK FIRST|LAST ORDER BY k…) OVER (PARTITION BY …)` (Oracle allows
 * only a partition there): the smallest (largest) x among the partition's rows that sort first
 * (last) by k…, i.e. the first x of the partition ordered by k… (reversed for LAST, NULL
 * placement included) and then by x with NULLs last, as MIN and MAX skip NULLs. Other aggregates
 * would have to filter the window by another window's rank, which PostgreSQL cannot.
 */
function keepOverPartition(call: Extract<Expr, { kind: 'call' }>, kept: NonNullable<typeof call.keep>, over: WindowSpec): Expr {
  const name = call.name[0]!
  const [value] = args(call)
  if (!value || call.args.length !== 1 || call.distinct || (name !== 'MIN' && name !== 'MAX') || over.orderBy.length > 0 || over.frame) {
    throw new UnsupportedConstructError(`${name} … KEEP (DENSE_RANK ${kept.rank} …) OVER (…): PostgreSQL cannot restrict a window aggregate to the first-ranked rows (MIN and MAX over a partition are translated); rewrite it with a subquery that ranks the rows`, call.at)
  }
  const keys = kept.rank === 'FIRST' ? kept.orderBy : reversedOrder(kept.orderBy)
  const byValue: OrderItem = { expr: value, descending: name === 'MAX' || undefined, nulls: 'LAST' }
  const window: WindowSpec = { partitionBy: over.partitionBy, orderBy: [...keys, byValue], frame: { unit: 'ROWS', start: { kind: 'unbounded-preceding' }, end: { kind: 'unbounded-following' } } }
  return { kind: 'call', name: ['first_value'], args: [{ value }], over: window, target: true, at: call.at }
}

export const analyticOptionRules: readonly ExprRule[] = [keep, windowOptions]
