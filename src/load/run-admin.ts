import { StateError } from '../core/errors.js'
import {
  activeRuns,
  inTransaction,
  latestRun,
  listRunSummaries,
  loadControlSchemaExists,
  lockLoadPlanning,
  markRunAbandoned,
  type RunSummary,
} from '../engines/postgres/control-schema-load.js'
import { retainedNameOf, runKeyOf } from './run-key.js'
import { openSourceEngine } from './source-engines.js'
import { connectTarget, openTargetPool } from './target-pool.js'

/** A source and selection, as `godwit load` names a run. */
export interface RunSelector {
  readonly sourceUrl: string
  readonly targetUrl: string
  readonly tables?: readonly string[]
  readonly exclude?: readonly string[]
}

/** What `--drop-slot` or `--abandon` removed from the source (absent: there was nothing to remove). */
export interface DroppedOnSource {
  readonly slot?: string
  readonly publication?: string
}

export interface AbandonResult {
  /** The run marked abandoned; absent when the selection had no unfinished run. */
  readonly runId?: number
  readonly dropped: DroppedOnSource
}

/** Every load run recorded on the target, oldest first (none when no load ever ran there; nothing is created). */
export async function listLoadRuns(targetUrl: string): Promise<RunSummary[]> {
  const pool = openTargetPool(targetUrl, 1)
  try {
    const client = await connectTarget(pool, targetUrl)
    try {
      return (await loadControlSchemaExists(client)) ? await listRunSummaries(client) : []
    } finally {
      client.release()
    }
  } finally {
    await pool.end()
  }
}

/**
 * `--drop-slot`: removes the replication slot and publication the runs of this selection left on
 * the source. Idempotent; refuses (exit 6) while something streams from the slot, or, when the
 * target is given, while a process is loading a run of this selection (CDC would lose its start).
 */
export async function dropLoadSlot(s: Pick<RunSelector, 'sourceUrl' | 'tables' | 'exclude'> & { readonly targetUrl?: string }): Promise<DroppedOnSource> {
  if (s.targetUrl) await refuseWhileLoading(s.targetUrl, runKeyOf(s.sourceUrl, s.tables ?? [], s.exclude ?? []), 'its slot cannot be dropped')
  const source = await openSourceEngine(s.sourceUrl, 1)
  try {
    return (await source.dropRetained?.(retainedNameOf(runKeyOf(s.sourceUrl, s.tables ?? [], s.exclude ?? [])))) ?? {}
  } finally {
    await source.close()
  }
}

/**
 * `--abandon`: marks this selection's unfinished run abandoned (its done chunks stay in the
 * target; the next run of these tables needs --truncate) and drops its slot and publication.
 * Refuses (exit 6) while a process is loading it. Idempotent: with no unfinished run it only
 * makes sure nothing is left on the source.
 */
export async function abandonLoadRun(s: RunSelector): Promise<AbandonResult> {
  const runKey = runKeyOf(s.sourceUrl, s.tables ?? [], s.exclude ?? [])
  const pool = openTargetPool(s.targetUrl, 1)
  let runId: number | undefined
  try {
    const client = await connectTarget(pool, s.targetUrl)
    try {
      if (await loadControlSchemaExists(client)) {
        runId = await inTransaction(client, async () => {
          await lockLoadPlanning(client)
          const run = await latestRun(client, runKey)
          if (run?.state !== 'running') return undefined
          if ((await activeRuns(client, [run.id])).has(run.id)) throw runActive(run.id, 'it cannot be abandoned')
          await markRunAbandoned(client, run.id)
          return run.id
        })
      }
    } finally {
      client.release()
    }
  } finally {
    await pool.end()
  }
  return { ...(runId !== undefined ? { runId } : {}), dropped: await dropLoadSlot(s) }
}

function runActive(runId: number, what: string): StateError {
  return new StateError('LOAD_RUN_ACTIVE', `run ${runId} is being loaded by a process now: ${what}`, {
    object: `run ${runId}`,
    hint: 'Stop that process first (Ctrl-C saves what it loaded), then try again.',
  })
}

async function refuseWhileLoading(targetUrl: string, runKey: string, what: string): Promise<void> {
  const pool = openTargetPool(targetUrl, 1)
  try {
    const client = await connectTarget(pool, targetUrl)
    try {
      if (!(await loadControlSchemaExists(client))) return
      const run = await latestRun(client, runKey)
      if (run?.state === 'running' && (await activeRuns(client, [run.id])).has(run.id)) throw runActive(run.id, what)
    } finally {
      client.release()
    }
  } finally {
    await pool.end()
  }
}
