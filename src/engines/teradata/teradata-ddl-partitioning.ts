import type { TokenCursor } from '../../convert/sql/cursor.js'
import type { PartitionDef, PartitioningDef, TableDef } from '../../model/schema.js'
import { addFinding, objectLabel, type DdlContext } from '../ddl-reader/ddl-context.js'
import { parenthesisedItems, type TokenRange } from '../ddl-reader/ddl-syntax.js'

/** A range bound as written: `*`, a date or a whole number (anything else is not mapped). */
type Bound = { readonly kind: 'star' } | { readonly kind: 'date'; readonly iso: string } | { readonly kind: 'number'; readonly value: number }

interface RangeTerm {
  readonly start: Bound
  readonly end?: Bound
  readonly each: boolean
}

class NotMapped extends Error {}

/**
 * `PARTITION BY …` after a table's column list. Teradata partitioning places rows for scans and
 * never changes query results, so what PostgreSQL cannot express is a warning, not an action:
 * a single-level RANGE_N over a DATE or integer column becomes RANGE partitioning with one
 * partition per range term (EACH steps are not multiplied into partitions) and a DEFAULT
 * partition for NO RANGE/UNKNOWN; CASE_N, multi-level and column partitioning leave the table
 * unpartitioned with a warning naming the clause.
 */
export function readTeradataPartitioning(ctx: DdlContext, table: TableDef): PartitioningDef | undefined {
  const { c } = ctx
  c.expectWord('PARTITION')
  c.expectWord('BY')
  const from = c.pos
  const levels = c.isOp('(') ? parenthesisedItems(c) : [singleLevel(c)]
  const text = c.textBetween(from)
  const label = objectLabel('TABLE', table)
  const unmapped = (why: string) => {
    addFinding(ctx, 'TERADATA_PARTITIONING', 'warning', label, `PARTITION BY ${text}: ${why}; the table is created unpartitioned (Teradata partitioning only places rows, results are the same)`, c.location(c.tokens[from]))
    return undefined
  }
  if (levels.length !== 1) return unmapped(`${levels.length}-level partitioning has no PostgreSQL equivalent`)
  const level = levels[0]!
  const end = c.pos
  c.pos = level.from
  try {
    if (!c.acceptWord('RANGE_N')) return unmapped('only RANGE_N maps to PostgreSQL range partitioning')
    const { column, terms, catchAll } = readRangeN(c)
    if (c.pos !== level.to) throw new NotMapped('unexpected text after RANGE_N(…)')
    const type = table.columns.find((col) => col.name === column)?.type.kind
    if (type !== 'date' && type !== 'int') throw new NotMapped(`column ${column} is not a DATE or integer column`)
    const partitions = rangePartitions(terms, type)
    if (terms.some((t) => t.each)) {
      addFinding(ctx, 'TERADATA_RANGE_EACH', 'info', label, `PARTITION BY ${text}: each range term is one PostgreSQL partition; Teradata's EACH steps are not multiplied into partitions (split them later if scans need it)`)
    }
    return { method: 'range', columns: [column], partitions: catchAll ? [...partitions, { name: 'NO_RANGE', values: ['DEFAULT'] }] : partitions }
  } catch (e) {
    if (e instanceof NotMapped) return unmapped(e.message)
    throw e
  } finally {
    c.pos = end
  }
}

/** `RANGE_N(…)`/`CASE_N(…)`/an expression without enclosing parentheses: up to the next table clause. */
function singleLevel(c: TokenCursor): TokenRange {
  const from = c.pos
  c.next()
  if (c.isOp('(')) c.skipParens()
  return { from, to: c.pos }
}

/** `RANGE_N(column BETWEEN term, term … [, NO RANGE [OR UNKNOWN]] [, UNKNOWN])`. */
function readRangeN(c: TokenCursor): { column: string; terms: RangeTerm[]; catchAll: boolean } {
  const items = parenthesisedItems(c)
  const after = c.pos
  const terms: RangeTerm[] = []
  let catchAll = false
  let column = ''
  items.forEach((item, i) => {
    c.pos = item.from
    if (i === 0) {
      column = c.identifier('partitioning column')
      if (c.isOp('(') || c.isOp('.')) throw new NotMapped('the partitioning expression is not a plain column')
      c.expectWord('BETWEEN')
    }
    if (c.acceptWords('NO', 'RANGE') || c.acceptWord('UNKNOWN')) {
      c.acceptWords('OR', 'UNKNOWN')
      catchAll = true
    } else terms.push(readTerm(c, item.to))
    if (c.pos !== item.to) throw new NotMapped(`unexpected ${c.current.text} in a range`)
  })
  c.pos = after
  return { column, terms, catchAll }
}

function readTerm(c: TokenCursor, to: number): RangeTerm {
  const start = readBound(c)
  const end = c.acceptWord('AND') ? readBound(c) : undefined
  const each = c.acceptWord('EACH')
  if (each) c.pos = to
  return { start, ...(end && { end }), each }
}

function readBound(c: TokenCursor): Bound {
  if (c.acceptOp('*')) return { kind: 'star' }
  if (c.isWord('DATE') && c.peek().kind === 'string') c.next()
  const negative = c.acceptOp('-')
  const t = c.next()
  if (t.kind === 'number' && /^\d+$/.test(t.value)) return { kind: 'number', value: negative ? -Number(t.value) : Number(t.value) }
  if (t.kind === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(t.value.trim())) return { kind: 'date', iso: t.value.trim() }
  if (t.kind === 'word' && c.isOp('*') && t.value === 'DATE') {
    c.next()
    return { kind: 'star' }
  }
  throw new NotMapped(`bound ${t.text} is not a date or whole number literal`)
}

/** An exclusive upper bound: its text in the model and a number that orders it. */
interface Upper {
  readonly text: string
  readonly order: number
}

const MAXVALUE: Upper = { text: 'MAXVALUE', order: Number.POSITIVE_INFINITY }

/**
 * PostgreSQL range partitions are [lower, upper): each term's upper bound is the day or number
 * after its inclusive end, or the next term's start when it has none; the first lower bound is
 * MINVALUE (the renderer chains them), so rows Teradata would put in gaps between terms land in
 * the next partition.
 */
function rangePartitions(terms: readonly RangeTerm[], type: 'date' | 'int'): PartitionDef[] {
  const uppers = terms.map((t, i) => {
    if (t.end) return bound(t.end, type, 1)
    const next = terms[i + 1]
    return next ? bound(next.start, type, 0) : MAXVALUE
  })
  uppers.forEach((u, i) => {
    if (i > 0 && uppers[i - 1]!.order >= u.order) throw new NotMapped('range terms are not in ascending order')
  })
  return uppers.map((u, i) => ({ name: `P${i + 1}`, values: [u.text] }))
}

/** The bound `b` moved `step` days or units on (0: itself). */
function bound(b: Bound, type: 'date' | 'int', step: 0 | 1): Upper {
  if (b.kind === 'star') return MAXVALUE
  if (type === 'date' && b.kind === 'date') {
    const [y, m, d] = b.iso.split('-').map(Number) as [number, number, number]
    const day = new Date(0)
    day.setUTCFullYear(y, m - 1, d + step)
    const iso = `${String(day.getUTCFullYear()).padStart(4, '0')}-${String(day.getUTCMonth() + 1).padStart(2, '0')}-${String(day.getUTCDate()).padStart(2, '0')}`
    return { text: `DATE '${iso}'`, order: day.getTime() }
  }
  if (type === 'int' && b.kind === 'number') return { text: String(b.value + step), order: b.value + step }
  throw new NotMapped(`bound ${b.kind === 'date' ? `'${b.iso}'` : String(b.value)} does not fit a ${type === 'date' ? 'DATE' : 'integer'} column`)
}
