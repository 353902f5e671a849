/**
 * A position in a source's change stream, as text: a PostgreSQL LSN (`16/B374D848`), an Oracle
 * SCN (decimal digits), or a Teradata poll (`<poll number>;<state>`: the poll number counts
 * capture rounds, the state after it holds per-table watermarks and is read by the Teradata
 * capture only). All are totally ordered integers underneath; `positionOrdinal` gives that
 * integer so any two positions of one engine compare without a database.
 */
export type ChangeEngine = 'postgres' | 'oracle' | 'teradata'

export interface ChangePosition {
  readonly engine: ChangeEngine
  /** LSN `X/Y` (hex halves) for postgres, SCN digits for oracle, `<poll>;<state>` for teradata. */
  readonly value: string
}

export function positionOrdinal(engine: ChangeEngine, value: string): bigint {
  if (engine === 'postgres') {
    const m = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(value.trim())
    if (!m) throw new Error(`not a PostgreSQL LSN: ${JSON.stringify(value)} (expected e.g. 16/B374D848)`)
    return (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`)
  }
  if (engine === 'teradata') {
    const poll = /^(\d+)(?:;|$)/.exec(value.trim())?.[1]
    if (poll === undefined) throw new Error(`not a Teradata capture position: ${JSON.stringify(value)} (expected a poll number, e.g. 42;…)`)
    return BigInt(poll)
  }
  if (!/^\d+$/.test(value.trim())) throw new Error(`not an Oracle SCN: ${JSON.stringify(value)} (expected decimal digits)`)
  return BigInt(value.trim())
}

/** Negative, zero or positive as `a` is before, at or after `b`. */
export function comparePositions(engine: ChangeEngine, a: string, b: string): number {
  const d = positionOrdinal(engine, a) - positionOrdinal(engine, b)
  return d < 0n ? -1 : d > 0n ? 1 : 0
}

export function lsnText(ordinal: bigint): string {
  return `${(ordinal >> 32n).toString(16).toUpperCase()}/${(ordinal & 0xffffffffn).toString(16).toUpperCase()}`
}
