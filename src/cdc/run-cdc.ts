import { hostname } from 'node:os'
import pg from 'pg'
import { redactUrl } from '../config/redact.js'
import { GodwitError, SourceError, StateError, TargetError, UsageError } from '../core/errors.js'
import { EXIT, type ExitCode } from '../core/exit-codes.js'
import {
  clearStopRequest,
  ensureCdcControlSchema,
  insertStreamIfAbsent,
  markStreamFailed,
  markStreamRunning,
  markStreamStopped,
  recordTick,
  selectCheckpoint,
  selectLoadRun,
  tryLockStream,
  type CdcCheckpoint,
  type CdcStreamRow,
  type LoadRunForCdc,
} from '../engines/postgres/control-schema-cdc.js'
import { ensureLoadControlSchema, readTablePlans, type LoadTablePlan } from '../engines/postgres/control-schema-load.js'
import { dropSlotAndPublication } from '../engines/postgres/pg-cdc-source.js'
import { ApplyStopped, type TargetTableMap } from '../engines/postgres/pg-change-apply.js'
import { runKeyOf } from '../load/run-key.js'
import type { SequenceSync } from '../engines/postgres/pg-sequence-sync.js'
import { comparePositions } from '../model/change-position.js'
import type { EngineName } from '../engines/registry.js'
import type { OracleConnect } from '../engines/oracle/oracle-apply.js'
import { CdcMetrics } from './cdc-metrics.js'
import type { ApplyTable } from './net-changes.js'
import { applyFor } from './cdc-apply.js'
import { captureFor, streamedTables, type CaptureConfig } from './cdc-capture.js'
import { moveSequencesBack } from './fallback-stream.js'
import { replay, SchemaChanged, type ApplySide, type ReplayEnd, type ReplayProgress } from './replay-loop.js'

export interface CdcOptions {
  readonly sourceUrl: string
  readonly targetUrl: string
  /** PostgreSQL holding the control schema: required for a Redshift target; a PostgreSQL target holds its own. */
  readonly stateUrl?: string
  /** `cdc --reverse` (already turned around: source = the new database, target = the old one). */
  readonly reverse?: boolean
  /** Tests: an Oracle session answering from recordings, for cdc --reverse into Oracle. */
  readonly oracleConnect?: OracleConnect
  /** The selection the load ran with: finds its newest finished run. */
  readonly tables?: readonly string[]
  readonly fromLoadRun?: number
  /** Default: the target engine's (ApplyChoice.defaultBatchSize). */
  readonly batchSize?: number
  readonly maxLagMs?: number
  readonly untilCaughtUp?: boolean
  readonly maxDurationSeconds?: number
  readonly onError?: 'stop' | 'dead-letter'
  /** What the source's capture needs beyond the load run (Teradata: mode, watermark columns). */
  readonly capture?: CaptureConfig
  readonly metricsPort?: number
  readonly heartbeatMs?: number
  readonly retainedWalWarnBytes?: number
  readonly reconnectForMs?: number
  readonly signal?: AbortSignal
  readonly onProgress?: (p: ReplayProgress) => void
  readonly onWarning?: (message: string) => void
  /** Called once the stream is claimed and checked, before the first change. */
  readonly onStart?: (s: { streamId: number; loadRunId: number; startPosition: string }) => void
}

export interface CdcResult {
  readonly streamId: number
  readonly loadRunId: number
  readonly reason: ReplayEnd['reason']
  readonly caughtUp: boolean
  readonly appliedPosition: string
  readonly stoppedPosition?: string
  readonly eventsApplied: number
  readonly transactionsApplied: number
  readonly exitCode: ExitCode
  /** A fall-back run (`--reverse`) that stopped: the sequences it set past the new database's on the old one. */
  readonly sequencesMovedBack?: readonly SequenceSync[]
}

export const DEFAULT_MAX_LAG_MS = 1_000
export const DEFAULT_RETAINED_WAL_WARN_BYTES = 1024 ** 3

/**
 * `godwit cdc`: continues a finished load run from its position — the newest finished run of this
 * source and selection, or `fromLoadRun` — and applies the source's committed changes to the
 * target until interrupted (exit 0), a stop position requested through the control schema is
 * reached (exit 0), `untilCaughtUp` holds (exit 0) or `maxDurationSeconds` passes (exit 69 unless
 * caught up by then).
 */
export async function runCdc(options: CdcOptions): Promise<CdcResult> {
  const signal = options.signal ?? new AbortController().signal
  const apply = await applyFor(options.targetUrl, options.stateUrl, options.onError ?? 'stop', options.reverse ? { from: options.sourceUrl, ...(options.oracleConnect ? { oracleConnect: options.oracleConnect } : {}) } : undefined)
  let control = await connectControl(apply.stateUrl)
  let stream: CdcStreamRow | undefined
  // The status connection holds the stream's lock; if it drops, reconnect and take the lock back,
  // or stop when another process took the stream meanwhile.
  const lockLost = new AbortController()
  const onControl = async <T>(work: (c: pg.Client) => Promise<T>): Promise<T> => {
    try {
      return await work(control)
    } catch (err) {
      if (!isTransient(err) || !stream) throw err
      await control.end().catch(() => undefined)
      control = await connectControl(apply.stateUrl)
      if (!(await tryLockStream(control, stream.id))) {
        lockLost.abort()
        throw err
      }
      return work(control)
    }
  }
  let metrics: CdcMetrics | undefined
  try {
    await ensureLoadControlSchema(control)
    await ensureCdcControlSchema(control)
    const run = await findLoadRun(control, options)
    const plans = await readTablePlans(control, run.id)
    const streamed = streamedTables(plans)
    const batchSize = options.batchSize ?? apply.defaultBatchSize
    const capture = await captureFor(options.sourceUrl, run, plans, batchSize, options.capture)
    const { engine, slot, publication, startPosition } = capture
    stream = await insertStreamIfAbsent(control, { loadRunId: run.id, source: redactUrl(options.sourceUrl), sourceEngine: engine, ...(slot ? { slot } : {}), ...(publication ? { publication } : {}), tables: streamed.map((t) => t.name), startPosition })
    if (!(await tryLockStream(control, stream.id))) {
      throw new StateError('CDC_STREAM_BUSY', `cdc stream ${stream.id} (load run ${run.id}) is already being applied by another process${stream.host ? ` (${stream.host} pid ${stream.pid})` : ''}`, {
        object: `cdc stream ${stream.id}`,
        hint: 'Only one godwit cdc may apply a stream; stop the other one first.',
      })
    }
    if (stream.stopRequestedPosition && stream.stoppedPosition && comparePositions(engine, stream.stoppedPosition, stream.stopRequestedPosition) >= 0) {
      await clearStopRequest(control, stream.id) // that request was served; starting again means "continue"
    }
    const tables = new Map<string, ApplyTable>(streamed.map((t) => [t.name, { columns: t.columns, ...(t.key ? { key: t.key } : {}) }]))
    const maps = new Map(plans.map((p) => [`${p.schema}.${p.name}`, targetMap(p)]))
    await capture.preflight()
    await apply.check(maps, stream.id)
    const start = (await selectCheckpoint(control, stream.id))!
    for (const w of capture.warnings) options.onWarning?.(w)
    await markStreamRunning(control, stream.id, hostname(), process.pid)
    options.onStart?.({ streamId: stream.id, loadRunId: run.id, startPosition })
    if (options.metricsPort !== undefined) metrics = await CdcMetrics.serve(options.metricsPort, String(stream.id))
    const streamId = stream.id
    const end = await replay({
      engine,
      tables,
      batchSize,
      maxLagMs: options.maxLagMs ?? DEFAULT_MAX_LAG_MS,
      untilCaughtUp: options.untilCaughtUp ?? false,
      ...(options.maxDurationSeconds !== undefined ? { maxDurationMs: options.maxDurationSeconds * 1000 } : {}),
      heartbeatMs: options.heartbeatMs ?? 1_000,
      signal: AbortSignal.any([signal, lockLost.signal]),
      retainedWalWarnBytes: options.retainedWalWarnBytes ?? DEFAULT_RETAINED_WAL_WARN_BYTES,
      reconnectForMs: options.reconnectForMs ?? 300_000,
      isTransient,
      onWarning: options.onWarning ?? (() => undefined),
      openSource: () => capture.openSide(),
      openTarget: () => apply.open(maps, streamId, start),
      onTick: async (p) => {
        metrics?.update(p)
        options.onProgress?.(p)
        return onControl((c) => recordTick(c, streamId, { appliedPosition: p.position, ...(p.appliedCommitTime ? { appliedCommitTime: p.appliedCommitTime } : {}), ...(p.sourcePosition ? { sourcePosition: p.sourcePosition } : {}), ...(p.lagMs !== undefined ? { lagMs: p.lagMs } : {}), ...(p.bytesBehind !== undefined ? { bytesBehind: p.bytesBehind } : {}), ...(p.retainedWalBytes !== undefined ? { retainedWalBytes: p.retainedWalBytes } : {}), eventsApplied: p.eventsApplied, transactionsApplied: p.transactionsApplied, eventsPerSec: p.eventsPerSec }))
      },
    })
    if (lockLost.signal.aborted) throw new StateError('CDC_STREAM_BUSY', `cdc stream ${streamId} was taken over by another process while this one reconnected to the target`, { object: `cdc stream ${streamId}` })
    const cp = await finalCheckpoint(() => apply.open(maps, streamId, start))
    await onControl((c) => markStreamStopped(c, streamId, end.reason === 'stop-requested' ? end.stoppedPosition : undefined))
    const sequencesMovedBack = run.fallbackOfCutover !== undefined ? await sequencesBack(apply.engine, options, plans) : undefined
    const caughtUp = end.reason === 'caught-up' || end.reason === 'stop-requested' || (end.reason === 'max-duration' && end.caughtUp)
    return {
      streamId,
      loadRunId: run.id,
      reason: end.reason,
      caughtUp,
      appliedPosition: cp.position,
      ...(end.reason === 'stop-requested' ? { stoppedPosition: end.stoppedPosition } : {}),
      eventsApplied: cp.events,
      transactionsApplied: cp.transactions,
      exitCode: end.reason === 'max-duration' && !end.caughtUp ? EXIT.timedOut : EXIT.ok,
      ...(sequencesMovedBack ? { sequencesMovedBack } : {}),
    }
  } catch (err) {
    const e = asGodwitError(err)
    const failed = stream
    if (failed) await onControl((c) => markStreamFailed(c, failed.id, e.code, e.message)).catch(() => undefined)
    throw e
  } finally {
    await metrics?.close()
    await control.end().catch(() => undefined)
  }
}

/**
 * A fall-back run that stopped: the old database's sequences set past the new one's. Only a
 * PostgreSQL old database; on Oracle they are left to the fall-back plan's hand step, said here.
 */
async function sequencesBack(engine: EngineName, o: CdcOptions, plans: readonly LoadTablePlan[]): Promise<SequenceSync[] | undefined> {
  if (engine === 'postgres') return moveSequencesBack(o.sourceUrl, o.targetUrl, plans)
  o.onWarning?.(`the ${engine} sequences are not moved by cdc --reverse: before the application writes to ${engine} again, set each one past the largest value of its column (docs/cutover.md, "Going back to Oracle")`)
  return undefined
}

async function connectControl(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url })
  c.on('error', () => undefined)
  await c.connect().catch((cause: Error) => {
    throw new TargetError('TARGET_CONNECT_FAILED', `postgres: cannot connect to ${redactUrl(url)}: ${cause.message}`, { cause })
  })
  return c
}

/** Where the stream stands after the replay: the target's checkpoint (the state store's stays at the start for a target that keeps its own). */
async function finalCheckpoint(open: () => Promise<ApplySide>): Promise<CdcCheckpoint> {
  const side = await open()
  try {
    return await side.readCheckpoint()
  } finally {
    await side.close()
  }
}

/** `godwit cdc --drop-slot`: removes the load run's slot and publication from the source. */
export async function dropCdcSlot(options: Pick<CdcOptions, 'sourceUrl' | 'targetUrl' | 'stateUrl' | 'tables' | 'fromLoadRun' | 'reverse'>): Promise<{ loadRunId: number; slot?: string; publication?: string; slotDropped: boolean; publicationDropped: boolean }> {
  const control = await connectControl((await applyFor(options.targetUrl, options.stateUrl, 'stop', options.reverse ? { from: options.sourceUrl } : undefined)).stateUrl)
  try {
    await ensureLoadControlSchema(control)
    const run = await findLoadRun(control, options)
    const { slot, publication } = run.position
    return { loadRunId: run.id, ...(slot ? { slot } : {}), ...(publication ? { publication } : {}), ...(await dropSlotAndPublication(options.sourceUrl, slot, publication)) }
  } finally {
    await control.end().catch(() => undefined)
  }
}

async function findLoadRun(control: pg.ClientBase, options: Pick<CdcOptions, 'sourceUrl' | 'tables' | 'fromLoadRun'>): Promise<LoadRunForCdc> {
  if (options.fromLoadRun !== undefined) {
    const run = await selectLoadRun(control, { id: options.fromLoadRun })
    if (!run) throw new UsageError('CDC_NO_LOAD_RUN', `load run ${options.fromLoadRun} does not exist in the target's godwit.load_runs`, { hint: 'List runs with: SELECT id, source, selection, state FROM godwit.load_runs;' })
    if (run.state !== 'done') throw new StateError('CDC_LOAD_NOT_DONE', `load run ${run.id} has not finished`, { hint: 'Rerun the same godwit load until it completes, then start godwit cdc.' })
    return run
  }
  const run = await selectLoadRun(control, { runKey: runKeyOf(options.sourceUrl, options.tables ?? []) })
  if (!run) {
    throw new UsageError('CDC_NO_LOAD_RUN', `no finished load run for ${redactUrl(options.sourceUrl)} with ${options.tables?.length ? `tables ${options.tables.join(', ')}` : 'all tables'}`, {
      hint: `Run godwit load --source … --target …${options.tables?.length ? ` --tables ${options.tables.join(',')}` : ''} first (cdc continues from its position), or pass --from-load-run ID.`,
    })
  }
  return run
}

function targetMap(p: LoadTablePlan): TargetTableMap {
  return {
    source: `${p.schema}.${p.name}`,
    targetSchema: p.targetSchema,
    targetName: p.targetName,
    columns: p.columns.map((c) => ({ source: c.name, target: c.targetName })),
    ...(p.key ? { key: p.key } : {}),
  }
}

function isTransient(err: unknown): boolean {
  const e = err as { transient?: boolean; code?: string; message?: string }
  if (e.transient) return true
  if (err instanceof GodwitError) return ['SOURCE_STREAM_LOST', 'SOURCE_CONNECT_FAILED', 'TARGET_CONNECT_FAILED', 'ORACLE_UNREACHABLE', 'ORACLE_CONNECTION_LOST'].includes(err.code) || (err.code === 'SOURCE_STREAM_FAILED' && /is active/.test(err.message))
  if (typeof e.code === 'string' && (/^(08|57P0)/.test(e.code) || ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT'].includes(e.code))) return true
  return /Connection terminated|connection (?:is )?closed|Client has encountered a connection error/i.test(e.message ?? '')
}

function asGodwitError(err: unknown): GodwitError {
  if (err instanceof GodwitError) return err
  if (err instanceof ApplyStopped) {
    return new TargetError('CDC_APPLY_REFUSED', err.message, {
      object: err.rejected.table,
      hint: 'Fix the target (or the value) and start godwit cdc again — it resumes before this change — or run with --on-error dead-letter to set such changes aside.',
    })
  }
  if (err instanceof SchemaChanged) {
    return new SourceError('CDC_SCHEMA_CHANGED', err.message, {
      object: err.table,
      hint: 'Everything before this change is applied. Apply the same DDL to the target table (godwit convert for the new definition), then start godwit cdc again.',
    })
  }
  const e = err as Error
  return new GodwitError('CDC_FAILED', e.message, isTransient(err) ? EXIT.source : EXIT.internal, { cause: err })
}
