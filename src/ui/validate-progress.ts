import type { TableProgress, ValidationObserver } from '../validate/run-validation.js'
import type { TableResult } from '../validate/validation-result.js'
import { tableStatusLabel } from '../report/validation-text.js'
import { runTableTaskTree, stderrLogger, type TableTask } from './table-task-tree.js'

interface TableLine {
  task?: TableTask
  progress?: TableProgress
  result?: TableResult
  resolve?: () => void
  reject?: (e: Error) => void
}

/**
 * The live view of `godwit validate`: one line per table with segments checked and differences
 * found so far, ✔ for an equal table and ✖ for one that differs. Drawn on stderr, so stdout stays
 * for results.
 */
export class ValidateProgress implements ValidationObserver {
  private readonly lines = new Map<string, TableLine>()
  private running?: Promise<unknown>
  private readonly logger = stderrLogger()

  planned(tables: readonly string[]): void {
    this.running = runTableTaskTree(tables, this.logger, (name, task) => this.attach(name, task))
  }

  progress(table: string, p: TableProgress): void {
    const line = this.line(table)
    line.progress = p
    if (line.task && !line.result) line.task.title = progressTitle(table, p)
  }

  finished(r: TableResult): void {
    const line = this.line(r.name)
    line.result = r
    this.settle(r.name, line)
  }

  phase(text: string): void {
    this.logger.toStderr(text)
  }

  /** Waits until the view has drawn its last frame. */
  async done(): Promise<void> {
    await this.running
  }

  private attach(name: string, task: TableTask): Promise<void> {
    const line = this.line(name)
    line.task = task
    if (line.progress) task.title = progressTitle(name, line.progress)
    return new Promise<void>((resolve, reject) => {
      line.resolve = resolve
      line.reject = reject
      this.settle(name, line)
    })
  }

  private settle(name: string, line: TableLine): void {
    const r = line.result
    if (!r || !line.task || !line.resolve || !line.reject) return
    const rows = r.sourceRows === null ? '' : `, ${r.sourceRows} / ${r.targetRows} rows`
    const title = `${name}: ${tableStatusLabel(r, {})}${rows}, ${r.differenceCount} differences, ${r.seconds.toFixed(1)} s`
    line.task.title = title
    if (r.status === 'PASS') line.resolve()
    else line.reject(new Error(r.error ? r.error.code : 'differences found'))
  }

  private line(name: string): TableLine {
    let line = this.lines.get(name)
    if (!line) this.lines.set(name, (line = {}))
    return line
  }
}

function progressTitle(table: string, p: TableProgress): string {
  return `${table}: ${p.segmentsChecked}/${p.segmentsPlanned} segments checked, ${p.differences} differences so far`
}
