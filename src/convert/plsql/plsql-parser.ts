import type { TokenCursor } from '../sql/cursor.js'
import { UnsupportedConstructError } from '../translate-context.js'
import type { Argument, Block, Declaration, ExceptionHandler, Statement } from './plsql-ast.js'
import { statementEnd } from './plsql-tokens.js'
import { parseDeclarations } from './plsql-declaration-parser.js'
import { parseExecuteImmediate, parseInto, parseSql, parseTarget, parseUsing, stringLiteralAhead } from './plsql-sql-parser.js'
import type { Expr } from '../sql/ast.js'
import { parseExpression, parseQuery } from '../sql/parser/index.js'

/**
 * PL/SQL blocks and control statements (Oracle PL/SQL Language Reference, "Block" and "PL/SQL
 * Statements"). Declarations are read by plsql-declaration-parser.ts, the PL/SQL parts around
 * SQL by plsql-sql-parser.ts, and expressions, queries and DML by the SQL layer's parser.
 */

/** Words that end a statement list (the block, branch or loop it is in goes on). */
const LIST_END = ['END', 'EXCEPTION', 'ELSIF', 'ELSE', 'WHEN']
const SQL_STARTS = new Set(['SELECT', 'WITH', 'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'LOCK'])
const TRANSACTION_STARTS = new Set(['COMMIT', 'ROLLBACK', 'SAVEPOINT', 'SET'])

/** `[DECLARE decls] BEGIN … [EXCEPTION …] END [label];` with the cursor at DECLARE or BEGIN. */
export function parseBlock(c: TokenCursor, label?: string): Block {
  const at = c.location()
  const declarations = c.acceptWord('DECLARE') ? parseDeclarations(c) : []
  return parseBlockBody(c, declarations, at, label)
}

/** From BEGIN to the END that closes it, after the declarations were read. */
export function parseBlockBody(c: TokenCursor, declarations: readonly Declaration[], at = c.location(), label?: string): Block {
  c.expectWord('BEGIN')
  const body = parseStatements(c)
  const handlers = c.acceptWord('EXCEPTION') ? parseHandlers(c) : []
  c.expectWord('END')
  if (c.isIdentifier() && !c.isOp(';', 0)) c.next() // END name / END label
  c.acceptOp(';')
  return { label, declarations, body, handlers, at }
}

function parseHandlers(c: TokenCursor): ExceptionHandler[] {
  const handlers: ExceptionHandler[] = []
  while (c.acceptWord('WHEN')) {
    const names = [qualifiedName(c).join('.')]
    while (c.acceptWord('OR')) names.push(qualifiedName(c).join('.'))
    c.expectWord('THEN')
    handlers.push({ names, body: parseStatements(c) })
  }
  return handlers
}

/** Statements up to END / EXCEPTION / ELSIF / ELSE / WHEN (not consumed). */
export function parseStatements(c: TokenCursor): Statement[] {
  const out: Statement[] = []
  while (!LIST_END.some((w) => c.isWord(w)) && !c.atEnd()) out.push(parseStatement(c))
  return out
}

function parseStatement(c: TokenCursor): Statement {
  const at = c.location()
  let label: string | undefined
  while (c.acceptOp('<<')) {
    label = c.identifier('label')
    c.expectOp('>>')
  }
  const t = c.current
  if (t.kind === 'bind') return parseAssignment(c)
  if (t.kind !== 'word' && t.kind !== 'qident') return c.fail('expected a PL/SQL statement')
  const word = t.kind === 'word' ? t.value : ''
  switch (word) {
    case 'DECLARE':
    case 'BEGIN':
      return { kind: 'block', block: parseBlock(c, label), at }
    case 'IF':
      return parseIf(c)
    case 'CASE':
      return parseCase(c)
    case 'LOOP':
    case 'WHILE':
    case 'FOR':
      return parseLoop(c, label)
    case 'FORALL':
      return parseForall(c)
    case 'EXIT':
    case 'CONTINUE': {
      c.next()
      const target = c.isIdentifier() && !c.isWord('WHEN') ? c.identifier() : undefined
      const when = c.acceptWord('WHEN') ? parseExpression(c) : undefined
      c.expectOp(';')
      return { kind: word === 'EXIT' ? 'exit' : 'continue', label: target, when, at }
    }
    case 'NULL':
      if (c.isOp(';', 1)) {
        c.pos += 2
        return { kind: 'null', at }
      }
      break
    case 'RETURN': {
      c.next()
      const value = c.isOp(';') ? undefined : parseExpression(c)
      c.expectOp(';')
      return { kind: 'return', value, at }
    }
    case 'GOTO':
      throw new UnsupportedConstructError('GOTO has no PL/pgSQL equivalent; restructure the code with loops and EXIT', at)
    case 'RAISE': {
      c.next()
      const exception = c.isOp(';') ? undefined : qualifiedName(c).join('.')
      c.expectOp(';')
      return { kind: 'raise', exception, at }
    }
    case 'OPEN':
      return parseOpen(c)
    case 'FETCH':
      return parseFetch(c)
    case 'CLOSE': {
      c.next()
      const cursor = c.identifier('cursor name')
      c.expectOp(';')
      return { kind: 'close', cursor, at }
    }
    case 'EXECUTE':
      if (c.isWord('IMMEDIATE', 1)) return parseExecuteImmediate(c)
      break
    case 'PIPE': {
      if (!c.isWord('ROW', 1)) break
      c.pos += 2
      c.expectOp('(')
      const value = parseExpression(c)
      c.expectOp(')')
      c.expectOp(';')
      return { kind: 'pipe-row', value, at }
    }
  }
  if (TRANSACTION_STARTS.has(word)) {
    const end = statementEnd(c)
    const text = c.textBetween(c.pos, end)
    c.pos = end
    c.expectOp(';')
    return { kind: 'transaction', text, at }
  }
  if (SQL_STARTS.has(word) && !c.isOp(':=', 1) && !c.isOp('.', 1)) return parseSql(c)
  return parseAssignmentOrCall(c)
}

function parseIf(c: TokenCursor): Statement {
  const at = c.location()
  c.expectWord('IF')
  const branches: Array<{ cond: Expr; body: Statement[] }> = []
  do {
    const cond = parseExpression(c)
    c.expectWord('THEN')
    branches.push({ cond, body: parseStatements(c) })
  } while (c.acceptWord('ELSIF'))
  const otherwise = c.acceptWord('ELSE') ? parseStatements(c) : undefined
  c.expectWord('END')
  c.expectWord('IF')
  c.expectOp(';')
  return { kind: 'if', branches, otherwise, at }
}

function parseCase(c: TokenCursor): Statement {
  const at = c.location()
  c.expectWord('CASE')
  const selector = c.isWord('WHEN') ? undefined : parseExpression(c)
  const whens: Array<{ cond: Expr; body: Statement[] }> = []
  while (c.acceptWord('WHEN')) {
    const cond = parseExpression(c)
    c.expectWord('THEN')
    whens.push({ cond, body: parseStatements(c) })
  }
  const otherwise = c.acceptWord('ELSE') ? parseStatements(c) : undefined
  c.expectWord('END')
  c.expectWord('CASE')
  if (c.isIdentifier()) c.next()
  c.expectOp(';')
  return { kind: 'case', selector, whens, otherwise, at }
}

function parseLoop(c: TokenCursor, label?: string): Statement {
  const at = c.location()
  if (c.acceptWord('WHILE')) {
    const cond = parseExpression(c)
    return { kind: 'while', label, cond, body: parseLoopBody(c), at }
  }
  if (c.acceptWord('FOR')) {
    const index = c.identifier('loop index')
    c.expectWord('IN')
    const reverse = c.acceptWord('REVERSE')
    if (c.isOp('(') && (c.isWord('SELECT', 1) || c.isWord('WITH', 1))) {
      c.next()
      const query = parseQuery(c)
      c.expectOp(')')
      return { kind: 'for-query', label, record: index, query, body: parseLoopBody(c), at }
    }
    if (isCursorLoopSource(c)) {
      const cursor = c.identifier('cursor name')
      const args = c.isOp('(') ? parseArguments(c) : []
      return { kind: 'for-cursor', label, record: index, cursor, args, body: parseLoopBody(c), at }
    }
    const low = parseExpression(c)
    c.expectOp('..')
    const high = parseExpression(c)
    return { kind: 'for-range', label, index, reverse, low, high, body: parseLoopBody(c), at }
  }
  return { kind: 'loop', label, body: parseLoopBody(c), at }
}

/** `c LOOP` or `c(args) LOOP`: a cursor, not the low bound of a range such as `f(1)..n`. */
function isCursorLoopSource(c: TokenCursor): boolean {
  if (!c.isIdentifier()) return false
  if (c.isWord('LOOP', 1)) return true
  if (!c.isOp('(', 1)) return false
  const save = c.pos
  c.next()
  c.skipParens()
  const result = c.isWord('LOOP')
  c.pos = save
  return result
}

function parseLoopBody(c: TokenCursor): Statement[] {
  c.expectWord('LOOP')
  const body = parseStatements(c)
  c.expectWord('END')
  c.expectWord('LOOP')
  if (c.isIdentifier()) c.next()
  c.expectOp(';')
  return body
}

function parseForall(c: TokenCursor): Statement {
  const at = c.location()
  c.expectWord('FORALL')
  const index = c.identifier('FORALL index')
  c.expectWord('IN')
  if (c.isWord('INDICES') || c.isWord('VALUES')) {
    throw new UnsupportedConstructError('FORALL … IN INDICES OF / VALUES OF: rewrite as a FOREACH loop over the array', at)
  }
  const low = parseExpression(c)
  c.expectOp('..')
  const high = parseExpression(c)
  c.acceptWords('SAVE', 'EXCEPTIONS')
  return { kind: 'forall', index, low, high, statement: parseStatement(c), at }
}

function parseOpen(c: TokenCursor): Statement {
  const at = c.location()
  c.expectWord('OPEN')
  const cursor = c.identifier('cursor name')
  if (!c.acceptWord('FOR')) {
    const args = c.isOp('(') ? parseArguments(c) : []
    c.expectOp(';')
    return { kind: 'open', cursor, args, at }
  }
  if (c.isWord('SELECT') || c.isWord('WITH')) {
    const query = parseQuery(c)
    c.expectOp(';')
    return { kind: 'open-for', cursor, query, using: [], at }
  }
  const literal = stringLiteralAhead(c)
  const dynamic = parseExpression(c)
  const using = c.acceptWord('USING') ? parseUsing(c) : []
  c.expectOp(';')
  return { kind: 'open-for', cursor, dynamic, literal, using, at }
}

function parseFetch(c: TokenCursor): Statement {
  const at = c.location()
  c.expectWord('FETCH')
  const cursor = c.identifier('cursor name')
  const into = parseInto(c)
  const limit = into.bulk && c.acceptWord('LIMIT') ? parseExpression(c) : undefined
  c.expectOp(';')
  return { kind: 'fetch', cursor, into, limit, at }
}

function parseAssignment(c: TokenCursor): Statement {
  const at = c.location()
  const target = parseTarget(c)
  c.expectOp(':=')
  const value = parseExpression(c)
  c.expectOp(';')
  return { kind: 'assign', target, value, at }
}

/** `name … := expr;` or a procedure call `name[(args)];`. */
function parseAssignmentOrCall(c: TokenCursor): Statement {
  const start = c.pos
  const at = c.location()
  const name = qualifiedName(c)
  if (c.isOp(':=') || (c.isOp('(') && isAssignmentAfterParens(c))) {
    c.pos = start
    return parseAssignment(c)
  }
  if (name.length === 1 && name[0] === 'RAISE_APPLICATION_ERROR') return parseRaiseApplicationError(c, at)
  const args = c.isOp('(') ? parseArguments(c) : []
  c.expectOp(';')
  return { kind: 'call', name, args, at }
}

/** RAISE_APPLICATION_ERROR(-20nnn, message [, keep_errors]): the code is kept as a number when literal. */
function parseRaiseApplicationError(c: TokenCursor, at: Statement['at']): Statement {
  c.expectOp('(')
  const negative = c.isOp('-') && c.peek().kind === 'number'
  const code = negative ? -Number(c.peek().value) : undefined
  if (negative) c.pos += 2
  else parseExpression(c)
  c.expectOp(',')
  const message = parseExpression(c)
  if (c.acceptOp(',')) parseExpression(c) // keep_errors: PostgreSQL has no error stack to keep
  c.expectOp(')')
  c.expectOp(';')
  return { kind: 'raise-application-error', code, message, at }
}

/** `a(i) := …`: a collection element assignment rather than a call. */
function isAssignmentAfterParens(c: TokenCursor): boolean {
  const save = c.pos
  c.skipParens()
  const result = c.isOp(':=') || c.isOp('.')
  c.pos = save
  return result
}

/** `(a, name => b, …)` */
export function parseArguments(c: TokenCursor): Argument[] {
  c.expectOp('(')
  const args: Argument[] = []
  if (c.acceptOp(')')) return args
  do {
    const name = c.isIdentifier() && c.isOp('=>', 1) ? c.identifier() : undefined
    if (name !== undefined) c.expectOp('=>')
    const literal = c.current.kind === 'string' && (c.isOp(',', 1) || c.isOp(')', 1)) ? c.current.value : undefined
    args.push({ name, value: parseExpression(c), literal })
  } while (c.acceptOp(','))
  c.expectOp(')')
  return args
}

export function qualifiedName(c: TokenCursor): string[] {
  const path = [c.identifier('name')]
  while (c.acceptOp('.')) path.push(c.identifier())
  return path
}

