import type pg from 'pg'
import { chooseTransfer } from '../../load/column-mapping.js'
import type { ChunkWrite, LoadTarget } from '../../load/load-target.js'
import { pairTargetTables } from '../../load/target-tables.js'
import { transcodeToCopyBinary } from '../../values/transcode.js'
import { PgTableNotFoundError, readPgTable } from './pg-catalog.js'
import { copyIntoTarget, emptyTargetTables } from './pg-copy-writer.js'
import { generatedColumns } from './pg-generated-columns.js'
import { dropDeferred, readDeferrable, restoreDeferred } from './pg-target-deferred.js'
import { blockingForeignKeys, nonEmptyTables } from './pg-target-state.js'

export const NO_REPLICA_ROLE_WARNING =
  "the target user may not set session_replication_role: the target tables' triggers fire and their foreign keys are checked while loading " +
  '(load as a superuser, grant SET on that parameter, or use --defer-indexes to drop foreign keys during the load)'

/** Whether the target user may skip triggers and FK checks while loading, as pg_restore --disable-triggers does. */
export async function canUseReplicaRole(client: pg.ClientBase): Promise<boolean> {
  try {
    await client.query('SET session_replication_role = replica')
    await client.query('RESET session_replication_role')
    return true
  } catch {
    return false
  }
}

/**
 * A PostgreSQL target: it is also the state database, so every call runs on the state connection
 * it is given and a chunk's COPY commits in the same transaction as its done mark.
 */
export class PgLoadTarget implements LoadTarget {
  readonly engine = 'postgres'
  /** Load with session_replication_role = replica: the target's triggers and FK checks do not fire (pg_restore, pgcopydb). */
  private replicaRole = false

  async start(state: pg.ClientBase): Promise<string[]> {
    this.replicaRole = await canUseReplicaRole(state)
    return this.replicaRole ? [] : [NO_REPLICA_ROLE_WARNING]
  }

  findTables(state: pg.ClientBase, tables: Parameters<LoadTarget['findTables']>[1]) {
    return pairTargetTables(tables, (schema, name) =>
      readPgTable(state, schema, name, 'target').catch((err: unknown) => {
        if (err instanceof PgTableNotFoundError) return undefined
        throw err
      }),
    )
  }

  generatedColumns = generatedColumns
  chooseTransfer = chooseTransfer
  nonEmptyTables = nonEmptyTables
  blockingForeignKeys = blockingForeignKeys
  emptyTables = emptyTargetTables
  readonly deferred = { read: readDeferrable, drop: dropDeferred, restore: restoreDeferred }

  newRunOptions(): Record<string, unknown> {
    return {}
  }

  bindRun(): void {}

  async writeChunk(state: pg.ClientBase, w: ChunkWrite): Promise<{ rows: number; bytes: number }> {
    const { plan, chunk, at, source } = w
    if (this.replicaRole) await state.query(`SET LOCAL session_replication_role = replica`)
    // Appends only: the run's target tables were empty or emptied (--truncate) when it was planned.
    const target = { schema: plan.targetSchema, name: plan.targetName, columns: plan.columns.map((c) => c.targetName) }
    let format: 'binary' | 'text' = 'binary'
    let input
    if (plan.transfer !== 'transcode' && source.copyOut) {
      format = plan.transfer === 'passthrough-binary' ? 'binary' : 'text'
      input = (await source.copyOut(chunk, plan.columns, at, format)).stream
    } else {
      const rows = source.readChunkRows(chunk, plan.columns, at)
      const encoded = transcodeToCopyBinary(rows, plan.columns, plan.key ?? [], (r) => {
        try {
          w.onReject(r)
        } catch (err) {
          encoded.destroy(err as Error)
        }
      })
      input = encoded
    }
    let bytes = 0
    try {
      const rows = await copyIntoTarget(state, target, format, input, (n) => {
        bytes += n
        w.onBytes(n)
      })
      return { rows, bytes }
    } catch (err) {
      input.destroy()
      throw err
    }
  }

  async finishTables(): Promise<void> {}

  async close(): Promise<void> {}
}
