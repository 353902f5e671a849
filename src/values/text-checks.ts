import { isUtf8 } from 'node:buffer'
import { reject } from './value-rejected.js'

/**
 * What PostgreSQL text cannot hold, checked before a value is written: a COPY that meets a bad
 * value fails as a whole, so the row must be turned away first.
 */
export interface TextLimit {
  /** varchar(n)/char(n): at most n characters (code points). */
  readonly maxChars?: number
  readonly typeName: string
}

const SPACE = 32

/** PostgreSQL cuts trailing spaces past the limit silently (varchar_input, bpchar_input); anything else is an error. */
function checkLengthString(s: string, limit: TextLimit): void {
  const max = limit.maxChars
  if (max === undefined || s.length <= max) return
  let chars = 0
  let i = 0
  for (; i < s.length && chars < max; i++, chars++) {
    const c = s.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff) i++
  }
  for (; i < s.length; i++) {
    if (s.charCodeAt(i) !== SPACE) reject(`value too long for ${limit.typeName}: ${countCodePoints(s)} characters`)
  }
}

function countCodePoints(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++, n++) {
    const c = s.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff) i++
  }
  return n
}

function checkLengthBytes(b: Uint8Array, limit: TextLimit): void {
  const max = limit.maxChars
  // A character takes at least one byte: no more bytes than the limit, no more characters.
  if (max === undefined || b.length <= max) return
  let chars = 0
  let i = 0
  for (; i < b.length; i++) {
    if ((b[i]! & 0xc0) !== 0x80) {
      if (chars === max) break
      chars++
    }
  }
  for (; i < b.length; i++) {
    if (b[i] !== SPACE) {
      let total = 0
      for (const x of b) if ((x & 0xc0) !== 0x80) total++
      reject(`value too long for ${limit.typeName}: ${total} characters`)
    }
  }
}

/** Rule `nul-byte`, `invalid-utf8`, `too-long` for a JavaScript string. */
export function checkTextString(s: string, limit: TextLimit): void {
  const nul = s.indexOf('\0')
  if (nul >= 0) reject(`NUL byte at character ${nul + 1}: PostgreSQL text cannot hold it`)
  if (!(s as string & { isWellFormed(): boolean }).isWellFormed()) reject('invalid UTF-8: the text holds an unpaired surrogate')
  checkLengthString(s, limit)
}

/** Below this many bytes a JavaScript loop beats a native call. */
const SHORT = 64

/** The same rules for text that arrives as bytes claimed to be UTF-8. */
export function checkTextBytes(b: Uint8Array, limit: TextLimit): void {
  if (b.length <= SHORT && (limit.maxChars === undefined || b.length <= limit.maxChars)) {
    // Short ASCII without NUL, the common case, needs no further look.
    let ascii = true
    for (let i = 0; i < b.length; i++) {
      const c = b[i]!
      if (c === 0 || c >= 0x80) {
        ascii = false
        break
      }
    }
    if (ascii) return
  }
  const nul = b.indexOf(0)
  if (nul >= 0) reject(`NUL byte at byte ${nul + 1}: PostgreSQL text cannot hold it`)
  if (!isUtf8(b)) reject(`invalid UTF-8 at byte ${firstInvalidUtf8(b) + 1}`)
  checkLengthBytes(b, limit)
}

/** Position of the first byte that does not start or continue a valid UTF-8 sequence (for the reject reason). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0
  while (i < b.length) {
    const c = b[i]!
    const n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0
    if (n === 0 || i + n > b.length) return i
    if (!isUtf8(b.subarray(i, i + n))) return i
    i += n
  }
  return b.length
}
