import { quoteLiteral } from '../../convert/naming.js'
import { tokenize } from '../../convert/sql/tokenizer.js'
import type { Token } from '../../convert/sql/token.js'
import type { CodeTranslator, TranslateContext } from '../../convert/translate-context.js'

/**
 * One Oracle partition bound value as a PostgreSQL bound value. Oracle's catalog writes date
 * bounds as `TO_DATE(' 1998-01-01 00:00:00', 'SYYYY-MM-DD HH24:MI:SS', 'NLS_CALENDAR=GREGORIAN')`;
 * PostgreSQL wants a value it can evaluate without Oracle's functions, so those become
 * timestamp literals (coerced to the partition column's type). Anything else goes through the
 * expression translator.
 */
export function postgresBoundValue(text: string, translator: CodeTranslator, ctx: TranslateContext): string {
  const tokens = tokenize(text).filter((t) => t.kind !== 'eof')
  const literal = literalBound(tokens)
  return literal ?? translator.expression({ text }, ctx)
}

function literalBound(t: readonly Token[]): string | undefined {
  const [a, b] = t
  if (!a) return undefined
  if (t.length === 1) {
    if (a.kind === 'word' && (a.value === 'MAXVALUE' || a.value === 'NULL')) return a.value
    if (a.kind === 'number') return a.text
    if (a.kind === 'string') return quoteLiteral(a.value)
  }
  if (t.length === 2 && a.kind === 'op' && a.value === '-' && b?.kind === 'number') return `-${b.text}`
  if (t.length === 2 && a.kind === 'word' && (a.value === 'DATE' || a.value === 'TIMESTAMP') && b?.kind === 'string') {
    return `${a.value} ${quoteLiteral(b.value.trim())}`
  }
  if (a.kind === 'word' && (a.value === 'TO_DATE' || a.value === 'TO_TIMESTAMP')) return conversionCall(t)
  return undefined
}

/** TO_DATE('value', 'format' [, 'nls']) with literal arguments, as a timestamp literal. */
function conversionCall(t: readonly Token[]): string | undefined {
  const args = t.slice(2, -1).filter((x) => !(x.kind === 'op' && x.value === ','))
  const isCall = t[1]?.value === '(' && t.at(-1)?.value === ')' && args.every((x) => x.kind === 'string')
  if (!isCall || args.length < 1) return undefined
  const value = args[0]!.value.trim()
  const format = args[1]?.value
  const iso = format === undefined ? undefined : isoFromOracleFormat(value, format)
  return iso === undefined ? undefined : `TIMESTAMP ${quoteLiteral(iso)}`
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
const FORMAT_ELEMENT = /SYYYY|YYYY|RRRR|HH24|HH12|HH|MONTH|MON|MM|DD|MI|SS|./gi

/**
 * Reads a date written in an Oracle datetime format (the common elements: [S]YYYY, RRRR, MM,
 * MON, MONTH, DD, HH24, HH, MI, SS) as `YYYY-MM-DD HH:MI:SS`; undefined for anything else.
 */
export function isoFromOracleFormat(value: string, format: string): string | undefined {
  const fields: string[] = []
  let pattern = ''
  for (const element of format.toUpperCase().match(FORMAT_ELEMENT) ?? []) {
    const group = FIELD_PATTERNS[element]
    if (group) {
      fields.push(element)
      pattern += group
    } else if (/\s/.test(element)) pattern += '\\s*'
    else if (/[A-Z0-9]/.test(element)) return undefined
    else pattern += `\\s*${element.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')}\\s*`
  }
  const m = new RegExp(`^${pattern}$`, 'i').exec(value)
  if (!m) return undefined
  const part: Record<string, number> = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 }
  fields.forEach((f, i) => {
    const v = m[i + 1]!
    if (f === 'MON' || f === 'MONTH') part.month = MONTHS.indexOf(v.slice(0, 3).toUpperCase()) + 1
    else part[FIELD_PART[f]!] = Number(v)
  })
  if (part.month! < 1 || part.year! <= 0) return undefined
  const two = (n: number) => String(n).padStart(2, '0')
  return `${String(part.year).padStart(4, '0')}-${two(part.month!)}-${two(part.day!)} ${two(part.hour!)}:${two(part.minute!)}:${two(part.second!)}`
}

const FIELD_PATTERNS: Readonly<Record<string, string>> = {
  SYYYY: '(-?\\d{1,4})', YYYY: '(\\d{4})', RRRR: '(\\d{4})', MM: '(\\d{1,2})', MON: '([A-Za-z]{3})', MONTH: '([A-Za-z]+)',
  DD: '(\\d{1,2})', HH24: '(\\d{1,2})', HH12: '(\\d{1,2})', HH: '(\\d{1,2})', MI: '(\\d{1,2})', SS: '(\\d{1,2})',
}
const FIELD_PART: Readonly<Record<string, string>> = {
  SYYYY: 'year', YYYY: 'year', RRRR: 'year', MM: 'month', DD: 'day', HH24: 'hour', HH12: 'hour', HH: 'hour', MI: 'minute', SS: 'second',
}
