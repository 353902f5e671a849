/**
 * A position in a source's change stream, as text: a PostgreSQL LSN (`16/B374D848`), an Oracle
 * SCN (decimal digits), or a Teradata position. PostgreSQL and Oracle positions are totally
 * ordered integers underneath (`positionOrdinal`). Teradata has no log, so its positions are
 * source clock readings: `time <UTC clock> UTC` (the clock after a cutover freeze, a validation's
 * read) or a capture poll `<poll>;to:<UTC clock>;<state>` — the clock before which every change
 * the poll's tables committed has been captured (src/engines/teradata/teradata-capture-position.ts).
 * A poll without `to:` (written before capture recorded one, or the start after a load) orders
 * by its poll number, before every clocked position. Any two positions of one engine compare
 * without a database.
 */
export type ChangeEngine = 'postgres' | 'oracle' | 'teradata'

export interface ChangePosition {
  readonly engine: ChangeEngine
  /** LSN `X/Y` (hex halves) for postgres, SCN digits for oracle, `<poll>;to:<clock>;<state>` or `time <clock> UTC` for teradata. */
  readonly value: string
}

export function positionOrdinal(engine: Exclude<ChangeEngine, 'teradata'>, value: string): bigint {
  if (engine === 'postgres') {
    const m = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(value.trim())
    if (!m) throw new Error(`not a PostgreSQL LSN: ${JSON.stringify(value)} (expected e.g. 16/B374D848)`)
    return (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`)
  }
  if (!/^\d+$/.test(value.trim())) throw new Error(`not an Oracle SCN: ${JSON.stringify(value)} (expected decimal digits)`)
  return BigInt(value.trim())
}

/** Negative, zero or positive as `a` is before, at or after `b`. */
export function comparePositions(engine: ChangeEngine, a: string, b: string): number {
  if (engine === 'teradata') return compareTeradata(teradataPositionKey(a), teradataPositionKey(b))
  return sign(positionOrdinal(engine, a) - positionOrdinal(engine, b))
}

function sign(d: bigint): number {
  return d < 0n ? -1 : d > 0n ? 1 : 0
}

/** What orders a Teradata position: its clock (microseconds since 1970, UTC) and its poll number, either absent. */
interface TeradataKey {
  readonly clock?: bigint
  readonly poll?: bigint
}

const CLOCK_READING = /^time (\S+ \S+) UTC$/
const TO_CLOCK = /;to:([^;]*)/

function teradataPositionKey(value: string): TeradataKey {
  const text = value.trim()
  const reading = CLOCK_READING.exec(text)?.[1]
  if (reading !== undefined) return { clock: teradataClockMicros(reading) }
  const poll = /^(\d+)(?:;|$)/.exec(text)?.[1]
  if (poll === undefined) throw new Error(`not a Teradata position: ${JSON.stringify(value)} (expected a poll number, e.g. 42;to:…, or time … UTC)`)
  const to = TO_CLOCK.exec(text)?.[1]
  return { poll: BigInt(poll), ...(to !== undefined ? { clock: teradataClockMicros(decodeURIComponent(to)) } : {}) }
}

/** Clocked positions by clock (a reading equals a poll covering up to it), then by poll; an unclocked poll before every clocked one. */
function compareTeradata(a: TeradataKey, b: TeradataKey): number {
  if (a.clock !== undefined && b.clock !== undefined) return sign(a.clock - b.clock) || (a.poll !== undefined && b.poll !== undefined ? sign(a.poll - b.poll) : 0)
  if (a.clock !== undefined) return 1
  if (b.clock !== undefined) return -1
  return sign(a.poll! - b.poll!)
}

/** A Teradata clock text as the source prints it in UTC (`2026-12-06 10:00:00.123456`) → microseconds since 1970. */
export function teradataClockMicros(text: string): bigint {
  const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?$/.exec(text.trim())
  if (!m) throw new Error(`not a Teradata clock reading: ${JSON.stringify(text)} (expected YYYY-MM-DD HH:MI:SS.ffffff)`)
  const [, y, mo, d, h, mi, sec, frac] = m
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec))
  return BigInt(ms) * 1000n + BigInt((frac ?? '').padEnd(6, '0'))
}

/** Microseconds since 1970 → the clock text Teradata prints (`YYYY-MM-DD HH:MI:SS.ffffff`). */
export function teradataClockText(micros: bigint): string {
  const ms = micros / 1000n
  const iso = new Date(Number(ms)).toISOString()
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${(micros % 1_000_000n).toString().padStart(6, '0')}`
}

export function lsnText(ordinal: bigint): string {
  return `${(ordinal >> 32n).toString(16).toUpperCase()}/${(ordinal & 0xffffffffn).toString(16).toUpperCase()}`
}
