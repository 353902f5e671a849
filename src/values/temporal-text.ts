import { Interval, MICROS_PER_DAY, Timestamp } from './value.js'
import { reject } from './value-rejected.js'

/**
 * Dates, timestamps and intervals from their text forms: PostgreSQL's output (DateStyle ISO,
 * IntervalStyle iso_8601) and the ISO-like strings godwit asks Oracle's TO_CHAR for. Calendar
 * is proleptic Gregorian, years astronomical (1 BC = year 0), as in PostgreSQL.
 */

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeap(y) ? 29 : (MONTH_DAYS[m - 1] ?? 0)
}

/** PostgreSQL's range for date and timestamp (datatype/timestamp.h): from 4714-11-24 BC. */
export const PG_MIN_DAYS = daysFromCivil(-4713, 11, 24)
/** First day past the range: timestamps end in 294276 AD, dates in 5874897 AD. */
export const PG_TIMESTAMP_END_DAYS = daysFromCivil(294277, 1, 1)
export const PG_DATE_END_DAYS = daysFromCivil(5874898, 1, 1)

const DATE_PART = /^(-?)(\d{1,9})-(\d{1,2})-(\d{1,2})/
const TIME_PART = /^[ T](\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?/
const ZONE_PART = /^ ?([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?/
const BC_SUFFIX = / BC$/

interface Civil {
  days: number
  rest: string
}

/** `YYYY-MM-DD` (more year digits allowed), `-YYYY…` for astronomical negative years, ` BC` suffix. */
function parseCivilDate(text: string, what: string): Civil {
  let t = text.trim()
  const bc = BC_SUFFIX.test(t)
  if (bc) t = t.slice(0, -3)
  const m = DATE_PART.exec(t)
  if (!m) reject(`invalid ${what} text '${text}'`)
  let year = Number(m[2])
  if (m[1] === '-') year = -year
  if (bc) {
    if (m[1] === '-' || year === 0) reject(`invalid ${what} text '${text}'`)
    year = 1 - year
  }
  const month = Number(m[3])
  const day = Number(m[4])
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) reject(`${what} out of range: '${text}' is not a calendar day`)
  return { days: daysFromCivil(year, month, day), rest: t.slice(m[0].length) }
}

function checkDays(days: number, end: number, what: string, text: string): void {
  if (days < PG_MIN_DAYS || days >= end) reject(`${what} out of range: '${text}' is outside what PostgreSQL stores`)
}

/** Days since 1970-01-01 from `YYYY-MM-DD[ BC]` or `±infinity`. */
export function parseDateText(text: string): number {
  if (text === 'infinity') return Infinity
  if (text === '-infinity') return -Infinity
  const { days, rest } = parseCivilDate(text, 'date')
  if (rest !== '') reject(`invalid date text '${text}'`)
  checkDays(days, PG_DATE_END_DAYS, 'date', text)
  return days
}

/** Up to 9 fraction digits as microseconds, rounded half up (Oracle keeps nanoseconds, PostgreSQL microseconds). */
function fractionMicros(f: string | undefined): number {
  if (f === undefined) return 0
  if (f.length <= 6) return Number(f.padEnd(6, '0'))
  return Math.floor(Number(f.slice(0, 6)) + (f.charCodeAt(6) >= 53 /* '5' */ ? 1 : 0))
}

/**
 * `YYYY-MM-DD[ HH:MM:SS[.f…]][±HH[:MM[:SS]]][ BC]` or `±infinity`. With an offset the result is
 * the UTC instant; without one the wall-clock time as written.
 */
export function parseTimestampText(text: string): Timestamp {
  if (text === 'infinity') return Timestamp.INFINITY
  if (text === '-infinity') return Timestamp.MINUS_INFINITY
  const civil = parseCivilDate(text, 'timestamp')
  let days = civil.days
  let rest = civil.rest
  let micros = 0
  const t = TIME_PART.exec(rest)
  if (t) {
    const h = Number(t[1])
    const mi = Number(t[2])
    const s = Number(t[3])
    if (h > 24 || mi > 59 || s > 60) reject(`timestamp out of range: '${text}' is not a time of day`)
    micros = ((h * 60 + mi) * 60 + s) * 1_000_000 + fractionMicros(t[4])
    rest = rest.slice(t[0].length)
  }
  const z = ZONE_PART.exec(rest)
  if (z) {
    const offset = ((Number(z[2]) * 60 + Number(z[3] ?? 0)) * 60 + Number(z[4] ?? 0)) * 1_000_000
    micros -= z[1] === '-' ? -offset : offset
    rest = rest.slice(z[0].length)
  }
  if (rest !== '') reject(`invalid timestamp text '${text}'`)
  const carry = Math.floor(micros / MICROS_PER_DAY)
  days += carry
  micros -= carry * MICROS_PER_DAY
  checkDays(days, PG_TIMESTAMP_END_DAYS, 'timestamp', text)
  return new Timestamp(days, micros)
}

const ISO_INTERVAL = /^P(?:(-?\d+)Y)?(?:(-?\d+)M)?(?:(-?\d+)W)?(?:(-?\d+)D)?(?:T(?:(-?\d+)H)?(?:(-?\d+)M)?(?:(-?\d+(?:\.\d+)?)S)?)?$/
/** Oracle's interval text: `+DD HH:MI:SS.fffffffff` (day to second) and `+YY-MM` (year to month). */
const ORACLE_DAY_SECOND = /^([+-])?(\d+) (\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/
const ORACLE_YEAR_MONTH = /^([+-])?(\d+)-(\d{1,2})$/

function secondsMicros(s: string): number {
  const neg = s.startsWith('-')
  const [whole = '0', frac] = (neg ? s.slice(1) : s).split('.')
  const v = Number(whole) * 1_000_000 + fractionMicros(frac)
  return neg ? -v : v
}

/** Exact sum of time parts, as a bigint only past 2^53 µs. */
function timeMicros(hours: number, minutes: number, secMicros: number): number | bigint {
  const v = (hours * 60 + minutes) * 60_000_000 + secMicros
  if (Number.isSafeInteger(v)) return v
  return (BigInt(hours) * 60n + BigInt(minutes)) * 60_000_000n + BigInt(secMicros)
}

/** PostgreSQL IntervalStyle postgres: `-1 years -2 mons +3 days -04:05:06.5`, each part optional. */
const PG_INTERVAL = /^(?:([+-]?\d+) years? ?)?(?:([+-]?\d+) mons? ?)?(?:([+-]?\d+) days? ?)?(?:([+-])?(\d+):(\d{2}):(\d{2})(?:\.(\d{1,9}))?)?$/

/**
 * PostgreSQL's interval output (IntervalStyle postgres or iso_8601: `P1Y2M3DT4H5M6.5S`, fields
 * may be negative) or Oracle's interval text.
 */
export function parseIntervalText(text: string): Interval {
  const pgStyle = text === '' ? null : PG_INTERVAL.exec(text)
  if (pgStyle) {
    const n = (i: number) => Number(pgStyle[i] ?? 0)
    const sign = pgStyle[4] === '-' ? -1 : 1
    const micros = timeMicros(n(5), n(6), n(7) * 1_000_000 + fractionMicros(pgStyle[8]))
    return new Interval(n(1) * 12 + n(2), n(3), typeof micros === 'bigint' ? BigInt(sign) * micros : sign * micros)
  }
  const iso = ISO_INTERVAL.exec(text)
  if (iso && text !== 'P' && !text.endsWith('T')) {
    const n = (i: number) => Number(iso[i] ?? 0)
    return new Interval(n(1) * 12 + n(2), n(3) * 7 + n(4), timeMicros(n(5), n(6), iso[7] === undefined ? 0 : secondsMicros(iso[7])))
  }
  const ds = ORACLE_DAY_SECOND.exec(text)
  if (ds) {
    const sign = ds[1] === '-' ? -1 : 1
    const micros = timeMicros(Number(ds[3]), Number(ds[4]), Number(ds[5]) * 1_000_000 + fractionMicros(ds[6]))
    return new Interval(0, sign * Number(ds[2]), typeof micros === 'bigint' ? BigInt(sign) * micros : sign * micros)
  }
  const ym = ORACLE_YEAR_MONTH.exec(text)
  if (ym) {
    const sign = ym[1] === '-' ? -1 : 1
    return new Interval(sign * (Number(ym[2]) * 12 + Number(ym[3])), 0, 0)
  }
  return reject(`invalid interval text '${text}'`)
}

/** Year, month, day of a day count (H. Hinnant's civil_from_days); years astronomical. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day }
}

const pad = (n: number, width: number) => String(n).padStart(width, '0')

/** `YYYY-MM-DD` (PostgreSQL's ISO output, ` BC` for years ≤ 0). */
export function formatDateText(days: number): string {
  if (days === Infinity) return 'infinity'
  if (days === -Infinity) return '-infinity'
  const { year, month, day } = civilFromDays(days)
  const bc = year <= 0
  return `${pad(bc ? 1 - year : year, 4)}-${pad(month, 2)}-${pad(day, 2)}${bc ? ' BC' : ''}`
}

/** `YYYY-MM-DD HH:MM:SS.ffffff` with all six fraction digits (` BC` for years ≤ 0). */
export function formatTimestampText(ts: Timestamp): string {
  if (ts.days === Infinity) return 'infinity'
  if (ts.days === -Infinity) return '-infinity'
  const date = formatDateText(ts.days)
  const bc = date.endsWith(' BC')
  const s = Math.floor(ts.micros / 1_000_000)
  const time = `${pad(Math.floor(s / 3600), 2)}:${pad(Math.floor(s / 60) % 60, 2)}:${pad(s % 60, 2)}.${pad(ts.micros % 1_000_000, 6)}`
  return bc ? `${date.slice(0, -3)} ${time} BC` : `${date} ${time}`
}

/** A time of day: microseconds since midnight, and the zone's offset east of UTC when it has one. */
export interface TimeOfDay {
  readonly micros: number
  readonly offsetSeconds?: number
}

const TIME_OF_DAY = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(?:([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?)?$/

/** `HH:MM[:SS[.f…]][±HH[:MM[:SS]]]`, as PostgreSQL and Teradata write TIME and TIME WITH TIME ZONE. */
export function parseTimeText(text: string): TimeOfDay {
  const m = TIME_OF_DAY.exec(text.trim())
  if (!m) reject(`invalid time text '${text}'`)
  const [, h, mi, s = '0', frac, sign, zh, zm = '0', zs = '0'] = m
  const micros = ((Number(h) * 60 + Number(mi)) * 60 + Number(s)) * 1_000_000 + fractionMicros(frac)
  if (Number(mi) > 59 || Number(s) > 60 || micros > MICROS_PER_DAY) reject(`time out of range: '${text}'`)
  if (!sign) return { micros }
  const offset = (Number(zh) * 60 + Number(zm)) * 60 + Number(zs)
  return { micros, offsetSeconds: sign === '-' ? -offset : offset }
}

/** PostgreSQL's text of a time: trailing fractional zeros dropped, the offset as `+HH[:MM[:SS]]`. */
export function formatTimeText(t: TimeOfDay): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  const secs = Math.floor(t.micros / 1_000_000)
  const frac = t.micros % 1_000_000
  const fraction = frac === 0 ? '' : `.${String(frac).padStart(6, '0').replace(/0+$/, '')}`
  const time = `${pad(Math.floor(secs / 3600))}:${pad(Math.floor(secs / 60) % 60)}:${pad(secs % 60)}${fraction}`
  if (t.offsetSeconds === undefined) return time
  const abs = Math.abs(t.offsetSeconds)
  const zone = `${t.offsetSeconds < 0 ? '-' : '+'}${pad(Math.floor(abs / 3600))}${abs % 3600 === 0 ? '' : `:${pad(Math.floor(abs / 60) % 60)}`}${abs % 60 === 0 ? '' : `:${pad(abs % 60)}`}`
  return `${time}${zone}`
}

/**
 * PostgreSQL's interval text under `IntervalStyle = iso_8601` (`P1Y2M3DT4H5M6.5S`, `PT0S` for
 * zero): each field keeps its own sign, seconds drop trailing fraction zeros. Engines that
 * cannot print it in SQL (Teradata) render their intervals with it in Node.
 */
export function formatIsoInterval(iv: Interval): string {
  const micros = BigInt(iv.micros)
  const years = Math.trunc(iv.months / 12)
  const months = iv.months % 12
  const hours = micros / 3_600_000_000n
  const minutes = (micros % 3_600_000_000n) / 60_000_000n
  const rest = micros % 60_000_000n
  let out = 'P'
  if (years !== 0) out += `${years}Y`
  if (months !== 0) out += `${months}M`
  if (iv.days !== 0) out += `${iv.days}D`
  if (micros !== 0n) {
    out += 'T'
    if (hours !== 0n) out += `${hours}H`
    if (minutes !== 0n) out += `${minutes}M`
    if (rest !== 0n) {
      const neg = rest < 0n
      const abs = neg ? -rest : rest
      const frac = (abs % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '')
      out += `${neg ? '-' : ''}${abs / 1_000_000n}${frac ? `.${frac}` : ''}S`
    }
  }
  return out === 'P' ? 'PT0S' : out
}
