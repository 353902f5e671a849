import { formatBytes } from '../core/units.js'
import type { ReplayProgress } from '../cdc/replay-loop.js'

const BARS = '▁▂▃▄▅▆▇█'

/** A small lag chart: one bar per second, scaled to the largest value shown; a space where no batch was applied. */
export function sparkline(values: readonly (number | undefined)[]): string {
  const max = Math.max(1, ...values.filter((v): v is number => v !== undefined))
  return values.map((v) => (v === undefined ? ' ' : BARS[Math.min(BARS.length - 1, Math.floor((v / max) * (BARS.length - 1)))])).join('')
}

export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return '—'
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`
}

/** The lines of the live view for one status tick. */
export function renderCdcStatus(p: ReplayProgress, label: string): string[] {
  const chart = p.lagChart.slice(-40)
  return [
    `${label}  applied ${p.position}  source ${p.sourcePosition ?? '—'} (${formatBytes(p.bytesBehind)} behind)  slot retains ${formatBytes(p.retainedWalBytes)} WAL`,
    `lag ${formatMs(p.lagMs)}  p50 ${formatMs(p.p50Ms)}  p95 ${formatMs(p.p95Ms)} (last minute)  ${Math.round(p.eventsPerSec).toLocaleString('en-US')} changes/s  ` +
      `${p.eventsApplied.toLocaleString('en-US')} changes in ${p.transactionsApplied.toLocaleString('en-US')} transactions${p.deadLetters > 0 ? `  ${p.deadLetters} dead letters` : ''}`,
    `lag, last ${chart.length} s (max ${formatMs(Math.max(0, ...chart.filter((v): v is number => v !== undefined)))}): ${sparkline(chart)}`,
  ]
}

/**
 * The live view of `godwit cdc` on stderr: redrawn in place once a second on a terminal, one line
 * every 10 s otherwise (logs, CI).
 */
export class CdcLiveView {
  #drawn = 0
  #lastPlain = 0
  label = 'cdc'

  update(p: ReplayProgress): void {
    const lines = renderCdcStatus(p, this.label)
    if (process.stderr.isTTY) {
      const up = this.#drawn > 0 ? `\x1b[${this.#drawn}A` : ''
      process.stderr.write(`${up}${lines.map((l) => `\x1b[2K${l}`).join('\n')}\n`)
      this.#drawn = lines.length
    } else if (p.at.getTime() - this.#lastPlain >= 10_000) {
      this.#lastPlain = p.at.getTime()
      process.stderr.write(`${lines[1]}  applied ${p.position}\n`)
    }
  }

  /** Lines written after the view (warnings) start below it. */
  release(): void {
    this.#drawn = 0
  }
}
