import type { LoadEvent, PlannedTable } from '../load/load-events.js'
import type { LoadResult, TableLoadResult } from '../load/run-load.js'
import { formatCount, formatPosition, planLines } from '../report/load-text.js'
import { runTableTaskTree, stderrLogger, type TableTask } from './table-task-tree.js'

interface TableLine {
  readonly plan: PlannedTable
  chunksDone: number
  rows: number
  /** This process's rows and bytes, for its rates (other processes have their own view). */
  ownRows: number
  ownBytes: number
  started?: number
  lastDrawn: number
  error?: string
  task?: TableTask
  resolve?: () => void
  reject?: (e: Error) => void
  settled: boolean
}

const REDRAW_MS = 250

/**
 * The live view of `godwit load`: one line per table with chunks done/total, rows, rows/s, MB/s
 * and ETA; ✔ with the table's totals once the load returns, ✖ as soon as it fails. Drawn on stderr, so stdout stays for
 * results. Feed it the load's events (`onEvent`), then `finish` with the result.
 */
export class LoadProgress {
  private readonly lines = new Map<string, TableLine>()
  private running?: Promise<unknown>
  private readonly logger = stderrLogger()

  readonly onEvent = (e: LoadEvent): void => {
    switch (e.kind) {
      case 'plan':
        // A dry run's plan is the command's result, printed on stdout by the command.
        if (e.dryRun) return
        for (const line of planLines(e.plan, false)) this.logger.toStderr(line)
        return this.planned(e.plan.tables)
      case 'bytes': {
        const line = this.lines.get(e.table)
        if (!line) return
        line.started ??= performance.now()
        line.ownBytes += e.bytes
        return this.redraw(line)
      }
      case 'chunk-done': {
        const line = this.lines.get(e.table)
        if (!line) return
        line.chunksDone++
        line.rows += e.rows
        line.ownRows += e.rows
        return this.redraw(line, true)
      }
      case 'table-failed': {
        const line = this.lines.get(e.table)
        if (!line) return
        line.error = e.error
        return this.settle(line)
      }
      case 'position-moved':
        return this.logger.toStderr(
          `the run's snapshot at ${formatPosition(e.run)} ended with the process that took it: the chunks still to load read a newer one, ${formatPosition(e.now)} (recorded per chunk; CDC starts at the run's position and converges)`,
        )
      case 'interrupted':
        return this.logger.toStderr('interrupted: no new chunks claimed; the chunks in flight have committed or rolled back')
      case 'chunk-retry':
        return this.logger.toStderr(`${e.table} chunk ${e.seq}: attempt ${e.attempt} failed (${e.error}); retrying`)
      case 'restoring':
        return this.logger.toStderr(`rebuilding ${e.objects} deferred indexes and foreign keys`)
      case 'warning':
        return this.logger.toStderr(`warning: ${e.message}`)
    }
  }

  /** Settles every line from the final result (chunks other processes did included) and waits for the last frame. */
  async finish(result: LoadResult | undefined): Promise<void> {
    for (const t of result?.tables ?? []) {
      const line = this.lines.get(t.name)
      if (!line) continue
      line.chunksDone = t.chunksDone
      line.rows = t.rows
      if (t.error) line.error ??= t.error
      this.settle(line, t)
    }
    for (const line of this.lines.values()) this.settle(line)
    await this.running
  }

  private planned(tables: readonly PlannedTable[]): void {
    for (const plan of tables) this.lines.set(plan.name, { plan, chunksDone: plan.chunksDone, rows: plan.rowsDone, ownRows: 0, ownBytes: 0, lastDrawn: 0, settled: false })
    this.running = runTableTaskTree(tables.map((t) => t.name), this.logger, (name, task) => this.attach(name, task))
  }

  private attach(name: string, task: TableTask): Promise<void> {
    const line = this.lines.get(name) as TableLine
    line.task = task
    task.title = progressTitle(line)
    return new Promise<void>((resolve, reject) => {
      line.resolve = resolve
      line.reject = reject
      if (line.settled) this.finishLine(line)
    })
  }

  private redraw(line: TableLine, force = false): void {
    const now = performance.now()
    if (!line.task || line.settled || (!force && now - line.lastDrawn < REDRAW_MS)) return
    line.lastDrawn = now
    line.task.title = progressTitle(line)
  }

  private settle(line: TableLine, final?: TableLoadResult): void {
    if (line.settled && !final) return
    line.settled = true
    if (final && line.task) line.task.title = finalTitle(line, final)
    this.finishLine(line)
  }

  private finishLine(line: TableLine): void {
    if (!line.task || !line.resolve || !line.reject) return
    if (line.error) line.reject(new Error(`${line.plan.name}: ${line.error}`))
    else line.resolve()
  }
}

function progressTitle(l: TableLine): string {
  const seconds = l.started === undefined ? 0 : (performance.now() - l.started) / 1000
  const rate = seconds > 0 ? l.ownRows / seconds : 0
  const remaining = Math.max(0, l.plan.estimatedRows - l.rows)
  const eta = rate > 0 && l.chunksDone < l.plan.chunks ? `, ETA ${formatSeconds(remaining / rate)}` : ''
  const mbps = seconds > 0 ? l.ownBytes / 1e6 / seconds : 0
  const speed = seconds > 0 ? `, ${formatCount(rate)} rows/s, ${mbps.toFixed(1)} MB/s` : ''
  return `${l.plan.name}: ${l.chunksDone}/${l.plan.chunks} chunks, ${formatCount(l.rows)} rows${speed}${eta}`
}

function finalTitle(l: TableLine, t: TableLoadResult): string {
  const rejected = t.rejected > 0 ? `, ${formatCount(t.rejected)} rejected` : ''
  const rate = t.rowsPerSecond !== undefined ? `, ${formatCount(t.rowsPerSecond)} rows/s` : ''
  const status = t.status === 'ok' || t.status.startsWith('ok,') ? '' : ` (${t.status})`
  return `${l.plan.name}: ${t.chunksDone}/${t.chunks} chunks, ${formatCount(t.rows)} rows${rejected}, ${t.seconds.toFixed(1)} s${rate}${status}`
}

function formatSeconds(s: number): string {
  return s >= 90 ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.ceil(s)}s`
}
