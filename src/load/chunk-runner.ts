import type pg from 'pg'
import { TargetError } from '../core/errors.js'
import { lockClaimedChunk, markChunkDone, type LoadTablePlan, type StoredChunk } from '../engines/postgres/control-schema-load.js'
import type { RejectedRow } from '../values/transcode.js'
import type { LoadEvent } from './load-events.js'
import type { SourcePosition } from './load-source.js'
import type { LoadTarget } from './load-target.js'
import { withRetry, type RetryPolicy } from './retry.js'
import type { LoadSourceEngine } from './source-engine.js'

/** What every chunk of one `runLoad` call shares. */
export interface ChunkContext {
  readonly source: LoadSourceEngine
  /** Connections to the state database (the control schema), which is the target itself for PostgreSQL. */
  readonly state: pg.Pool
  readonly target: LoadTarget
  readonly runPosition: SourcePosition
  readonly worker: string
  readonly retry: RetryPolicy
  /** Rejected rows each table may have (`schema.table` → allowance), and how --max-rejects was given. */
  readonly rejectAllowance: ReadonlyMap<string, number>
  readonly rejectLimitLabel: string
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
 * Loads one claimed chunk, retrying transient failures with backoff. Each attempt is ONE state
 * transaction: lock the chunk row, write the chunk (on a PostgreSQL target: COPY in that same
 * transaction), mark it done with its rows, bytes, time and read position. A crash at any point leaves the chunk not done and none of its rows (the run's
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
  const client = await ctx.state.connect()
  try {
    await client.query('BEGIN')
    if (!(await lockClaimedChunk(client, chunk.id, ctx.worker))) {
      await client.query('ROLLBACK')
      client.release()
      return { kind: 'lost' }
    }
    const started = performance.now()
    const at = await ctx.source.readPosition(ctx.runPosition)
    if (!ctx.positionMoved && JSON.stringify(at) !== JSON.stringify(ctx.runPosition)) {
      ctx.positionMoved = true
      ctx.emit({ kind: 'position-moved', run: ctx.runPosition, now: at })
    }
    const rejects: RejectedRow[] = []
    const before = ctx.rejectedSoFar.get(table) ?? 0
    const allowance = ctx.rejectAllowance.get(table) ?? 0
    const { rows, bytes } = await ctx.target.writeChunk(client, {
      source: ctx.source,
      plan,
      chunk,
      at,
      onReject: (r) => {
        rejects.push(r)
        if (before + rejects.length > allowance) throw new RejectLimitError(table, r, before + rejects.length, allowance, ctx.rejectLimitLabel)
      },
      onBytes: (n) => ctx.emit({ kind: 'bytes', table, bytes: n }),
    })
    const seconds = (performance.now() - started) / 1000
    await markChunkDone(client, chunk.id, { rows, bytes, rejects, seconds, readAt: at })
    await client.query('COMMIT')
    client.release()
    ctx.rejectedSoFar.set(table, (ctx.rejectedSoFar.get(table) ?? 0) + rejects.length)
    ctx.emit({ kind: 'chunk-done', table, seq: chunk.seq, rows, bytes, seconds })
    return { kind: 'done', rejects }
  } catch (err) {
    // The connection may be mid-COPY or dead: discard it rather than reuse it; the server rolls back.
    client.release(err instanceof Error ? err : new Error(String(err)))
    throw err
  }
}
