import { setTimeout as sleep } from 'node:timers/promises'
import type pg from 'pg'
import pLimit from 'p-limit'
import { redactUrl } from '../config/redact.js'
import { TargetError } from '../core/errors.js'
import { claimChunk, releaseChunk, type LoadTablePlan } from '../engines/postgres/control-schema-load.js'
import type { RejectedRow } from '../values/transcode.js'
import { runChunk, type ChunkContext } from './chunk-runner.js'
import { withRetry } from './retry.js'
import { withTarget } from './target-pool.js'

/**
 * Claims chunks largest first and runs up to `jobs` at once (p-limit). When nothing is claimable
 * but other processes still hold running chunks, waits: their chunks may come back (a claimant
 * died) and the run's end is only known once they finish. Once `stop` is aborted (Ctrl-C) it
 * claims nothing more and returns when the chunks in flight have committed or failed.
 */
export async function claimAndRun(
  ctx: ChunkContext,
  runId: number,
  plans: readonly LoadTablePlan[],
  jobs: number,
  failedTables: Set<string>,
  writeRejects: (table: string, rows: readonly RejectedRow[]) => void,
  stop?: AbortSignal,
): Promise<void> {
  const limit = pLimit(jobs)
  const byTable = new Map(plans.map((p) => [`${p.schema}.${p.name}`, p]))
  const keys = new Map(plans.map((p) => [`${p.schema}.${p.name}`, p.key]))
  const inflight = new Set<Promise<void>>()
  while (true) {
    if (stop?.aborted) {
      await Promise.all(inflight)
      return
    }
    if (inflight.size >= jobs) {
      await Promise.race(inflight)
      continue
    }
    const chunk = await withRetry(ctx.retry, () => withTarget(ctx.state, (c) => claimChunk(c, runId, ctx.worker, [...failedTables], keys)))
    if (!chunk) {
      if (inflight.size > 0) await Promise.race(inflight)
      else if (await withRetry(ctx.retry, () => othersRunning(ctx.state, runId))) await sleep(500, undefined, { signal: stop }).catch(() => undefined)
      else return
      continue
    }
    const table = `${chunk.schema}.${chunk.table}`
    const plan = byTable.get(table) as LoadTablePlan
    const job: Promise<void> = limit(async () => {
      try {
        const outcome = await runChunk(ctx, plan, chunk)
        if (outcome.kind === 'done') writeRejects(table, outcome.rejects)
      } catch (err) {
        const failure = err instanceof TargetError && err.code === 'LOAD_REJECTS_EXCEEDED' ? err : chunkFailure(table, chunk.seq, err)
        failedTables.add(table)
        // If even this fails the chunk stays running, and is claimable again once its grace has passed.
        await withRetry(ctx.retry, () => withTarget(ctx.state, (c) => releaseChunk(c, chunk.id, ctx.worker, 'failed', failure.message))).catch(() => undefined)
        ctx.emit({ kind: 'table-failed', table, error: failure.message })
      }
    }).finally(() => inflight.delete(job))
    inflight.add(job)
  }
}

function chunkFailure(table: string, seq: number, err: unknown): TargetError {
  const message = redactUrl((err as Error).message ?? String(err))
  return new TargetError('LOAD_CHUNK_FAILED', `table ${table} chunk ${seq}: ${message}`, {
    cause: err,
    object: `${table}#${seq}`,
    hint: 'Fix the cause and run the same command again: done chunks are kept, this one is retried.',
  })
}

async function othersRunning(state: pg.Pool, runId: number): Promise<boolean> {
  const r = await state.query(`SELECT 1 FROM godwit.load_chunks WHERE run_id = $1 AND state = 'running' LIMIT 1`, [runId])
  return (r.rowCount ?? 0) > 0
}

