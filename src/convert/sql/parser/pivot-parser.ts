import type { Expr, FromItem } from '../ast.js'
import type { TokenCursor } from '../cursor.js'
import { refuse } from './refuse.js'
import { parseAdditive, parseExpression } from './expression-parser.js'
import { parseAlias } from './query-parser.js'

/**
 * PIVOT and UNPIVOT after a table reference (the cursor is at the keyword). PIVOT XML and IN
 * (ANY | subquery) make the columns depend on the data: they fail here with their position.
 */
export function parsePivot(c: TokenCursor, source: FromItem): FromItem {
  const at = c.location()
  if (c.acceptWord('UNPIVOT')) return parseUnpivot(c, source, at)
  c.expectWord('PIVOT')
  if (c.isWord('XML')) refuse(c, 'PIVOT XML: the columns depend on the data; PostgreSQL queries have fixed columns')
  c.expectOp('(')
  const aggregates: Array<{ call: Expr; alias?: string }> = []
  do {
    const call = parseExpression(c)
    if (call.kind !== 'call') c.fail('expected an aggregate function in PIVOT')
    aggregates.push({ call, alias: parseAlias(c) })
  } while (c.acceptOp(','))
  c.expectWord('FOR')
  // The FOR columns end at IN, which an expression would take as its own.
  const forColumns = c.isOp('(') ? parenthesised(c, () => parseAdditive(c)) : [parseAdditive(c)]
  c.expectWord('IN')
  c.expectOp('(')
  if (c.isWord('ANY') || c.isWord('SELECT') || c.isWord('WITH')) refuse(c, 'PIVOT … IN (ANY | subquery): the columns depend on the data; list the values')
  const values: Array<{ values: Expr[]; text: string; alias?: string }> = []
  // A value without alias names its column as written; a tuple's values joined by `_`.
  const written = (texts: string[]) => () => {
    const from = c.pos
    const e = parseExpression(c)
    texts.push(c.textBetween(from))
    return e
  }
  do {
    const texts: string[] = []
    const list = forColumns.length > 1 || (c.isOp('(') && isTupleAhead(c)) ? parenthesised(c, written(texts)) : [written(texts)()]
    values.push({ values: list, text: texts.join('_'), alias: parseAlias(c) })
  } while (c.acceptOp(','))
  c.expectOp(')')
  c.expectOp(')')
  return { kind: 'pivot', source, aggregates, forColumns, values, alias: parseAlias(c), at }
}

function parseUnpivot(c: TokenCursor, source: FromItem, at: ReturnType<TokenCursor['location']>): FromItem {
  let includeNulls = false
  if (c.acceptWord('INCLUDE')) {
    c.expectWord('NULLS')
    includeNulls = true
  } else if (c.acceptWord('EXCLUDE')) c.expectWord('NULLS')
  c.expectOp('(')
  const names = () => (c.isOp('(') ? parenthesised(c, () => c.identifier('column')) : [c.identifier('column')])
  const valueColumns = names()
  c.expectWord('FOR')
  const nameColumns = names()
  c.expectWord('IN')
  c.expectOp('(')
  const columns: Array<{ columns: string[][]; names?: Expr[] }> = []
  do {
    const cols = c.isOp('(') ? parenthesised(c, () => columnPath(c)) : [columnPath(c)]
    let literals: Expr[] | undefined
    if (c.acceptWord('AS')) literals = c.isOp('(') ? parenthesised(c, () => parseExpression(c)) : [parseExpression(c)]
    if (cols.length !== valueColumns.length) c.fail(`UNPIVOT: each IN entry needs ${valueColumns.length} column(s)`)
    if (literals && literals.length !== nameColumns.length) c.fail(`UNPIVOT: each AS needs ${nameColumns.length} value(s)`)
    columns.push({ columns: cols, names: literals })
  } while (c.acceptOp(','))
  c.expectOp(')')
  c.expectOp(')')
  return { kind: 'unpivot', source, includeNulls, valueColumns, nameColumns, columns, alias: parseAlias(c), at }
}

function columnPath(c: TokenCursor): string[] {
  const path = [c.identifier('column')]
  while (c.acceptOp('.')) path.push(c.identifier('column'))
  return path
}

function parenthesised<T>(c: TokenCursor, item: () => T): T[] {
  c.expectOp('(')
  const items = [item()]
  while (c.acceptOp(',')) items.push(item())
  c.expectOp(')')
  return items
}

/** `(1, 2) AS x` is a tuple of values; `(1 + 2)` one value in parentheses. */
function isTupleAhead(c: TokenCursor): boolean {
  let depth = 0
  for (let k = 0; ; k++) {
    const t = c.peek(k)
    if (t.kind === 'eof') return false
    if (t.kind === 'op' && t.value === '(') depth++
    else if (t.kind === 'op' && t.value === ')' && --depth === 0) return false
    else if (t.kind === 'op' && t.value === ',' && depth === 1) return true
  }
}
