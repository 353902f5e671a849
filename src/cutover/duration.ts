import { UsageError } from '../core/errors.js'

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/** `90s`, `30m`, `2h`, `1d`, `500ms`, or a bare number of seconds, as milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/i.exec(text)
  if (!m || Number(m[1]) <= 0) throw new UsageError('CUTOVER_DURATION', `${flag} ${JSON.stringify(text)} is not a duration`, { hint: 'Write e.g. 90s, 30m, 2h or 1d (a bare number is seconds).' })
  return Number(m[1]) * UNIT_MS[(m[2] ?? 's').toLowerCase()]!
}
