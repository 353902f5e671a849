import { SqlSyntaxError } from '../../core/errors.js'
import type { SourceLocation } from '../../model/location.js'
import { BASE_TOKENIZER, type TokenizerSettings } from './dialect.js'
import type { Token, TokenKind } from './token.js'

const MULTI_OPS = ['(+)', '||', ':=', '=>', '<=', '>=', '<>', '!=', '^=', '~=', '**', '..', '::', '<<', '>>']
const SINGLE_OPS = new Set('()[],;.+-*/=<>%@|:?!^~&{}'.split(''))
const Q_CLOSE: Record<string, string> = { '[': ']', '(': ')', '{': '}', '<': '>' }

function isWordStart(c: string): boolean {
  return /[A-Za-z_\p{L}]/u.test(c)
}
function isWordPart(c: string): boolean {
  return /[A-Za-z0-9_$#\p{L}\p{N}]/u.test(c)
}

/** Operators Oracle reads with whitespace or a comment between their two characters (`< >`, `! =`, `| |`, `> =`). */
const SPACED_OPS = new Set(['<>', '!=', '^=', '~=', '||', '<=', '>='])

function joinSpacedOperators(tokens: Token[], text: string): Token[] {
  const out: Token[] = []
  for (const t of tokens) {
    const prev = out[out.length - 1]
    if (prev?.kind === 'op' && t.kind === 'op' && t.spaceBefore && prev.value.length === 1 && SPACED_OPS.has(prev.value + t.value)) {
      out[out.length - 1] = { ...prev, value: prev.value + t.value, text: text.slice(prev.offset, t.offset + t.text.length) }
    } else out.push(t)
  }
  return out
}

/**
 * Tokenizes SQL and PL/SQL: Oracle's by default, another dialect's with its `settings`.
 * Positions are reported relative to `origin` (where the text starts in its file) so that every
 * error can name file, line and column.
 */
export function tokenize(text: string, origin: SourceLocation = { file: '<input>', line: 1, column: 1 }, settings: TokenizerSettings = BASE_TOKENIZER): Token[] {
  const tokens: Token[] = []
  let i = 0
  let line = origin.line
  let lineStart = -(origin.column - 1)
  let space = false

  const at = (offset: number): SourceLocation => ({ file: origin.file, line, column: offset - lineStart + 1 })
  const fail = (msg: string, offset: number): never => {
    throw new SqlSyntaxError(msg, at(offset), text.slice(0, 200))
  }
  const advanceLines = (from: number, to: number) => {
    for (let k = from; k < to; k++) {
      if (text.charCodeAt(k) === 10) {
        line++
        lineStart = k + 1
      }
    }
  }
  const push = (kind: TokenKind, value: string, start: number, extra?: { national?: boolean }) => {
    const pos = at(start)
    tokens.push({ kind, value, text: text.slice(start, i), offset: start, line: pos.line, column: pos.column, spaceBefore: space, ...extra })
    space = false
    advanceLines(start, i)
  }

  while (i < text.length) {
    const c = text[i]!
    const next = text[i + 1]
    if (c === '\n') {
      i++
      line++
      lineStart = i
      space = true
      continue
    }
    // U+3000: the ideographic (full-width) space East Asian input methods type, whitespace to Oracle too.
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0' || c === '\ufeff' || c === '\u3000') {
      i++
      space = true
      continue
    }
    if (c === '-' && next === '-') {
      while (i < text.length && text[i] !== '\n') i++
      space = true
      continue
    }
    if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2)
      if (end < 0) fail('unterminated /* comment', i)
      advanceLines(i, end + 2)
      i = end + 2
      space = true
      continue
    }
    const start = i
    // q'<delim>...<delim>' and nq'...' alternative quoting
    const qMatch = settings.alternativeQuoting ? /^([nN]?)[qQ]'/.exec(text.slice(i, i + 3)) : null
    if (qMatch) {
      const open = text[i + qMatch[0].length]
      if (open === undefined) fail("unterminated q'' literal", start)
      const close = Q_CLOSE[open!] ?? open!
      const bodyStart = i + qMatch[0].length + 1
      const end = text.indexOf(`${close}'`, bodyStart)
      if (end < 0) fail("unterminated q'' literal", start)
      i = end + 2
      push('string', text.slice(bodyStart, end), start, qMatch[1] ? { national: true } : undefined)
      continue
    }
    if ((c === 'n' || c === 'N') && next === "'") {
      i++
      const value = readQuoted("'")
      push('string', value, start, { national: true })
      continue
    }
    if (c === "'") {
      const value = readQuoted("'")
      push('string', value, start)
      continue
    }
    if (c === '"') {
      const value = readQuoted('"')
      if (value === '') fail('empty quoted identifier', start)
      push('qident', settings.foldQuotedIdentifiers ? value.toUpperCase() : value, start)
      continue
    }
    if (/[0-9]/.test(c) || (c === '.' && next !== undefined && /[0-9]/.test(next) && !isRangeDots(i))) {
      const m = (settings.floatSuffixes ? /^(?:\d+(?:\.(?!\.)\d*)?|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?/ : /^(?:\d+(?:\.(?!\.)\d*)?|\.\d+)(?:[eE][+-]?\d+)?/).exec(text.slice(i))!
      let lit = m[0]
      // `1d` style suffix only when not followed by a word char (e.g. `1day` is not a literal).
      if (/[fFdD]$/.test(lit) && isWordPart(text[i + lit.length] ?? ' ')) lit = lit.slice(0, -1)
      i += lit.length
      push('number', lit, start)
      continue
    }
    // PL/SQL conditional compilation: `$IF … $THEN`, `$END`, and inquiry directives `$$NAME`
    // (plsql-conditional.ts resolves them); a word of its own, `$` kept in its value.
    if (c === '$' && (isWordStart(next ?? '') || (next === '$' && isWordStart(text[i + 2] ?? '')))) {
      i += next === '$' ? 2 : 1
      while (i < text.length && isWordPart(text[i]!)) i++
      push('word', text.slice(start, i).toUpperCase(), start)
      continue
    }
    if (isWordStart(c)) {
      while (i < text.length && isWordPart(text[i]!)) i++
      const word = text.slice(start, i).toUpperCase()
      push('word', settings.keywordAliases[word] ?? word, start)
      continue
    }
    if (c === ':' && next !== undefined && next !== '=' && next !== ':') {
      if (next === '"') {
        i++
        const value = readQuoted('"')
        push('bind', value, start)
        continue
      }
      if (isWordPart(next)) {
        i++
        while (i < text.length && isWordPart(text[i]!)) i++
        push('bind', text.slice(start + 1, i).toUpperCase(), start)
        continue
      }
    }
    const multi = MULTI_OPS.find((op) => text.startsWith(op, i))
    if (multi) {
      i += multi.length
      push('op', multi, start)
      continue
    }
    if (SINGLE_OPS.has(c)) {
      i++
      push('op', c, start)
      continue
    }
    fail(`unexpected character ${JSON.stringify(c)}`, i)
  }
  const end = at(i)
  tokens.push({ kind: 'eof', value: '', text: '', offset: i, line: end.line, column: end.column, spaceBefore: true })
  return joinSpacedOperators(tokens, text)

  function isRangeDots(k: number): boolean {
    return text[k - 1] === '.'
  }

  /** Reads a quoted run starting at text[i] === quote; a doubled quote is an escaped quote. */
  function readQuoted(quote: string): string {
    const begin = i
    i++
    let out = ''
    for (;;) {
      const end = text.indexOf(quote, i)
      if (end < 0) {
        fail(quote === "'" ? 'unterminated string literal' : 'unterminated quoted identifier', begin)
      }
      out += text.slice(i, end)
      if (text[end + 1] === quote) {
        out += quote
        i = end + 2
        continue
      }
      i = end + 1
      return out
    }
  }
}
