/** Lag over a window of samples: what the cutover report and `godwit status` print beside the chart. */
export interface LagStats {
  readonly samples: number
  readonly p50?: number
  readonly p95?: number
  readonly max?: number
  readonly last?: number
  /** rising / falling: the window's second half averages over 20% (and 100 ms) above / below its first half. */
  readonly trend: 'rising' | 'falling' | 'steady' | 'unknown'
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length
}

export function lagStats(values: ReadonlyArray<number | undefined>): LagStats {
  const xs = values.filter((v): v is number => v !== undefined)
  if (xs.length === 0) return { samples: 0, trend: 'unknown' }
  const sorted = [...xs].sort((a, b) => a - b)
  let trend: LagStats['trend'] = 'unknown'
  if (xs.length >= 4) {
    const half = Math.floor(xs.length / 2)
    const [a, b] = [mean(xs.slice(0, half)), mean(xs.slice(half))]
    const d = b - a
    trend = Math.abs(d) > Math.max(100, 0.2 * a) ? (d > 0 ? 'rising' : 'falling') : 'steady'
  }
  return { samples: xs.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1], last: xs[xs.length - 1], trend }
}
