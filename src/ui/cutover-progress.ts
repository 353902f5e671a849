import { Listr } from 'listr2'
import { CUTOVER_STEPS, type StepName } from '../cutover/cutover-result.js'
import type { CutoverObserver } from '../cutover/run-cutover.js'
import type { StepState } from '../engines/postgres/control-schema-cutover.js'
import { stderrLogger, type TableTask } from './table-task-tree.js'

interface StepLine {
  task?: TableTask
  settle?: { state: 'done' | 'failed' | 'skipped'; text: string; reason?: string }
  resolve?: () => void
  reject?: (e: Error) => void
}

/**
 * The live view of `godwit cutover`: the seven steps in order, the running one with a spinner and
 * its latest note, ✔ done, ✖ failed (with the reason), ↓ skipped (done before a crash, or not run).
 * Drawn on stderr.
 */
export class CutoverProgress implements CutoverObserver {
  private readonly lines: StepLine[] = CUTOVER_STEPS.map(() => ({}))
  private readonly running: Promise<unknown>
  private readonly logger = stderrLogger()
  private current = -1

  constructor() {
    const logger = this.logger
    const listr = new Listr(
      CUTOVER_STEPS.map((name, i) => ({ title: `${i + 1}. ${name}`, task: (_: unknown, task: TableTask) => this.attach(i, task) })),
      {
        concurrent: false,
        exitOnError: false,
        registerSignalListeners: false,
        rendererOptions: { logger, collapseErrors: false, collapseSkips: false },
        fallbackRendererOptions: { logger },
      } as never,
    )
    this.running = listr.run().catch(() => undefined)
  }

  stepStarted(step: number): void {
    this.current = step - 1
  }

  stepFinished(step: number, name: StepName, state: Exclude<StepState, 'running'>, outcome: string): void {
    this.settle(step - 1, { state: state === 'done' ? 'done' : state === 'failed' ? 'failed' : 'skipped', text: `${step}. ${name}: ${outcome}` })
  }

  stepAlreadyDone(step: number, name: StepName, outcome: string): void {
    this.settle(step - 1, { state: 'skipped', text: `${step}. ${name}: ${outcome}`, reason: 'done before the crash' })
  }

  note(text: string): void {
    const line = this.lines[this.current]
    if (line?.task) line.task.output = text
    else this.logger.toStderr(text)
  }

  /** Marks the steps that did not run and waits for the last frame. */
  async done(): Promise<void> {
    this.lines.forEach((l, i) => {
      if (!l.settle) this.settle(i, { state: 'skipped', text: `${i + 1}. ${CUTOVER_STEPS[i]}`, reason: 'not run' })
    })
    await this.running
  }

  private attach(i: number, task: TableTask): Promise<void> {
    const line = this.lines[i]!
    line.task = task
    return new Promise<void>((resolve, reject) => {
      line.resolve = resolve
      line.reject = reject
      this.flush(i)
    })
  }

  private settle(i: number, s: NonNullable<StepLine['settle']>): void {
    this.lines[i]!.settle = s
    this.flush(i)
  }

  private flush(i: number): void {
    const { task, settle, resolve, reject } = this.lines[i]!
    if (!task || !settle || !resolve || !reject) return
    task.title = settle.text
    if (settle.state === 'skipped') {
      task.skip(settle.reason)
      resolve()
    } else if (settle.state === 'done') resolve()
    else reject(new Error(settle.text))
  }
}
