import type { TokenCursor } from '../../convert/sql/cursor.js'

/** A token range [from, to) of the statement. */
export interface TokenRange {
  readonly from: number
  readonly to: number
}

/** Steps over one token, or over a whole parenthesised group when it starts one. */
export function skipItem(c: TokenCursor): void {
  if (c.isOp('(')) c.skipParens()
  else c.next()
}

/** Skips tokens (whole parenthesised groups at a time) until `stop` holds, a `,`/`)` closes the enclosing list, or the statement ends. */
export function skipUntil(c: TokenCursor, stop: (c: TokenCursor) => boolean): void {
  while (!c.atEnd() && !c.isOp(',') && !c.isOp(')') && !c.isOp(';') && !stop(c)) skipItem(c)
}

/** Skips the rest of a statement whose remaining clauses carry nothing the model keeps, then checks it ends. */
export function skipRest(c: TokenCursor): void {
  while (!c.atEnd() && !c.isOp(';')) skipItem(c)
  c.acceptOp(';')
  if (!c.atEnd()) c.fail('unexpected text at the end of the statement')
}

/** `( item, item … )`: the token range of each top-level item; the cursor ends after `)`. */
export function parenthesisedItems(c: TokenCursor): TokenRange[] {
  c.expectOp('(')
  const items: TokenRange[] = []
  let from = c.pos
  for (;;) {
    if (c.atEnd()) c.fail('expected ")"')
    if (c.isOp(',') || c.isOp(')')) {
      if (c.pos === from) c.fail('expected a list item')
      items.push({ from, to: c.pos })
      if (c.next().value === ')') return items
      from = c.pos
      continue
    }
    skipItem(c)
  }
}

/** `(a, b, "C")`: a list of plain identifiers. */
export function identifierList(c: TokenCursor, what = 'column name'): string[] {
  c.expectOp('(')
  const names = [c.identifier(what)]
  while (c.acceptOp(',')) names.push(c.identifier(what))
  c.expectOp(')')
  return names
}

/**
 * Reads an expression that is not parsed here (a default, a bound): it runs until a `,` or `)`
 * that closes the enclosing list, the statement end, or a token `isEnd` recognises as the next
 * clause. Inside CASE … END nothing ends it (`CASE WHEN … THEN NULL …` is not a NULL constraint).
 * Returns its token range.
 */
export function expressionRange(c: TokenCursor, isEnd: (c: TokenCursor, length: number) => boolean): TokenRange {
  const from = c.pos
  let openCases = 0
  while (!c.atEnd() && !c.isOp(',') && !c.isOp(')') && !c.isOp(';') && (openCases > 0 || !isEnd(c, c.pos - from))) {
    if (c.isWord('CASE')) openCases++
    else if (c.isWord('END')) openCases--
    skipItem(c)
  }
  if (c.pos === from) c.fail('expected an expression')
  return { from, to: c.pos }
}

/** A signed whole or decimal number as written (`-1`, `10000000000000000000000000000`). */
export function signedNumber(c: TokenCursor): string {
  const negative = c.acceptOp('-')
  if (!negative) c.acceptOp('+')
  const t = c.current
  if (t.kind !== 'number') c.fail('expected a number')
  c.next()
  return negative ? `-${t.value}` : t.value
}

/** A string literal's value. */
export function stringLiteral(c: TokenCursor, what = 'string literal'): string {
  const t = c.current
  if (t.kind !== 'string') c.fail(`expected a ${what}`)
  c.next()
  return t.value
}

/** Steps over the first of `phrases` (lists of words, longest first) the cursor is at; returns it joined by blanks, or undefined. */
export function acceptPhrase(c: TokenCursor, phrases: readonly (readonly string[])[]): string | undefined {
  const found = phrases.find((words) => c.isWords(...words))
  if (!found) return undefined
  c.pos += found.length
  return found.join(' ')
}
