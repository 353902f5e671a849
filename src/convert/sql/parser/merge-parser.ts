import type { Expr, FromItem, SetClause, SqlStatement } from '../ast.js'
import type { TokenCursor } from '../cursor.js'
import { parseExpression, parseExpressionList } from './expression-parser.js'
import { parseSetClauses, parseTableTarget, rejectErrorLogging } from './dml-parser.js'
import { parseAlias, parseQuery, parseFromItem } from './query-parser.js'

/**
 * `MERGE INTO t [alias] USING source [alias] ON (cond)
 *  [WHEN MATCHED THEN UPDATE SET … [WHERE …] [DELETE WHERE …]]
 *  [WHEN NOT MATCHED THEN INSERT [(cols)] VALUES (…) [WHERE …]]`, the clauses in either order.
 */
export function parseMerge(c: TokenCursor): SqlStatement {
  const at = c.location()
  c.expectWord('MERGE')
  c.expectWord('INTO')
  const target = parseTableTarget(c)
  c.expectWord('USING')
  const source = parseMergeSource(c)
  c.expectWord('ON')
  const on = parseExpression(c)
  let matched: { set: SetClause[]; where?: Expr; deleteWhere?: Expr } | undefined
  let notMatched: { columns?: string[]; values: Expr[]; where?: Expr } | undefined
  while (c.acceptWord('WHEN')) {
    if (c.acceptWords('MATCHED', 'THEN')) {
      c.expectWord('UPDATE')
      c.expectWord('SET')
      const set = parseSetClauses(c)
      const where = c.acceptWord('WHERE') ? parseExpression(c) : undefined
      const deleteWhere = c.acceptWords('DELETE', 'WHERE') ? parseExpression(c) : undefined
      matched = { set, where, deleteWhere }
    } else {
      c.expectWord('NOT')
      c.expectWord('MATCHED')
      c.expectWord('THEN')
      c.expectWord('INSERT')
      const columns = c.isOp('(') ? parseInsertColumns(c) : undefined
      c.expectWord('VALUES')
      c.expectOp('(')
      const values = parseExpressionList(c)
      c.expectOp(')')
      const where = c.acceptWord('WHERE') ? parseExpression(c) : undefined
      notMatched = { columns, values, where }
    }
  }
  if (!matched && !notMatched) c.fail('expected WHEN MATCHED or WHEN NOT MATCHED')
  rejectErrorLogging(c)
  return { kind: 'merge', target, source, on, matched, notMatched, at }
}

/** `(c, …)`; Oracle lets each column name the target as well (`t.c`), which PostgreSQL does not. */
function parseInsertColumns(c: TokenCursor): string[] {
  const names: string[] = []
  c.expectOp('(')
  do {
    let name = c.identifier('column name')
    while (c.acceptOp('.')) name = c.identifier('column name')
    names.push(name)
  } while (c.acceptOp(','))
  c.expectOp(')')
  return names
}

function parseMergeSource(c: TokenCursor): FromItem {
  if (c.isOp('(') && (c.isWord('SELECT', 1) || c.isWord('WITH', 1))) {
    c.next()
    const query = parseQuery(c)
    c.expectOp(')')
    return { kind: 'subquery', query, alias: parseAlias(c, false) }
  }
  return parseFromItem(c)
}
