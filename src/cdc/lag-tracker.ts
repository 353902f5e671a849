/**
 * Lag as people watch it: for each applied batch, apply time − source commit time of its last
 * change (both clocks: any skew between source and this machine is inside the figure). While
 * transactions wait unapplied, the lag "now" grows from the oldest of them; while nothing has been
 * applied for a while (source unreachable, heartbeat failing), from the last applied commit.
 */
export interface LagSummary {
  readonly lagMs?: number
  readonly p50Ms?: number
  readonly p95Ms?: number
  readonly maxMs?: number
  readonly eventsPerSec: number
}

interface Sample {
  readonly at: number
  readonly lagMs: number
  readonly events: number
}

export const LAG_WINDOW_MS = 60_000

export class LagTracker {
  readonly #samples: Sample[] = []
  #lastCommitTime?: number
  #lastAppliedAt?: number

  constructor(private readonly staleAfterMs: number) {}

  recordBatch(at: number, commitTime: number, events: number): void {
    this.#samples.push({ at, lagMs: Math.max(0, at - commitTime), events })
    this.#lastCommitTime = commitTime
    this.#lastAppliedAt = at
    const cutoff = at - LAG_WINDOW_MS
    while (this.#samples.length > 0 && this.#samples[0]!.at < cutoff) this.#samples.shift()
  }

  /** Current lag: the last batch's, or longer when changes wait or nothing arrives any more. */
  lagNow(now: number, oldestPendingCommitTime?: number): number | undefined {
    const last = this.#samples.at(-1)?.lagMs
    const waiting = oldestPendingCommitTime === undefined ? undefined : now - oldestPendingCommitTime
    const stale = this.#lastAppliedAt !== undefined && now - this.#lastAppliedAt > this.staleAfterMs && this.#lastCommitTime !== undefined ? now - this.#lastCommitTime : undefined
    const all = [last, waiting, stale].filter((x): x is number => x !== undefined)
    return all.length === 0 ? undefined : Math.max(...all)
  }

  summary(now: number, oldestPendingCommitTime?: number): LagSummary {
    const window = this.#samples.filter((s) => s.at >= now - LAG_WINDOW_MS)
    const lags = window.map((s) => s.lagMs).sort((a, b) => a - b)
    const recent = this.#samples.filter((s) => s.at > now - 1000)
    const lagMs = this.lagNow(now, oldestPendingCommitTime)
    return {
      ...(lagMs !== undefined ? { lagMs } : {}),
      ...(lags.length > 0 ? { p50Ms: percentile(lags, 0.5), p95Ms: percentile(lags, 0.95), maxMs: lags.at(-1)! } : {}),
      eventsPerSec: recent.reduce((n, s) => n + s.events, 0),
    }
  }

  /** Max lag per second over the last `seconds`, oldest first (undefined: no batch that second). */
  perSecond(now: number, seconds: number): (number | undefined)[] {
    const out: (number | undefined)[] = new Array<number | undefined>(seconds).fill(undefined)
    for (const s of this.#samples) {
      const i = seconds - 1 - Math.floor((now - s.at) / 1000)
      if (i >= 0 && i < seconds) out[i] = Math.max(out[i] ?? 0, s.lagMs)
    }
    return out
  }
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!
}
