import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import { redactUrl } from '../config/redact.js'
import { UsageError } from '../core/errors.js'
import { createTargetTables } from './create-target-tables.js'
import {
  ensureLoadControlSchema,
  findRunningRun,
  inTransaction,
  lockRunKey,
  readTablePlans,
  resetFailedChunks,
  runProgress,
} from '../engines/postgres/control-schema-load.js'
import type { ChunkContext } from './chunk-runner.js'
import { claimAndRun } from './claim-loop.js'
import { finishRun } from './finish-run.js'
import type { LoadEvent } from './load-events.js'
import { plannedTable, tableResult, type LoadResult } from './load-result.js'
import type { SourcePosition } from './load-source.js'
import { planRun } from './plan-run.js'
import { openRejectsFile, type RejectsFile } from './rejects-file.js'
import { DEFAULT_RETRY, type RetryPolicy } from './retry.js'
import { runKeyOf } from './run-key.js'
import type { HeldPosition, LoadSourceEngine } from './source-engine.js'
import { openSourceEngine } from './source-engines.js'
import { canUseReplicaRole, connectTarget, NO_REPLICA_ROLE_WARNING, openTargetPool, withTarget } from './target-pool.js'

export type { LoadResult, TableLoadResult } from './load-result.js'

export interface LoadOptions {
  readonly sourceUrl: string
  readonly targetUrl: string
  /** 'schema.table' globs; every user table when empty. */
  readonly tables?: readonly string[]
  readonly jobs?: number
  readonly chunkRows?: number
  /** Decode and re-encode every value even where COPY data could pass through. */
  readonly transcode?: boolean
  /** Drop secondary indexes and foreign keys of the target tables while loading; rebuild at the end. */
  readonly deferIndexes?: boolean
  /** Rejected rows allowed per table before the table fails (0: the first one fails it). */
  readonly maxRejects?: number
  readonly rejectsDir?: string
  /** Convert and create the selected tables the target lacks before loading (`--create`). */
  readonly create?: boolean
  readonly retry?: RetryPolicy
  readonly onEvent?: (e: LoadEvent) => void
}

export const DEFAULT_CHUNK_ROWS = 250_000
export const DEFAULT_REJECTS_DIR = 'godwit-reports/load-rejects'

/**
 * Copies the selected tables from source to target at one source position, in chunks claimed
 * from the target's control schema. The same call resumes a crashed run (done chunks are skipped)
 * and joins a run another process is working on: a run is identified by the source database and
 * the table selection, and stays open until all its chunks are done.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const jobs = options.jobs ?? 4
  const emit = options.onEvent ?? (() => undefined)
  const warnings: string[] = []
  const warn = (message: string): void => {
    warnings.push(message)
    emit({ kind: 'warning', message })
  }
  const source = await openSourceEngine(options.sourceUrl, jobs)
  const target = openTargetPool(options.targetUrl, jobs + 1)
  let held: HeldPosition | undefined
  const rejectFiles = new Map<string, RejectsFile>()
  try {
    if (options.create) await createMissing(source, options, warn)
    const control = await connectTarget(target, options.targetUrl)
    let run: { id: number; position: SourcePosition; resumed: boolean }
    let replicaRole = false
    try {
      await ensureLoadControlSchema(control)
      const runKey = runKeyOf(options.sourceUrl, options.tables ?? [])
      run = await inTransaction(control, async () => {
        await lockRunKey(control, runKey)
        const existing = await findRunningRun(control, runKey)
        if (existing) return { id: existing.id, position: existing.position, resumed: true }
        const planned = await planRun(control, source, {
          runKey,
          sourceLabel: redactUrl(options.sourceUrl),
          selection: options.tables ?? [],
          chunkRows: options.chunkRows ?? DEFAULT_CHUNK_ROWS,
          transcode: options.transcode ?? false,
          deferIndexes: options.deferIndexes ?? false,
          runTag: `load_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`,
        })
        held = planned.held
        return { id: planned.runId, position: planned.held.position, resumed: false }
      }).catch(async (err: unknown) => {
        await held?.discard()
        held = undefined
        throw err
      })
      if (held?.warning) warn(held.warning)
      if (run.resumed) await resetFailedChunks(control, run.id)
      replicaRole = await canUseReplicaRole(control)
      if (!replicaRole) warn(NO_REPLICA_ROLE_WARNING)
    } finally {
      control.release()
    }

    const plans = await withTarget(target, (c) => readTablePlans(c, run.id))
    const before = await withTarget(target, (c) => runProgress(c, run.id))
    emit({ kind: 'plan', runId: run.id, resumed: run.resumed, tables: plans.map((p) => plannedTable(p, before)) })
    for (const p of plans) if (p.chunking === 'whole-no-key') warn(`${p.schema}.${p.name} has no primary or NOT NULL unique key: loaded whole, in one chunk`)

    const failedTables = new Set<string>()
    const ctx: ChunkContext = {
      source,
      target,
      runPosition: run.position,
      worker: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
      retry: options.retry ?? DEFAULT_RETRY,
      maxRejects: options.maxRejects ?? 0,
      replicaRole,
      rejectedSoFar: new Map(before.map((t) => [`${t.schema}.${t.name}`, t.rejected])),
      emit,
    }
    await claimAndRun(ctx, run.id, plans, jobs, failedTables, (table, rows) => {
      let file = rejectFiles.get(table)
      if (!file) rejectFiles.set(table, (file = openRejectsFile(options.rejectsDir ?? DEFAULT_REJECTS_DIR, table)))
      for (const r of rows) file.write(r)
    })

    let progress = await withTarget(target, (c) => runProgress(c, run.id))
    const complete = progress.every((t) => t.done === t.chunks)
    if (complete) {
      await withTarget(target, (c) => finishRun(c, run.id, emit))
      progress = await withTarget(target, (c) => runProgress(c, run.id))
    } else if (options.deferIndexes) {
      warn('some chunks did not load: deferred indexes and foreign keys are rebuilt when a rerun completes the load')
    }
    return {
      runId: run.id,
      resumed: run.resumed,
      complete,
      tables: plans.map((p) => tableResult(p, progress, rejectFiles)),
      position: run.position,
      warnings,
    }
  } finally {
    await Promise.all([...rejectFiles.values()].map((f) => f.close()))
    await held?.close()
    await source.close()
    await target.end()
  }
}

/** `--create`: the source's catalog, converted as `godwit convert` would, for the tables the target lacks. */
async function createMissing(source: LoadSourceEngine, options: LoadOptions, warn: (m: string) => void): Promise<void> {
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
