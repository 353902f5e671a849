import { UsageError } from '../core/errors.js'

/** `--max-rejects`: rows per table that may go to the rejects file, as a count or a share of the table's rows. */
export type RejectLimit = { readonly count: number } | { readonly percent: number }

/** Reads `12`, `1%` or `0.5%`; anything else is a usage error. */
export function parseRejectLimit(text: string): RejectLimit {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text)
  const n = m ? Number(m[1]) : NaN
  if (!m || !Number.isFinite(n) || (m[2] === '' && !Number.isInteger(n)) || (m[2] === '%' && n > 100)) {
    throw new UsageError('LOAD_MAX_REJECTS_INVALID', `--max-rejects ${text}: expected a row count (e.g. 100) or a percentage of each table's rows (e.g. 1%)`, {
      hint: 'Pass --max-rejects 0 to fail a table at its first bad row, a count such as 100, or a share such as 0.5%.',
    })
  }
  return m[2] === '%' ? { percent: n } : { count: n }
}

/**
 * The rejected rows a table may have: a count as given, a percentage of the rows the table was
 * planned with (the source's estimate, known before the first row is read), rounded down.
 */
export function rejectAllowance(limit: RejectLimit, estimatedRows: number): number {
  return 'count' in limit ? limit.count : Math.floor((limit.percent / 100) * Math.max(0, estimatedRows))
}

export function describeRejectLimit(limit: RejectLimit): string {
  return 'count' in limit ? String(limit.count) : `${limit.percent}%`
}
