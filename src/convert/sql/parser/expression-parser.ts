import { parseNativeType } from '../../../engines/oracle/oracle-types.js'
import type { SourceLocation } from '../../../model/location.js'
import type { Argument, BinaryOp, Expr, FrameBound, OrderItem, Query, WindowSpec } from '../ast.js'
import { UnsupportedConstructError } from '../../translate-context.js'
import type { TokenCursor } from '../cursor.js'
import { isJsonFunction, parseJsonFunction } from './json-parser.js'
import { isQueryStart, parseQuery } from './query-parser.js'
import { refuse } from './refuse.js'
import { refuseSpecialSyntaxCall } from './special-syntax-functions.js'
import { parseXmlConversion, parseXmlElement, parseXmlExists, parseXmlForest } from './xml-parser.js'

/**
 * Oracle expressions and conditions, by precedence (Oracle SQL Reference, "Operator precedence"
 * and "Condition precedence"): OR < AND < NOT < comparison/LIKE/BETWEEN/IN/IS < `+ - ||` < `* /`
 * < unary/PRIOR < `**`. Stops at the first token that cannot continue the expression.
 */
export function parseExpression(c: TokenCursor): Expr {
  return parseOr(c)
}

function parseOr(c: TokenCursor): Expr {
  let left = parseAnd(c)
  while (c.acceptWord('OR')) left = { kind: 'binary', op: 'OR', left, right: parseAnd(c) }
  return left
}

function parseAnd(c: TokenCursor): Expr {
  let left = parseNot(c)
  while (c.acceptWord('AND')) left = { kind: 'binary', op: 'AND', left, right: parseNot(c) }
  return left
}

function parseNot(c: TokenCursor): Expr {
  if (c.acceptWord('NOT')) return { kind: 'unary', op: 'NOT', operand: parseNot(c) }
  return parseComparison(c)
}

const COMPARISON: Readonly<Record<string, BinaryOp>> = { '=': '=', '<>': '<>', '!=': '<>', '^=': '<>', '~=': '<>', '<': '<', '>': '>', '<=': '<=', '>=': '>=' }

function parseComparison(c: TokenCursor): Expr {
  let left = parseAdditive(c)
  for (;;) {
    const t = c.current
    const op = t.kind === 'op' ? COMPARISON[t.value] : undefined
    if (op) {
      c.next()
      if (c.isWord('ANY') || c.isWord('SOME') || c.isWord('ALL')) {
        const quantifier = c.next().value === 'ALL' ? 'ALL' : 'ANY'
        left = { kind: 'quantified', op, quantifier, left, list: parseListOrQuery(c) }
      } else {
        left = { kind: 'binary', op, left, right: parseAdditive(c) }
      }
      continue
    }
    if (c.isWord('IS')) {
      c.next()
      const negated = c.acceptWord('NOT')
      if (c.acceptWord('NULL')) left = { kind: 'is-null', negated, expr: left }
      else if (c.isWord('JSON')) {
        const at = c.location()
        c.next()
        left = { kind: 'is-json', negated, expr: left, ...isJsonOptions(c), at }
      } else if (c.isWord('NAN') || c.isWord('INFINITE')) {
        // IS [NOT] NAN | INFINITE: comparisons with Oracle's floating-point constants.
        const constant = (name: string): Expr => ({ kind: 'column', path: [name], at: c.location() })
        const nan = c.next().value === 'NAN'
        const test: Expr = nan ? { kind: 'binary', op: '=', left, right: constant('BINARY_DOUBLE_NAN') } : { kind: 'in', negated: false, expr: left, list: [constant('BINARY_DOUBLE_INFINITY'), { kind: 'unary', op: '-', operand: constant('BINARY_DOUBLE_INFINITY') }] }
        left = negated ? { kind: 'unary', op: 'NOT', operand: test } : test
      } else if (c.isWord('OF') && (c.isWord('TYPE', 1) || c.isOp('(', 1))) refuse(c, 'IS OF TYPE: PostgreSQL composite types have no subtypes to test for')
      else if (c.isWords('A', 'SET') || c.isWord('EMPTY')) {
        const at = c.location()
        const test = c.acceptWord('EMPTY') ? 'empty' : (c.pos += 2, 'a-set')
        left = { kind: 'multiset-condition', test, negated, expr: left, at }
      } else c.fail('expected NULL, JSON, NAN, INFINITE, A SET or EMPTY after IS')
      continue
    }
    const negated = c.isWord('NOT') && (c.isWord('LIKE', 1) || c.isWord('BETWEEN', 1) || c.isWord('IN', 1) || c.isWord('LIKEC', 1) || c.isWord('MEMBER', 1) || c.isWord('SUBMULTISET', 1))
    const k = negated ? 1 : 0
    if (c.isWord('MEMBER', k) || c.isWord('SUBMULTISET', k)) {
      const at = c.location()
      c.pos += k
      const test = c.next().value === 'MEMBER' ? 'member' : 'submultiset'
      c.acceptWord('OF')
      left = { kind: 'multiset-condition', test, negated, expr: left, of: parseAdditive(c), at }
      continue
    }
    if (c.isWord('LIKE', k) || c.isWord('LIKEC', k) || c.isWord('LIKE2', k) || c.isWord('LIKE4', k)) {
      c.pos += k + 1
      const pattern = parseAdditive(c)
      const escape = c.acceptWord('ESCAPE') ? parseAdditive(c) : undefined
      left = { kind: 'like', negated, expr: left, pattern, escape }
      continue
    }
    if (c.isWord('BETWEEN', k)) {
      c.pos += k + 1
      const low = parseAdditive(c)
      c.expectWord('AND')
      left = { kind: 'between', negated, expr: left, low, high: parseAdditive(c) }
      continue
    }
    if (c.isWord('IN', k)) {
      c.pos += k + 1
      left = { kind: 'in', negated, expr: left, list: parseListOrQuery(c) }
      continue
    }
    return left
  }
}

/** `IS JSON [FORMAT JSON] [STRICT|LAX] [WITH|WITHOUT UNIQUE KEYS]`. */
function isJsonOptions(c: TokenCursor): { strict?: boolean; uniqueKeys?: boolean } {
  c.acceptWords('FORMAT', 'JSON')
  const strict = c.acceptWord('STRICT') || (c.acceptWord('LAX') && false) || undefined
  const uniqueKeys = c.acceptWords('WITH', 'UNIQUE', 'KEYS') || (c.acceptWords('WITHOUT', 'UNIQUE', 'KEYS') && false) || undefined
  return { strict, uniqueKeys }
}

/** `( a, b )` or `( SELECT … )` after IN / ANY / ALL. */
function parseListOrQuery(c: TokenCursor): readonly Expr[] | Query {
  c.expectOp('(')
  if (isQueryStart(c)) {
    const q = parseQuery(c)
    c.expectOp(')')
    return q
  }
  const list = parseExpressionList(c)
  c.expectOp(')')
  return list
}

export function parseExpressionList(c: TokenCursor): Expr[] {
  const list = [parseExpression(c)]
  while (c.acceptOp(',')) list.push(parseExpression(c))
  return list
}

export function parseAdditive(c: TokenCursor): Expr {
  let left = parseMultiplicative(c)
  for (;;) {
    if (c.isOp('+') || c.isOp('-') || c.isOp('||')) {
      const op = c.next().value as BinaryOp
      left = { kind: 'binary', op, left, right: parseMultiplicative(c) }
    } else if (c.isWord('MULTISET') && (c.isWord('UNION', 1) || c.isWord('INTERSECT', 1) || c.isWord('EXCEPT', 1))) {
      const at = c.location()
      c.next()
      const op = c.next().value as 'UNION' | 'INTERSECT' | 'EXCEPT'
      const distinct = c.acceptWord('DISTINCT') || c.acceptWord('UNIQUE')
      if (!distinct) c.acceptWord('ALL')
      left = { kind: 'multiset', op, distinct, left, right: parseMultiplicative(c), at }
    } else return left
  }
}

function parseMultiplicative(c: TokenCursor): Expr {
  let left = parseUnary(c)
  for (;;) {
    if (c.isOp('*') || c.isOp('/')) {
      const op = c.next().value as BinaryOp
      left = { kind: 'binary', op, left, right: parseUnary(c) }
      continue
    }
    const t = c.current
    const fn = t.kind === 'word' ? c.hooks.multiplicativeWords?.[t.value] : undefined
    if (!fn) return left
    const at = c.location(c.next())
    left = { kind: 'call', name: [fn], args: [{ value: left }, { value: parseUnary(c) }], at }
  }
}

function parseUnary(c: TokenCursor): Expr {
  if (c.isOp('-') || c.isOp('+')) {
    const op = c.next().value as '-' | '+'
    return { kind: 'unary', op, operand: parseUnary(c) }
  }
  if (c.acceptWord('PRIOR')) return { kind: 'unary', op: 'PRIOR', operand: parseUnary(c) }
  if (c.acceptWord('CONNECT_BY_ROOT')) return { kind: 'unary', op: 'CONNECT_BY_ROOT', operand: parseUnary(c) }
  const base = parsePostfix(c)
  if (c.acceptOp('**')) return { kind: 'binary', op: '**', left: base, right: parseUnary(c) }
  return base
}

/** Words after COLLATE that mean it was a column alias (`SELECT a collate FROM t`), not the operator. */
const CLAUSE_WORDS = new Set(['FROM', 'WHERE', 'GROUP', 'ORDER', 'HAVING', 'UNION', 'INTERSECT', 'MINUS', 'INTO', 'CONNECT', 'START'])

function parsePostfix(c: TokenCursor): Expr {
  let e = parsePrimary(c)
  for (;;) {
    if (c.isWords('AT', 'TIME', 'ZONE')) {
      c.pos += 3
      const zone = c.acceptWord('SESSIONTIMEZONE') ? 'LOCAL' : parsePrimary(c)
      e = { kind: 'at-time-zone', expr: e, zone }
    } else if (c.isWord('COLLATE') && c.isIdentifier(1) && !CLAUSE_WORDS.has(c.peek().value)) {
      const at = c.location()
      c.next()
      e = { kind: 'collate', expr: e, collation: c.identifier('collation'), at }
    } else if (c.isWords('AT', 'LOCAL')) {
      c.pos += 2
      e = { kind: 'at-time-zone', expr: e, zone: 'LOCAL' }
    } else if (c.isOp('.') && c.isIdentifier(1) && (e.kind === 'call' || e.kind === 'subquery' || e.kind === 'field' || e.kind === 'cast' || e.kind === 'xml-element')) {
      c.next()
      const at = c.location()
      const field = c.identifier()
      // `value.method(…)` (XMLType's getClobVal() …): a call of the method with the value first.
      e = c.isOp('(') ? methodCall(parseCall(c, [field], at), e) : { kind: 'field', expr: e, field }
    } else if (c.hooks.postfix && c.hooks.isPostfixPhrase?.(c, false)) {
      e = c.hooks.postfix(c, e)
    } else return e
  }
}

function parsePrimary(c: TokenCursor): Expr {
  const t = c.current
  switch (t.kind) {
    case 'number':
      c.next()
      return { kind: 'number', value: t.value }
    case 'string':
      c.next()
      return t.national ? { kind: 'string', value: t.value, national: true } : { kind: 'string', value: t.value }
    case 'bind': {
      c.next()
      const fields: string[] = []
      while (c.isOp('.') && c.isIdentifier(1)) {
        c.next()
        fields.push(c.identifier())
      }
      return { kind: 'bind', name: t.value, fields, at: c.location(t) }
    }
    case 'op':
      if (t.value === '(') return parseParenthesised(c)
      if (t.value === '*') {
        c.next()
        return { kind: 'star' }
      }
      return c.fail('expected an expression')
    case 'word':
      return parseWordPrimary(c)
    case 'qident':
      return parseNamePrimary(c)
    default:
      return c.fail('expected an expression')
  }
}

function parseParenthesised(c: TokenCursor): Expr {
  c.expectOp('(')
  if (isQueryStart(c)) {
    const query = parseQuery(c)
    c.expectOp(')')
    return { kind: 'subquery', query }
  }
  const at = c.location()
  const items = parseExpressionList(c)
  c.expectOp(')')
  const [only] = items
  // `(a - b) DAY TO SECOND`: Oracle's interval of a datetime difference.
  if (items.length === 1 && only!.kind === 'binary' && only!.op === '-' && (c.isWord('DAY') || c.isWord('YEAR')) && (c.isWord('TO', 1) || c.isOp('(', 1))) {
    const from = c.next().value as 'DAY' | 'YEAR'
    skipPrecision(c)
    c.expectWord('TO')
    c.expectWord(from === 'DAY' ? 'SECOND' : 'MONTH')
    skipPrecision(c)
    return { kind: 'interval-difference', left: only!.left, right: only!.right, from, at }
  }
  // `(a + b)` only groups: the generator re-derives parentheses from precedence.
  return items.length === 1 ? only! : { kind: 'tuple', items }
}


function parseWordPrimary(c: TokenCursor): Expr {
  const t = c.current
  const fromDialect = c.isOp('(', 1) ? c.hooks.functions?.[t.value]?.(c) : undefined
  if (fromDialect) return fromDialect
  switch (t.value) {
    case 'NULL':
      c.next()
      return { kind: 'null' }
    case 'TRUE':
    case 'FALSE':
      c.next()
      return { kind: 'boolean', value: t.value === 'TRUE' }
    case 'DATE':
    case 'TIMESTAMP':
      if (c.peek().kind === 'string') {
        c.next()
        return { kind: 'datetime-literal', type: t.value, value: c.next().value }
      }
      break
    case 'INTERVAL':
      if (c.peek().kind === 'string') return parseIntervalLiteral(c)
      break
    case 'CASE':
      return parseCase(c)
    case 'CAST':
      if (c.isOp('(', 1)) return parseCast(c)
      break
    case 'VALIDATE_CONVERSION':
      if (c.isOp('(', 1)) return parseValidateConversion(c)
      break
    case 'EXTRACT':
      // EXTRACT(xml, 'xpath') is Oracle's deprecated XML EXTRACT.
      if (c.isOp('(', 1) && !(c.isIdentifier(2) && c.isWord('FROM', 3))) {
        const at = c.location()
        c.next()
        c.skipParens()
        throw new UnsupportedConstructError("EXTRACT (XML): Oracle's deprecated XML fragment extraction; use PostgreSQL's xpath()", at, 'UNSUPPORTED_FUNCTION')
      }
      if (c.isOp('(', 1)) {
        c.pos += 2
        const field = c.identifier('datetime field')
        c.expectWord('FROM')
        const from = parseExpression(c)
        c.expectOp(')')
        return { kind: 'extract', field, from }
      }
      break
    case 'TRIM':
      if (c.isOp('(', 1)) return parseTrim(c)
      break
    case 'EXISTS':
      if (c.isOp('(', 1)) {
        c.pos += 2
        const query = parseQuery(c)
        c.expectOp(')')
        return { kind: 'exists', query }
      }
      break
    case 'CURSOR':
      if (c.isOp('(', 1) && (c.isWord('SELECT', 2) || c.isWord('WITH', 2))) refuse(c, 'CURSOR (subquery) expression: pass the rows another way (a refcursor opened in PL/pgSQL, or an array)')
      break
    case 'XMLELEMENT':
      if (c.isOp('(', 1)) return parseXmlElement(c)
      break
    case 'XMLFOREST':
      if (c.isOp('(', 1)) return parseXmlForest(c)
      break
    case 'XMLEXISTS':
      if (c.isOp('(', 1)) return parseXmlExists(c)
      break
    case 'XMLPARSE':
    case 'XMLSERIALIZE':
    case 'XMLCAST':
      if (c.isOp('(', 1)) return parseXmlConversion(c, (c.hooks.parseType ?? parseNativeType))
      break
    default:
      if (isJsonFunction(t.value) && c.isOp('(', 1)) return parseJsonFunction(c)
  }
  return parseNamePrimary(c)
}

function parseIntervalLiteral(c: TokenCursor): Expr {
  const at = c.location()
  c.expectWord('INTERVAL')
  const value = c.next().value
  const from = c.identifier('interval field')
  skipPrecision(c)
  let to: string | undefined
  if (c.acceptWord('TO')) {
    to = c.identifier('interval field')
    skipPrecision(c)
  }
  return { kind: 'interval-literal', value, from, to, at }
}

/** `DAY(3)`, `SECOND(6)`: leading/fractional precision does not change the value. */
function skipPrecision(c: TokenCursor): void {
  if (!c.isOp('(')) return
  c.skipParens()
}

function parseCase(c: TokenCursor): Expr {
  c.expectWord('CASE')
  const operand = c.isWord('WHEN') ? undefined : parseExpression(c)
  const whens: Array<{ when: Expr; then: Expr }> = []
  while (c.acceptWord('WHEN')) {
    const when = parseExpression(c)
    c.expectWord('THEN')
    whens.push({ when, then: parseExpression(c) })
  }
  if (whens.length === 0) c.fail('expected WHEN')
  const otherwise = c.acceptWord('ELSE') ? parseExpression(c) : undefined
  c.expectWord('END')
  return { kind: 'case', operand, whens, otherwise }
}

function parseCast(c: TokenCursor): Expr {
  const at = c.location()
  c.pos += 2
  if (c.isWord('MULTISET') && c.isOp('(', 1)) {
    c.pos += 2
    const query = parseQuery(c)
    c.expectOp(')')
    c.expectWord('AS')
    const type = parseNativeType(c)
    c.expectOp(')')
    return { kind: 'cast-multiset', query, type, at }
  }
  const expr = parseExpression(c)
  c.expectWord('AS')
  const type = (c.hooks.parseType ?? parseNativeType)(c)
  const onConversionError = parseConversionDefault(c)
  const format = c.acceptOp(',') ? parseExpressionList(c) : undefined
  c.expectOp(')')
  return { kind: 'cast', expr, type, at, onConversionError, format }
}

/**
 * `VALIDATE_CONVERSION(x AS type [, fmt [, nls]])`: 1 when x converts (or is NULL), else 0,
 * read as the CASE it means over `CAST(x AS type DEFAULT NULL ON CONVERSION ERROR, fmt …)`.
 */
function parseValidateConversion(c: TokenCursor): Expr {
  const at = c.location()
  c.pos += 2
  const expr = parseExpression(c)
  c.expectWord('AS')
  const type = (c.hooks.parseType ?? parseNativeType)(c)
  const format = c.acceptOp(',') ? parseExpressionList(c) : undefined
  c.expectOp(')')
  const converted: Expr = { kind: 'cast', expr, type, at, onConversionError: { kind: 'null' }, format }
  const isNull = (e: Expr): Expr => ({ kind: 'is-null', negated: false, expr: e })
  return { kind: 'case', whens: [{ when: isNull(expr), then: { kind: 'number', value: '1' } }, { when: isNull(converted), then: { kind: 'number', value: '0' } }], otherwise: { kind: 'number', value: '1' } }
}

/** `DEFAULT value ON CONVERSION ERROR` (CAST, TO_NUMBER, TO_DATE, TO_TIMESTAMP …). */
function parseConversionDefault(c: TokenCursor): Expr | undefined {
  if (!c.acceptWord('DEFAULT')) return undefined
  const value = parseAdditive(c)
  c.expectWord('ON')
  c.expectWord('CONVERSION')
  c.expectWord('ERROR')
  return value
}

function parseTrim(c: TokenCursor): Expr {
  c.pos += 2
  let side: 'LEADING' | 'TRAILING' | 'BOTH' | undefined
  for (const s of ['LEADING', 'TRAILING', 'BOTH'] as const) if (c.acceptWord(s)) side = s
  let chars: Expr | undefined
  let from: Expr
  if (c.acceptWord('FROM')) from = parseExpression(c)
  else {
    const first = parseExpression(c)
    if (c.acceptWord('FROM')) {
      chars = first
      from = parseExpression(c)
    } else from = first
  }
  c.expectOp(')')
  return { kind: 'trim', side, chars, from }
}

/** A name path: a column (`e.salary`, `t.c (+)`), `t.*`, or a function call (`pkg.f(x)`). */
function parseNamePrimary(c: TokenCursor): Expr {
  const start = c.current
  const path = [c.identifier()]
  while (c.isOp('.')) {
    if (c.isOp('*', 1)) {
      c.pos += 2
      return { kind: 'star', qualifier: path }
    }
    if (!c.isIdentifier(1)) break
    c.next()
    path.push(c.identifier())
  }
  if (c.isOp('@') && c.isIdentifier(1)) refuse(c, 'a call over a database link (name@link): use postgres_fdw and call the function on the remote side')
  if (c.isOp('(') && !c.isOp('+', 1) && !c.hooks.isPostfixPhrase?.(c, true)) return parseCall(c, path, c.location(start))
  if (c.acceptOp('(+)')) return { kind: 'column', path, outerJoin: true, at: c.location(start) }
  return { kind: 'column', path, at: c.location(start) }
}

function methodCall(call: Expr, receiver: Expr): Expr {
  return call.kind === 'call' ? { ...call, args: [{ value: receiver }, ...call.args], method: true } : call
}

function parseCall(c: TokenCursor, name: string[], at: SourceLocation): Expr {
  refuseSpecialSyntaxCall(c, name, at)
  c.expectOp('(')
  let distinct: boolean | undefined
  let star: boolean | undefined
  const args: Argument[] = []
  let orderBy: OrderItem[] | undefined
  let ignoreNulls: boolean | undefined
  let using: string | undefined
  let overflow: string | undefined
  let onConversionError: Expr | undefined
  if (c.acceptWord('DISTINCT') || c.acceptWord('UNIQUE')) distinct = true
  else c.acceptWord('ALL')
  if (c.isOp('*') && c.isOp(')', 1)) {
    c.next()
    star = true
  } else if (!c.isOp(')')) {
    do {
      if (c.isIdentifier() && c.isOp('=>', 1)) {
        const argName = c.identifier()
        c.next()
        args.push({ name: argName, value: parseExpression(c) })
      } else args.push({ value: parseExpression(c) })
      if (args.length === 1) onConversionError ??= parseConversionDefault(c)
    } while (c.acceptOp(','))
  }
  if (c.acceptWords('IGNORE', 'NULLS')) ignoreNulls = true
  else c.acceptWords('RESPECT', 'NULLS')
  if (c.acceptWord('USING')) using = c.identifier('character set')
  if (c.isWords('ON', 'OVERFLOW')) {
    const from = c.pos
    while (!c.isOp(')') && !c.atEnd()) c.next()
    overflow = c.textBetween(from)
  }
  if (c.isWords('ORDER', 'BY')) orderBy = parseOrderBy(c)
  c.expectOp(')')
  // NTH_VALUE(x, n) [FROM FIRST | FROM LAST] [RESPECT | IGNORE NULLS]: FROM FIRST is the default.
  let fromLast: boolean | undefined
  if (c.isWord('FROM') && (c.isWord('FIRST', 1) || c.isWord('LAST', 1))) {
    c.next()
    fromLast = c.next().value === 'LAST' || undefined
  }
  if (c.acceptWords('IGNORE', 'NULLS')) ignoreNulls = true
  else c.acceptWords('RESPECT', 'NULLS')
  let withinGroup: OrderItem[] | undefined
  if (c.acceptWords('WITHIN', 'GROUP')) {
    c.expectOp('(')
    withinGroup = parseOrderBy(c)
    c.expectOp(')')
  }
  let keep: { rank: 'FIRST' | 'LAST'; orderBy: OrderItem[] } | undefined
  if (c.isWord('KEEP') && c.isOp('(', 1)) {
    c.pos += 2
    c.expectWord('DENSE_RANK')
    const rank = c.acceptWord('FIRST') ? 'FIRST' : (c.expectWord('LAST'), 'LAST')
    keep = { rank, orderBy: parseOrderBy(c) }
    c.expectOp(')')
  }
  let over: WindowSpec | undefined
  if (c.acceptWord('OVER')) over = parseWindow(c)
  return { kind: 'call', name, args, distinct, star, orderBy, withinGroup, keep, over, ignoreNulls, using, overflow, onConversionError, fromLast, at }
}

/** `ORDER BY a [ASC|DESC] [NULLS FIRST|LAST], …` (the cursor is at ORDER). */
export function parseOrderBy(c: TokenCursor): OrderItem[] {
  c.expectWord('ORDER')
  c.expectWord('BY')
  return parseOrderItems(c)
}

/** The items of an ORDER BY, after the BY. */
export function parseOrderItems(c: TokenCursor): OrderItem[] {
  const items: OrderItem[] = []
  do {
    const expr = parseExpression(c)
    let descending: boolean | undefined
    if (c.acceptWord('DESC')) descending = true
    else c.acceptWord('ASC')
    let nulls: 'FIRST' | 'LAST' | undefined
    if (c.acceptWords('NULLS', 'FIRST')) nulls = 'FIRST'
    else if (c.acceptWords('NULLS', 'LAST')) nulls = 'LAST'
    items.push({ expr, descending, nulls })
  } while (c.acceptOp(','))
  return items
}

function parseWindow(c: TokenCursor): WindowSpec {
  if (!c.isOp('(')) c.fail('named windows are not supported; expected "("')
  c.expectOp('(')
  let partitionBy: Expr[] = []
  if (c.acceptWords('PARTITION', 'BY')) partitionBy = parseExpressionList(c)
  const orderBy = c.isWords('ORDER', 'BY') ? parseOrderBy(c) : []
  let frame: WindowSpec['frame']
  if (c.isWord('ROWS') || c.isWord('RANGE') || c.isWord('GROUPS')) {
    const unit = c.next().value as 'ROWS' | 'RANGE' | 'GROUPS'
    if (c.acceptWord('BETWEEN')) {
      const start = parseFrameBound(c)
      c.expectWord('AND')
      frame = { unit, start, end: parseFrameBound(c) }
    } else frame = { unit, start: parseFrameBound(c) }
    if (c.acceptWord('EXCLUDE')) {
      const exclude = c.acceptWords('CURRENT', 'ROW') ? 'CURRENT ROW' : c.acceptWords('NO', 'OTHERS') ? 'NO OTHERS' : c.acceptWord('GROUP') ? 'GROUP' : (c.expectWord('TIES'), 'TIES')
      frame = { ...frame, exclude }
    }
  }
  c.expectOp(')')
  return { partitionBy, orderBy, frame }
}

function parseFrameBound(c: TokenCursor): FrameBound {
  if (c.acceptWords('UNBOUNDED', 'PRECEDING')) return { kind: 'unbounded-preceding' }
  if (c.acceptWords('UNBOUNDED', 'FOLLOWING')) return { kind: 'unbounded-following' }
  if (c.acceptWords('CURRENT', 'ROW')) return { kind: 'current-row' }
  const offset = parseAdditive(c)
  if (c.acceptWord('PRECEDING')) return { kind: 'preceding', offset }
  c.expectWord('FOLLOWING')
  return { kind: 'following', offset }
}
