import type pg from 'pg'
import { GodwitError, UsageError } from '../core/errors.js'
import { EXIT } from '../core/exit-codes.js'
import {
  clearStopRequest,
  countDeadLetterRows,
  ensureCdcControlSchema,
  selectLagSamples,
  selectStreamOfRun,
  selectStreams,
  updateStopRequest,
  type CdcStreamRow,
  type LagSample,
} from '../engines/postgres/control-schema-cdc.js'
import { comparePositions } from '../model/change-position.js'

export type { CdcStreamRow, LagSample, StreamState } from '../engines/postgres/control-schema-cdc.js'

/**
 * The API other phases (cutover, status) use to watch and steer `godwit cdc` through the target's
 * control schema (docs/cdc.md, "Control schema"). Every function takes a connected client on the
 * target database; none needs the cdc process to be reachable in any other way.
 */

/** A running stream whose process has not refreshed its status for this long is considered dead. */
export const STREAM_ALIVE_WITHIN_MS = 10_000

export interface CdcStreamStatus extends CdcStreamRow {
  /** state is running/stopping and the process refreshed its heartbeat within STREAM_ALIVE_WITHIN_MS. */
  readonly alive: boolean
}

function isMissingSchema(err: unknown): boolean {
  const code = (err as { code?: string }).code
  return code === '42P01' || code === '3F000'
}

function withAlive(row: CdcStreamRow, now = Date.now()): CdcStreamStatus {
  const fresh = row.heartbeatAt !== undefined && now - row.heartbeatAt.getTime() <= STREAM_ALIVE_WITHIN_MS
  return { ...row, alive: (row.state === 'running' || row.state === 'stopping') && fresh }
}

/** Every stream, newest first (empty when cdc never ran against this target). */
export async function readStreamStatuses(target: pg.ClientBase): Promise<CdcStreamStatus[]> {
  try {
    return (await selectStreams(target)).map((r) => withAlive(r))
  } catch (err) {
    if (isMissingSchema(err)) return []
    throw err
  }
}

/** One stream by id; undefined when it does not exist. */
export async function readStreamStatus(target: pg.ClientBase, streamId: number): Promise<CdcStreamStatus | undefined> {
  try {
    const [row] = await selectStreams(target, streamId)
    return row && withAlive(row)
  } catch (err) {
    if (isMissingSchema(err)) return undefined
    throw err
  }
}

/** The stream continuing a given load run, if cdc has started on it. */
export async function readStreamOfLoadRun(target: pg.ClientBase, loadRunId: number): Promise<CdcStreamStatus | undefined> {
  try {
    const row = await selectStreamOfRun(target, loadRunId)
    return row && withAlive(row)
  } catch (err) {
    if (isMissingSchema(err)) return undefined
    throw err
  }
}

/**
 * Asks the stream to stop once every source transaction that committed at or before `position`
 * is applied (PostgreSQL: an LSN such as `pg_current_wal_lsn()` read after freezing writes;
 * Oracle: an SCN). The running process sees the request within about a second, applies up to
 * there, records `stopped_position` (≥ position) and exits 0. A stream not running at the time
 * stops there the next time it is started.
 */
export async function requestStop(target: pg.ClientBase, streamId: number, position: string): Promise<void> {
  await ensureCdcControlSchema(target)
  const [row] = await selectStreams(target, streamId)
  if (!row) throw new UsageError('CDC_NO_STREAM', `no cdc stream with id ${streamId}`, { hint: 'List streams with readStreamStatuses() or godwit cdc --status.' })
  comparePositions(row.sourceEngine, position, position) // validates the notation before storing it
  await updateStopRequest(target, streamId, position)
}

/**
 * Withdraws a stop request (cutover gave up after asking cdc to drain): a stream still running
 * goes on applying, and one that already stopped at the request continues from its checkpoint
 * when started again. Returns whether a request was pending.
 */
export async function withdrawStop(target: pg.ClientBase, streamId: number): Promise<boolean> {
  await ensureCdcControlSchema(target)
  const [row] = await selectStreams(target, streamId)
  if (!row) throw new UsageError('CDC_NO_STREAM', `no cdc stream with id ${streamId}`, { hint: 'List streams with readStreamStatuses() or godwit status.' })
  await clearStopRequest(target, streamId)
  return row.stopRequestedPosition !== undefined
}

export class CdcWaitError extends GodwitError {}

/**
 * Waits until the stream has stopped at or after `position` (state stopped, stopped_position ≥
 * position). Throws CDC_STREAM_FAILED (exit 5) when the stream failed, CDC_STREAM_DEAD (exit 6)
 * when its process stopped refreshing its heartbeat before getting there, and CDC_STOP_TIMEOUT
 * (exit 69) after `timeoutMs`.
 */
export async function waitUntilStopped(
  target: pg.ClientBase,
  streamId: number,
  position: string,
  options: { readonly timeoutMs: number; readonly pollMs?: number; readonly signal?: AbortSignal },
): Promise<CdcStreamStatus> {
  const deadline = Date.now() + options.timeoutMs
  for (;;) {
    const s = await readStreamStatus(target, streamId)
    if (!s) throw new UsageError('CDC_NO_STREAM', `no cdc stream with id ${streamId}`)
    if (s.state === 'stopped' && s.stoppedPosition !== undefined && comparePositions(s.sourceEngine, s.stoppedPosition, position) >= 0) return s
    if (s.state === 'failed') {
      throw new CdcWaitError('CDC_STREAM_FAILED', `cdc stream ${streamId} failed before reaching ${position}: ${s.errorCode ?? ''} ${s.error ?? ''}`.trim(), EXIT.target, {
        object: `cdc stream ${streamId}`,
        hint: 'Fix the cause shown, restart godwit cdc (it resumes from its checkpoint), then wait again.',
      })
    }
    if (s.state !== 'stopped' && !s.alive && s.heartbeatAt !== undefined) {
      throw new CdcWaitError('CDC_STREAM_DEAD', `cdc stream ${streamId} is ${s.state} but its process has not reported since ${s.heartbeatAt.toISOString()}`, EXIT.stateConflict, {
        object: `cdc stream ${streamId}`,
        hint: 'Start godwit cdc again: it resumes from its checkpoint and honours the stop request.',
      })
    }
    if (Date.now() >= deadline) {
      throw new CdcWaitError('CDC_STOP_TIMEOUT', `cdc stream ${streamId} did not stop at ${position} within ${options.timeoutMs} ms (applied ${s.appliedPosition ?? 'nothing yet'}, lag ${s.lagMs ?? '?'} ms)`, EXIT.timedOut, {
        object: `cdc stream ${streamId}`,
      })
    }
    if (options.signal?.aborted) throw options.signal.reason
    await new Promise((r) => setTimeout(r, Math.min(options.pollMs ?? 250, Math.max(0, deadline - Date.now()))))
  }
}

/** Changes set aside by `--on-error dead-letter` (all streams when streamId is undefined). Cutover refuses while this is not 0. */
export async function countDeadLetters(target: pg.ClientBase, streamId?: number): Promise<number> {
  try {
    return await countDeadLetterRows(target, streamId)
  } catch (err) {
    if (isMissingSchema(err)) return 0
    throw err
  }
}

/** Lag samples (about one a second while cdc runs) since `since`, oldest first. */
export async function readLagSamples(target: pg.ClientBase, streamId: number, since: Date): Promise<LagSample[]> {
  try {
    return await selectLagSamples(target, streamId, since)
  } catch (err) {
    if (isMissingSchema(err)) return []
    throw err
  }
}
