import type pg from 'pg'
import { migrateStateSchema } from '../../state/migrate-state.js'

/**
 * Cutover's state in the target's `godwit` control schema (docs/cutover.md, "Control schema").
 *
 * - cutover_runs: one row per `godwit cutover` invocation that did not resume another. State
 *   `running` until it ends (`done`, `failed`, `dry-run`); a process that dies leaves it `running`,
 *   and the next invocation continues it at the step it reached.
 * - cutover_steps: one row per step started, with its times, outcome and the facts later steps
 *   and a resumed run need (the frozen position, how the source was frozen, sequence values).
 *
 * One cutover at a time per target: a session advisory lock held by the running process, lost
 * with its session when the process dies. The tables are defined by the versioned control schema
 * (src/state/migrations).
 */
export type CutoverState = 'running' | 'done' | 'failed' | 'dry-run'
export type StepState = 'running' | 'done' | 'failed' | 'skipped'

export interface CutoverRunRow {
  readonly id: number
  readonly source: string
  readonly tables: readonly string[]
  readonly streamId?: number
  readonly loadRunId?: number
  readonly state: CutoverState
  readonly decision?: 'GO' | 'NO-GO'
  readonly options: Record<string, unknown>
  readonly ranBy: string
  readonly startedAt: Date
  readonly finishedAt?: Date
  readonly failure?: { code: string; message: string; exitCode: number }
  readonly result?: unknown
}

export interface CutoverStepRow {
  readonly step: number
  readonly name: string
  readonly state: StepState
  readonly startedAt: Date
  readonly finishedAt?: Date
  /** How many times the step was started: more than 1 after a resume. */
  readonly attempts: number
  readonly outcome?: string
  readonly details?: Record<string, unknown>
}

export async function ensureCutoverControlSchema(client: pg.ClientBase): Promise<void> {
  await migrateStateSchema(client)
}

/** Held by the cutover process's session; false when another cutover runs against this target. */
export async function tryLockCutover(client: pg.ClientBase): Promise<boolean> {
  const r = await client.query(`SELECT pg_try_advisory_lock(hashtext('godwit.cutover')) AS ok`)
  return (r.rows[0] as { ok: boolean }).ok
}

export async function unlockCutover(client: pg.ClientBase): Promise<void> {
  await client.query(`SELECT pg_advisory_unlock(hashtext('godwit.cutover'))`)
}

function toRun(r: Record<string, unknown>): CutoverRunRow {
  const opt = <T>(v: unknown): T | undefined => (v === null || v === undefined ? undefined : (v as T))
  return {
    id: Number(r.id),
    source: r.source as string,
    tables: r.tables as string[],
    streamId: opt<string>(r.stream_id) === undefined ? undefined : Number(r.stream_id),
    loadRunId: opt<string>(r.load_run_id) === undefined ? undefined : Number(r.load_run_id),
    state: r.state as CutoverState,
    decision: opt(r.decision),
    options: r.options as Record<string, unknown>,
    ranBy: r.ran_by as string,
    startedAt: r.started_at as Date,
    finishedAt: opt(r.finished_at),
    failure: opt(r.failure),
    result: opt(r.result),
  }
}

/** The run a crashed cutover left unfinished, if any. */
export async function selectOpenCutover(client: pg.ClientBase): Promise<CutoverRunRow | undefined> {
  const r = await client.query(`SELECT * FROM godwit.cutover_runs WHERE state = 'running' ORDER BY id DESC LIMIT 1`)
  return r.rows[0] ? toRun(r.rows[0] as Record<string, unknown>) : undefined
}

/** The newest cutover run of any state (dry runs included when `withDryRuns`). */
export async function selectLatestCutover(client: pg.ClientBase, withDryRuns = true): Promise<CutoverRunRow | undefined> {
  const r = await client.query(`SELECT * FROM godwit.cutover_runs WHERE $1 OR state <> 'dry-run' ORDER BY id DESC LIMIT 1`, [withDryRuns])
  return r.rows[0] ? toRun(r.rows[0] as Record<string, unknown>) : undefined
}

export interface NewCutoverRun {
  readonly source: string
  readonly tables: readonly string[]
  readonly streamId?: number
  readonly loadRunId?: number
  readonly dryRun: boolean
  readonly options: Record<string, unknown>
  readonly ranBy: string
}

export async function insertCutoverRun(client: pg.ClientBase, n: NewCutoverRun): Promise<CutoverRunRow> {
  const r = await client.query(
    `INSERT INTO godwit.cutover_runs (source, tables, stream_id, load_run_id, state, options, ran_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
    [n.source, n.tables, n.streamId ?? null, n.loadRunId ?? null, n.dryRun ? 'dry-run' : 'running', JSON.stringify(n.options), n.ranBy],
  )
  return toRun(r.rows[0] as Record<string, unknown>)
}

export async function selectCutoverSteps(client: pg.ClientBase, cutoverId: number): Promise<CutoverStepRow[]> {
  const r = await client.query(`SELECT * FROM godwit.cutover_steps WHERE cutover_id = $1 ORDER BY step`, [cutoverId])
  return r.rows.map((row: Record<string, unknown>) => ({
    step: Number(row.step),
    name: row.name as string,
    state: row.state as StepState,
    startedAt: row.started_at as Date,
    finishedAt: (row.finished_at as Date | null) ?? undefined,
    attempts: Number(row.attempts),
    outcome: (row.outcome as string | null) ?? undefined,
    details: (row.details as Record<string, unknown> | null) ?? undefined,
  }))
}

/** A step begins (again, after a crash: its attempt count goes up and its start time is kept). */
export async function markStepStarted(client: pg.ClientBase, cutoverId: number, step: number, name: string): Promise<void> {
  await client.query(
    `INSERT INTO godwit.cutover_steps (cutover_id, step, name, state) VALUES ($1, $2, $3, 'running')
     ON CONFLICT (cutover_id, step) DO UPDATE SET state = 'running', attempts = godwit.cutover_steps.attempts + 1, finished_at = NULL`,
    [cutoverId, step, name],
  )
}

export async function markStepFinished(
  client: pg.ClientBase,
  cutoverId: number,
  step: number,
  name: string,
  state: Exclude<StepState, 'running'>,
  outcome: string,
  details?: Record<string, unknown>,
): Promise<void> {
  await client.query(
    `INSERT INTO godwit.cutover_steps (cutover_id, step, name, state, finished_at, outcome, details) VALUES ($1, $2, $3, $4, now(), $5, $6)
     ON CONFLICT (cutover_id, step) DO UPDATE SET state = $4, finished_at = now(), outcome = $5, details = coalesce($6, godwit.cutover_steps.details)`,
    [cutoverId, step, name, state, outcome, details === undefined ? null : JSON.stringify(details)],
  )
}

/** Facts a step records while it runs (e.g. the freeze, before it reads the position), so an undo after a crash knows them. */
export async function updateStepDetails(client: pg.ClientBase, cutoverId: number, step: number, details: Record<string, unknown>): Promise<void> {
  await client.query(`UPDATE godwit.cutover_steps SET details = coalesce(details, '{}'::jsonb) || $3 WHERE cutover_id = $1 AND step = $2`, [cutoverId, step, JSON.stringify(details)])
}

export async function finishCutoverRun(
  client: pg.ClientBase,
  cutoverId: number,
  f: { state: Exclude<CutoverState, 'running'>; decision?: 'GO' | 'NO-GO'; failure?: { code: string; message: string; exitCode: number }; result: unknown },
): Promise<void> {
  await client.query(`UPDATE godwit.cutover_runs SET state = $2, decision = $3, failure = $4, result = $5, finished_at = now() WHERE id = $1`, [
    cutoverId,
    f.state,
    f.decision ?? null,
    f.failure ? JSON.stringify(f.failure) : null,
    JSON.stringify(f.result),
  ])
}

export interface LoadRunSummary {
  readonly id: number
  readonly state: 'running' | 'done'
  readonly source: string
  readonly createdAt: Date
  readonly finishedAt?: Date
  /** Source `schema.table` → target `schema.table`. */
  readonly tables: ReadonlyArray<{ readonly source: string; readonly target: string }>
}

/** A load run and its tables; the newest finished one when `id` is undefined. */
export async function readLoadRunSummary(client: pg.ClientBase, id?: number): Promise<LoadRunSummary | undefined> {
  const rows = await emptyWhenMissing(
    client
      .query(
        id === undefined
          ? `SELECT id, state, source, created_at, finished_at FROM godwit.load_runs ORDER BY (state = 'done') DESC, id DESC LIMIT 1`
          : `SELECT id, state, source, created_at, finished_at FROM godwit.load_runs WHERE id = $1`,
        id === undefined ? [] : [id],
      )
      .then((r) => r.rows),
  )
  const row = rows[0] as { id: string; state: 'running' | 'done'; source: string; created_at: Date; finished_at: Date | null } | undefined
  if (!row) return undefined
  const t = await client.query(
    `SELECT schema_name || '.' || table_name AS source, target_schema || '.' || target_table AS target FROM godwit.load_tables WHERE run_id = $1 ORDER BY 1`,
    [row.id],
  )
  return { id: Number(row.id), state: row.state, source: row.source, createdAt: row.created_at, finishedAt: row.finished_at ?? undefined, tables: t.rows as { source: string; target: string }[] }
}

/** Control tables not created yet (that phase never ran on this target) read as "nothing recorded". */
export async function emptyWhenMissing<T>(read: Promise<T[]>): Promise<T[]> {
  try {
    return await read
  } catch (err) {
    const code = (err as { code?: string }).code
    if (code === '42P01' || code === '3F000') return []
    throw err
  }
}

/** Whether a cutover process holds the cutover lock on this database now (read from pg_locks, never by taking it). */
export async function cutoverLockHeld(client: pg.ClientBase): Promise<boolean> {
  const r = await client.query(
    `SELECT EXISTS (SELECT 1 FROM pg_locks l JOIN pg_database d ON d.oid = l.database
                     WHERE l.locktype = 'advisory' AND l.objsubid = 1 AND l.granted AND d.datname = current_database()
                       AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtext('godwit.cutover')::bigint) AS held`,
  )
  return (r.rows[0] as { held: boolean }).held
}
