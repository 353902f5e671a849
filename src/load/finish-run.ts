import type pg from 'pg'
import { inTransaction, lockRun, markDeferredRestored, markRunDone, pendingDeferred, readTablePlans } from '../engines/postgres/control-schema-load.js'
import type { LoadEvent } from './load-events.js'
import type { LoadTarget } from './load-target.js'

/**
 * Closes a run whose chunks are all done: rebuilds what --defer-indexes dropped, then marks the
 * run done, in one transaction (PostgreSQL DDL is transactional): a crash here leaves the run
 * running with its objects still recorded, and the next process to finish it rebuilds them. The
 * run row's lock makes one process do it when several finish at once. A target that stages its
 * rows (Redshift) loads them here, each table once (its own bookkeeping says which are loaded).
 */
export async function finishRun(client: pg.ClientBase, runId: number, target: LoadTarget, emit: (e: LoadEvent) => void): Promise<void> {
  await inTransaction(client, async () => {
    if ((await lockRun(client, runId)) !== 'running') return
    const pending = target.deferred ? await pendingDeferred(client, runId) : []
    if (pending.length > 0) emit({ kind: 'restoring', objects: pending.length })
    for (const o of pending) {
      await target.deferred?.restore(client, o)
      await markDeferredRestored(client, o.id)
    }
    await target.finishTables(client, await readTablePlans(client, runId), emit)
    await markRunDone(client, runId)
  })
}
