import type { Token, TokenKind } from '../sql/token.js'

/**
 * One step of a token pattern. Patterns are matched against the tokenizer's output, so words
 * inside string literals and comments never count (a view whose text mentions 'CONNECT BY' in a
 * literal is not hierarchical).
 */
export type TokenStep =
  | { readonly word: string }
  /** A word starting with `wordPrefix`, other than the listed exceptions (`DBMS_` but not `DBMS_OUTPUT`). */
  | { readonly wordPrefix: string; readonly except?: readonly string[] }
  | { readonly op: string }
  | { readonly anyWord: true }
  | { readonly tokenKind: TokenKind }

/** A sequence of steps that must match consecutive tokens. */
export type TokenPattern = readonly TokenStep[]

export const word = (value: string): TokenStep => ({ word: value })
export const wordPrefix = (prefix: string, except?: readonly string[]): TokenStep => ({ wordPrefix: prefix, except })
export const op = (value: string): TokenStep => ({ op: value })
export const anyWord: TokenStep = { anyWord: true }
export const stringLiteral: TokenStep = { tokenKind: 'string' }

/** `words('CONNECT BY')` → the steps for CONNECT followed by BY. */
export function words(text: string): TokenStep[] {
  return text.split(/\s+/).map(word)
}

function stepMatches(step: TokenStep, token: Token): boolean {
  if ('op' in step) return token.kind === 'op' && token.value === step.op
  if ('tokenKind' in step) return token.kind === step.tokenKind
  if (token.kind !== 'word') return false
  if ('word' in step) return token.value === step.word
  if ('wordPrefix' in step) return token.value.startsWith(step.wordPrefix) && !step.except?.includes(token.value)
  return true
}

/** Start indexes of every place the pattern matches in `tokens`. */
export function findPattern(tokens: readonly Token[], pattern: TokenPattern): number[] {
  const starts: number[] = []
  if (pattern.length === 0) return starts
  for (let i = 0; i + pattern.length <= tokens.length; i++) {
    if (pattern.every((step, k) => stepMatches(step, tokens[i + k]!))) starts.push(i)
  }
  return starts
}
