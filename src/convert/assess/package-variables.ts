import type { Token } from '../sql/token.js'

/** Declarations at package level that are not variables (state-free). */
const NOT_STATE = new Set(['TYPE', 'SUBTYPE', 'CURSOR', 'PRAGMA', 'PROCEDURE', 'FUNCTION'])
/** Where a package body's own declarations end: its first subprogram or its initialisation block. */
const BODY_DECLARATIONS_END = new Set(['PROCEDURE', 'FUNCTION', 'BEGIN'])

function isWord(t: Token | undefined, value: string): boolean {
  return t?.kind === 'word' && t.value === value
}

/** The declarations of a package spec or body, each as its tokens without the closing `;`. */
function declarations(tokens: readonly Token[]): Token[][] {
  const header = tokens.findIndex((t) => isWord(t, 'IS') || isWord(t, 'AS'))
  if (header < 0) return []
  const result: Token[][] = []
  let current: Token[] = []
  let depth = 0
  for (const t of tokens.slice(header + 1)) {
    if (t.kind === 'op' && t.value === '(') depth++
    if (t.kind === 'op' && t.value === ')') depth--
    if (depth === 0 && t.kind === 'op' && t.value === ';') {
      result.push(current)
      current = []
    } else if (t.kind !== 'eof') {
      current.push(t)
    }
  }
  return result
}

/**
 * Indexes of the names of package-level variables: session state that PostgreSQL has no place
 * for (it must become a custom setting or a temporary table). Constants and exceptions hold no
 * state. In a body only the declarations before the first subprogram are package level; a
 * spec's subprogram declarations end at their `;`, so scanning a spec goes on past them.
 */
export function findPackageVariables(tokens: readonly Token[], isBody: boolean): number[] {
  const found: number[] = []
  for (const decl of declarations(tokens)) {
    const first = decl[0]
    if (!first || (first.kind !== 'word' && first.kind !== 'qident')) continue
    if (isWord(first, 'END') || (isBody && BODY_DECLARATIONS_END.has(first.value) && first.kind === 'word')) break
    if (first.kind === 'word' && NOT_STATE.has(first.value)) continue
    if (isWord(decl[1], 'CONSTANT') || isWord(decl[1], 'EXCEPTION')) continue
    found.push(tokens.indexOf(first))
  }
  return found
}
