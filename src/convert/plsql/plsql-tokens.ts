import { pgIdent } from '../naming.js'
import { TokenCursor } from '../sql/cursor.js'
import type { Token } from '../sql/token.js'

/** Cursor and implicit-cursor attributes that PL/SQL writes as `name%ATTR` inside expressions. */
const CURSOR_ATTRIBUTES = new Set(['FOUND', 'NOTFOUND', 'ROWCOUNT', 'ISOPEN', 'BULK_ROWCOUNT'])

/**
 * `c%NOTFOUND`, `SQL%ROWCOUNT` and `UPDATING('COL')` are PL/SQL-only forms the SQL expression
 * parser does not know. They are merged into one word token (`C%NOTFOUND`, `UPDATING('COL')`)
 * so that the SQL layer sees a plain name and hands it back through `resolveName`, where the
 * PL/SQL generator decides its PostgreSQL form.
 */
export function mergePlsqlPseudoNames(tokens: readonly Token[]): Token[] {
  const out: Token[] = []
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    const op = tokens[i + 1]
    const attr = tokens[i + 2]
    if (isName(t) && op?.kind === 'op' && op.value === '%' && attr?.kind === 'word' && CURSOR_ATTRIBUTES.has(attr.value)) {
      out.push(merged(t, `${t.value}%${attr.value}`))
      i += 2
      continue
    }
    const close = tokens[i + 3]
    if (t.kind === 'word' && ['UPDATING', 'INSERTING', 'DELETING'].includes(t.value) && isOp(op, '(') && attr?.kind === 'string' && isOp(close, ')')) {
      out.push(merged(t, `${t.value}('${attr.value.toUpperCase()}')`))
      i += 3
      continue
    }
    out.push(t)
  }
  return out
}

/** What a unit reads of cursor attributes that PL/pgSQL has to keep in variables. */
export interface CursorUse {
  /** SQL%ROWCOUNT / %FOUND / %NOTFOUND: needs GET DIAGNOSTICS after each SQL statement. */
  readonly implicit: boolean
  /** Explicit cursors whose %ROWCOUNT is read: they get a fetch counter. */
  readonly counted: ReadonlySet<string>
}

export const NO_CURSOR_USE: CursorUse = { implicit: false, counted: new Set() }

/** The variable counting the rows fetched from cursor `c`, for c%ROWCOUNT. */
export function fetchCounter(cursor: string): string {
  return pgIdent(`GODWIT_${cursor}_ROWCOUNT`)
}

export function cursorUse(tokens: readonly Token[]): CursorUse {
  const names = tokens.filter((t) => t.kind === 'word' && t.value.includes('%')).map((t) => t.value)
  const counted = names.filter((n) => n.endsWith('%ROWCOUNT') && !n.startsWith('SQL%')).map((n) => n.slice(0, -'%ROWCOUNT'.length))
  return { implicit: names.some((n) => n.startsWith('SQL%')), counted: new Set(counted) }
}

/** A cursor over tokens [from, to) of `c`, ending in eof: lets a sub-parser see one statement only. */
export function subCursor(c: TokenCursor, from: number, to: number, drop: ReadonlySet<number> = new Set()): TokenCursor {
  const slice = c.tokens.slice(from, to).filter((_, i) => !drop.has(from + i))
  const end = c.tokens[to] ?? c.tokens[c.tokens.length - 1]!
  return new TokenCursor([...slice, { ...end, kind: 'eof', value: '', text: '' }], c.source, c.file)
}

/** Index of the first `;` at parenthesis depth 0 from the cursor (the end of a PL/SQL statement). */
export function statementEnd(c: TokenCursor): number {
  let depth = 0
  for (let i = c.pos; i < c.tokens.length; i++) {
    const t = c.tokens[i]!
    if (t.kind === 'eof') return i
    if (t.kind !== 'op') continue
    if (t.value === '(') depth++
    else if (t.value === ')') depth--
    else if (t.value === ';' && depth === 0) return i
  }
  return c.tokens.length - 1
}

function isName(t: Token): boolean {
  return t.kind === 'word' || t.kind === 'qident'
}

function isOp(t: Token | undefined, value: string): boolean {
  return t?.kind === 'op' && t.value === value
}

function merged(first: Token, value: string): Token {
  return { ...first, kind: 'word', value, text: value }
}
