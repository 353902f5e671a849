import { hostname, userInfo } from 'node:os'
import pg from 'pg'
import { ENGINES } from '../engines/registry.js'
import { readLagSamples, readStreamStatus, readStreamStatuses, requestStop, waitUntilStopped, withdrawStop, type CdcStreamStatus } from '../cdc/cdc-control.js'
import { redactUrl } from '../config/redact.js'
import { GodwitError, StateError, UsageError } from '../core/errors.js'
import { EXIT, type ExitCode } from '../core/exit-codes.js'
import {
  ensureCutoverControlSchema,
  finishCutoverRun,
  insertCutoverRun,
  markStepFinished,
  markStepStarted,
  selectCutoverSteps,
  selectLatestCutover,
  readLoadRunSummary,
  selectOpenCutover,
  tryLockCutover,
  unlockCutover,
  updateStepDetails,
  type CutoverRunRow,
  type CutoverStepRow,
  type LoadRunSummary,
  type StepState,
} from '../engines/postgres/control-schema-cutover.js'
import { recordValidationRun } from '../engines/postgres/control-schema-validate.js'
import { dropSlotAndPublication } from '../engines/postgres/pg-cdc-source.js'
import { applyFor } from '../cdc/cdc-apply.js'
import { cutoverSourceEngine, openCutoverSource, type CutoverSource, type SourceFreeze } from '../engines/cutover-source.js'
import { openCutoverTarget, type CutoverTarget } from '../engines/cutover-target.js'
import { pairSequences, type SequenceSync } from '../engines/postgres/pg-sequence-sync.js'
import { comparePositions } from '../model/change-position.js'
import { runValidation } from '../validate/run-validation.js'
import { CUTOVER_STEPS, type CommandOutcome, type CutoverFailure, type CutoverResult, type FreezeRecord, type PreCheck, type StepName, type UndoRecord, type ValidationSummary } from './cutover-result.js'
import { cutoverTables, schemaMapOf, schemasOf, type CutoverTable } from './cutover-tables.js'
import { fallbackPlan, type FallbackInput } from './fallback-plan.js'
import { commitFallbackStream, discardFallbackStream, openFallbackStream, type FallbackStream } from '../cdc/fallback-stream.js'
import { runPreChecks } from './pre-checks.js'
import { connectSide } from './connect-side.js'
import { runShellCommand } from './shell-command.js'

/** Live view hooks (src/ui/cutover-progress.ts); the library never prints. */
export interface CutoverObserver {
  stepStarted?(step: number, name: StepName): void
  stepFinished?(step: number, name: StepName, state: Exclude<StepState, 'running'>, outcome: string): void
  /** A step already done by the run this invocation resumes. */
  stepAlreadyDone?(step: number, name: StepName, outcome: string): void
  note?(text: string): void
}

export interface CutoverOptions {
  readonly sourceUrl: string
  readonly targetUrl: string
  /** `schema.table` globs over the load run's source tables; default all of them. */
  readonly tables?: readonly string[]
  /** Pre-check: the CDC stream's lag must be at most this (default 5000). */
  readonly maxLagMs?: number
  /** Pre-check: each table's last validation must be PASS and at most this old (default 24 h). */
  readonly maxValidationAgeMs?: number
  readonly freezeCmd?: string
  /** Freeze by making this source role read-only and ending its sessions (docs/cutover.md). */
  readonly freezeRole?: string
  readonly unfreezeCmd?: string
  readonly switchCmd?: string
  /** How long the drain waits for CDC to apply up to the frozen position (default 300 s). */
  readonly drainTimeoutMs?: number
  /** How long each user command may run (default 300 s). */
  readonly commandTimeoutMs?: number
  /** Keep the replication slot and publication after a GO (default: dropped). */
  readonly keepSlot?: boolean
  /** Open a fall-back stream on the target at the switch for `godwit cdc --reverse` (default: yes). */
  readonly fallbackStream?: boolean
  readonly dryRun?: boolean
  readonly jobs?: number
  readonly observer?: CutoverObserver
  /** PostgreSQL database holding the control schema (docs/state-store.md): required for a Redshift target, the target itself for PostgreSQL. */
  readonly stateUrl?: string
  /** Tests: the source side answering from recordings (default: openCutoverSource by the URL's engine). */
  readonly openSource?: (url: string) => Promise<CutoverSource>
}

export const CUTOVER_DEFAULTS = { maxLagMs: 5000, maxValidationAgeMs: 24 * 3600_000, drainTimeoutMs: 300_000, commandTimeoutMs: 300_000 } as const

/** A step that stopped the run book: its code and exit code say why; `details` are recorded with the step. */
export class CutoverStepError extends GodwitError {
  constructor(code: string, message: string, exitCode: ExitCode, readonly details?: Record<string, unknown>, hint?: string) {
    super(code, message, exitCode, { hint })
  }
}

interface Context {
  readonly o: CutoverOptions
  readonly source: CutoverSource
  /** The state store holding the control schema: the target itself, or --state for a Redshift target. */
  readonly control: pg.Client
  readonly target: CutoverTarget
  readonly run: CutoverRunRow
  readonly stream?: CdcStreamStatus
  readonly loadRun?: LoadRunSummary
  readonly tables: readonly CutoverTable[]
  /** Details of finished steps, by step number (from this invocation or the run it resumes). */
  readonly details: Map<number, Record<string, unknown>>
}

/**
 * `godwit cutover`: the gated run book (docs/cutover.md). Each step is recorded in
 * godwit.cutover_steps as it starts and ends; a rerun after a crash continues at the first step
 * not done; a rerun after a finished cutover reports it. A failing step stops the run book, makes
 * the source writable again if this run froze it, and returns the result with `failure` set.
 */
export async function runCutover(o: CutoverOptions): Promise<CutoverResult> {
  checkOptions(o)
  cutoverSourceEngine(o.sourceUrl)
  // The state store is where godwit cdc keeps its stream: the target, or --state for Redshift.
  const stateUrl = (await applyFor(o.targetUrl, o.stateUrl, 'stop')).stateUrl
  const control = await connectSide(stateUrl, 'target', 'CUTOVER')
  let source: CutoverSource | undefined
  let target: CutoverTarget | undefined
  try {
    await ensureCutoverControlSchema(control)
    if (!(await tryLockCutover(control)))
      throw new StateError('CUTOVER_RUNNING', 'another godwit cutover is running against this target', { hint: 'Wait for it to finish; godwit status shows its step.' })
    try {
      const open = o.dryRun ? undefined : await selectOpenCutover(control)
      if (!open && !o.dryRun) {
        const latest = await selectLatestCutover(control, false)
        if (latest?.state === 'done' && latest.result) return { ...(latest.result as CutoverResult), alreadyFinished: true }
      }
      target = await openCutoverTarget(o.targetUrl, control, (url) => connectSide(url, 'target', 'CUTOVER'))
      source = await (o.openSource ?? openCutoverSource)(o.sourceUrl)
      return await runBook({ ...o, stateUrl }, source, control, target, open)
    } finally {
      await unlockCutover(control).catch(() => undefined)
    }
  } finally {
    await source?.close()
    await target?.close()
    await control.end().catch(() => undefined)
  }
}

function checkOptions(o: CutoverOptions): void {
  if (o.freezeCmd && o.freezeRole) throw new UsageError('CUTOVER_FREEZE_TWICE', '--freeze-cmd and --freeze-role both given', { hint: 'Freeze the source one way: your command, or godwit making the role read-only.' })
  for (const [flag, v] of [['--max-lag-ms', o.maxLagMs], ['--drain-timeout', o.drainTimeoutMs], ['--max-validation-age', o.maxValidationAgeMs]] as const)
    if (v !== undefined && !(Number.isFinite(v) && v > 0)) throw new UsageError('CUTOVER_OPTION', `${flag} must be a positive number, not ${v}`)
}

async function runBook(o: CutoverOptions, source: CutoverSource, control: pg.Client, target: CutoverTarget, open: CutoverRunRow | undefined): Promise<CutoverResult> {
  const stream = open?.streamId !== undefined ? await readStreamStatus(control, open.streamId) : (await readStreamStatuses(control))[0]
  const loadRun = await readLoadRunSummary(control, open?.loadRunId ?? stream?.loadRunId)
  const tables = open ? (loadRun?.tables ?? []).filter((t) => open.tables.includes(t.source)) : cutoverTables(loadRun, o.tables)
  const run =
    open ??
    (await insertCutoverRun(control, {
      source: redactUrl(o.sourceUrl),
      tables: tables.map((t) => t.source),
      streamId: stream?.id,
      loadRunId: loadRun?.id,
      dryRun: o.dryRun ?? false,
      options: recordedOptions(o, source),
      ranBy: ranBy(),
    }))
  const stored = open ? await selectCutoverSteps(control, open.id) : []
  const ctx: Context = { o, source, control, target, run, stream, loadRun, tables, details: new Map(stored.filter(isFinished).map((s) => [s.step, s.details ?? {}])) }
  const resumedAt = open ? (stored.find((s) => !isFinished(s))?.step ?? (stored.length ? Math.max(...stored.map((s) => s.step)) + 1 : 1)) : undefined
  if (resumedAt !== undefined) o.observer?.note?.(`resuming cutover ${run.id} (started ${run.startedAt.toISOString()} by ${run.ranBy}) at step ${resumedAt}`)

  let failure: CutoverFailure | undefined
  let undo: UndoRecord | undefined
  try {
    for (const [i, name] of CUTOVER_STEPS.entries()) {
      const n = i + 1
      const done = stored.find((s) => s.step === n && isFinished(s))
      if (done) {
        o.observer?.stepAlreadyDone?.(n, name, done.outcome ?? '')
        continue
      }
      await step(ctx, n, name)
      if (o.dryRun && n === 1) break
    }
  } catch (e) {
    const err = e instanceof GodwitError ? e : new GodwitError('CUTOVER_INTERNAL', e instanceof Error ? e.message : String(e), EXIT.internal, { cause: e })
    const failedStep = (await selectCutoverSteps(control, run.id)).find((s) => s.state === 'failed')
    failure = { step: failedStep?.name ?? 'unknown', code: err.code, message: redactUrl(err.message), hint: err.hint, exitCode: err.exitCode }
    if (!o.dryRun) undo = await undoFreeze(ctx)
  }
  const result = await buildResult(ctx, resumedAt, failure, undo)
  await finishCutoverRun(control, run.id, { state: result.state as 'done' | 'failed' | 'dry-run', decision: result.decision, failure, result })
  return result
}

function isFinished(s: CutoverStepRow): boolean {
  return s.state === 'done' || s.state === 'skipped'
}

function ranBy(): string {
  let user = process.env.USER ?? 'unknown'
  try {
    user = userInfo().username
  } catch {
    // no passwd entry (containers): keep $USER
  }
  return `${user}@${hostname()}`
}

/** What the run records of its options: enough to see how it was run, no secret (commands redacted later by redactDeep). */
function recordedOptions(o: CutoverOptions, source: CutoverSource): Record<string, unknown> {
  return {
    tables: o.tables ?? [],
    maxLagMs: o.maxLagMs ?? CUTOVER_DEFAULTS.maxLagMs,
    maxValidationAgeMs: o.maxValidationAgeMs ?? CUTOVER_DEFAULTS.maxValidationAgeMs,
    drainTimeoutMs: o.drainTimeoutMs ?? CUTOVER_DEFAULTS.drainTimeoutMs,
    freeze: o.freezeCmd ? 'command' : o.freezeRole ? `role ${o.freezeRole}` : source.defaultFreeze,
    switch: o.switchCmd ? 'command' : 'none',
    dryRun: o.dryRun ?? false,
  }
}

/** Runs one step: recorded as running, then done with its details, or failed with the error's. */
async function step(ctx: Context, n: number, name: StepName): Promise<void> {
  const { control, run, o } = ctx
  await markStepStarted(control, run.id, n, name)
  o.observer?.stepStarted?.(n, name)
  try {
    const { outcome, details } = await STEP_WORK[name](ctx)
    await markStepFinished(control, run.id, n, name, 'done', outcome, details)
    ctx.details.set(n, details)
    o.observer?.stepFinished?.(n, name, 'done', outcome)
  } catch (e) {
    const message = redactUrl(e instanceof Error ? e.message : String(e))
    await markStepFinished(control, run.id, n, name, 'failed', message, e instanceof CutoverStepError ? e.details : undefined).catch(() => undefined)
    o.observer?.stepFinished?.(n, name, 'failed', message)
    throw e
  }
}

type StepWork = (ctx: Context) => Promise<{ outcome: string; details: Record<string, unknown> }>

const STEP_WORK: Record<StepName, StepWork> = {
  'pre-checks': preChecks,
  freeze,
  drain,
  sequences,
  'final validation': finalValidation,
  switch: switchOver,
  'fall-back plan': fallback,
}

async function preChecks(ctx: Context): ReturnType<StepWork> {
  const checks = await runPreChecks({
    source: ctx.source,
    control: ctx.control,
    target: ctx.target,
    stream: ctx.stream,
    loadRun: ctx.loadRun,
    tables: ctx.tables,
    maxLagMs: ctx.o.maxLagMs ?? CUTOVER_DEFAULTS.maxLagMs,
    maxValidationAgeMs: ctx.o.maxValidationAgeMs ?? CUTOVER_DEFAULTS.maxValidationAgeMs,
  })
  const failed = checks.filter((c) => !c.ok)
  if (failed.length > 0)
    throw new CutoverStepError('CUTOVER_GATE_FAILED', `pre-checks failed: ${failed.map((c) => `${c.title} (${c.detail})`).join('; ')}`, EXIT.checkFailed, { checks }, 'Fix what the checks name and run godwit cutover again (--dry-run runs only the checks).')
  if (ctx.stream?.sourceEngine !== ctx.source.engine)
    throw new CutoverStepError('CUTOVER_ENGINE', `stream ${ctx.stream?.id} reads a ${ctx.stream?.sourceEngine} source, but --source is ${ctx.source.engine}`, EXIT.usage, { checks }, 'Pass the --source the cdc stream reads from.')
  return { outcome: `${checks.length} checks passed`, details: { checks } }
}

function frozenPosition(ctx: Context): string {
  const p = (ctx.details.get(2) as FreezeRecord | undefined)?.frozenPosition
  if (!p) throw new StateError('CUTOVER_NO_POSITION', `cutover ${ctx.run.id} has no frozen source position recorded`)
  return p
}

function commandEnv(ctx: Context): Record<string, string> {
  const p = (ctx.details.get(2) as FreezeRecord | undefined)?.frozenPosition
  return { GODWIT_CUTOVER_ID: String(ctx.run.id), ...(p ? { GODWIT_FROZEN_POSITION: p } : {}) }
}

async function runUserCommand(ctx: Context, flag: string, command: string, details: Record<string, unknown>): Promise<CommandOutcome> {
  ctx.o.observer?.note?.(`running ${flag}`)
  const out = await runShellCommand(command, { timeoutMs: ctx.o.commandTimeoutMs ?? CUTOVER_DEFAULTS.commandTimeoutMs, env: commandEnv(ctx) })
  if (out.timedOut) throw new CutoverStepError('CUTOVER_COMMAND_TIMEOUT', `${flag} did not finish within ${(ctx.o.commandTimeoutMs ?? CUTOVER_DEFAULTS.commandTimeoutMs) / 1000} s`, EXIT.timedOut, { ...details, command: out })
  if (out.exitCode !== 0)
    throw new CutoverStepError('CUTOVER_COMMAND_FAILED', `${flag} exited ${out.exitCode ?? out.signal}: ${out.stderr.trim().split('\n').pop() ?? ''}`.trim(), EXIT.checkFailed, { ...details, command: out })
  return out
}

async function freeze(ctx: Context): ReturnType<StepWork> {
  const { o, source, control, run } = ctx
  let rec: FreezeRecord
  if (o.freezeCmd) {
    await updateStepDetails(control, run.id, 2, { method: 'command' })
    const command = await runUserCommand(ctx, '--freeze-cmd', o.freezeCmd, { method: 'command' })
    rec = { method: 'command', command, note: 'writes frozen by --freeze-cmd' }
  } else {
    const earlier = (await selectCutoverSteps(control, run.id)).find((s) => s.step === 2)?.details as SourceFreeze | undefined
    rec = await source.freeze({ ...(o.freezeRole ? { role: o.freezeRole } : {}), tables: ctx.tables.map((t) => t.source) }, earlier, (planned) => updateStepDetails(control, run.id, 2, { ...planned }))
  }
  const position = await source.currentPosition()
  return { outcome: `${rec.note}; source position ${position}`, details: { ...rec, frozenPosition: position } }
}

async function drain(ctx: Context): ReturnType<StepWork> {
  const position = frozenPosition(ctx)
  const s = ctx.stream
  if (!s) throw new StateError('CUTOVER_NO_STREAM', 'no cdc stream to drain')
  await requestStop(ctx.control, s.id, position)
  ctx.o.observer?.note?.(`waiting for cdc stream ${s.id} to apply up to ${position}`)
  const stopped = await waitUntilStopped(ctx.control, s.id, position, { timeoutMs: ctx.o.drainTimeoutMs ?? CUTOVER_DEFAULTS.drainTimeoutMs })
  return { outcome: `cdc stream ${s.id} stopped at ${stopped.stoppedPosition} (frozen at ${position})`, details: { stoppedPosition: stopped.stoppedPosition, stoppedAt: stopped.stoppedAt?.toISOString() } }
}

async function sequences(ctx: Context): ReturnType<StepWork> {
  const pairs = pairSequences(await ctx.source.readSequences(schemasOf(ctx.tables, 'source')), await ctx.target.readSequences(schemasOf(ctx.tables, 'target')), schemaMapOf(ctx.tables), ctx.source.targetObjectName.bind(ctx.source))
  const missing = ctx.target.needsEverySequence ? pairs.filter((p) => !p.target) : []
  if (missing.length > 0)
    throw new CutoverStepError('CUTOVER_SEQUENCE_MISSING', `no target sequence for ${missing.map((p) => p.source.name).join(', ')}`, EXIT.checkFailed, undefined, 'Create them on the target (godwit convert renders them) and run godwit cutover again.')
  const synced: SequenceSync[] = await ctx.target.moveSequences(pairs)
  const set = synced.filter((s) => s.action === 'set').length
  const stuck = synced.filter((s) => s.action === 'cannot-move')
  const stuckNote = stuck.length > 0 ? `; ${stuck.length} ${ctx.target.engine} IDENTITY columns cannot be moved past the source (${stuck.map((s) => s.target).join(', ')}): see the report` : ''
  return { outcome: `${synced.length} sequences checked, ${set} moved past the source${stuckNote}`, details: { sequences: synced } }
}

async function finalValidation(ctx: Context): ReturnType<StepWork> {
  const position = frozenPosition(ctx)
  ctx.o.observer?.note?.(`validating ${ctx.tables.length} tables in checksum mode at ${position}`)
  const r = await runValidation({
    sourceUrl: ctx.o.sourceUrl,
    targetUrl: ctx.o.targetUrl,
    tables: ctx.tables.map((t) => t.source),
    mode: 'checksum',
    jobs: ctx.o.jobs,
    recorder: (_target, result) => recordValidationRun(ctx.o.stateUrl ?? ctx.o.targetUrl, result),
    observer: { phase: (t) => ctx.o.observer?.note?.(t) },
  })
  const summary: ValidationSummary = {
    runId: r.runId,
    status: r.status,
    sourcePosition: r.source.position,
    seconds: r.seconds,
    tables: r.tables.map((t) => ({ name: t.name, status: t.status, sourceRows: t.sourceRows, targetRows: t.targetRows, differences: t.differenceCount })),
  }
  // The source is frozen, so its snapshot is at or after the frozen position; earlier would mean the freeze did not hold.
  if (r.source.position && comparePositions(ctx.source.engine, r.source.position, position) < 0)
    throw new CutoverStepError('CUTOVER_VALIDATION_POSITION', `the final validation read the source at ${r.source.position}, before the frozen position ${position}`, EXIT.internal, { ...summary })
  if (r.status !== 'PASS') {
    const bad = summary.tables.filter((t) => t.status !== 'PASS')
    throw new CutoverStepError('CUTOVER_VALIDATION_FAILED', `final validation ${r.status}: ${bad.map((t) => `${t.name} ${t.status} (${t.differences} differences)`).join(', ')}`, EXIT.checkFailed, { ...summary }, 'The validation report lists the differing rows by key; nothing was switched.')
  }
  return { outcome: `PASS: ${summary.tables.length} tables equal at ${r.source.position ?? position}`, details: { ...summary } }
}

/**
 * The fall-back stream is opened first, while the source is still frozen and equal to the target
 * (step 5), and recorded before the switch command runs: a resumed step keeps it, so a write the
 * application made on the target in between is not lost.
 */
async function switchOver(ctx: Context): ReturnType<StepWork> {
  const fallbackStream = await prepareFallbackStream(ctx)
  await updateStepDetails(ctx.control, ctx.run.id, 6, { fallbackStream })
  const streamNote = 'name' in fallbackStream ? `; fall-back stream ${fallbackStream.name} opened at ${fallbackStream.position}` : ''
  let result: Awaited<ReturnType<StepWork>>
  if (!ctx.o.switchCmd) result = { outcome: `no --switch-cmd: point the application at the target now${streamNote}`, details: { note: 'no --switch-cmd given: the application is switched by hand', fallbackStream } }
  else {
    const command = await runUserCommand(ctx, '--switch-cmd', ctx.o.switchCmd, { fallbackStream })
    result = { outcome: `--switch-cmd done in ${command.seconds} s${streamNote}`, details: { command, note: 'switched by --switch-cmd', fallbackStream } }
  }
  const state = fallbackState(ctx)
  if ('runId' in fallbackStream && state) await commitFallbackStream(state, fallbackStream)
  return result
}

/** Where the fall-back run is recorded: the old database when it is PostgreSQL, else the new one (a PostgreSQL target). */
function fallbackState(ctx: Context): pg.ClientBase | undefined {
  if (ctx.target.engine !== 'postgres' || !ENGINES[ctx.source.engine].capabilities.cdcReverseTarget) return undefined
  return ctx.source.postgres ?? ctx.target.client
}

async function prepareFallbackStream(ctx: Context): Promise<FallbackStream | { unavailable: string }> {
  if (ctx.o.fallbackStream === false) return { unavailable: 'not requested (--no-fallback-stream)' }
  if (!ctx.loadRun) return { unavailable: 'no load run to take the table map from' }
  if (!ENGINES[ctx.source.engine].capabilities.cdcReverseTarget) return { unavailable: `godwit cdc --reverse cannot write into ${ENGINES[ctx.source.engine].title}` }
  if (ctx.target.engine !== 'postgres') return { unavailable: `godwit cdc --reverse reads PostgreSQL only, and the target is ${ctx.target.engine}` }
  const state = fallbackState(ctx)!
  const earlier = (await selectCutoverSteps(ctx.control, ctx.run.id)).find((s) => s.step === 6)?.details?.fallbackStream as FallbackStream | { unavailable: string } | undefined
  try {
    return await openFallbackStream({
      oldUrl: ctx.o.sourceUrl,
      state,
      newUrl: ctx.o.targetUrl,
      new: ctx.target.client,
      cutoverId: ctx.run.id,
      loadRunId: ctx.loadRun.id,
      tables: ctx.tables.map((t) => t.source),
      ...(earlier && 'runId' in earlier ? { earlier } : {}),
    })
  } catch (e) {
    // Going forward does not depend on it: say why in the fall-back plan and switch.
    return { unavailable: redactUrl((e as Error).message) }
  }
}

async function fallback(ctx: Context): ReturnType<StepWork> {
  const s = ctx.stream
  // After a GO the slot has no further use and would keep WAL on the source for ever.
  let slot: { name: string; dropped: boolean } | undefined
  if (s?.slot) {
    slot = { name: s.slot, dropped: false }
    if (!ctx.o.keepSlot) {
      try {
        await dropSlotAndPublication(ctx.o.sourceUrl, s.slot, s.publication)
        slot = { name: s.slot, dropped: true }
      } catch (e) {
        ctx.o.observer?.note?.(`kept replication slot ${s.slot}: ${(e as Error).message}`)
      }
    }
  }
  const stream = (ctx.details.get(6) as { fallbackStream?: FallbackInput['stream'] } | undefined)?.fallbackStream
  const plan = fallbackPlan({
    sourceUrl: redactUrl(ctx.o.sourceUrl),
    targetUrl: redactUrl(ctx.o.targetUrl),
    tables: ctx.tables,
    freeze: ctx.details.get(2) as FreezeRecord | undefined,
    unfreezeCmd: ctx.o.unfreezeCmd,
    switchCmd: ctx.o.switchCmd,
    slot,
    ...(stream ? { stream } : {}),
  })
  const outcome = plan.stream ? `fall-back stream ${plan.stream.name} ready: run godwit cdc --reverse to keep the source current` : 'no fall-back stream: manual fall-back recorded'
  return { outcome, details: { fallback: plan, ...(slot?.dropped ? { slotDropped: slot.name } : {}) } }
}

/**
 * After a failure from the freeze on: the source must be writable again. Undoes godwit's own
 * role freeze, or runs --unfreeze-cmd; and withdraws the stop request so a restarted cdc keeps
 * the target current instead of stopping at the old position.
 */
async function undoFreeze(ctx: Context): Promise<UndoRecord | undefined> {
  const steps = await selectCutoverSteps(ctx.control, ctx.run.id).catch(() => [] as CutoverStepRow[])
  const frozen = steps.find((s) => s.step === 2)
  if (!frozen) return undefined
  const actions: string[] = []
  if (steps.some((s) => s.step === 3) && ctx.stream) {
    await withdrawStop(ctx.control, ctx.stream.id)
    actions.push(`withdrew the stop request of cdc stream ${ctx.stream.id}: start godwit cdc again to keep the target current`)
  }
  const switched = steps.find((s) => s.step === 6)
  const opened = switched?.details?.fallbackStream as FallbackStream | { unavailable: string } | undefined
  const state = fallbackState(ctx)
  if (switched?.state !== 'done' && opened && 'runId' in opened && state) {
    await discardFallbackStream(ctx.o.targetUrl, state, opened)
      .then(() => actions.push(`dropped the fall-back stream ${opened.name} on the target: the application stays on the source`))
      .catch((e: Error) => actions.push(`could not drop the fall-back stream ${opened.name} on the target (${e.message}): drop it with godwit cdc --reverse --drop-slot`))
  }
  const d = (frozen.details ?? {}) as Partial<FreezeRecord>
  if (d.method === 'role' || d.method === 'read-only-tables') {
    try {
      actions.push(await ctx.source.undoFreeze(d as SourceFreeze))
      return { actions, sourceWritable: true }
    } catch (e) {
      actions.push(`could not undo the freeze (${d.method === 'role' ? `role ${d.role}` : 'read-only tables'}): ${redactUrl((e as Error).message)}`)
      return { actions, sourceWritable: false }
    }
  }
  if (d.method === 'command' || (d.method === undefined && ctx.o.freezeCmd)) {
    if (!ctx.o.unfreezeCmd) {
      actions.push('no --unfreeze-cmd: the source is still frozen by your --freeze-cmd; undo that by hand')
      return { actions, sourceWritable: false }
    }
    const command = await runShellCommand(ctx.o.unfreezeCmd, { timeoutMs: ctx.o.commandTimeoutMs ?? CUTOVER_DEFAULTS.commandTimeoutMs, env: commandEnv(ctx) })
    const ok = command.exitCode === 0 && !command.timedOut
    actions.push(ok ? '--unfreeze-cmd ran: the source is writable again' : `--unfreeze-cmd failed (${command.timedOut ? 'timed out' : `exit ${command.exitCode}`}): the source may still be frozen`)
    return { actions, command, sourceWritable: ok }
  }
  actions.push('godwit froze nothing (no --freeze-cmd or --freeze-role): restart the application on the source')
  return { actions, sourceWritable: true }
}

async function buildResult(ctx: Context, resumedAtStep: number | undefined, failure: CutoverFailure | undefined, undo: UndoRecord | undefined): Promise<CutoverResult> {
  const { run, o } = ctx
  const rows = await selectCutoverSteps(ctx.control, run.id)
  const detail = <T>(n: number): T | undefined => rows.find((s) => s.step === n)?.details as T | undefined
  const since = new Date(run.startedAt.getTime() - 15 * 60_000)
  const lag = ctx.stream ? await readLagSamples(ctx.control, ctx.stream.id, since) : []
  const dryRun = o.dryRun ?? false
  const finished = !failure && !dryRun
  return {
    id: run.id,
    state: dryRun ? 'dry-run' : failure ? 'failed' : 'done',
    ...(dryRun ? {} : { decision: finished ? 'GO' : 'NO-GO' }),
    ...(resumedAtStep !== undefined ? { resumedAtStep } : {}),
    ranBy: run.ranBy,
    startedAt: run.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    source: redactUrl(o.sourceUrl),
    target: redactUrl(o.targetUrl),
    streamId: ctx.stream?.id,
    loadRunId: ctx.loadRun?.id,
    tables: ctx.tables.map((t) => t.source),
    maxLagMs: o.maxLagMs ?? CUTOVER_DEFAULTS.maxLagMs,
    steps: CUTOVER_STEPS.map((name, i) => {
      const s = rows.find((r) => r.step === i + 1)
      if (!s) return { step: i + 1, name, state: 'pending', attempts: 0 }
      return {
        step: s.step,
        name: s.name,
        state: s.state,
        startedAt: s.startedAt.toISOString(),
        finishedAt: s.finishedAt?.toISOString(),
        seconds: s.finishedAt ? Math.round((s.finishedAt.getTime() - s.startedAt.getTime()) / 100) / 10 : undefined,
        attempts: s.attempts,
        outcome: s.outcome,
      }
    }),
    checks: detail<{ checks: PreCheck[] }>(1)?.checks ?? [],
    freeze: detail<FreezeRecord>(2),
    drain: detail(3),
    sequences: detail<{ sequences: SequenceSync[] }>(4)?.sequences ?? [],
    validation: detail<ValidationSummary>(5),
    switch: detail(6),
    fallback:
      detail<{ fallback: CutoverResult['fallback'] }>(7)?.fallback ??
      fallbackPlan({ sourceUrl: redactUrl(o.sourceUrl), targetUrl: redactUrl(o.targetUrl), tables: ctx.tables, freeze: detail<FreezeRecord>(2), unfreezeCmd: o.unfreezeCmd, switchCmd: o.switchCmd }),
    slotDropped: detail<{ slotDropped?: string }>(7)?.slotDropped,
    lag: lag.map((l) => ({ at: l.at.toISOString(), lagMs: l.lagMs })),
    failure,
    undo,
    reports: [],
  }
}
