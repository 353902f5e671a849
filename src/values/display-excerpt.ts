import { isUtf8 } from 'node:buffer'
import type { LogicalType } from '../model/logical-type.js'
import { formatDateText, formatTimestampText } from './temporal-text.js'
import { Interval, Timestamp } from './value.js'

const MAX_CHARS = 200

/**
 * A value as a person reads it in a rejects file: text with control characters made visible
 * (a NUL shows as \0), bytes in hex, at most 200 characters.
 */
export function displayExcerpt(v: unknown, type?: LogicalType): string {
  return cut(visible(raw(v, type)))
}

function raw(v: unknown, type: LogicalType | undefined): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'number' && type?.kind === 'date') return formatDateText(v)
  if (typeof v === 'string') return v
  if (v instanceof Uint8Array) {
    const b = Buffer.from(v.buffer, v.byteOffset, v.byteLength)
    // Text bytes that are not UTF-8 are shown in hex: decoding them would hide the fault.
    return isUtf8(b) ? b.toString('utf8') : `\\x${b.subarray(0, MAX_CHARS / 2).toString('hex')}`
  }
  if (v instanceof Timestamp) return formatTimestampText(v)
  if (v instanceof Interval) return `${v.months} months ${v.days} days ${v.micros} µs`
  return String(v)
}

function visible(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, (c) => (c === '\0' ? '\\0' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`))
}

function cut(s: string): string {
  if (s.length <= MAX_CHARS) return s
  const end = s.charCodeAt(MAX_CHARS - 2) >= 0xd800 && s.charCodeAt(MAX_CHARS - 2) <= 0xdbff ? MAX_CHARS - 2 : MAX_CHARS - 1
  return `${s.slice(0, end)}…`
}
