import type pg from 'pg'
import type { RejectedRow } from '../../values/transcode.js'
import type { Transfer } from '../../load/column-mapping.js'
import type { LoadChunk, LoadColumn, SourcePosition } from '../../load/load-source.js'
import type { KeyRange } from '../../model/key-range.js'

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
 */
export const CLAIM_GRACE_SECONDS = 5

const DDL = `
CREATE SCHEMA IF NOT EXISTS godwit;
CREATE TABLE IF NOT EXISTS godwit.load_runs (
  id          bigserial PRIMARY KEY,
  run_key     text NOT NULL,
  source      text NOT NULL,
  selection   text[] NOT NULL,
  position    jsonb NOT NULL,
  options     jsonb NOT NULL,
  state       text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'done')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE UNIQUE INDEX IF NOT EXISTS load_runs_one_running ON godwit.load_runs (run_key) WHERE state = 'running';
CREATE TABLE IF NOT EXISTS godwit.load_tables (
  run_id        bigint NOT NULL REFERENCES godwit.load_runs (id) ON DELETE CASCADE,
  schema_name   text NOT NULL,
  table_name    text NOT NULL,
  target_schema text NOT NULL,
  target_table  text NOT NULL,
  columns       jsonb NOT NULL,
  key_columns   text[],
  chunking      text NOT NULL CHECK (chunking IN ('key-range', 'whole-small', 'whole-no-key', 'address-range')),
  transfer      text NOT NULL CHECK (transfer IN ('passthrough-binary', 'passthrough-text', 'transcode')),
  PRIMARY KEY (run_id, schema_name, table_name)
);
CREATE TABLE IF NOT EXISTS godwit.load_chunks (
  id             bigserial PRIMARY KEY,
  run_id         bigint NOT NULL,
  schema_name    text NOT NULL,
  table_name     text NOT NULL,
  seq            int NOT NULL,
  lower_bound    text[],
  upper_bound    text[],
  estimated_rows bigint NOT NULL,
  state          text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'done', 'failed')),
  claimed_by     text,
  heartbeat_at   timestamptz,
  attempts       int NOT NULL DEFAULT 0,
  rows           bigint,
  bytes          bigint,
  rejected       bigint NOT NULL DEFAULT 0,
  -- The rejected rows themselves, committed with the chunk: the rejects CSV is written from the
  -- same rows afterwards, and a crash between the two loses nothing.
  rejects        jsonb,
  started_at     timestamptz,
  finished_at    timestamptz,
  seconds        double precision,
  read_at        jsonb,
  error          text,
  UNIQUE (run_id, schema_name, table_name, seq),
  FOREIGN KEY (run_id, schema_name, table_name) REFERENCES godwit.load_tables ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS load_chunks_by_state ON godwit.load_chunks (run_id, state);
CREATE TABLE IF NOT EXISTS godwit.load_deferred (
  id          bigserial PRIMARY KEY,
  run_id      bigint NOT NULL REFERENCES godwit.load_runs (id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('index', 'foreign-key')),
  schema_name text NOT NULL,
  table_name  text NOT NULL,
  name        text NOT NULL,
  definition  text NOT NULL,
  restored_at timestamptz
);
`

/** Creates the control schema's load tables if absent; safe when several processes start at once. */
export async function ensureLoadControlSchema(client: pg.ClientBase): Promise<void> {
  await inTransaction(client, async () => {
    // Concurrent CREATE … IF NOT EXISTS can still collide on the catalog; serialise it.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('godwit.control-schema'))`)
    await client.query(DDL)
  })
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

export interface LoadRunRow {
  readonly id: number
  readonly position: SourcePosition
  readonly createdAt: Date
}

/** Serialises run creation for one run key across processes (held until the transaction ends). */
export async function lockRunKey(client: pg.ClientBase, runKey: string): Promise<void> {
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('godwit.load:' || $1))`, [runKey])
}

export async function findRunningRun(client: pg.ClientBase, runKey: string): Promise<LoadRunRow | undefined> {
  const r = await client.query(`SELECT id, position, created_at FROM godwit.load_runs WHERE run_key = $1 AND state = 'running'`, [runKey])
  const row = r.rows[0] as { id: string; position: SourcePosition; created_at: Date } | undefined
  return row && { id: Number(row.id), position: row.position, createdAt: row.created_at }
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
        SET state = 'running', claimed_by = $2, heartbeat_at = now(), attempts = attempts + 1, started_at = now()
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
        SET state = 'done', rows = $2, bytes = $3, rejected = $4, seconds = $5, read_at = $6, finished_at = now(), error = NULL, rejects = $7
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

/** Per-table totals over the whole run (all processes). `seconds` is first start to last finish. */
export async function runProgress(client: pg.ClientBase, runId: number): Promise<TableProgress[]> {
  const r = await client.query(
    `SELECT schema_name, table_name, count(*) AS chunks,
            count(*) FILTER (WHERE state = 'done') AS done,
            count(*) FILTER (WHERE state = 'failed') AS failed,
            count(*) FILTER (WHERE state = 'running') AS running,
            sum(estimated_rows) AS estimated_rows, coalesce(sum(rows), 0) AS rows, coalesce(sum(bytes), 0) AS bytes, coalesce(sum(rejected), 0) AS rejected,
            coalesce(extract(epoch FROM max(finished_at) - min(started_at)), 0) AS seconds,
            coalesce(array_agg(error) FILTER (WHERE error IS NOT NULL), '{}') AS errors
       FROM godwit.load_chunks WHERE run_id = $1
      GROUP BY schema_name, table_name ORDER BY schema_name, table_name`,
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
