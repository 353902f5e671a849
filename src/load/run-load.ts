import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import type pg from 'pg'
import { redactUrl } from '../config/redact.js'
import { StateError, UsageError } from '../core/errors.js'
import { createTargetTables } from './create-target-tables.js'
import {
  activeRuns,
  ensureLoadControlSchema,
  holdRun,
  inTransaction,
  latestRun,
  loadControlSchemaExists,
  lockLoadPlanning,
  readPositions,
  readTablePlans,
  resetFailedChunks,
  runProgress,
  type LoadRunRow,
} from '../engines/postgres/control-schema-load.js'
import type { ChunkContext } from './chunk-runner.js'
import { claimAndRun } from './claim-loop.js'
import { finishRun } from './finish-run.js'
import type { LoadEvent, LoadPlan } from './load-events.js'
import { tableResult, type LoadResult, type LoadTotals, type RetainedOnSource, type TableLoadResult } from './load-result.js'
import type { SourcePosition } from './load-source.js'
import { newRunPlan, persistNewRun, prepareNewRun } from './plan-run.js'
import { describeRejectLimit, rejectAllowance, type RejectLimit } from './reject-limit.js'
import { openRejectsFile, type RejectsFile } from './rejects-file.js'
import { reviewUnfinishedRun } from './resume-run.js'
import { DEFAULT_RETRY, type RetryPolicy } from './retry.js'
import { retainedNameOf, runKeyOf } from './run-key.js'
import type { HeldPosition, LoadSourceEngine } from './source-engine.js'
import { openSourceEngine } from './source-engines.js'
import type { LoadTarget } from './load-target.js'
import { openLoadTarget, type LoadStagingOptions } from './load-targets.js'
import { connectTarget, openTargetPool, withTarget } from './target-pool.js'

export type { LoadResult, TableLoadResult } from './load-result.js'

export interface LoadOptions {
  readonly sourceUrl: string
  readonly targetUrl: string
  /** The PostgreSQL database holding the run's state (control schema); the target itself when absent (PostgreSQL targets). */
  readonly stateUrl?: string
  /** Redshift: where rows are staged and how COPY reads them. */
  readonly staging?: LoadStagingOptions
  /** 'schema.table' globs; every user table when empty. Each must name at least one table. */
  readonly tables?: readonly string[]
  /** 'schema.table' globs left out of the selection. */
  readonly exclude?: readonly string[]
  readonly jobs?: number
  readonly chunkRows?: number
  /** Decode and re-encode every value even where COPY data could pass through. */
  readonly transcode?: boolean
  /** Drop secondary indexes and foreign keys of the target tables while loading; rebuild at the end. */
  readonly deferIndexes?: boolean
  /** Empty the target tables when a new run starts; without it a new run refuses non-empty tables. */
  readonly truncate?: boolean
  /** Abandon this selection's unfinished run (or start again after a finished one) with a new run. */
  readonly restart?: boolean
  /** Plan and print, create nothing. */
  readonly dryRun?: boolean
  /** Rejected rows allowed per table before the table fails (default 0: the first one fails it). */
  readonly maxRejects?: number | RejectLimit
  readonly rejectsDir?: string
  /** Convert and create the selected tables the target lacks before loading (`--create`). */
  readonly create?: boolean
  readonly retry?: RetryPolicy
  readonly onEvent?: (e: LoadEvent) => void
  /** Aborted (Ctrl-C): stop claiming chunks, let those in flight finish, return what was saved. */
  readonly stop?: AbortSignal
}

export const DEFAULT_CHUNK_ROWS = 250_000
export const DEFAULT_REJECTS_DIR = 'godwit-reports/load-rejects'

/** What the planning transaction decided. */
type Decision =
  | { readonly kind: 'run'; readonly run: { id: number; position: SourcePosition; options: Record<string, unknown> }; readonly plan: LoadPlan }
  | { readonly kind: 'done'; readonly run: LoadRunRow }
  | { readonly kind: 'dry-run'; readonly plan: LoadPlan }

/**
 * Copies the selected tables from source to target at one source position, in chunks claimed
 * from the target's control schema. A run is identified by the source database and the table
 * selection: the same command resumes an unfinished run (done chunks are skipped) or joins one
 * another process is working on, and says so when the run had already finished. A new run never
 * empties a non-empty target table unless `truncate` says so, and stops before touching anything
 * when another unfinished run writes the same tables.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const started = performance.now()
  const jobs = options.jobs ?? 4
  const emit = options.onEvent ?? (() => undefined)
  const warnings: string[] = []
  const warn = (message: string): void => {
    warnings.push(message)
    emit({ kind: 'warning', message })
  }
  const selection = options.tables ?? []
  const exclude = options.exclude ?? []
  const runKey = runKeyOf(options.sourceUrl, selection, exclude)
  const { target: loadTarget, stateUrl } = await openLoadTarget(options.targetUrl, options.stateUrl, options.staging ?? {})
  let source: LoadSourceEngine
  try {
    source = await openSourceEngine(options.sourceUrl, jobs)
  } catch (err) {
    await loadTarget.close()
    throw err
  }
  // jobs writers, one for claims, one held for the whole run (its session lock marks the run active).
  const state = openTargetPool(stateUrl, jobs + 2)
  let held: HeldPosition | undefined
  let control: pg.PoolClient | undefined
  const rejectFiles = new Map<string, RejectsFile>()
  try {
    if (options.create && !options.dryRun) await createMissing(source, loadTarget, options, warn)
    if (options.deferIndexes && !loadTarget.deferred) {
      throw new UsageError('LOAD_DEFER_UNSUPPORTED', `--defer-indexes: a ${loadTarget.engine} target has no indexes or enforced foreign keys to defer`, { hint: 'Leave out --defer-indexes.' })
    }
    control = await connectTarget(state, stateUrl)
    const client = control
    const controlSchema = options.dryRun ? await loadControlSchemaExists(client) : (await ensureLoadControlSchema(client), true)
    const decision = await inTransaction(client, async (): Promise<Decision> => {
      await lockLoadPlanning(client)
      const latest = controlSchema ? await latestRun(client, runKey) : undefined
      if (latest?.state === 'running' && !options.restart) {
        const plan = await reviewUnfinishedRun(client, source, loadTarget, latest, { transcode: options.transcode ?? false, dryRun: options.dryRun ?? false })
        if (options.dryRun) return { kind: 'dry-run', plan }
        await holdRun(client, latest.id)
        return { kind: 'run', run: { id: latest.id, position: latest.position, options: latest.options }, plan }
      }
      if (latest?.state === 'done' && !options.restart) return { kind: 'done', run: latest }
      const replaces = latest?.state === 'running' ? latest.id : undefined
      if (replaces !== undefined && (await activeRuns(client, [replaces])).has(replaces)) {
        throw new StateError('LOAD_RUN_ACTIVE', `--restart cannot abandon run ${replaces}: a process is loading it now`, {
          object: `run ${replaces}`,
          hint: 'Stop that process first (Ctrl-C saves what it loaded), then rerun with --restart.',
        })
      }
      const planned = await prepareNewRun(client, source, loadTarget, {
        runKey,
        selection,
        exclude,
        chunkRows: options.chunkRows ?? DEFAULT_CHUNK_ROWS,
        transcode: options.transcode ?? false,
        truncate: options.truncate ?? false,
        controlSchema,
      })
      const retainAs = source.engine === 'postgres' ? retainedNameOf(runKey) : undefined
      const plan = newRunPlan(planned, retainAs, replaces)
      if (options.dryRun) return { kind: 'dry-run', plan }
      const made = await persistNewRun(client, source, loadTarget, planned, {
        runKey,
        sourceLabel: redactUrl(options.sourceUrl),
        selection,
        exclude,
        chunkRows: options.chunkRows ?? DEFAULT_CHUNK_ROWS,
        transcode: options.transcode ?? false,
        truncate: options.truncate ?? false,
        deferIndexes: options.deferIndexes ?? false,
        retainAs: retainedNameOf(runKey),
        ...(replaces !== undefined ? { replaces } : {}),
      })
      held = made.held
      await holdRun(client, made.runId)
      return { kind: 'run', run: { id: made.runId, position: made.held.position, options: made.options }, plan: { ...plan, runId: made.runId } }
    }).catch(async (err: unknown) => {
      await held?.discard()
      held = undefined
      throw err
    })

    if (decision.kind === 'dry-run') {
      emit({ kind: 'plan', plan: decision.plan, dryRun: true })
      return emptyResult({ dryRun: true, plan: decision.plan, warnings, started, position: { engine: source.engine }, ...(decision.plan.runId !== undefined ? { runId: decision.plan.runId } : {}) })
    }
    if (decision.kind === 'done') return await finishedEarlier(decision.run, state, source, warnings, started)

    const { run, plan } = decision
    loadTarget.bindRun(run)
    if (options.truncate && plan.action === 'resume') warn(`run ${run.id} is unfinished and resumes where it stopped: --truncate empties tables only when a new run starts (--restart --truncate starts over)`)
    for (const change of plan.adopted) warn(`run ${run.id} adopts a change: ${change}`)
    if (held?.warning) warn(held.warning)
    emit({ kind: 'plan', plan, dryRun: false })
    if (plan.action === 'resume') await resetFailedChunks(client, run.id)
    for (const w of await loadTarget.start(client)) warn(w)

    const plans = await withTarget(state, (c) => readTablePlans(c, run.id))
    for (const p of plans) if (p.chunking === 'whole-no-key') warn(`${p.schema}.${p.name} has no primary or NOT NULL unique key: loaded whole, in one chunk`)
    const before = await withTarget(state, (c) => runProgress(c, run.id))
    const limit: RejectLimit = typeof options.maxRejects === 'number' ? { count: options.maxRejects } : (options.maxRejects ?? { count: 0 })
    const failedTables = new Set<string>()
    let loadedNow = 0
    const ctx: ChunkContext = {
      source,
      state,
      target: loadTarget,
      runPosition: run.position,
      worker: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
      retry: options.retry ?? DEFAULT_RETRY,
      rejectAllowance: new Map(before.map((t) => [`${t.schema}.${t.name}`, rejectAllowance(limit, t.estimatedRows)])),
      rejectLimitLabel: describeRejectLimit(limit),
      rejectedSoFar: new Map(before.map((t) => [`${t.schema}.${t.name}`, t.rejected])),
      emit: (e) => {
        if (e.kind === 'chunk-done') loadedNow += e.rows
        emit(e)
      },
      positionMoved: false,
    }
    await claimAndRun(
      ctx,
      run.id,
      plans,
      jobs,
      failedTables,
      (table, rows) => {
        let file = rejectFiles.get(table)
        if (!file) rejectFiles.set(table, (file = openRejectsFile(options.rejectsDir ?? DEFAULT_REJECTS_DIR, table)))
        for (const r of rows) file.write(r)
      },
      options.stop,
    )
    const interrupted = options.stop?.aborted ?? false
    if (interrupted) emit({ kind: 'interrupted' })

    let progress = await withTarget(state, (c) => runProgress(c, run.id))
    const complete = progress.every((t) => t.done === t.chunks)
    if (complete) {
      await withTarget(state, (c) => finishRun(c, run.id, loadTarget, emit))
      progress = await withTarget(state, (c) => runProgress(c, run.id))
    } else if (options.deferIndexes) {
      warn('some chunks did not load: deferred indexes and foreign keys are rebuilt when a rerun completes the load')
    }
    const generated = new Map(plan.tables.map((t) => [t.name, t.generated]))
    const tables = plans.map((p) => tableResult(p, progress, rejectFiles, generated.get(`${p.schema}.${p.name}`) ?? []))
    const seconds = (performance.now() - started) / 1000
    return {
      runId: run.id,
      resumed: plan.action === 'resume',
      complete,
      alreadyDone: false,
      dryRun: false,
      interrupted,
      plan,
      tables,
      position: run.position,
      readPositions: await withTarget(state, (c) => readPositions(c, run.id)),
      ...(await retainedOn(source, run.position)),
      totals: totalsOf(tables, seconds, loadedNow),
      warnings,
    }
  } finally {
    // Destroyed, not returned to the pool: its session-level run lock must end with it.
    control?.release(true)
    await Promise.all([...rejectFiles.values()].map((f) => f.close()))
    await held?.close()
    await source.close()
    await state.end()
    await loadTarget.close()
  }
}

/** The run of this selection had finished: nothing is loaded or emptied again; its figures are reported as they stand. */
async function finishedEarlier(run: LoadRunRow, state: pg.Pool, source: LoadSourceEngine, warnings: string[], started: number): Promise<LoadResult> {
  const plans = await withTarget(state, (c) => readTablePlans(c, run.id))
  const progress = await withTarget(state, (c) => runProgress(c, run.id))
  const tables = plans.map((p) => tableResult(p, progress, new Map(), []))
  return {
    ...emptyResult({ dryRun: false, warnings, started, runId: run.id, position: run.position }),
    alreadyDone: true,
    complete: true,
    resumed: true,
    tables,
    readPositions: await withTarget(state, (c) => readPositions(c, run.id)),
    ...(await retainedOn(source, run.position)),
    totals: totalsOf(tables, (performance.now() - started) / 1000, 0),
  }
}

/** The total line: the run's tables as they stand, this command's time and the rows it loaded. */
function totalsOf(tables: readonly TableLoadResult[], seconds: number, loadedNow: number): LoadTotals {
  return {
    tables: tables.length,
    rows: tables.reduce((n, t) => n + t.rows, 0),
    rejected: tables.reduce((n, t) => n + t.rejected, 0),
    bytes: tables.reduce((n, t) => n + t.bytes, 0),
    seconds: Math.round(seconds * 1000) / 1000,
    rowsPerSecond: seconds > 0 ? Math.round(loadedNow / seconds) : 0,
  }
}

function emptyResult(o: { dryRun: boolean; plan?: LoadPlan; warnings: readonly string[]; started: number; runId?: number; position: SourcePosition }): LoadResult {
  return {
    ...(o.runId !== undefined ? { runId: o.runId } : {}),
    resumed: false,
    complete: false,
    alreadyDone: false,
    dryRun: o.dryRun,
    interrupted: false,
    ...(o.plan ? { plan: o.plan } : {}),
    tables: [],
    position: o.position,
    readPositions: [],
    totals: { tables: o.plan?.tables.length ?? 0, rows: 0, rejected: 0, bytes: 0, seconds: Math.round(performance.now() - o.started) / 1000, rowsPerSecond: 0 },
    warnings: o.warnings,
  }
}

async function retainedOn(source: LoadSourceEngine, position: SourcePosition): Promise<{ retained?: RetainedOnSource }> {
  if (!position.slot) return {}
  const walBytes = await source.retainedBytes?.(position).catch(() => undefined)
  if (walBytes === undefined) return {}
  return { retained: { slot: position.slot, ...(position.publication ? { publication: position.publication } : {}), walBytes } }
}

/** `--create`: the source's catalog, converted as `godwit convert` would, for the tables the target lacks. */
async function createMissing(source: LoadSourceEngine, target: LoadTarget, options: LoadOptions, warn: (m: string) => void): Promise<void> {
  if (target.engine !== 'postgres') {
    throw new UsageError('LOAD_CREATE_UNSUPPORTED', `--create cannot create ${target.engine} tables in this version`, {
      hint: 'Convert with godwit convert --to redshift, apply the SQL to the cluster, then load without --create.',
    })
  }
  if (!source.readSchemaModel) {
    throw new UsageError('LOAD_CREATE_UNSUPPORTED', `--create cannot convert tables from a ${source.engine} source`, {
      hint: 'Create the target tables first (for a PostgreSQL source: pg_dump --schema-only | psql), then load without --create.',
    })
  }
  const model = await source.readSchemaModel(options.tables ?? [])
  const { created, findings } = await createTargetTables(model, options.targetUrl, options.tables ?? [])
  if (created.length > 0) warn(`--create made ${created.length} target table(s): ${created.join(', ')}`)
  for (const f of findings.filter((x) => x.severity !== 'info')) warn(`${f.object}: ${f.message}`)
}
