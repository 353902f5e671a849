import { reject } from './value-rejected.js'

/**
 * Exact decimals as text. Sources hand them over as text (PostgreSQL numeric output, Oracle
 * NUMBER fetched as a string) so no value ever passes through a float.
 */
export interface DecimalParts {
  readonly negative: boolean
  /** Integer digits without leading zeros ('' for zero). */
  readonly int: string
  /** Fraction digits as written: their count is the value's scale ('1.50' keeps two). */
  readonly frac: string
}

export type DecimalSpecial = 'NaN' | 'Infinity' | '-Infinity'

const PLAIN = /^([+-]?)(\d*)(?:\.(\d*))?$/
const EXPONENT = /^([+-]?)(\d*)(?:\.(\d*))?[eE]([+-]?\d+)$/

/** Parses `-12.50`, `.71` (Oracle), `1.5E+20`; rejects anything else. Specials are returned as such. */
export function parseDecimal(text: string): DecimalParts | DecimalSpecial {
  if (text === 'NaN' || text === 'Infinity' || text === '-Infinity') return text
  const m = PLAIN.exec(text) ?? EXPONENT.exec(text)
  if (!m || ((m[2] ?? '') === '' && (m[3] ?? '') === '')) return reject(`invalid number text '${excerpt(text)}'`)
  let int = m[2] ?? ''
  let frac = m[3] ?? ''
  if (m[4] !== undefined) {
    // Move the decimal point: the digits stay as written.
    const shift = Number(m[4])
    if (!Number.isSafeInteger(shift) || Math.abs(shift) > 200_000) return reject(`number exponent out of range in '${excerpt(text)}'`)
    const digits = int + frac
    const point = int.length + shift
    if (point <= 0) {
      int = ''
      frac = '0'.repeat(-point) + digits
    } else if (point >= digits.length) {
      int = digits + '0'.repeat(point - digits.length)
      frac = ''
    } else {
      int = digits.slice(0, point)
      frac = digits.slice(point)
    }
  }
  return { negative: m[1] === '-', int: stripLeadingZeros(int), frac }
}

function stripLeadingZeros(s: string): string {
  let i = 0
  while (i < s.length && s.charCodeAt(i) === 48) i++
  return i === 0 ? s : s.slice(i)
}

/** Rounds half away from zero to `scale` fraction digits, as PostgreSQL does for numeric(p,s); pads to exactly `scale`. */
export function roundDecimal(d: DecimalParts, scale: number): DecimalParts {
  if (d.frac.length <= scale) return d.frac.length === scale ? d : { ...d, frac: d.frac.padEnd(scale, '0') }
  const kept = d.int + d.frac.slice(0, scale)
  if (d.frac.charCodeAt(scale) < 53 /* '5' */) return { negative: d.negative, int: d.int, frac: d.frac.slice(0, scale) }
  // Add one unit in the last kept place, carrying left.
  const digits = kept.split('')
  let i = digits.length - 1
  while (i >= 0 && digits[i] === '9') digits[i--] = '0'
  if (i >= 0) digits[i] = String(Number(digits[i]) + 1)
  else digits.unshift('1')
  const all = digits.join('')
  const intLen = all.length - scale
  return { negative: d.negative, int: stripLeadingZeros(all.slice(0, intLen)), frac: all.slice(intLen) }
}

export function isZero(d: DecimalParts): boolean {
  return d.int === '' && !/[1-9]/.test(d.frac)
}

function excerpt(s: string): string {
  return s.length > 60 ? `${s.slice(0, 60)}…` : s
}
