import type { CommonTableExpr, Expr, FromItem, GroupingElement, IntoClause, Query, QueryTail, SelectItem, SelectQuery, WithClause } from '../ast.js'
import { UnsupportedConstructError } from '../../translate-context.js'
import type { TokenCursor } from '../cursor.js'
import { parseExpression, parseExpressionList, parseOrderBy, parseOrderItems } from './expression-parser.js'
import { parseJsonTable } from './json-parser.js'
import { parsePivot } from './pivot-parser.js'
import { refuse } from './refuse.js'
import { parseXmlTable } from './xml-parser.js'

/** Words that end a select item or table reference rather than name its alias. */
const NOT_AN_ALIAS = new Set([
  'FROM', 'INTO', 'BULK', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'UNION', 'INTERSECT', 'MINUS', 'EXCEPT', 'CONNECT',
  'START', 'FETCH', 'OFFSET', 'FOR', 'JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'NATURAL', 'ON', 'USING',
  'OUTER', 'PIVOT', 'UNPIVOT', 'MODEL', 'SET', 'VALUES', 'WHEN', 'LOG', 'RETURNING', 'RETURN', 'WINDOW', 'PARTITION',
  'SAMPLE', 'AS', 'LIMIT', 'THEN', 'LOOP', 'END', 'ELSE', 'SELECT', 'WITH', 'MATCH_RECOGNIZE',
])

export function isQueryStart(c: TokenCursor): boolean {
  if (c.isWord('SELECT')) return true
  if (c.isWord('WITH') && c.isIdentifier(1)) return true
  // `((SELECT …) UNION …)`
  let k = 0
  while (c.isOp('(', k)) k++
  return k > 0 && (c.isWord('SELECT', k) || c.isWord('WITH', k))
}

/**
 * A query: `[WITH …] select { UNION [ALL] | INTERSECT | MINUS } select … [ORDER BY …]
 * [OFFSET …] [FETCH …] [FOR UPDATE …]`. Oracle's set operators share one precedence and
 * associate left to right.
 */
export function parseQuery(c: TokenCursor): Query {
  const at = c.location()
  const withClause = c.isWord('WITH') ? parseWith(c) : undefined
  let q = parseQueryTerm(c)
  for (;;) {
    let op: 'UNION' | 'UNION ALL' | 'INTERSECT' | 'MINUS' | 'EXCEPT'
    if (c.acceptWords('UNION', 'ALL')) op = 'UNION ALL'
    else if (c.acceptWord('UNION')) op = 'UNION'
    else if (c.acceptWord('INTERSECT')) op = 'INTERSECT'
    else if (c.acceptWord('MINUS')) op = 'MINUS'
    else if (c.acceptWord('EXCEPT')) op = 'EXCEPT'
    else break
    q = { kind: 'set', op, left: q, right: parseQueryTerm(c), at }
  }
  q = { ...q, ...parseTail(c) }
  return withClause ? { ...q, with: withClause } : q
}

function parseWith(c: TokenCursor): WithClause {
  c.expectWord('WITH')
  const ctes: CommonTableExpr[] = []
  do {
    if (c.isWord('FUNCTION') || c.isWord('PROCEDURE')) refuse(c, 'PL/SQL functions in WITH are not supported')
    const name = c.identifier('query name')
    const columns = c.isOp('(') ? parseNameList(c) : undefined
    c.expectWord('AS')
    c.expectOp('(')
    const query = parseQuery(c)
    c.expectOp(')')
    const search = c.isWord('SEARCH') ? parseSearchClause(c) : undefined
    const cycle = c.isWord('CYCLE') ? parseCycleClause(c) : undefined
    ctes.push({ name, columns, query, search, cycle })
  } while (c.acceptOp(','))
  // Oracle infers recursion from a query name used inside its own definition; the generator
  // decides whether RECURSIVE is needed.
  return { ctes }
}

/** `SEARCH {DEPTH|BREADTH} FIRST BY c [ASC] [, …] SET ordering_column`; DESC and NULLS orders have no PostgreSQL form. */
function parseSearchClause(c: TokenCursor): NonNullable<CommonTableExpr['search']> {
  const at = c.location()
  c.expectWord('SEARCH')
  const breadth = c.acceptWord('BREADTH')
  if (!breadth) c.expectWord('DEPTH')
  c.expectWord('FIRST')
  c.expectWord('BY')
  const by: string[] = []
  do {
    by.push(c.identifier('column name'))
    c.acceptWord('ASC')
    if (c.isWord('DESC') || c.isWord('NULLS')) refuse(c, 'SEARCH … BY … DESC or NULLS FIRST/LAST: PostgreSQL\'s SEARCH orders each column ascending')
  } while (c.acceptOp(','))
  c.expectWord('SET')
  return { breadth, by, set: c.identifier('ordering column'), at }
}

/** `CYCLE c [, …] SET cycle_mark TO value DEFAULT value`. */
function parseCycleClause(c: TokenCursor): NonNullable<CommonTableExpr['cycle']> {
  const at = c.location()
  c.expectWord('CYCLE')
  const columns: string[] = []
  do columns.push(c.identifier('column name'))
  while (c.acceptOp(','))
  c.expectWord('SET')
  const mark = c.identifier('cycle mark column')
  c.expectWord('TO')
  const cycleValue = parseExpression(c)
  c.expectWord('DEFAULT')
  return { columns, mark, values: [cycleValue, parseExpression(c)], at }
}

/** `( a, b, c )` of identifiers. */
export function parseNameList(c: TokenCursor): string[] {
  c.expectOp('(')
  const names = [c.identifier()]
  while (c.acceptOp(',')) names.push(c.identifier())
  c.expectOp(')')
  return names
}

function parseQueryTerm(c: TokenCursor): Query {
  if (c.acceptOp('(')) {
    const q = parseQuery(c)
    c.expectOp(')')
    return q
  }
  return parseSelect(c)
}

function parseSelect(c: TokenCursor): SelectQuery {
  const at = c.location()
  c.expectWord('SELECT')
  let distinct: boolean | undefined
  if (c.acceptWord('DISTINCT') || c.acceptWord('UNIQUE')) distinct = true
  else c.acceptWord('ALL')
  const modifiers = c.hooks.selectModifiers?.(c)
  const items: SelectItem[] = []
  do items.push(parseSelectItem(c))
  while (c.acceptOp(','))
  const into = c.isWord('INTO') || c.isWords('BULK', 'COLLECT') ? parseInto(c) : undefined
  const from: FromItem[] = []
  if (c.acceptWord('FROM')) {
    do from.push(parseFromItem(c))
    while (c.acceptOp(','))
  }
  const where = c.acceptWord('WHERE') ? parseExpression(c) : undefined
  let hierarchy: SelectQuery['hierarchy']
  let startWith: Expr | undefined
  if (c.acceptWords('START', 'WITH')) startWith = parseExpression(c)
  if (c.acceptWords('CONNECT', 'BY')) {
    const noCycle = c.acceptWord('NOCYCLE')
    const connectBy = parseExpression(c)
    if (!startWith && c.acceptWords('START', 'WITH')) startWith = parseExpression(c)
    hierarchy = { connectBy, startWith, noCycle }
  } else if (startWith) c.fail('START WITH without CONNECT BY')
  // Oracle takes HAVING before GROUP BY as well as after it.
  let having = c.acceptWord('HAVING') ? parseExpression(c) : undefined
  let groupBy: GroupingElement[] | undefined
  if (c.acceptWords('GROUP', 'BY')) {
    groupBy = []
    do groupBy.push(parseGroupingElement(c))
    while (c.acceptOp(','))
  }
  if (!having && c.acceptWord('HAVING')) having = parseExpression(c)
  if (c.isWord('MODEL') || c.isWord('PIVOT') || c.isWord('UNPIVOT')) refuse(c, `${c.current.value} clause is not supported`)
  let orderSiblings: boolean | undefined
  let orderBy: QueryTail['orderBy']
  if (c.isWords('ORDER', 'SIBLINGS', 'BY')) {
    c.pos += 3
    orderSiblings = true
    orderBy = parseOrderItems(c)
  }
  const select: SelectQuery = { kind: 'select', distinct, items, into, from, where, hierarchy, orderSiblings, orderBy, groupBy, having, ...modifiers, at }
  return c.hooks.selectClauses ? c.hooks.selectClauses(c, select) : select
}

function parseInto(c: TokenCursor): IntoClause {
  const bulk = c.acceptWords('BULK', 'COLLECT')
  c.expectWord('INTO')
  return { targets: parseExpressionList(c), bulk }
}

function parseSelectItem(c: TokenCursor): SelectItem {
  const expr = parseExpression(c)
  return { expr, alias: parseAlias(c) }
}

/** `[AS] alias` after a select item or table reference, when the next word is not a clause. */
export function parseAlias(c: TokenCursor, allowAs = true): string | undefined {
  if ((allowAs || c.hooks.tableAliasAs) && c.acceptWord('AS')) return c.identifier('alias')
  const t = c.current
  if (t.kind === 'qident') return c.identifier()
  if (t.kind === 'word' && !NOT_AN_ALIAS.has(t.value) && !c.hooks.notAnAlias?.has(t.value)) return c.identifier()
  return undefined
}

function parseGroupingElement(c: TokenCursor): GroupingElement {
  if ((c.isWord('ROLLUP') || c.isWord('CUBE')) && c.isOp('(', 1)) {
    const kind = c.next().value === 'ROLLUP' ? 'rollup' : 'cube'
    c.expectOp('(')
    const items = parseExpressionList(c)
    c.expectOp(')')
    return { kind, items }
  }
  if (c.isWords('GROUPING', 'SETS')) {
    c.pos += 2
    c.expectOp('(')
    const sets: GroupingElement[] = []
    do sets.push(parseGroupingElement(c))
    while (c.acceptOp(','))
    c.expectOp(')')
    return { kind: 'grouping-sets', sets }
  }
  if (c.isOp('(') && c.isOp(')', 1)) {
    c.pos += 2
    return { kind: 'empty' }
  }
  return { kind: 'expr', expr: parseExpression(c) }
}

/** ORDER BY / OFFSET / FETCH / FOR UPDATE closing a query. */
function parseTail(c: TokenCursor): QueryTail {
  const tail: { -readonly [K in keyof QueryTail]: QueryTail[K] } = {}
  if (c.isWords('ORDER', 'BY')) tail.orderBy = parseOrderBy(c)
  if (c.acceptWord('OFFSET')) {
    tail.offset = parseExpression(c)
    if (!c.acceptWord('ROWS')) c.acceptWord('ROW')
  }
  if (c.acceptWord('FETCH')) {
    if (!c.acceptWord('FIRST')) c.expectWord('NEXT')
    let count: Expr | undefined
    let percent: boolean | undefined
    if (!c.isWord('ROW') && !c.isWord('ROWS')) {
      count = parseExpression(c)
      percent = c.acceptWord('PERCENT') || undefined
    }
    if (!c.acceptWord('ROWS')) c.expectWord('ROW')
    const withTies = c.acceptWords('WITH', 'TIES') || undefined
    if (!withTies) c.expectWord('ONLY')
    tail.fetch = { count, percent, withTies }
  }
  if (c.acceptWords('FOR', 'UPDATE')) {
    const of = c.acceptWord('OF') ? parseExpressionList(c) : undefined
    let wait: 'NOWAIT' | 'SKIP LOCKED' | number | undefined
    if (c.acceptWord('NOWAIT')) wait = 'NOWAIT'
    else if (c.acceptWords('SKIP', 'LOCKED')) wait = 'SKIP LOCKED'
    else if (c.acceptWord('WAIT')) {
      const t = c.next()
      if (t.kind !== 'number') c.fail('expected seconds after WAIT', t)
      wait = Number(t.value)
    }
    tail.forUpdate = { of, wait }
  }
  return tail
}

/** A FROM item with the joins that follow it. */
export function parseFromItem(c: TokenCursor): FromItem {
  let left = parseTableReference(c)
  for (;;) {
    if (c.isWord('PIVOT') || c.isWord('UNPIVOT')) {
      left = parsePivot(c, left)
      continue
    }
    if (c.isWord('MATCH_RECOGNIZE') && c.isOp('(', 1)) rejectMatchRecognize(c)
    if (c.acceptWords('CROSS', 'APPLY')) {
      left = { kind: 'join', type: 'CROSS', lateral: true, left, right: parseTableReference(c) }
      continue
    }
    if (c.acceptWords('OUTER', 'APPLY')) {
      left = { kind: 'join', type: 'LEFT', lateral: true, left, right: parseTableReference(c), on: { kind: 'boolean', value: true } }
      continue
    }
    if (!isJoinStart(c)) return left
    left = parseJoin(c, left)
  }
}

function isJoinStart(c: TokenCursor): boolean {
  return ['NATURAL', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'JOIN'].some((w) => c.isWord(w)) && !c.isWords('CROSS', 'APPLY')
}

/**
 * `[NATURAL] [INNER|LEFT|RIGHT|FULL [OUTER]|CROSS] JOIN item [ON …|USING (…)]`. A join that
 * needs a condition but meets another join first nests, as the standard has it:
 * `a JOIN b JOIN c ON x ON y` is `a JOIN (b JOIN c ON x) ON y`.
 */
function parseJoin(c: TokenCursor, left: FromItem): FromItem {
  const natural = c.acceptWord('NATURAL') || undefined
  let type: 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'CROSS' | undefined
  if (c.acceptWord('INNER')) type = 'INNER'
  else if (c.acceptWord('LEFT')) type = 'LEFT'
  else if (c.acceptWord('RIGHT')) type = 'RIGHT'
  else if (c.acceptWord('FULL')) type = 'FULL'
  else if (c.acceptWord('CROSS')) type = 'CROSS'
  if (type === 'LEFT' || type === 'RIGHT' || type === 'FULL') c.acceptWord('OUTER')
  c.expectWord('JOIN')
  let right = parseTableReference(c)
  if (c.isWord('PARTITION')) refuse(c, 'partitioned outer joins are not supported')
  if (type !== 'CROSS' && !natural) while (isJoinStart(c)) right = parseJoin(c, right)
  let on: Expr | undefined
  let using: string[] | undefined
  if (c.acceptWord('ON')) on = parseExpression(c)
  else if (c.acceptWord('USING')) using = parseNameList(c)
  return { kind: 'join', type: type ?? 'INNER', natural, left, right, on, using }
}

/**
 * `MATCH_RECOGNIZE (…) [alias]`: read to its end, so the statement is known to be whole, and
 * refused at its position: PostgreSQL has no row pattern matching.
 */
function rejectMatchRecognize(c: TokenCursor): never {
  const at = c.location()
  c.next()
  c.skipParens()
  parseAlias(c, false)
  throw new UnsupportedConstructError('MATCH_RECOGNIZE: PostgreSQL has no row pattern matching; rewrite the pattern with window functions (LAG, LEAD, running counts) or in procedural code', at)
}

function parseTableReference(c: TokenCursor): FromItem {
  const at = c.location()
  if (c.isWord('LATERAL') && c.isOp('(', 1)) {
    c.pos += 2
    const query = parseQuery(c)
    c.expectOp(')')
    return { kind: 'subquery', query, lateral: true, alias: parseAlias(c, false) }
  }
  if (c.isOp('(')) {
    c.next()
    if (isQueryStart(c)) {
      const query = parseQuery(c)
      // `((SELECT …) PIVOT (…))`: the subquery is a FROM item inside the parentheses.
      if (c.isWord('PIVOT') || c.isWord('UNPIVOT')) {
        const pivoted = parsePivot(c, { kind: 'subquery', query, alias: parseAlias(c, false) })
        c.expectOp(')')
        return pivoted
      }
      c.expectOp(')')
      return { kind: 'subquery', query, alias: parseAlias(c, false) }
    }
    const inner = parseFromItem(c)
    c.expectOp(')')
    // `(t) alias`: a parenthesised table takes its alias outside the parentheses too.
    if (inner.kind !== 'table' || inner.alias) return inner
    const alias = parseAlias(c, false)
    return alias ? { ...inner, alias } : inner
  }
  if ((c.isWord('TABLE') || c.isWord('THE')) && c.isOp('(', 1)) {
    c.pos += 2
    const expr = isQueryStart(c) ? { kind: 'subquery' as const, query: parseQuery(c) } : parseExpression(c)
    c.expectOp(')')
    c.acceptOp('(+)')
    return { kind: 'table-function', expr, alias: parseAlias(c, false), at }
  }
  if (c.isWord('JSON_TABLE') && c.isOp('(', 1)) {
    const jt = parseJsonTable(c)
    return { ...jt, alias: parseAlias(c, false) }
  }
  if (c.isWord('XMLTABLE') && c.isOp('(', 1)) return { ...parseXmlTable(c), alias: parseAlias(c, false) }
  if (c.isWord('CONTAINERS') || c.isWord('SHARDS')) refuse(c, `${c.current.value} is not supported`)
  const start = c.pos
  const name = [c.identifier('table name')]
  while (c.acceptOp('.')) name.push(c.identifier('table name'))
  if (c.isOp('(')) {
    // `FROM f(…)`: a table function called without TABLE (Oracle 12.2 and later).
    c.pos = start
    const expr = parseExpression(c)
    return { kind: 'table-function', expr, alias: parseAlias(c, false), at }
  }
  let dblink: string | undefined
  if (c.acceptOp('@')) {
    const parts = [c.identifier('database link')]
    while (c.acceptOp('.')) parts.push(c.identifier('database link'))
    dblink = parts.join('.')
  }
  if (c.isWord('PARTITION') || c.isWord('SUBPARTITION')) refuse(c, 'PARTITION (…) table references are not supported')
  const sample = parseSample(c)
  if (c.isWords('AS', 'OF')) refuse(c, 'flashback queries (AS OF) are not supported')
  if (c.isWord('VERSIONS')) refuse(c, 'flashback version queries are not supported')
  return { kind: 'table', name, alias: parseAlias(c, false), dblink, sample, at }
}

/** `SAMPLE [BLOCK] (percent [, group size]) [SEED (n)]`: PostgreSQL's TABLESAMPLE (the group size has no counterpart). */
function parseSample(c: TokenCursor): Extract<FromItem, { kind: 'table' }>['sample'] {
  if (!c.isWord('SAMPLE') || c.hooks.sampleClosesSelect) return undefined
  c.next()
  const block = c.acceptWord('BLOCK') || undefined
  c.expectOp('(')
  const percent = parseExpression(c)
  if (c.isOp(',')) refuse(c, 'SAMPLE BLOCK (percent, group size): PostgreSQL samples without block groups')
  c.expectOp(')')
  let seed: Expr | undefined
  if (c.acceptWord('SEED')) {
    c.expectOp('(')
    seed = parseExpression(c)
    c.expectOp(')')
  }
  return { block, percent, seed }
}
