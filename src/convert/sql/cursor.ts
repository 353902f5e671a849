import { SqlSyntaxError } from '../../core/errors.js'
import type { SourceLocation } from '../../model/location.js'
import type { ParserHooks } from './dialect.js'
import type { Token } from './token.js'

/**
 * A read position over tokens, shared by every parser (DDL reader, SQL parser, PL/SQL parser),
 * so a parser can hand the cursor to another for a sub-part (an expression inside a column
 * default, a query inside a PL/SQL block) and carry on where it stopped.
 */
export class TokenCursor {
  pos = 0

  constructor(
    readonly tokens: readonly Token[],
    /** The text the tokens came from, to slice verbatim source out of. */
    readonly source: string,
    readonly file: string,
    /** The source dialect's parser hooks; none for Oracle, whose grammar is the base. */
    readonly hooks: ParserHooks = {},
  ) {}

  get current(): Token {
    return this.tokens[this.pos]!
  }

  peek(ahead = 1): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)]!
  }

  atEnd(): boolean {
    return this.current.kind === 'eof'
  }

  next(): Token {
    const t = this.current
    if (t.kind !== 'eof') this.pos++
    return t
  }

  /** The current token is the unquoted word (keyword) `word`. */
  isWord(word: string, ahead = 0): boolean {
    const t = this.peek(ahead)
    return t.kind === 'word' && t.value === word
  }

  /** The next tokens are these words in order, e.g. isWords('PRIMARY', 'KEY'). */
  isWords(...words: string[]): boolean {
    return words.every((w, i) => this.isWord(w, i))
  }

  isOp(op: string, ahead = 0): boolean {
    const t = this.peek(ahead)
    return t.kind === 'op' && t.value === op
  }

  acceptWord(word: string): boolean {
    if (!this.isWord(word)) return false
    this.pos++
    return true
  }

  acceptWords(...words: string[]): boolean {
    if (!this.isWords(...words)) return false
    this.pos += words.length
    return true
  }

  acceptOp(op: string): boolean {
    if (!this.isOp(op)) return false
    this.pos++
    return true
  }

  expectWord(word: string): Token {
    if (!this.isWord(word)) this.fail(`expected ${word}`)
    return this.next()
  }

  expectOp(op: string): Token {
    if (!this.isOp(op)) this.fail(`expected "${op}"`)
    return this.next()
  }

  /** An identifier: an unquoted word (upper-cased) or a quoted identifier (case kept). */
  identifier(what = 'identifier'): string {
    const t = this.current
    if (t.kind === 'word' || t.kind === 'qident') {
      this.pos++
      return t.value
    }
    return this.fail(`expected ${what}`)
  }

  isIdentifier(ahead = 0): boolean {
    const k = this.peek(ahead).kind
    return k === 'word' || k === 'qident'
  }

  location(t: Token = this.current): SourceLocation {
    return { file: this.file, line: t.line, column: t.column }
  }

  /** Verbatim source text from token `from` up to (not including) token `to`. */
  textBetween(from: number, to: number = this.pos): string {
    const a = this.tokens[from]
    const b = this.tokens[to]
    if (!a || !b) return ''
    return this.source.slice(a.offset, b.kind === 'eof' ? this.source.length : b.offset).trim()
  }

  /** Skips a balanced parenthesised group starting at `(`; returns the index after `)`. */
  skipParens(): void {
    this.expectOp('(')
    let depth = 1
    while (depth > 0) {
      if (this.atEnd()) this.fail('unbalanced parentheses')
      const t = this.next()
      if (t.kind === 'op' && t.value === '(') depth++
      else if (t.kind === 'op' && t.value === ')') depth--
    }
  }

  fail(message: string, t: Token = this.current): never {
    const near = t.kind === 'eof' ? 'end of statement' : `"${t.text}"`
    throw new SqlSyntaxError(`${message}, found ${near}`, this.location(t), this.source.slice(0, 300))
  }
}
