import type pg from 'pg'
import { inTransaction, lockRun, markDeferredRestored, markRunDone, pendingDeferred } from '../engines/postgres/control-schema-load.js'
import { restoreDeferred } from '../engines/postgres/pg-target-deferred.js'
import type { LoadEvent } from './load-events.js'

/**
 * Closes a run whose chunks are all done: rebuilds what --defer-indexes dropped, then marks the
 * run done, in one transaction (PostgreSQL DDL is transactional): a crash here leaves the run
 * running with its objects still recorded, and the next process to finish it rebuilds them. The
 * run row's lock makes one process do it when several finish at once.
 */
export async function finishRun(client: pg.ClientBase, runId: number, emit: (e: LoadEvent) => void): Promise<void> {
  await inTransaction(client, async () => {
    if ((await lockRun(client, runId)) !== 'running') return
    const pending = await pendingDeferred(client, runId)
    if (pending.length > 0) emit({ kind: 'restoring', objects: pending.length })
    for (const o of pending) {
      await restoreDeferred(client, o)
      await markDeferredRestored(client, o.id)
    }
    await markRunDone(client, runId)
  })
}
