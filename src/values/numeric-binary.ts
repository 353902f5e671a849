import type { CopyBinaryWriter } from './copy-binary-writer.js'
import { isZero, parseDecimal, roundDecimal, type DecimalParts } from './decimal-text.js'
import { reject } from './value-rejected.js'

/** numeric's binary form (PostgreSQL utils/adt/numeric.c, numeric_send): base-10000 digits. */
const NUMERIC_POS = 0x0000
const NUMERIC_NEG = 0x4000
const NUMERIC_NAN = 0xc000
const NUMERIC_PINF = 0xd000
const NUMERIC_NINF = 0xf000
/** numeric.c: NUMERIC_MAX_DISPLAY_SCALE and the 131072 digits before the point. */
const PG_MAX_SCALE = 16383
const PG_MAX_INT_DIGITS = 131072

export interface NumericTarget {
  readonly precision?: number
  readonly scale?: number
}

const PLAIN_FAST = /^-?\d+(?:\.\d+)?$/

let groups = new Int16Array(64)

/**
 * Writes decimal text as a numeric field. The common case (plain digits already at the target
 * scale) is encoded straight from the string; others are parsed, rounded and checked first.
 * Overflow of numeric(p,s) is rejected here, because PostgreSQL would fail the whole COPY.
 */
export function writeNumeric(text: string, target: NumericTarget, w: CopyBinaryWriter): void {
  const scale = target.scale ?? 0
  if (PLAIN_FAST.test(text)) {
    const dot = text.indexOf('.')
    const fracLen = dot < 0 ? 0 : text.length - dot - 1
    if (target.precision === undefined || fracLen <= scale) {
      writePlain(text, dot, fracLen, target, w)
      return
    }
  }
  const parsed = parseDecimal(text)
  if (typeof parsed === 'string') {
    if (parsed !== 'NaN' && target.precision !== undefined) reject(`numeric(${target.precision},${scale}) cannot hold ${parsed}`)
    w.int32(8)
    w.int16(0)
    w.int16(0)
    w.uint16(parsed === 'NaN' ? NUMERIC_NAN : parsed === 'Infinity' ? NUMERIC_PINF : NUMERIC_NINF)
    w.int16(0)
    return
  }
  const d: DecimalParts = target.precision === undefined ? parsed : roundDecimal(parsed, scale)
  const plain = `${d.negative && !isZero(d) ? '-' : ''}${d.int || '0'}${d.frac ? `.${d.frac}` : ''}`
  writePlain(plain, plain.indexOf('.'), d.frac.length, target, w)
}

/** `-?\d+(\.\d+)?` with at most the target scale of fraction digits. */
function writePlain(text: string, dot: number, fracLen: number, target: NumericTarget, w: CopyBinaryWriter): void {
  const negative = text.charCodeAt(0) === 45
  let intStart = negative ? 1 : 0
  const intEnd = dot < 0 ? text.length : dot
  while (intStart < intEnd && text.charCodeAt(intStart) === 48) intStart++
  const intLen = intEnd - intStart
  if (target.precision !== undefined) {
    const scale = target.scale ?? 0
    if (intLen > target.precision - scale) {
      reject(`numeric field overflow: ${intLen} digits before the point, numeric(${target.precision},${scale}) holds ${target.precision - scale}`)
    }
  } else if (intLen > PG_MAX_INT_DIGITS || fracLen > PG_MAX_SCALE) {
    reject(`numeric out of PostgreSQL's range (${intLen} integer digits, ${fracLen} fraction digits)`)
  }
  const dscale = target.precision === undefined ? fracLen : (target.scale ?? 0)
  const intGroups = (intLen + 3) >> 2
  const fracGroups = (fracLen + 3) >> 2
  const total = intGroups + fracGroups
  if (groups.length < total) groups = new Int16Array(total * 2)
  // Integer digits, grouped from the point leftwards: the first group may be short.
  let g = 0
  let i = intStart
  let firstLen = intLen - (intGroups - 1) * 4
  while (i < intEnd) {
    let v = 0
    for (let k = 0; k < firstLen; k++) v = v * 10 + text.charCodeAt(i++) - 48
    groups[g++] = v
    firstLen = 4
  }
  // Fraction digits, grouped from the point rightwards: the last group is padded with zeros.
  i = dot + 1
  for (let f = 0; f < fracGroups; f++) {
    let v = 0
    for (let k = 0; k < 4; k++) {
      v = v * 10 + (i < text.length ? text.charCodeAt(i) - 48 : 0)
      i++
    }
    groups[g++] = v
  }
  let first = 0
  let last = total
  while (first < last && groups[first] === 0) first++
  while (last > first && groups[last - 1] === 0) last--
  const ndigits = last - first
  const weight = ndigits === 0 ? 0 : intGroups - 1 - first
  w.ensure(12 + ndigits * 2)
  const buf = w.buf
  let p = w.pos
  const length = 8 + ndigits * 2
  buf[p] = length >>> 24
  buf[p + 1] = length >>> 16
  buf[p + 2] = length >>> 8
  buf[p + 3] = length
  buf[p + 4] = ndigits >>> 8
  buf[p + 5] = ndigits
  buf[p + 6] = weight >>> 8
  buf[p + 7] = weight
  buf[p + 8] = negative && ndigits > 0 ? NUMERIC_NEG >>> 8 : NUMERIC_POS
  buf[p + 9] = 0
  buf[p + 10] = dscale >>> 8
  buf[p + 11] = dscale
  p += 12
  for (let k = first; k < last; k++) {
    const d = groups[k]!
    buf[p++] = d >>> 8
    buf[p++] = d
  }
  w.pos = p
}
