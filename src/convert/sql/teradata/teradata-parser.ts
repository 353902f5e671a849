import { parseTeradataType } from '../../../engines/teradata/teradata-ddl-types.js'
import type { DataAttributes, Expr, OrderItem, QueryTail, SelectQuery } from '../ast.js'
import type { TokenCursor } from '../cursor.js'
import type { ParseNote, ParserHooks } from '../dialect.js'
import { parseAdditive, parseExpression } from '../parser/expression-parser.js'

/**
 * Teradata's additions to the shared grammar (Teradata SQL Data Manipulation Language and SQL
 * Functions, Operators, Expressions and Predicates): CAST with data attributes, POSITION and
 * SUBSTRING … FROM … FOR, `x MOD y`, data-attribute phrases after an expression, TOP, QUALIFY,
 * SAMPLE, optional INTO, and LOCKING request modifiers.
 */

/** Words that open a data-attribute phrase `( … )` after an expression. */
const ATTRIBUTE_WORDS = new Set(['NAMED', 'TITLE', 'FORMAT', 'CASESPECIFIC', 'CS', 'UPPERCASE', 'UC'])

/** Type names that, in parentheses after a value, convert it (`NULL (BIGINT)`, `(a + b) (DATE)`). */
const CONVERSION_TYPES = new Set([
  'BYTEINT', 'SMALLINT', 'INTEGER', 'INT', 'BIGINT', 'DECIMAL', 'DEC', 'NUMERIC', 'NUMBER', 'FLOAT', 'REAL', 'DOUBLE',
  'CHAR', 'CHARACTER', 'VARCHAR', 'DATE', 'TIME', 'TIMESTAMP',
])

function isAttributeStart(c: TokenCursor, ahead: number): boolean {
  const t = c.peek(ahead)
  if (t.kind !== 'word') return false
  if (ATTRIBUTE_WORDS.has(t.value)) return true
  if (t.value === 'NOT') return c.isWord('CASESPECIFIC', ahead + 1) || c.isWord('CS', ahead + 1)
  return t.value === 'CHARACTER' && c.isWord('SET', ahead + 1)
}

function isPostfixPhrase(c: TokenCursor, afterName: boolean): boolean {
  if (!c.isOp('(')) return false
  if (isAttributeStart(c, 1)) return true
  // After a bare name, `f(INTEGER)` is read as a call: only a value can be converted by a type.
  return !afterName && c.peek().kind === 'word' && CONVERSION_TYPES.has(c.peek().value)
}

/** Data attributes up to `)` (a CAST's after AS, or a phrase's), separated by blanks or commas. */
function parseAttributes(c: TokenCursor, into: { -readonly [K in keyof DataAttributes]: DataAttributes[K] }): void {
  while (!c.isOp(')')) {
    if (c.acceptWord('NAMED')) into.named = c.identifier('name')
    else if (c.acceptWord('TITLE')) into.title = stringLiteral(c, 'title')
    else if (c.acceptWord('FORMAT')) into.format = stringLiteral(c, 'format')
    else if (c.acceptWord('CASESPECIFIC') || c.acceptWord('CS')) into.caseSpecific = true
    else if (c.acceptWords('NOT', 'CASESPECIFIC') || c.acceptWords('NOT', 'CS')) into.caseSpecific = false
    else if (c.acceptWord('UPPERCASE') || c.acceptWord('UC')) into.uppercase = true
    else if (c.acceptWords('CHARACTER', 'SET')) into.characterSet = c.identifier('character set')
    else if (!into.type && c.isIdentifier()) into.type = parseTeradataType(c)
    else c.fail('expected a data attribute (FORMAT, TITLE, NAMED, CASESPECIFIC, CHARACTER SET) or a datatype')
    c.acceptOp(',')
  }
}

function stringLiteral(c: TokenCursor, what: string): string {
  const t = c.current
  if (t.kind !== 'string') c.fail(`expected a ${what} string`)
  c.next()
  return t.value
}

function postfix(c: TokenCursor, e: Expr): Expr {
  const at = c.location()
  c.expectOp('(')
  const attributes = e.kind === 'attributes' ? { ...e.attributes } : {}
  parseAttributes(c, attributes)
  c.expectOp(')')
  return { kind: 'attributes', expr: e.kind === 'attributes' ? e.expr : e, attributes, at }
}

/** `CAST(x AS type [attributes])`, `CAST(x AS FORMAT '…')`: a plain cast when only a type is given. */
function parseCast(c: TokenCursor): Expr {
  const at = c.location()
  c.pos += 2
  const expr = parseExpression(c)
  c.expectWord('AS')
  const attributes: { -readonly [K in keyof DataAttributes]: DataAttributes[K] } = {}
  if (!isAttributeStart(c, 0)) attributes.type = parseTeradataType(c)
  parseAttributes(c, attributes)
  c.expectOp(')')
  const { type, ...rest } = attributes
  if (type && Object.keys(rest).length === 0) return { kind: 'cast', expr, type, at }
  return { kind: 'attributes', expr, attributes, at }
}

/** `POSITION(sub IN s)`. */
function parsePosition(c: TokenCursor): Expr {
  const at = c.location()
  c.pos += 2
  const sub = parseAdditive(c)
  c.expectWord('IN')
  const s = parseExpression(c)
  c.expectOp(')')
  return { kind: 'call', name: ['POSITION'], args: [{ value: sub }, { value: s }], at }
}

/** `SUBSTRING(s FROM start [FOR length])` or `SUBSTRING(s, start [, length])`. */
function parseSubstring(c: TokenCursor): Expr {
  const at = c.location()
  c.pos += 2
  const s = parseExpression(c)
  const args = [{ value: s }]
  if (c.acceptWord('FROM') || c.acceptOp(',')) {
    args.push({ value: parseExpression(c) })
    if (c.acceptWord('FOR') || c.acceptOp(',')) args.push({ value: parseExpression(c) })
  }
  c.expectOp(')')
  return { kind: 'call', name: ['SUBSTRING'], args, at }
}

/**
 * Teradata's original `RANK(x [ASC|DESC], …)`: the row's rank over the whole result in that
 * order, descending unless ASC is written: `RANK() OVER (ORDER BY x DESC)`. `RANK()` is the
 * window function, left to the shared parser.
 */
function parseOldRank(c: TokenCursor): Expr | undefined {
  if (c.isOp(')', 2)) return undefined
  const at = c.location()
  c.pos += 2
  const orderBy: OrderItem[] = []
  do {
    const expr = parseExpression(c)
    const ascending = c.acceptWord('ASC')
    if (!ascending) c.acceptWord('DESC')
    orderBy.push({ expr, descending: !ascending || undefined })
  } while (c.acceptOp(','))
  c.expectOp(')')
  return { kind: 'call', name: ['RANK'], args: [], over: { partitionBy: [], orderBy }, at }
}

/** `TOP n [PERCENT] [WITH TIES]`. */
function selectModifiers(c: TokenCursor): Pick<QueryTail, 'fetch'> | undefined {
  if (!c.acceptWord('TOP')) return undefined
  const count = parseTopCount(c)
  const percent = c.acceptWord('PERCENT') || undefined
  const withTies = c.acceptWords('WITH', 'TIES') || undefined
  return { fetch: { count, percent, withTies } }
}

function parseTopCount(c: TokenCursor): Expr {
  const t = c.current
  if (t.kind === 'number') {
    c.next()
    return { kind: 'number', value: t.value }
  }
  if (c.isOp('(')) {
    c.next()
    const e = parseExpression(c)
    c.expectOp(')')
    return e
  }
  return c.fail('expected the number of rows after TOP')
}

/** QUALIFY and SAMPLE after HAVING (Teradata accepts them in either order). */
function selectClauses(c: TokenCursor, q: SelectQuery): SelectQuery {
  let out = q
  for (;;) {
    if (c.acceptWord('QUALIFY')) out = { ...out, qualify: parseExpression(c) }
    else if (c.isWord('SAMPLE')) {
      c.next()
      if (c.isWord('WITH') || c.isWord('RANDOMIZED')) c.fail('SAMPLE WITH REPLACEMENT / RANDOMIZED ALLOCATION is not supported')
      const size = parseAdditive(c)
      if (c.isOp(',')) c.fail('SAMPLE with several sample sizes (a stratified sample) is not supported')
      out = { ...out, sampleRows: size }
    } else return out
  }
}

const LOCK_OBJECTS = new Set(['TABLE', 'VIEW', 'DATABASE'])
const LOCK_KINDS = new Set(['ACCESS', 'READ', 'SHARE', 'WRITE', 'EXCLUSIVE', 'CHECKSUM', 'LOAD'])

/**
 * `LOCKING [ROW | TABLE t | VIEW v | DATABASE d] [FOR | IN] ACCESS [MODE] [NOWAIT]`, possibly
 * several: they pick Teradata's lock for the request. PostgreSQL readers never block writers
 * and never see uncommitted rows, so the modifier has no counterpart and is dropped.
 */
function requestModifiers(c: TokenCursor): ParseNote[] {
  const notes: ParseNote[] = []
  while ((c.isWord('LOCKING') || c.isWord('LOCK')) && !c.isOp('(', 1)) {
    const start = c.pos
    const at = c.location()
    c.next()
    if (c.acceptWord('ROW')) {
      // LOCKING ROW
    } else if (c.isWord('TABLE') || c.isWord('VIEW') || c.isWord('DATABASE')) {
      c.next()
      c.identifier('object name')
      while (c.acceptOp('.')) c.identifier('object name')
    } else if (c.isIdentifier() && !LOCK_OBJECTS.has(c.current.value) && !c.isWord('FOR') && !c.isWord('IN')) {
      c.identifier('object name')
      while (c.acceptOp('.')) c.identifier('object name')
    }
    // `FOR ACCESS` may be repeated (as written in Teradata's own examples).
    do {
      if (!c.acceptWord('FOR')) c.acceptWord('IN')
      const kind = c.identifier('lock type')
      if (!LOCK_KINDS.has(kind)) c.fail('expected ACCESS, READ, SHARE, WRITE or EXCLUSIVE', c.tokens[c.pos - 1])
      c.acceptWord('MODE')
      c.acceptWord('NOWAIT')
    } while (c.isWord('FOR') && c.peek().kind === 'word' && LOCK_KINDS.has(c.peek().value))
    const text = c.textBetween(start)
    notes.push({ code: 'LOCKING_MODIFIER_DROPPED', message: `${text}: dropped; PostgreSQL readers do not block writers and never read uncommitted rows, which an ACCESS lock allows`, at })
  }
  return notes
}

export const TERADATA_PARSER: ParserHooks = {
  parseType: parseTeradataType,
  functions: { CAST: parseCast, POSITION: parsePosition, SUBSTRING: parseSubstring, RANK: parseOldRank },
  multiplicativeWords: { MOD: 'MOD' },
  isPostfixPhrase,
  postfix,
  selectModifiers,
  selectClauses,
  notAnAlias: new Set(['QUALIFY', 'SAMPLE', 'TOP']),
  tableAliasAs: true,
  sampleClosesSelect: true,
  optionalInsertInto: true,
  valuesWithoutKeyword: true,
  requestModifiers,
}
