import type { Expr } from '../ast.js'
import type { ExprRule } from './index.js'
import { EMPTY_TEXT, args, isOracleCall, pgCall, raw, stringValue, supportCall } from './build.js'

/**
 * Character functions. Oracle treats NULL as '' in concatenation (and '' is NULL), so `||`
 * becomes concat(), which skips NULLs, wrapped in NULLIF(…, '') unless a non-empty literal
 * guarantees a non-empty result.
 */

function concatParts(e: Expr): Expr[] {
  if (e.kind === 'binary' && e.op === '||') return [...concatParts(e.left), ...concatParts(e.right)]
  if (isOracleCall(e, 'CONCAT')) return args(e).flatMap(concatParts)
  return [e]
}

const concatenation: ExprRule = (e) => {
  if (!(e.kind === 'binary' && e.op === '||') && !isOracleCall(e, 'CONCAT')) return undefined
  const parts = concatParts(e).filter((p) => !(p.kind === 'null' || (p.kind === 'string' && p.value === '')))
  if (parts.length === 0) return { kind: 'null' }
  const call = pgCall('concat', ...parts)
  return parts.some((p) => p.kind === 'string') ? call : pgCall('nullif', call, EMPTY_TEXT)
}

function positiveLiteral(e: Expr | undefined): boolean {
  return e?.kind === 'number' && /^\d+$/.test(e.value) && Number(e.value) > 0
}

/** SUBSTR: PostgreSQL agrees for a positive start; 0 and negative starts need Oracle's rule. */
const substr: ExprRule = (e, rc) => {
  if (!isOracleCall(e, 'SUBSTR')) return undefined
  const [s, start, length] = args(e)
  if (!s || !start) return undefined
  if (positiveLiteral(start) && (!length || positiveLiteral(length))) return pgCall('substr', ...args(e))
  return supportCall(rc, 'substr', ...args(e))
}

const instr: ExprRule = (e, rc) => {
  if (!isOracleCall(e, 'INSTR')) return undefined
  const a = args(e)
  if (a.length === 2) return pgCall('strpos', a[0]!, a[1]!)
  return supportCall(rc, 'instr', ...a)
}

const lengthb: ExprRule = (e) => (isOracleCall(e, 'LENGTHB') ? pgCall('octet_length', ...args(e)) : undefined)

/** REPLACE(s, a) removes a; a NULL replacement also removes (PostgreSQL would return NULL). */
const replace: ExprRule = (e) => {
  if (!isOracleCall(e, 'REPLACE')) return undefined
  const [s, search, replacement] = args(e)
  if (!s || !search) return undefined
  const rep = !replacement || replacement.kind === 'null' || stringValue(replacement) === '' ? EMPTY_TEXT : pgCall('coalesce', replacement, EMPTY_TEXT)
  return pgCall('replace', s, search, rep)
}

/** TRANSLATE(x USING NCHAR_CS): a character-set conversion; PostgreSQL has one database encoding. */
const translateUsing: ExprRule = (e) => (isOracleCall(e, 'TRANSLATE') && e.using ? e.args[0]?.value : undefined)

/**
 * UNISTR('\00e9') → U&'\00e9' (both read \XXXX as a UTF-16 code unit and \\ as a backslash). A
 * concatenation of literals, as Oracle's own sample scripts write long texts, folds into one
 * literal; anything else calls unistr(), which PostgreSQL has from 16 on (our target; an older
 * server fails loudly on the missing function rather than storing the escapes as text).
 */
const unistr: ExprRule = (e) => {
  if (!isOracleCall(e, 'UNISTR')) return undefined
  const [value] = args(e)
  if (!value) return undefined
  const parts = concatParts(value).map(stringValue)
  if (parts.some((p) => p === undefined)) return pgCall('unistr', value)
  return raw(`U&'${parts.join('').replace(/'/g, "''")}'`)
}

export const stringRules: readonly ExprRule[] = [concatenation, substr, instr, lengthb, replace, translateUsing, unistr]
