import type { Expr, MultiInsertBranch, ReturningClause, SetClause, SqlStatement, TableTarget } from '../ast.js'
import type { TokenCursor } from '../cursor.js'
import { UnsupportedConstructError } from '../../translate-context.js'
import { parseExpression, parseExpressionList } from './expression-parser.js'
import { isQueryStart, parseAlias, parseNameList, parseQuery } from './query-parser.js'
import { parseMerge } from './merge-parser.js'

/**
 * One SQL statement: a query, INSERT (single-table, INSERT ALL/FIRST), UPDATE, DELETE, MERGE,
 * COMMIT, ROLLBACK, SAVEPOINT, LOCK TABLE, SET TRANSACTION. Stops before `;`.
 */
export function parseSqlStatement(c: TokenCursor): SqlStatement {
  const at = c.location()
  if (isQueryStart(c)) return { kind: 'query', query: parseQuery(c), at }
  const word = c.current.kind === 'word' ? c.current.value : ''
  switch (word) {
    case 'INSERT':
      return parseInsert(c)
    case 'UPDATE':
      return parseUpdate(c)
    case 'DELETE':
      return parseDelete(c)
    case 'MERGE':
      return parseMerge(c)
    case 'COMMIT':
      c.next()
      c.acceptWord('WORK')
      skipToEnd(c)
      return { kind: 'commit', at }
    case 'ROLLBACK': {
      c.next()
      c.acceptWord('WORK')
      let savepoint: string | undefined
      if (c.acceptWord('TO')) {
        c.acceptWord('SAVEPOINT')
        savepoint = c.identifier('savepoint name')
      }
      return { kind: 'rollback', savepoint, at }
    }
    case 'SAVEPOINT':
      c.next()
      return { kind: 'savepoint', name: c.identifier('savepoint name'), at }
    case 'LOCK':
      return parseLockTable(c)
    case 'SET':
      if (c.isWord('TRANSACTION', 1)) {
        const from = c.pos
        skipToEnd(c)
        return { kind: 'set-transaction', text: c.textBetween(from), at }
      }
      break
  }
  return c.fail('expected a SQL statement')
}

/** COMMIT COMMENT '…' / WRITE … and SET TRANSACTION …: up to the end of the statement. */
function skipToEnd(c: TokenCursor): void {
  while (!c.atEnd() && !c.isOp(';')) c.next()
}

export function parseTableTarget(c: TokenCursor, withAlias = true): TableTarget {
  const at = c.location()
  const name = [c.identifier('table name')]
  while (c.acceptOp('.')) name.push(c.identifier('table name'))
  let dblink: string | undefined
  if (c.acceptOp('@')) dblink = c.identifier('database link')
  const partition = parsePartitionExtension(c)
  return { name, dblink, ...(partition !== undefined && { partition }), alias: withAlias ? parseAlias(c, false) : undefined, at }
}

/** `PARTITION (p)`: the partition's name; `PARTITION FOR (keys)` and SUBPARTITION are action items. */
function parsePartitionExtension(c: TokenCursor): string | undefined {
  if (!c.isWord('PARTITION') && !c.isWord('SUBPARTITION')) return undefined
  const at = c.location()
  if (c.isWord('SUBPARTITION') || c.isWord('FOR', 1)) {
    throw new UnsupportedConstructError(`${c.current.value}${c.isWord('FOR', 1) ? ' FOR (…)' : ' (…)'} table reference: name the partition's own table (<table>_<partition>) instead`, at, 'PARTITION_REFERENCE')
  }
  c.next()
  c.expectOp('(')
  const name = c.identifier('partition name')
  c.expectOp(')')
  return name
}

function parseInsert(c: TokenCursor): SqlStatement {
  const at = c.location()
  c.expectWord('INSERT')
  // A conditional multitable insert may leave out ALL: `INSERT WHEN … THEN INTO …`.
  if (c.isWord('ALL') || c.isWord('FIRST') || c.isWord('WHEN')) return parseMultiInsert(c)
  if (!c.acceptWord('INTO') && !c.hooks.optionalInsertInto) c.expectWord('INTO')
  const table = parseTableTarget(c)
  const valuesOnly = c.hooks.valuesWithoutKeyword === true && c.isOp('(') && !isQueryStart(c) && !listIsColumnNames(c)
  const columns = c.isOp('(') && !isQueryStart(c) && !valuesOnly ? parseNameList(c) : undefined
  let source: Extract<SqlStatement, { kind: 'insert' }>['source']
  if (valuesOnly || c.acceptWord('VALUES')) {
    c.expectOp('(')
    const values = parseExpressionList(c)
    c.expectOp(')')
    source = { kind: 'values', values }
  } else source = { kind: 'query', query: parseQuery(c) }
  const returning = parseReturning(c)
  rejectErrorLogging(c)
  return { kind: 'insert', table, columns, source, returning, at }
}

/** The parenthesised list at the cursor names columns: VALUES or a query follows its `)`. */
function listIsColumnNames(c: TokenCursor): boolean {
  let depth = 0
  let k = 0
  do {
    if (c.peek(k).kind === 'eof') return false
    if (c.isOp('(', k)) depth++
    else if (c.isOp(')', k)) depth--
    k++
  } while (depth > 0)
  return c.isWord('VALUES', k) || c.isWord('SELECT', k) || c.isWord('WITH', k) || c.isOp('(', k)
}

function parseMultiInsert(c: TokenCursor): SqlStatement {
  const at = c.location()
  const first = c.acceptWord('FIRST')
  if (!first) c.acceptWord('ALL')
  const branches: MultiInsertBranch[] = []
  let elseBranches: MultiInsertBranch[] | undefined
  if (c.isWord('INTO')) {
    while (c.isWord('INTO')) branches.push(parseInsertBranch(c))
  } else {
    while (c.acceptWord('WHEN')) {
      const when = parseExpression(c)
      c.expectWord('THEN')
      do branches.push({ ...parseInsertBranch(c), when })
      while (c.isWord('INTO'))
    }
    if (c.acceptWord('ELSE')) {
      elseBranches = []
      do elseBranches.push(parseInsertBranch(c))
      while (c.isWord('INTO'))
    }
  }
  if (branches.length === 0) c.fail('expected INTO or WHEN')
  const query = parseQuery(c)
  return { kind: 'insert-multi', first, branches, elseBranches, query, at }
}

function parseInsertBranch(c: TokenCursor): MultiInsertBranch {
  c.expectWord('INTO')
  const table = parseTableTarget(c, false)
  const columns = c.isOp('(') ? parseNameList(c) : undefined
  let values: Expr[] | undefined
  if (c.acceptWord('VALUES')) {
    c.expectOp('(')
    values = parseExpressionList(c)
    c.expectOp(')')
  }
  return { table, columns, values }
}

function parseUpdate(c: TokenCursor): SqlStatement {
  const at = c.location()
  c.expectWord('UPDATE')
  const table = parseTableTarget(c)
  c.expectWord('SET')
  const set = parseSetClauses(c)
  const where = c.acceptWord('WHERE') ? parseWhereOrCurrentOf(c) : undefined
  const returning = parseReturning(c)
  rejectErrorLogging(c)
  return { kind: 'update', table, set, where, returning, at }
}

/** `col = expr, (a, b) = (SELECT …), …`. */
export function parseSetClauses(c: TokenCursor): SetClause[] {
  const set: SetClause[] = []
  do {
    if (c.isOp('(')) {
      c.next()
      const columns = [parseColumnPath(c)]
      while (c.acceptOp(',')) columns.push(parseColumnPath(c))
      c.expectOp(')')
      c.expectOp('=')
      set.push({ columns, value: parseExpression(c) })
    } else {
      const column = parseColumnPath(c)
      c.expectOp('=')
      set.push({ columns: [column], value: parseExpression(c) })
    }
  } while (c.acceptOp(','))
  return set
}

function parseColumnPath(c: TokenCursor): string[] {
  const path = [c.identifier('column name')]
  while (c.acceptOp('.')) path.push(c.identifier('column name'))
  return path
}

function parseDelete(c: TokenCursor): SqlStatement {
  const at = c.location()
  c.expectWord('DELETE')
  c.acceptWord('FROM')
  const table = parseTableTarget(c)
  const where = c.acceptWord('WHERE') ? parseWhereOrCurrentOf(c) : undefined
  const returning = parseReturning(c)
  rejectErrorLogging(c)
  return { kind: 'delete', table, where, returning, at }
}

/** `WHERE CURRENT OF cursor` is kept as a raw condition the PL/SQL layer prints as is. */
function parseWhereOrCurrentOf(c: TokenCursor): Expr {
  if (c.isWords('CURRENT', 'OF')) {
    c.pos += 2
    return { kind: 'raw', sql: `CURRENT OF ${c.identifier('cursor name').toLowerCase()}` }
  }
  return parseExpression(c)
}

function parseReturning(c: TokenCursor): ReturningClause | undefined {
  if (!c.acceptWord('RETURNING') && !c.acceptWord('RETURN')) return undefined
  const values = parseExpressionList(c)
  const bulk = c.acceptWords('BULK', 'COLLECT')
  c.expectWord('INTO')
  return { values, into: { targets: parseExpressionList(c), bulk } }
}

/** LOG ERRORS [INTO t] [(tag)] [REJECT LIMIT n]: valid Oracle with no PostgreSQL counterpart. */
export function rejectErrorLogging(c: TokenCursor): void {
  if (c.isWords('LOG', 'ERRORS')) {
    throw new UnsupportedConstructError('LOG ERRORS (DML error logging): PostgreSQL stops at the first failing row and has no error log table; filter the rows first, or INSERT … ON CONFLICT DO NOTHING where the errors are key conflicts', c.location(), 'DML_ERROR_LOGGING')
  }
}

function parseLockTable(c: TokenCursor): SqlStatement {
  const at = c.location()
  c.expectWord('LOCK')
  c.expectWord('TABLE')
  const tables = [parseTableTarget(c, false)]
  while (c.acceptOp(',')) tables.push(parseTableTarget(c, false))
  c.expectWord('IN')
  const words: string[] = []
  while (!c.isWord('MODE') && !c.atEnd()) words.push(c.identifier('lock mode'))
  c.expectWord('MODE')
  const nowait = c.acceptWord('NOWAIT')
  return { kind: 'lock-table', tables, mode: words.join(' '), nowait, at }
}
