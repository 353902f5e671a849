import type pg from 'pg'
import type { RejectedRow } from '../../values/transcode.js'
import type { Transfer } from '../../load/column-mapping.js'
import type { LoadChunk, LoadColumn, SourcePosition } from '../../load/load-source.js'
import type { KeyRange } from '../../model/key-range.js'
import { migrateStateSchema } from '../../state/migrate-state.js'

/**
 * The load's state in the target's `godwit` control schema. One run = one source position; its
 * chunks are claimed by any number of `godwit load` processes sharing the target.
 *
 * Liveness of a claimed chunk: the claim itself is a short transaction (state running, claimed_by,
 * heartbeat_at), and the chunk's write transaction then holds the chunk row `FOR UPDATE` until it
 * commits the data together with state done. A claimant that dies (kill -9, lost connection) has
 * its transaction rolled back by the server, so the row lock is gone and no partial rows remain.
 * A running chunk is claimable again when its row is not locked AND its heartbeat is older than
 * CLAIM_GRACE — the grace only covers the instant between the claim commit and the write
 * transaction taking the lock, so a live writer is never robbed however long its chunk takes.
 * The tables are defined by the versioned control schema (src/state/migrations).
 */
export const CLAIM_GRACE_SECONDS = 5

/** Brings the control schema (its load tables among them) to this release's version; safe when several processes start at once. */
export async function ensureLoadControlSchema(client: pg.ClientBase): Promise<void> {
  await migrateStateSchema(client)
}

export async function inTransaction<T>(client: pg.ClientBase, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN')
  try {
    const out = await work()
    await client.query('COMMIT')
    return out
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw err
  }
}

export type RunState = 'running' | 'done' | 'abandoned'

export interface LoadRunRow {
  readonly id: number
  readonly runKey: string
  readonly source: string
  readonly selection: readonly string[]
  readonly state: RunState
  readonly position: SourcePosition
  readonly options: Record<string, unknown>
  readonly createdAt: Date
  readonly finishedAt?: Date
}

/** Whether a load ever ran against this target (read-only commands must not create the schema). */
export async function loadControlSchemaExists(client: pg.ClientBase): Promise<boolean> {
  const r = await client.query(`SELECT to_regclass('godwit.load_chunks') IS NOT NULL AS present`)
  return (r.rows[0] as { present: boolean }).present
}

/**
 * Serialises the planning of every load on this target (held until the transaction ends): two
 * runs over overlapping tables started at once must see each other, whatever their selections.
 */
export async function lockLoadPlanning(client: pg.ClientBase): Promise<void> {
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('godwit.load-plan'))`)
}

/** First key of the session-level advisory lock each process working on a run holds ('godw'). */
const RUN_LOCK_CLASS = 0x676f6477

/**
 * Marks this session as working on the run until it ends (shared: several processes may share a
 * run). A crashed process's lock goes with its session, so "active" never outlives a process.
 */
export async function holdRun(client: pg.ClientBase, runId: number): Promise<void> {
  await client.query(`SELECT pg_advisory_lock_shared($1, $2)`, [RUN_LOCK_CLASS, runId])
}

/** Run ids some other session is working on now (see holdRun). */
export async function activeRuns(client: pg.ClientBase, runIds: readonly number[]): Promise<Set<number>> {
  if (runIds.length === 0) return new Set()
  const r = await client.query(
    `SELECT DISTINCT objid::text::int AS id FROM pg_locks
      WHERE locktype = 'advisory' AND granted AND classid = $1::int::text::oid AND objsubid = 2 AND objid::text::int = ANY ($2::int[])
        AND pid <> pg_backend_pid() AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    [RUN_LOCK_CLASS, runIds],
  )
  return new Set(r.rows.map((x: { id: number }) => x.id))
}

const RUN_COLUMNS = ['id', 'run_key', 'source', 'selection', 'state', 'position', 'options', 'created_at', 'finished_at']

function toRun(row: Record<string, unknown>): LoadRunRow {
  return {
    id: Number(row.id),
    runKey: row.run_key as string,
    source: row.source as string,
    selection: row.selection as string[],
    state: row.state as RunState,
    position: row.position as SourcePosition,
    options: row.options as Record<string, unknown>,
    createdAt: row.created_at as Date,
    ...(row.finished_at ? { finishedAt: row.finished_at as Date } : {}),
  }
}

/** The run of this key that decides what a new command does: the unfinished one, else the latest. */
export async function latestRun(client: pg.ClientBase, runKey: string): Promise<LoadRunRow | undefined> {
  const r = await client.query(`SELECT ${RUN_COLUMNS.join(', ')} FROM godwit.load_runs WHERE run_key = $1 ORDER BY state = 'running' DESC, id DESC LIMIT 1`, [runKey])
  return r.rows[0] ? toRun(r.rows[0] as Record<string, unknown>) : undefined
}

/** An unfinished run of another selection that writes some of the same target tables. */
export interface OverlappingRun {
  readonly run: LoadRunRow
  /** Target tables both would write, `schema.table`. */
  readonly tables: readonly string[]
}

export async function overlappingRuns(client: pg.ClientBase, runKey: string, targets: readonly { schema: string; name: string }[]): Promise<OverlappingRun[]> {
  const r = await client.query(
    `SELECT ${RUN_COLUMNS.map((c) => `r.${c}`).join(', ')}, array_agg(t.target_schema || '.' || t.target_table ORDER BY t.target_schema, t.target_table) AS shared
       FROM godwit.load_runs r JOIN godwit.load_tables t ON t.run_id = r.id
      WHERE r.state = 'running' AND r.run_key <> $1 AND (t.target_schema, t.target_table) IN (SELECT * FROM unnest($2::text[], $3::text[]))
      GROUP BY r.id ORDER BY r.id`,
    [runKey, targets.map((t) => t.schema), targets.map((t) => t.name)],
  )
  return r.rows.map((x: Record<string, unknown>) => ({ run: toRun(x), tables: x.shared as string[] }))
}

export async function markRunAbandoned(client: pg.ClientBase, runId: number): Promise<void> {
  await client.query(`UPDATE godwit.load_runs SET state = 'abandoned', finished_at = clock_timestamp() WHERE id = $1 AND state = 'running'`, [runId])
}

/** One run as `--list-runs` shows it. */
export interface RunSummary {
  readonly id: number
  readonly state: RunState
  /** Some process works on it now. */
  readonly active: boolean
  readonly selection: readonly string[]
  readonly tables: readonly string[]
  readonly chunks: number
  readonly chunksDone: number
  readonly rows: number
  readonly source: string
  readonly position: SourcePosition
  readonly startedAt: string
  readonly finishedAt?: string
}

export async function listRunSummaries(client: pg.ClientBase): Promise<RunSummary[]> {
  const r = await client.query(
    `SELECT r.id, r.state, r.selection, r.source, r.position, r.created_at, r.finished_at,
            (SELECT coalesce(array_agg(t.schema_name || '.' || t.table_name ORDER BY t.schema_name, t.table_name), '{}') FROM godwit.load_tables t WHERE t.run_id = r.id) AS tables,
            (SELECT count(*) FROM godwit.load_chunks c WHERE c.run_id = r.id) AS chunks,
            (SELECT count(*) FROM godwit.load_chunks c WHERE c.run_id = r.id AND c.state = 'done') AS done,
            (SELECT coalesce(sum(rows), 0) FROM godwit.load_chunks c WHERE c.run_id = r.id) AS rows
       FROM godwit.load_runs r ORDER BY r.id`,
  )
  const active = await activeRuns(client, r.rows.map((x: { id: string }) => Number(x.id)))
  return r.rows.map((x: Record<string, unknown>) => ({
    id: Number(x.id),
    state: x.state as RunState,
    active: active.has(Number(x.id)),
    selection: x.selection as string[],
    tables: x.tables as string[],
    chunks: Number(x.chunks),
    chunksDone: Number(x.done),
    rows: Number(x.rows),
    source: x.source as string,
    position: x.position as SourcePosition,
    startedAt: (x.created_at as Date).toISOString(),
    ...(x.finished_at ? { finishedAt: (x.finished_at as Date).toISOString() } : {}),
  }))
}

/** The positions the run's done chunks were read at, with how many chunks read at each, in order of first use. */
export async function readPositions(client: pg.ClientBase, runId: number): Promise<{ position: SourcePosition; chunks: number }[]> {
  const r = await client.query(
    `SELECT read_at, count(*) AS chunks FROM godwit.load_chunks WHERE run_id = $1 AND state = 'done' AND read_at IS NOT NULL
      GROUP BY read_at ORDER BY min(finished_at)`,
    [runId],
  )
  return r.rows.map((x: { read_at: SourcePosition; chunks: string }) => ({ position: x.read_at, chunks: Number(x.chunks) }))
}

export async function insertRun(
  client: pg.ClientBase,
  run: { runKey: string; source: string; selection: readonly string[]; position: SourcePosition; options: object },
): Promise<number> {
  const r = await client.query(
    `INSERT INTO godwit.load_runs (run_key, source, selection, position, options) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [run.runKey, run.source, run.selection, JSON.stringify(run.position), JSON.stringify(run.options)],
  )
  return Number((r.rows[0] as { id: string }).id)
}

/** `address-range`: a keyless table split by the source's row addresses (Oracle ROWID ranges). */
export type Chunking = 'key-range' | 'whole-small' | 'whole-no-key' | 'address-range'

/** What the run decided for one table; read back as is by every process that joins or resumes. */
export interface LoadTablePlan {
  readonly schema: string
  readonly name: string
  readonly targetSchema: string
  readonly targetName: string
  readonly columns: readonly LoadColumn[]
  readonly key?: readonly string[]
  readonly chunking: Chunking
  readonly transfer: Transfer
}

export async function insertTablePlan(client: pg.ClientBase, runId: number, t: LoadTablePlan, chunks: readonly LoadChunk[]): Promise<void> {
  await client.query(
    `INSERT INTO godwit.load_tables (run_id, schema_name, table_name, target_schema, target_table, columns, key_columns, chunking, transfer)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [runId, t.schema, t.name, t.targetSchema, t.targetName, JSON.stringify(t.columns), t.key ?? null, t.chunking, t.transfer],
  )
  for (const c of chunks) {
    await client.query(
      `INSERT INTO godwit.load_chunks (run_id, schema_name, table_name, seq, lower_bound, upper_bound, estimated_rows)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [runId, c.schema, c.table, c.seq, c.range?.lower ?? null, c.range?.upper ?? null, Math.round(c.estimatedRows)],
    )
  }
}

/** A resumed run adopts what changed on the target since it was planned (columns, transfer). */
export async function updateTablePlan(client: pg.ClientBase, runId: number, t: LoadTablePlan): Promise<void> {
  await client.query(`UPDATE godwit.load_tables SET columns = $4, transfer = $5 WHERE run_id = $1 AND schema_name = $2 AND table_name = $3`, [
    runId,
    t.schema,
    t.name,
    JSON.stringify(t.columns),
    t.transfer,
  ])
}

export async function readTablePlans(client: pg.ClientBase, runId: number): Promise<LoadTablePlan[]> {
  const r = await client.query(
    `SELECT schema_name, table_name, target_schema, target_table, columns, key_columns, chunking, transfer
       FROM godwit.load_tables WHERE run_id = $1 ORDER BY schema_name, table_name`,
    [runId],
  )
  return r.rows.map((row: Record<string, unknown>) => ({
    schema: row.schema_name as string,
    name: row.table_name as string,
    targetSchema: row.target_schema as string,
    targetName: row.target_table as string,
    columns: row.columns as LoadColumn[],
    key: (row.key_columns as string[] | null) ?? undefined,
    chunking: row.chunking as Chunking,
    transfer: row.transfer as Transfer,
  }))
}

/** A chunk as stored: the plan plus its id in the control schema. */
export interface StoredChunk extends LoadChunk {
  readonly id: number
}

function toChunk(row: Record<string, unknown>, key: readonly string[] | undefined): StoredChunk {
  const lower = row.lower_bound as string[] | null
  const upper = row.upper_bound as string[] | null
  const range: KeyRange | undefined = lower || upper ? { ...(lower ? { lower } : {}), ...(upper ? { upper } : {}) } : undefined
  return {
    id: Number(row.id),
    schema: row.schema_name as string,
    table: row.table_name as string,
    seq: row.seq as number,
    ...(key ? { key } : {}),
    ...(range ? { range } : {}),
    estimatedRows: Number(row.estimated_rows),
  }
}

/** Failed chunks of an earlier attempt become pending again: a rerun retries them. */
export async function resetFailedChunks(client: pg.ClientBase, runId: number): Promise<void> {
  await client.query(`UPDATE godwit.load_chunks SET state = 'pending', error = NULL WHERE run_id = $1 AND state = 'failed'`, [runId])
}

/**
 * Claims the largest claimable chunk (see the liveness note at the top) in a short transaction
 * of its own. Tables listed in `skipTables` ('schema.table') have failed in this process.
 */
export async function claimChunk(
  client: pg.ClientBase,
  runId: number,
  worker: string,
  skipTables: readonly string[],
  keys: ReadonlyMap<string, readonly string[] | undefined>,
): Promise<StoredChunk | undefined> {
  const r = await client.query(
    `UPDATE godwit.load_chunks c
        SET state = 'running', claimed_by = $2, heartbeat_at = now(), attempts = attempts + 1, started_at = clock_timestamp()
      WHERE c.id = (
        SELECT id FROM godwit.load_chunks
         WHERE run_id = $1
           AND (state = 'pending' OR (state = 'running' AND heartbeat_at < now() - make_interval(secs => ${CLAIM_GRACE_SECONDS})))
           AND NOT (schema_name || '.' || table_name = ANY ($3::text[]))
         ORDER BY estimated_rows DESC, id
         FOR UPDATE SKIP LOCKED
         LIMIT 1)
      RETURNING c.*`,
    [runId, worker, skipTables],
  )
  const row = r.rows[0] as Record<string, unknown> | undefined
  return row && toChunk(row, keys.get(`${String(row.schema_name)}.${String(row.table_name)}`))
}

/**
 * Inside the chunk's write transaction: locks the chunk row for the rest of the transaction and
 * confirms this worker still owns it (false: another process reclaimed it, so do nothing).
 */
export async function lockClaimedChunk(client: pg.ClientBase, chunkId: number, worker: string): Promise<boolean> {
  try {
    const r = await client.query(
      `SELECT 1 FROM godwit.load_chunks WHERE id = $1 AND state = 'running' AND claimed_by = $2 FOR UPDATE NOWAIT`,
      [chunkId, worker],
    )
    return r.rowCount === 1
  } catch (err) {
    if ((err as { code?: string }).code === '55P03') return false // lock_not_available: a live writer has it
    throw err
  }
}

export interface ChunkOutcome {
  readonly rows: number
  readonly bytes: number
  /** Rows the target could not hold: key, column, value excerpt, reason. */
  readonly rejects: readonly RejectedRow[]
  readonly seconds: number
  readonly readAt: SourcePosition
}

/** Inside the chunk's write transaction, so the state commits with the data. */
export async function markChunkDone(client: pg.ClientBase, chunkId: number, o: ChunkOutcome): Promise<void> {
  await client.query(
    `UPDATE godwit.load_chunks
        SET state = 'done', rows = $2, bytes = $3, rejected = $4, seconds = $5, read_at = $6, finished_at = clock_timestamp(), error = NULL, rejects = $7
      WHERE id = $1`,
    [chunkId, o.rows, o.bytes, o.rejects.length, o.seconds, JSON.stringify(o.readAt), o.rejects.length > 0 ? JSON.stringify(o.rejects) : null],
  )
}

/**
 * Gives a chunk back, only while this worker still holds it: a worker whose attempt failed after
 * its claim went stale must not mark failed a chunk another worker has since loaded (done).
 */
export async function releaseChunk(client: pg.ClientBase, chunkId: number, worker: string, state: 'pending' | 'failed', error?: string): Promise<void> {
  await client.query(`UPDATE godwit.load_chunks SET state = $3, error = $4, claimed_by = NULL WHERE id = $1 AND claimed_by = $2 AND state = 'running'`, [chunkId, worker, state, error ?? null])
}

export interface TableProgress {
  readonly schema: string
  readonly name: string
  readonly chunks: number
  readonly done: number
  readonly failed: number
  readonly running: number
  readonly estimatedRows: number
  readonly rows: number
  readonly bytes: number
  readonly rejected: number
  readonly seconds: number
  readonly errors: readonly string[]
}

/**
 * Per-table totals over the whole run (all processes). `seconds` is the time some chunk of the
 * table was being loaded (the union of its done chunks' intervals), so a run resumed a day later
 * is not charged for the day in between.
 */
export async function runProgress(client: pg.ClientBase, runId: number): Promise<TableProgress[]> {
  const r = await client.query(
    `WITH done AS (
       SELECT schema_name, table_name, started_at AS s, finished_at AS f,
              max(finished_at) OVER (PARTITION BY schema_name, table_name ORDER BY started_at ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
         FROM godwit.load_chunks WHERE run_id = $1 AND state = 'done' AND started_at IS NOT NULL AND finished_at IS NOT NULL),
     islands AS (
       SELECT schema_name, table_name, s, f, count(*) FILTER (WHERE reach IS NULL OR s > reach) OVER (PARTITION BY schema_name, table_name ORDER BY s) AS island FROM done),
     busy AS (
       SELECT schema_name, table_name, sum(seconds) AS seconds
         FROM (SELECT schema_name, table_name, extract(epoch FROM max(f) - min(s)) AS seconds FROM islands GROUP BY schema_name, table_name, island) x
        GROUP BY schema_name, table_name)
     SELECT c.schema_name, c.table_name, count(*) AS chunks,
            count(*) FILTER (WHERE state = 'done') AS done,
            count(*) FILTER (WHERE state = 'failed') AS failed,
            count(*) FILTER (WHERE state = 'running') AS running,
            sum(estimated_rows) AS estimated_rows, coalesce(sum(rows), 0) AS rows, coalesce(sum(bytes), 0) AS bytes, coalesce(sum(rejected), 0) AS rejected,
            coalesce(max(b.seconds), 0) AS seconds,
            coalesce(array_agg(error) FILTER (WHERE error IS NOT NULL), '{}') AS errors
       FROM godwit.load_chunks c LEFT JOIN busy b USING (schema_name, table_name)
      WHERE c.run_id = $1
      GROUP BY c.schema_name, c.table_name ORDER BY c.schema_name, c.table_name`,
    [runId],
  )
  return r.rows.map((row: Record<string, unknown>) => ({
    schema: row.schema_name as string,
    name: row.table_name as string,
    chunks: Number(row.chunks),
    done: Number(row.done),
    failed: Number(row.failed),
    running: Number(row.running),
    estimatedRows: Number(row.estimated_rows),
    rows: Number(row.rows),
    bytes: Number(row.bytes),
    rejected: Number(row.rejected),
    seconds: Number(row.seconds),
    errors: row.errors as string[],
  }))
}

export async function markRunDone(client: pg.ClientBase, runId: number): Promise<void> {
  await client.query(`UPDATE godwit.load_runs SET state = 'done', finished_at = now() WHERE id = $1 AND state = 'running'`, [runId])
}

export interface DeferredObject {
  readonly id: number
  readonly kind: 'index' | 'foreign-key'
  readonly schema: string
  readonly table: string
  readonly name: string
  readonly definition: string
}

export async function insertDeferred(client: pg.ClientBase, runId: number, objects: readonly Omit<DeferredObject, 'id'>[]): Promise<void> {
  for (const o of objects) {
    await client.query(
      `INSERT INTO godwit.load_deferred (run_id, kind, schema_name, table_name, name, definition) VALUES ($1, $2, $3, $4, $5, $6)`,
      [runId, o.kind, o.schema, o.table, o.name, o.definition],
    )
  }
}

/** Deferred objects of a run not yet restored, indexes before foreign keys (an FK may need a unique index). */
export async function pendingDeferred(client: pg.ClientBase, runId: number): Promise<DeferredObject[]> {
  return deferredWhere(client, 'run_id = $1', [runId])
}

/**
 * Deferred objects on these tables that any run took off and none put back (a run that was
 * abandoned, or whose selection changed): a new run over the tables restores them first.
 */
export async function orphanedDeferred(client: pg.ClientBase, tables: readonly { schema: string; name: string }[]): Promise<DeferredObject[]> {
  return deferredWhere(client, '(schema_name, table_name) IN (SELECT * FROM unnest($1::text[], $2::text[]))', [tables.map((t) => t.schema), tables.map((t) => t.name)])
}

async function deferredWhere(client: pg.ClientBase, where: string, params: unknown[]): Promise<DeferredObject[]> {
  const r = await client.query(
    `SELECT id, kind, schema_name, table_name, name, definition FROM godwit.load_deferred
      WHERE ${where} AND restored_at IS NULL ORDER BY kind = 'foreign-key', id`,
    params,
  )
  return r.rows.map((row: Record<string, unknown>) => ({
    id: Number(row.id),
    kind: row.kind as DeferredObject['kind'],
    schema: row.schema_name as string,
    table: row.table_name as string,
    name: row.name as string,
    definition: row.definition as string,
  }))
}

export async function markDeferredRestored(client: pg.ClientBase, id: number): Promise<void> {
  await client.query(`UPDATE godwit.load_deferred SET restored_at = now() WHERE id = $1`, [id])
}

/** Row lock on the run: the one process that finishes the run restores deferred objects. */
export async function lockRun(client: pg.ClientBase, runId: number): Promise<string> {
  const r = await client.query(`SELECT state FROM godwit.load_runs WHERE id = $1 FOR UPDATE`, [runId])
  return (r.rows[0] as { state: string }).state
}
