import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { readStreamStatuses } from '../cdc/cdc-control.js'
import { redactUrl } from '../config/redact.js'
import type { CutoverResult } from '../cutover/cutover-result.js'
import { runCutover, type CutoverObserver } from '../cutover/run-cutover.js'
import { recordValidationRun } from '../engines/postgres/control-schema-validate.js'
import { currentWalLsn } from '../engines/postgres/pg-freeze.js'
import { comparePositions } from '../model/change-position.js'
import { writeCutoverReports } from '../report/cutover-files.js'
import { runValidation } from '../validate/run-validation.js'

/** What the demo hands the cutover step: its databases, and its running writer and cdc. */
export interface DemoCutoverOptions {
  readonly sourceUrl: string
  readonly targetUrl: string
  /** The demo's schema on both sides (flyway). */
  readonly schema: string
  readonly reportDir: string
  /** Stops the demo's writer (the "application") once its last transaction has committed. */
  readonly stopWriter: () => Promise<void>
  /** Settles when the demo's runCdc returns: the drain makes it stop at the frozen position. */
  readonly cdcStopped: Promise<unknown>
  readonly progress?: (line: string) => void
  readonly observer?: CutoverObserver
}

export interface DemoCutoverResult {
  readonly cutover: CutoverResult
  readonly reports: readonly string[]
}

/**
 * The cutover step of `godwit demo`: the application (the demo's writer) stops, cdc catches up,
 * a validation is recorded for the gate, then the real run book runs — freeze (nothing to freeze:
 * the writer is stopped, as the report says), drain, sequences, final validation, a switch that
 * only prints — and the reports are written.
 */
export async function demoCutover(o: DemoCutoverOptions): Promise<DemoCutoverResult> {
  const say = o.progress ?? (() => undefined)
  say('cutover: stopping the application (the demo writer)')
  await o.stopWriter()
  say('cutover: waiting for cdc to apply the last writes')
  await waitCaughtUp(o.sourceUrl, o.targetUrl, 60_000)
  say('cutover: validating before the cutover (the pre-check wants a recent PASS)')
  await runValidation({ sourceUrl: o.sourceUrl, targetUrl: o.targetUrl, tables: [`${o.schema}.*`], jobs: 2, recorder: recordValidationRun })
  const cutover = await runCutover({
    sourceUrl: o.sourceUrl,
    targetUrl: o.targetUrl,
    tables: [`${o.schema}.*`],
    switchCmd: `echo "the application now connects to ${redactUrl(o.targetUrl)}"`,
    drainTimeoutMs: 60_000,
    jobs: 2,
    observer: o.observer ?? { note: (t) => say(`cutover: ${t}`) },
  })
  await o.cdcStopped
  const reports = await writeCutoverReports(cutover, o.reportDir)
  say(`cutover: ${cutover.decision ?? cutover.state}${cutover.failure ? ` at ${cutover.failure.step}: ${cutover.failure.message}` : ''}`)
  return { cutover: { ...cutover, reports }, reports }
}

/** Until the stream has applied everything the source had written when the writer stopped (gives up after timeoutMs: the gates then say what is wrong). */
async function waitCaughtUp(sourceUrl: string, targetUrl: string, timeoutMs: number): Promise<void> {
  const source = new pg.Client({ connectionString: sourceUrl })
  const target = new pg.Client({ connectionString: targetUrl })
  await Promise.all([source.connect(), target.connect()])
  try {
    const goal = await currentWalLsn(source)
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      const [s] = await readStreamStatuses(target)
      // cdc has seen the source past the writer's last commit, and what it has seen is applied (lag from its heartbeat).
      if (s?.sourcePosition && comparePositions('postgres', s.sourcePosition, goal) >= 0 && s.lagMs !== undefined && s.lagMs < 2000) return
      await sleep(200)
    }
  } finally {
    await Promise.all([source.end(), target.end()])
  }
}
