import type { Expr } from '../sql/ast.js'
import type { TokenCursor } from '../sql/cursor.js'
import { parseExpression, parseSqlStatement } from '../sql/parser/index.js'
import { UnsupportedConstructError } from '../translate-context.js'
import type { SqlInto, Statement, Target } from './plsql-ast.js'
import { statementEnd, subCursor } from './plsql-tokens.js'

/**
 * The PL/SQL parts around SQL: SELECT … INTO, DML … RETURNING … INTO, EXECUTE IMMEDIATE, and
 * assignment targets. The SQL itself goes to the SQL layer's parser.
 */

export function parseExecuteImmediate(c: TokenCursor): Statement {
  const at = c.location()
  c.pos += 2
  const literal = stringLiteralAhead(c)
  const sql = parseExpression(c)
  let into: SqlInto | undefined
  let using: Expr[] = []
  if (c.isWord('INTO') || c.isWord('BULK')) into = parseInto(c)
  if (c.acceptWord('USING')) using = parseUsing(c)
  if (c.isWord('RETURNING') || c.isWord('RETURN')) {
    throw new UnsupportedConstructError('EXECUTE IMMEDIATE … RETURNING INTO: put RETURNING in the dynamic statement and use EXECUTE … INTO', at)
  }
  c.expectOp(';')
  return { kind: 'execute-immediate', sql, literal, into, using, at }
}

export function parseUsing(c: TokenCursor): Expr[] {
  const values: Expr[] = []
  do {
    if (c.acceptWord('OUT') || (c.acceptWord('IN') && c.acceptWord('OUT'))) {
      throw new UnsupportedConstructError('EXECUTE IMMEDIATE … USING OUT binds: use EXECUTE … INTO', c.location())
    }
    values.push(parseExpression(c))
  } while (c.acceptOp(','))
  return values
}

/** `INTO a, b` or `BULK COLLECT INTO a, b`. */
export function parseInto(c: TokenCursor): SqlInto {
  const bulk = c.acceptWords('BULK', 'COLLECT')
  c.expectWord('INTO')
  const targets: Target[] = [parseTarget(c)]
  while (c.acceptOp(',')) targets.push(parseTarget(c))
  return { targets, bulk }
}

/**
 * SELECT … [BULK COLLECT] INTO … FROM and DML … RETURNING … INTO …: the INTO part is PL/SQL, so
 * it is read here and the rest of the statement, without it, goes to the SQL parser.
 */
export function parseSql(c: TokenCursor): Statement {
  const at = c.location()
  const end = statementEnd(c)
  const record = recordInsert(c, end)
  if (record) return record
  const intoStart = findTopLevel(c, c.pos, end, (i) => isWordAt(c, i, 'INTO') || (isWordAt(c, i, 'BULK') && isWordAt(c, i + 1, 'COLLECT')))
  const isSelect = c.isWord('SELECT') || c.isWord('WITH')
  const returningStart = isSelect ? -1 : findTopLevel(c, c.pos, end, (i) => isWordAt(c, i, 'RETURNING') || isWordAt(c, i, 'RETURN'))
  let statementTo = end
  let into: SqlInto | undefined
  let returning: { values: Expr[]; into: SqlInto } | undefined
  const drop = new Set<number>()
  if (isSelect && intoStart >= 0) {
    const save = c.pos
    c.pos = intoStart
    into = parseInto(c)
    for (let i = intoStart; i < c.pos; i++) drop.add(i)
    c.pos = save
  } else if (returningStart >= 0) {
    const save = c.pos
    c.pos = returningStart + 1
    const values: Expr[] = [parseExpression(c)]
    while (c.acceptOp(',')) values.push(parseExpression(c))
    returning = { values, into: parseInto(c) }
    c.pos = save
    statementTo = returningStart
  }
  const sub = subCursor(c, c.pos, statementTo, drop)
  const statement = parseSqlStatement(sub)
  if (!sub.atEnd()) sub.fail('unexpected text after the SQL statement')
  c.pos = end
  c.expectOp(';')
  return { kind: 'sql', statement, into, returning, at }
}

/**
 * `INSERT INTO t [alias] VALUES rec` inserts a record's fields in the table's column order:
 * PostgreSQL expands `(rec).*` in a VALUES list, so it is the value `rec.*` (a field named `*`).
 */
function recordInsert(c: TokenCursor, end: number): Statement | undefined {
  if (!c.isWord('INSERT') || !isWordAt(c, c.pos + 1, 'INTO')) return undefined
  const values = findTopLevel(c, c.pos, end, (i) => isWordAt(c, i, 'VALUES'))
  const next = c.tokens[values + 1]
  if (values < 0 || (next?.kind === 'op' && next.value === '(')) return undefined
  const at = c.location()
  c.pos += 2
  const name = [c.identifier('table name')]
  while (c.acceptOp('.')) name.push(c.identifier('table name'))
  const alias = c.pos < values ? c.identifier('table alias') : undefined
  c.expectWord('VALUES')
  const record = parseExpression(c)
  c.expectOp(';')
  const value: Expr = { kind: 'field', expr: record, field: '*' }
  return { kind: 'sql', statement: { kind: 'insert', table: { name, alias, at }, source: { kind: 'values', values: [value] }, at }, at }
}

/** `name`, `rec.field`, `:NEW.col`, `arr(i)`: something that can be assigned. */
export function parseTarget(c: TokenCursor): Target {
  const at = c.location()
  const bind = c.current.kind === 'bind'
  const path = bind ? [c.next().value] : [c.identifier('variable name')]
  let index: Expr | undefined
  for (;;) {
    if (c.acceptOp('.')) path.push(c.identifier())
    else if (c.isOp('(') && index === undefined) {
      c.next()
      index = parseExpression(c)
      c.expectOp(')')
    } else break
  }
  return { path, bind, index, at }
}

/** Dynamic SQL given as one string literal (`'…'` then `;`, INTO, USING …): its value, so binds can be renumbered. */
export function stringLiteralAhead(c: TokenCursor): string | undefined {
  const ends = c.isOp(';', 1) || ['INTO', 'USING', 'BULK', 'RETURNING', 'RETURN'].some((w) => c.isWord(w, 1))
  return c.current.kind === 'string' && ends ? c.current.value : undefined
}

function isWordAt(c: TokenCursor, i: number, word: string): boolean {
  const t = c.tokens[i]
  return t?.kind === 'word' && t.value === word
}

/** First index in [from, to) at parenthesis depth 0 where `match` holds, or -1. */
function findTopLevel(c: TokenCursor, from: number, to: number, match: (i: number) => boolean): number {
  let depth = 0
  for (let i = from; i < to; i++) {
    const t = c.tokens[i]!
    if (t.kind === 'op' && t.value === '(') depth++
    else if (t.kind === 'op' && t.value === ')') depth--
    else if (depth === 0 && match(i)) return i
  }
  return -1
}
