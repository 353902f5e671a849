import type { Readable } from 'node:stream'
import type pg from 'pg'
import { TargetError } from '../core/errors.js'
import { lockClaimedChunk, markChunkDone, type LoadTablePlan, type StoredChunk } from '../engines/postgres/control-schema-load.js'
import { copyIntoTarget } from '../engines/postgres/pg-copy-writer.js'
import { transcodeToCopyBinary, type RejectedRow } from '../values/transcode.js'
import type { LoadEvent } from './load-events.js'
import type { SourcePosition } from './load-source.js'
import { withRetry, type RetryPolicy } from './retry.js'
import type { LoadSourceEngine } from './source-engine.js'

/** What every chunk of one `runLoad` call shares. */
export interface ChunkContext {
  readonly source: LoadSourceEngine
  readonly target: pg.Pool
  readonly runPosition: SourcePosition
  readonly worker: string
  readonly retry: RetryPolicy
  /** Rejected rows each table may have (`schema.table` → allowance), and how --max-rejects was given. */
  readonly rejectAllowance: ReadonlyMap<string, number>
  readonly rejectLimitLabel: string
  /** Load with session_replication_role = replica: the target's triggers and FK checks do not fire (pg_restore, pgcopydb). */
  readonly replicaRole: boolean
  /** Rows of a table rejected so far (earlier chunks, earlier runs), keyed `schema.table`. */
  readonly rejectedSoFar: Map<string, number>
  readonly emit: (e: LoadEvent) => void
  /** Set once the first chunk reads somewhere other than the run's position, so that is said once. */
  positionMoved: boolean
}

/** A chunk was written (`done`) or another process owns it now (`lost`: nothing written here). */
export type ChunkRunOutcome = { readonly kind: 'done'; readonly rejects: readonly RejectedRow[] } | { readonly kind: 'lost' }

/** Too many rows of one table could not be loaded; names the row that crossed the limit. */
export class RejectLimitError extends TargetError {
  constructor(table: string, r: RejectedRow, total: number, allowance: number, label: string) {
    const key = Object.entries(r.key).map(([k, v]) => `${k}=${v}`).join(', ')
    const limit = label.endsWith('%') ? `${label} (${allowance.toLocaleString('en-US')} ${allowance === 1 ? 'row' : 'rows'} of this table)` : label
    super(
      'LOAD_REJECTS_EXCEEDED',
      `table ${table}: row (${key}) column ${r.column}: ${r.reason} (value: ${r.value}); ${total.toLocaleString('en-US')} rejected row(s) exceed --max-rejects ${limit}`,
      { object: table, hint: 'Fix the source row, or raise --max-rejects to send such rows to the rejects file and go on.' },
    )
  }
}

/**
 * Loads one claimed chunk, retrying transient failures with backoff. Each attempt is ONE target
 * transaction: lock the chunk row, COPY the chunk, mark it done with its rows, bytes, time and
 * read position. A crash at any point leaves the chunk not done and none of its rows (the run's
 * tables were empty, or emptied by --truncate, when it was planned), so running it again converges.
 */
export async function runChunk(ctx: ChunkContext, plan: LoadTablePlan, chunk: StoredChunk): Promise<ChunkRunOutcome> {
  const table = `${plan.schema}.${plan.name}`
  const once = async (): Promise<ChunkRunOutcome> => {
    try {
      return await attempt(ctx, plan, chunk, table)
    } catch (err) {
      // The run's snapshot ended with the process that took it (a resumed run): not a failure,
      // and no retry spent on it. The engine now reads a newer one, said once (position-moved).
      if ((err as { code?: string }).code !== 'SOURCE_SNAPSHOT_GONE') throw err
      return attempt(ctx, plan, chunk, table)
    }
  }
  return withRetry(ctx.retry, once, (n, err) => ctx.emit({ kind: 'chunk-retry', table, seq: chunk.seq, attempt: n, error: (err as Error).message }))
}

async function attempt(ctx: ChunkContext, plan: LoadTablePlan, chunk: StoredChunk, table: string): Promise<ChunkRunOutcome> {
  const client = await ctx.target.connect()
  let input: Readable | undefined
  try {
    await client.query('BEGIN')
    if (ctx.replicaRole) await client.query(`SET LOCAL session_replication_role = replica`)
    if (!(await lockClaimedChunk(client, chunk.id, ctx.worker))) {
      await client.query('ROLLBACK')
      client.release()
      return { kind: 'lost' }
    }
    const started = performance.now()
    // Appends only: the run's target tables were empty or emptied (--truncate) when it was planned.
    const target = { schema: plan.targetSchema, name: plan.targetName, columns: plan.columns.map((c) => c.targetName) }
    const at = await ctx.source.readPosition(ctx.runPosition)
    if (!ctx.positionMoved && JSON.stringify(at) !== JSON.stringify(ctx.runPosition)) {
      ctx.positionMoved = true
      ctx.emit({ kind: 'position-moved', run: ctx.runPosition, now: at })
    }
    const rejects: RejectedRow[] = []
    let format: 'binary' | 'text' = 'binary'
    if (plan.transfer !== 'transcode' && ctx.source.copyOut) {
      format = plan.transfer === 'passthrough-binary' ? 'binary' : 'text'
      input = (await ctx.source.copyOut(chunk, plan.columns, at, format)).stream
    } else {
      const before = ctx.rejectedSoFar.get(table) ?? 0
      const allowance = ctx.rejectAllowance.get(table) ?? 0
      const rows = ctx.source.readChunkRows(chunk, plan.columns, at)
      const encoded = transcodeToCopyBinary(rows, plan.columns, plan.key ?? [], (r) => {
        rejects.push(r)
        if (before + rejects.length > allowance) encoded.destroy(new RejectLimitError(table, r, before + rejects.length, allowance, ctx.rejectLimitLabel))
      })
      input = encoded
    }
    let bytes = 0
    const rows = await copyIntoTarget(client, target, format, input, (n) => {
      bytes += n
      ctx.emit({ kind: 'bytes', table, bytes: n })
    })
    const seconds = (performance.now() - started) / 1000
    await markChunkDone(client, chunk.id, { rows, bytes, rejects, seconds, readAt: at })
    await client.query('COMMIT')
    client.release()
    ctx.rejectedSoFar.set(table, (ctx.rejectedSoFar.get(table) ?? 0) + rejects.length)
    ctx.emit({ kind: 'chunk-done', table, seq: chunk.seq, rows, bytes, seconds })
    return { kind: 'done', rejects }
  } catch (err) {
    input?.destroy()
    // The connection may be mid-COPY or dead: discard it rather than reuse it; the server rolls back.
    client.release(err instanceof Error ? err : new Error(String(err)))
    throw err
  }
}
