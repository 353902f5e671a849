/**
 * A lexical token of SQL or PL/SQL. Unquoted words are `word` tokens whose `value` is upper case
 * (keywords and identifiers are told apart by the parser, as Oracle's keywords are mostly
 * unreserved); quoted identifiers keep their case.
 */
export type TokenKind =
  | 'word'      // unquoted identifier or keyword; value upper-cased
  | 'qident'    // "Quoted Identifier"; value without quotes, "" unescaped
  | 'string'    // 'text', q'[text]', N'text'; value unescaped
  | 'number'    // 12, 1.5, .5, 1e-3, 2.5f/2.5d (Oracle BINARY_FLOAT/DOUBLE literals)
  | 'bind'      // :name, :1, :NEW (value without the colon, upper-cased when unquoted)
  | 'op'        // operators and punctuation: ( ) , ; . || := => <= >= <> != ** .. (+) %
  | 'eof'

export interface Token {
  readonly kind: TokenKind
  /** Normalised value (see TokenKind). */
  readonly value: string
  /** The text as written. */
  readonly text: string
  /** Offset into the tokenized text. */
  readonly offset: number
  /** 1-based line and column in the original file. */
  readonly line: number
  readonly column: number
  /** Whitespace or a comment came before this token (needed to tell `a.b` from `a . b` rarely, and for `(+)`). */
  readonly spaceBefore: boolean
  /** N'...' literal. */
  readonly national?: boolean
}
