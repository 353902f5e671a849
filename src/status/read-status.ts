import pg from 'pg'
import { applyFor } from '../cdc/cdc-apply.js'
import { countDeadLetters, readLagSamples, readStreamStatuses } from '../cdc/cdc-control.js'
import { redactUrl } from '../config/redact.js'
import { connectSide } from '../cutover/connect-side.js'
import { lagStats } from '../cutover/lag-stats.js'
import { runProgress } from '../engines/postgres/control-schema-load.js'
import { latestTableValidations } from '../engines/postgres/control-schema-validate.js'
import { cutoverLockHeld, emptyWhenMissing, selectCutoverSteps, selectLatestCutover, readLoadRunSummary } from '../engines/postgres/control-schema-cutover.js'
import { GodwitError } from '../core/errors.js'
import { openCutoverSource, type CutoverSource } from '../engines/cutover-source.js'
import { readSlotHealth } from '../engines/postgres/pg-freeze.js'
import type { CdcStatus, CutoverStatus, MigrationStatus, TableStatus } from './migration-status.js'

const TREND_WINDOW_MS = 5 * 60_000

export interface StatusOptions {
  readonly targetUrl: string
  /** The state store of a Redshift target's run (docs/state-store.md); a PostgreSQL target is its own. */
  readonly stateUrl?: string
  readonly sourceUrl?: string
  /** Lag above this needs attention (default 5000, the cutover gate's default). */
  readonly maxLagMs?: number
}

/** `godwit status`: reads load, validation, CDC and cutover state; never writes (not even the control schema). */
export async function readMigrationStatus(o: StatusOptions): Promise<MigrationStatus> {
  const target = await connectSide((await applyFor(o.targetUrl, o.stateUrl, 'stop')).stateUrl, 'target', 'STATUS')
  try {
    const now = Date.now()
    const run = await readLoadRunSummary(target)
    const progress = run ? await runProgress(target, run.id) : []
    const validations = await emptyWhenMissing(latestTableValidations(target))
    const tables: TableStatus[] = (run?.tables ?? []).map((t) => {
      const p = progress.find((x) => `${x.schema}.${x.name}` === t.source)
      const v = validations.find((x) => x.table === t.source)
      return {
        name: t.source,
        target: t.target,
        loaded: p !== undefined && p.done === p.chunks,
        chunks: p?.chunks ?? 0,
        chunksDone: p?.done ?? 0,
        rows: p?.rows ?? 0,
        ...(v ? { validation: { status: v.status, finishedAt: new Date(v.finishedAt).toISOString(), ageSeconds: Math.round((now - new Date(v.finishedAt).getTime()) / 1000) } } : {}),
      }
    })
    const [stream] = await readStreamStatuses(target)
    const cdc: CdcStatus | undefined = stream && {
      streamId: stream.id,
      state: stream.state,
      alive: stream.alive,
      lagMs: stream.lagMs,
      lag: lagStats((await readLagSamples(target, stream.id, new Date(now - TREND_WINDOW_MS))).map((s) => s.lagMs)),
      bytesBehind: stream.bytesBehind,
      retainedWalBytes: stream.retainedWalBytes,
      appliedPosition: stream.appliedPosition,
      eventsApplied: stream.eventsApplied,
      heartbeatAt: stream.heartbeatAt?.toISOString(),
      stopRequestedPosition: stream.stopRequestedPosition,
      error: stream.error,
    }
    const deadLetters = await countDeadLetters(target)
    const cutover = await readCutover(target)
    const source = o.sourceUrl === undefined ? undefined : await readSource(o.sourceUrl, stream?.slot)
    const attention = needsAttention({ run, tables, cdc, deadLetters, cutover, source, maxLagMs: o.maxLagMs ?? 5000 })
    return {
      at: new Date(now).toISOString(),
      target: redactUrl(o.targetUrl),
      ...(run ? { load: { runId: run.id, state: run.state, startedAt: run.createdAt.toISOString(), finishedAt: run.finishedAt?.toISOString() } } : {}),
      tables,
      cdc,
      deadLetters,
      cutover,
      source,
      attention,
      exitCode: attention.length === 0 ? 0 : 1,
    }
  } finally {
    await target.end().catch(() => undefined)
  }
}

async function readCutover(target: pg.Client): Promise<CutoverStatus | undefined> {
  const c = await emptyWhenMissing(selectLatestCutover(target, false).then((r) => (r ? [r] : [])))
  const run = c[0]
  if (!run) return undefined
  const steps = await selectCutoverSteps(target, run.id)
  const last = steps[steps.length - 1]
  return {
    id: run.id,
    state: run.state,
    decision: run.decision,
    step: last ? `${last.step} ${last.name} (${last.state})` : undefined,
    interrupted: run.state === 'running' && !(await cutoverLockHeld(target)),
    startedAt: run.startedAt.toISOString(),
    ranBy: run.ranBy,
    failure: run.failure ? `${run.failure.code}: ${run.failure.message}` : undefined,
  }
}

/**
 * The source's current position (and, on PostgreSQL, the slot's health), through the cutover
 * source of its engine (Teradata's is its clock). A URL that cannot be a cutover source (a
 * Redshift target) gets no line, as without --source.
 */
async function readSource(url: string, slot: string | undefined): Promise<MigrationStatus['source']> {
  let src: CutoverSource | undefined
  try {
    src = await openCutoverSource(url)
    return { position: await src.currentPosition(), ...(slot && src.postgres ? { slot: await readSlotHealth(src.postgres, slot) } : {}) }
  } catch (e) {
    if (e instanceof GodwitError && e.code === 'CUTOVER_ENGINE') return undefined
    return { error: redactUrl((e as Error).message) }
  } finally {
    await src?.close()
  }
}

interface AttentionInput {
  readonly run?: { id: number; state: string }
  readonly tables: readonly TableStatus[]
  readonly cdc?: CdcStatus
  readonly deadLetters: number
  readonly cutover?: CutoverStatus
  readonly source?: MigrationStatus['source']
  readonly maxLagMs: number
}

/** The rules behind the exit code (docs/cutover.md, "godwit status"). After a GO cutover, a stopped CDC is expected. */
function needsAttention(i: AttentionInput): string[] {
  const out: string[] = []
  if (i.cutover?.decision === 'GO') return out
  if (!i.run) return ['no load run recorded on this target']
  if (i.run.state !== 'done') out.push(`load run ${i.run.id} is not finished`)
  for (const t of i.tables) {
    if (!t.loaded) out.push(`${t.name}: not fully loaded (${t.chunksDone}/${t.chunks} chunks)`)
    if (!t.validation) out.push(`${t.name}: never validated`)
    else if (t.validation.status !== 'PASS') out.push(`${t.name}: last validation ${t.validation.status}`)
  }
  if (!i.cdc) out.push('cdc has not started on this target')
  else {
    if (!i.cdc.alive) out.push(`cdc stream ${i.cdc.streamId} is ${i.cdc.state}${i.cdc.state === 'running' || i.cdc.state === 'stopping' ? ' but its process stopped reporting' : ''}`)
    if (i.cdc.alive && i.cdc.lagMs !== undefined && i.cdc.lagMs > i.maxLagMs) out.push(`cdc lag ${i.cdc.lagMs} ms is over ${i.maxLagMs} ms`)
  }
  if (i.deadLetters > 0) out.push(`${i.deadLetters} dead letters in godwit.cdc_dead_letters`)
  if (i.cutover?.interrupted) out.push(`cutover ${i.cutover.id} stopped at step ${i.cutover.step}: run godwit cutover again to continue`)
  if (i.cutover?.state === 'failed') out.push(`cutover ${i.cutover.id} failed: ${i.cutover.failure}`)
  if (i.source?.error) out.push(`source: ${i.source.error}`)
  if (i.source?.slot && (!i.source.slot.exists || i.source.slot.walStatus === 'lost')) out.push(`replication slot ${i.source.slot.slot} is ${i.source.slot.exists ? 'lost' : 'missing'}`)
  return out
}
