import type pg from 'pg'
import { migrateStateSchema } from '../../state/migrate-state.js'

/**
 * CDC's state in the target's `godwit` control schema (docs/cdc.md, "Control schema").
 *
 * - cdc_streams: one row per load run that cdc continues; the status a running `godwit cdc`
 *   refreshes about once a second (lag, positions, heartbeat), and the stop request cutover writes.
 * - cdc_checkpoint: the applied position, written in the SAME target transaction as the changes
 *   it covers, so a restart after kill -9 resumes exactly after the last applied change. Kept
 *   apart from cdc_streams so status updates and stop requests never wait on an apply transaction.
 * - cdc_lag_samples: one row per status tick, for the cutover gate and `godwit status`.
 * - cdc_dead_letters: changes `--on-error dead-letter` could not apply; cutover refuses while any exist.
 *
 * Positions are text in the source's own notation (PostgreSQL LSN `16/B374D848`, Oracle SCN
 * digits); compare them with `comparePositions` (src/model/change-position.ts), not as strings.
 * The tables are defined by the versioned control schema (src/state/migrations).
 */
export type StreamState = 'running' | 'stopping' | 'stopped' | 'failed'

/** A row of godwit.cdc_streams, as the API returns it. */
export interface CdcStreamRow {
  readonly id: number
  readonly loadRunId: number
  /** Source URL with the password redacted. */
  readonly source: string
  readonly sourceEngine: 'postgres' | 'oracle' | 'teradata'
  readonly slot?: string
  readonly publication?: string
  readonly tables: readonly string[]
  readonly state: StreamState
  /** The load's position: where the stream began. */
  readonly startPosition: string
  /** End of the last source transaction applied to the target (the checkpoint's position). */
  readonly appliedPosition?: string
  /** Source commit time of that transaction. */
  readonly appliedCommitTime?: Date
  /** Newest source position cdc has seen (the source's current WAL LSN / SCN). */
  readonly sourcePosition?: string
  readonly sourcePositionAt?: Date
  /** now − source commit time of the last applied change, at the last status tick. */
  readonly lagMs?: number
  /** Source position − applied position, in bytes (PostgreSQL) or SCNs (Oracle). */
  readonly bytesBehind?: number
  /** WAL the slot keeps on the source (PostgreSQL). */
  readonly retainedWalBytes?: number
  readonly eventsApplied: number
  readonly transactionsApplied: number
  /** Last status tick of the running process: a running stream whose heartbeat is old has died. */
  readonly heartbeatAt?: Date
  readonly host?: string
  readonly pid?: number
  readonly stopRequestedPosition?: string
  readonly stopRequestedAt?: Date
  readonly stoppedPosition?: string
  readonly stoppedAt?: Date
  readonly error?: string
  readonly errorCode?: string
  readonly updatedAt: Date
}

/** The tables above live in the versioned control schema (src/state): brought to this release's version. */
export async function ensureCdcControlSchema(client: pg.ClientBase): Promise<void> {
  await migrateStateSchema(client)
}

function opt<T>(v: T | null): T | undefined {
  return v === null ? undefined : v
}

function num(v: string | number | null): number | undefined {
  return v === null ? undefined : Number(v)
}

function toStreamRow(r: Record<string, unknown>): CdcStreamRow {
  const g = <T>(k: string) => r[k] as T
  return {
    id: Number(g('id')),
    loadRunId: Number(g('load_run_id')),
    source: g('source'),
    sourceEngine: g('source_engine'),
    slot: opt(g('slot')),
    publication: opt(g('publication')),
    tables: g('tables'),
    state: g('state'),
    startPosition: g('start_position'),
    appliedPosition: opt(g('applied_position')),
    appliedCommitTime: opt(g('applied_commit_time')),
    sourcePosition: opt(g('source_position')),
    sourcePositionAt: opt(g('source_position_at')),
    lagMs: num(g('lag_ms')),
    bytesBehind: num(g('bytes_behind')),
    retainedWalBytes: num(g('retained_wal_bytes')),
    eventsApplied: Number(g('events_applied')),
    transactionsApplied: Number(g('transactions_applied')),
    heartbeatAt: opt(g('heartbeat_at')),
    host: opt(g('host')),
    pid: opt(g('pid')),
    stopRequestedPosition: opt(g('stop_requested_position')),
    stopRequestedAt: opt(g('stop_requested_at')),
    stoppedPosition: opt(g('stopped_position')),
    stoppedAt: opt(g('stopped_at')),
    error: opt(g('error')),
    errorCode: opt(g('error_code')),
    updatedAt: g('updated_at'),
  }
}

/** One stream by id, or all streams (newest first) when `id` is undefined. */
export async function selectStreams(client: pg.ClientBase, id?: number): Promise<CdcStreamRow[]> {
  const r = id === undefined
    ? await client.query(`SELECT * FROM godwit.cdc_streams ORDER BY id DESC`)
    : await client.query(`SELECT * FROM godwit.cdc_streams WHERE id = $1`, [id])
  return r.rows.map(toStreamRow)
}

export async function selectStreamOfRun(client: pg.ClientBase, loadRunId: number): Promise<CdcStreamRow | undefined> {
  const r = await client.query(`SELECT * FROM godwit.cdc_streams WHERE load_run_id = $1`, [loadRunId])
  return r.rows[0] ? toStreamRow(r.rows[0] as Record<string, unknown>) : undefined
}

export type NewStream = Pick<CdcStreamRow, 'loadRunId' | 'source' | 'sourceEngine' | 'slot' | 'publication' | 'tables' | 'startPosition'>

/** The stream of a load run, created with its checkpoint at the load's position when absent. */
export async function insertStreamIfAbsent(client: pg.ClientBase, s: NewStream): Promise<CdcStreamRow> {
  await client.query('BEGIN')
  try {
    await client.query(
      `INSERT INTO godwit.cdc_streams (load_run_id, source, source_engine, slot, publication, tables, start_position)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (load_run_id) DO NOTHING`,
      [s.loadRunId, s.source, s.sourceEngine, s.slot ?? null, s.publication ?? null, s.tables, s.startPosition],
    )
    const row = (await selectStreamOfRun(client, s.loadRunId))!
    await client.query(`INSERT INTO godwit.cdc_checkpoint (stream_id, position) VALUES ($1, $2) ON CONFLICT (stream_id) DO NOTHING`, [row.id, s.startPosition])
    await client.query('COMMIT')
    return row
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw err
  }
}

/**
 * One cdc process per stream: a session-level advisory lock held by the process's status
 * connection. A process that dies (kill -9) loses its session and with it the lock.
 */
export async function tryLockStream(client: pg.ClientBase, streamId: number): Promise<boolean> {
  const r = await client.query(`SELECT pg_try_advisory_lock(hashtext('godwit.cdc'), $1::int) AS ok`, [streamId])
  return (r.rows[0] as { ok: boolean }).ok
}

export async function markStreamRunning(client: pg.ClientBase, streamId: number, host: string, pid: number): Promise<void> {
  await client.query(
    `UPDATE godwit.cdc_streams SET state = 'running', host = $2, pid = $3, heartbeat_at = now(), error = NULL, error_code = NULL,
            stopped_position = NULL, stopped_at = NULL, updated_at = now() WHERE id = $1`,
    [streamId, host, pid],
  )
}

export interface StreamTick {
  readonly appliedPosition: string
  readonly appliedCommitTime?: Date
  readonly sourcePosition?: string
  readonly lagMs?: number
  readonly bytesBehind?: number
  readonly retainedWalBytes?: number
  readonly eventsApplied: number
  readonly transactionsApplied: number
  readonly eventsPerSec: number
}

/** The running process's status, once per tick; also records the lag sample. Returns the pending stop request. */
export async function recordTick(client: pg.ClientBase, streamId: number, t: StreamTick): Promise<string | undefined> {
  const r = await client.query(
    `WITH s AS (
       UPDATE godwit.cdc_streams SET applied_position = $2, applied_commit_time = $3, source_position = coalesce($4, source_position),
              source_position_at = CASE WHEN $4::text IS NULL THEN source_position_at ELSE now() END,
              lag_ms = $5, bytes_behind = $6, retained_wal_bytes = $7, events_applied = $8, transactions_applied = $9,
              heartbeat_at = now(), updated_at = now()
        WHERE id = $1 RETURNING stop_requested_position),
     l AS (INSERT INTO godwit.cdc_lag_samples (stream_id, lag_ms, events_per_sec, bytes_behind, retained_wal_bytes, applied_position)
           VALUES ($1, $5, $10, $6, $7, $2))
     SELECT stop_requested_position FROM s`,
    [streamId, t.appliedPosition, t.appliedCommitTime ?? null, t.sourcePosition ?? null, t.lagMs === undefined ? null : Math.round(t.lagMs),
      t.bytesBehind ?? null, t.retainedWalBytes ?? null, t.eventsApplied, t.transactionsApplied, t.eventsPerSec],
  )
  return opt((r.rows[0] as { stop_requested_position: string | null } | undefined)?.stop_requested_position ?? null)
}

export async function markStreamStopped(client: pg.ClientBase, streamId: number, stoppedPosition: string | undefined): Promise<void> {
  await client.query(
    `UPDATE godwit.cdc_streams SET state = 'stopped', stopped_position = $2, stopped_at = CASE WHEN $2::text IS NULL THEN NULL ELSE now() END,
            heartbeat_at = now(), updated_at = now() WHERE id = $1`,
    [streamId, stoppedPosition ?? null],
  )
}

export async function markStreamFailed(client: pg.ClientBase, streamId: number, code: string, message: string): Promise<void> {
  await client.query(
    `UPDATE godwit.cdc_streams SET state = 'failed', error_code = $2, error = $3, heartbeat_at = now(), updated_at = now() WHERE id = $1`,
    [streamId, code, message],
  )
}

/** Cutover's request: apply everything up to `position`, record it, exit. */
export async function updateStopRequest(client: pg.ClientBase, streamId: number, position: string): Promise<void> {
  const r = await client.query(
    `UPDATE godwit.cdc_streams SET stop_requested_position = $2, stop_requested_at = now(),
            state = CASE WHEN state = 'running' THEN 'stopping' ELSE state END, updated_at = now() WHERE id = $1`,
    [streamId, position],
  )
  if (r.rowCount !== 1) throw new Error(`no cdc stream with id ${streamId}`)
}

/** Undoes updateStopRequest: a stream still stopping is running again. */
export async function clearStopRequest(client: pg.ClientBase, streamId: number): Promise<void> {
  await client.query(
    `UPDATE godwit.cdc_streams SET stop_requested_position = NULL, stop_requested_at = NULL,
            state = CASE WHEN state = 'stopping' THEN 'running' ELSE state END, updated_at = now() WHERE id = $1`,
    [streamId],
  )
}

export interface CdcCheckpoint {
  /** End position of the last whole source transaction applied. */
  readonly position: string
  readonly commitTime?: Date
  readonly txId?: string
  /**
   * A source transaction too big for one batch is applied in pieces: its commit position (PG:
   * the BEGIN message's final LSN) and how many of its changes are applied. A restart skips that
   * many changes of that transaction, then continues it.
   */
  readonly partialTx?: string
  readonly partialEvents: number
  /**
   * Where a restart must read the source from so no transaction still open at `position` loses
   * its first changes (Oracle: the start SCN of the oldest one, less one); undefined: `position`.
   */
  readonly restartPosition?: string
  readonly events: number
  readonly transactions: number
}

export async function selectCheckpoint(client: pg.ClientBase, streamId: number): Promise<CdcCheckpoint | undefined> {
  const r = await client.query(`SELECT * FROM godwit.cdc_checkpoint WHERE stream_id = $1`, [streamId])
  const row = r.rows[0] as Record<string, unknown> | undefined
  return row ? checkpointOfRow(row) : undefined
}

/** A checkpoint row (this table's columns; a target's own checkpoint table has the same ones). */
export function checkpointOfRow(row: Record<string, unknown>): CdcCheckpoint {
  return {
    position: row.position as string,
    commitTime: opt(row.commit_time as Date | null),
    txId: opt(row.tx_id as string | null),
    partialTx: opt(row.partial_tx as string | null),
    partialEvents: Number(row.partial_events),
    restartPosition: opt(row.restart_position as string | null),
    events: Number(row.events),
    transactions: Number(row.transactions),
  }
}

/** Inside the apply transaction, after the batch's changes: they commit together. */
export async function updateCheckpoint(client: pg.ClientBase, streamId: number, c: CdcCheckpoint): Promise<void> {
  await client.query(
    `UPDATE godwit.cdc_checkpoint SET position = $2, commit_time = $3, tx_id = $4, partial_tx = $5, partial_events = $6,
            events = $7, transactions = $8, restart_position = $9, updated_at = now() WHERE stream_id = $1`,
    [streamId, c.position, c.commitTime ?? null, c.txId ?? null, c.partialTx ?? null, c.partialEvents, c.events, c.transactions, c.restartPosition ?? null],
  )
}

export interface DeadLetter {
  readonly table: string
  readonly op: string
  readonly key?: Record<string, string | null>
  readonly row?: Record<string, string | null>
  readonly position: string
  readonly txId?: string
  readonly errorCode?: string
  readonly error: string
}

/** Inside the apply transaction: dead letters commit with the batch they were taken out of. */
export async function insertDeadLetters(client: pg.ClientBase, streamId: number, letters: readonly DeadLetter[]): Promise<void> {
  for (const d of letters) {
    await client.query(
      `INSERT INTO godwit.cdc_dead_letters (stream_id, table_name, op, key, row_data, position, tx_id, error_code, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [streamId, d.table, d.op, d.key ? JSON.stringify(d.key) : null, d.row ? JSON.stringify(d.row) : null, d.position, d.txId ?? null, d.errorCode ?? null, d.error],
    )
  }
}

export async function countDeadLetterRows(client: pg.ClientBase, streamId?: number): Promise<number> {
  const r = streamId === undefined
    ? await client.query(`SELECT count(*) AS n FROM godwit.cdc_dead_letters`)
    : await client.query(`SELECT count(*) AS n FROM godwit.cdc_dead_letters WHERE stream_id = $1`, [streamId])
  return Number((r.rows[0] as { n: string }).n)
}

export interface LagSample {
  readonly at: Date
  readonly lagMs?: number
  readonly eventsPerSec: number
  readonly bytesBehind?: number
  readonly retainedWalBytes?: number
  readonly appliedPosition?: string
}

export async function selectLagSamples(client: pg.ClientBase, streamId: number, since: Date): Promise<LagSample[]> {
  const r = await client.query(
    `SELECT at, lag_ms, events_per_sec, bytes_behind, retained_wal_bytes, applied_position FROM godwit.cdc_lag_samples
      WHERE stream_id = $1 AND at >= $2 ORDER BY at`,
    [streamId, since],
  )
  return r.rows.map((row: Record<string, unknown>) => ({
    at: row.at as Date,
    lagMs: num(row.lag_ms as string | null),
    eventsPerSec: Number(row.events_per_sec),
    bytesBehind: num(row.bytes_behind as string | null),
    retainedWalBytes: num(row.retained_wal_bytes as string | null),
    appliedPosition: opt(row.applied_position as string | null),
  }))
}

/** A load run as cdc reads it from godwit.load_runs (owned by the load). */
export interface LoadRunForCdc {
  readonly id: number
  readonly runKey: string
  readonly state: string
  readonly selection: readonly string[]
  readonly position: { readonly engine: 'postgres' | 'oracle' | 'teradata'; readonly slot?: string; readonly publication?: string; readonly lsn?: string; readonly scn?: string; readonly oldestOpenScn?: string; readonly sourceTime?: string }
  /** The cutover whose fall-back stream this run is (src/cdc/fallback-stream.ts): cdc then replicates back. */
  readonly fallbackOfCutover?: number
}

/** The run with this id, or the newest finished run with this run key. */
export async function selectLoadRun(client: pg.ClientBase, by: { readonly id: number } | { readonly runKey: string }): Promise<LoadRunForCdc | undefined> {
  const r = 'id' in by
    ? await client.query(`SELECT id, run_key, state, selection, position, options->>'fallbackOfCutover' AS fallback_of FROM godwit.load_runs WHERE id = $1`, [by.id])
    : await client.query(`SELECT id, run_key, state, selection, position, options->>'fallbackOfCutover' AS fallback_of FROM godwit.load_runs WHERE run_key = $1 AND state = 'done' ORDER BY id DESC LIMIT 1`, [by.runKey])
  const row = r.rows[0] as { id: string; run_key: string; state: string; selection: string[]; position: LoadRunForCdc['position']; fallback_of: string | null } | undefined
  return row && { id: Number(row.id), runKey: row.run_key, state: row.state, selection: row.selection, position: row.position, ...(row.fallback_of !== null ? { fallbackOfCutover: Number(row.fallback_of) } : {}) }
}
