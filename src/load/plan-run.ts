import type pg from 'pg'
import { UsageError } from '../core/errors.js'
import { insertDeferred, insertRun, insertTablePlan, markDeferredRestored, orphanedDeferred, type Chunking } from '../engines/postgres/control-schema-load.js'
import { PgTableNotFoundError, readPgTable, type PgTableInfo } from '../engines/postgres/pg-catalog.js'
import { emptyTargetTables } from '../engines/postgres/pg-copy-writer.js'
import { dropDeferred, readDeferrable, restoreDeferred } from '../engines/postgres/pg-target-deferred.js'
import { chooseTransfer, mapColumns } from './column-mapping.js'
import type { HeldPosition, LoadSourceEngine, SourceTable } from './source-engine.js'

export interface RunPlanOptions {
  readonly runKey: string
  /** The source URL, redacted: recorded with the run for people reading the control schema. */
  readonly sourceLabel: string
  readonly selection: readonly string[]
  readonly chunkRows: number
  readonly transcode: boolean
  readonly deferIndexes: boolean
  /** Unique per run; names the replication slot. */
  readonly runTag: string
}

/**
 * Creates a new run inside the caller's transaction: checks every target table first (so a
 * missing table fails before a slot exists), takes the source position, records it with each
 * table's columns, transfer and chunks, and with --defer-indexes records then drops the target's
 * secondary indexes and foreign keys, all in the one commit.
 */
export async function planRun(control: pg.ClientBase, source: LoadSourceEngine, o: RunPlanOptions): Promise<{ runId: number; held: HeldPosition }> {
  const tables = await source.listTables(o.selection)
  if (tables.length === 0) {
    throw new UsageError('LOAD_NO_TABLES', `no source table matches ${o.selection.length ? o.selection.join(', ') : 'the selection'}`, {
      hint: "Check --tables: 'schema.table' globs such as 'public.*' or 'sales.order*'.",
    })
  }
  const prepared = []
  for (const t of tables) {
    const target = await findTargetTable(control, t)
    const columns = mapColumns(t, target)
    prepared.push({ source: t, target, columns, transfer: chooseTransfer(source.engine, t, columns, target, o.transcode) })
  }
  // The position first: creating a logical slot waits for every transaction that has written,
  // this one included once it empties the targets (source and target may share a server).
  const held = await source.openPosition(o.runTag)
  try {
    await emptyTargetTables(control, prepared.map((p) => p.target))
    // Cheap now that the tables are empty, and the live catalog is whole again before it is read.
    for (const o of await orphanedDeferred(control, prepared.map((p) => p.target))) {
      await restoreDeferred(control, o)
      await markDeferredRestored(control, o.id)
    }
    const runId = await insertRun(control, {
      runKey: o.runKey,
      source: o.sourceLabel,
      selection: o.selection,
      position: held.position,
      options: { chunkRows: o.chunkRows, transcode: o.transcode, deferIndexes: o.deferIndexes },
    })
    for (const p of prepared) {
      const chunks = await source.planChunks(p.source, o.chunkRows)
      const chunking: Chunking = !p.source.key ? (chunks.length > 1 ? 'address-range' : 'whole-no-key') : chunks.length === 1 ? 'whole-small' : 'key-range'
      await insertTablePlan(
        control,
        runId,
        {
          schema: p.source.schema,
          name: p.source.name,
          targetSchema: p.target.schema,
          targetName: p.target.name,
          columns: p.columns,
          ...(p.source.key ? { key: p.source.key } : {}),
          chunking,
          transfer: p.transfer,
        },
        chunks,
      )
    }
    if (o.deferIndexes) {
      const deferred = await readDeferrable(control, prepared.map((p) => p.target))
      await insertDeferred(control, runId, deferred)
      await dropDeferred(control, deferred)
    }
    return { runId, held }
  } catch (err) {
    await held.discard()
    throw err
  }
}

/** The target table of the same name, or of the same name in lower case (Oracle's folded names). */
async function findTargetTable(client: pg.ClientBase, t: SourceTable): Promise<PgTableInfo> {
  try {
    return await readPgTable(client, t.schema, t.name, 'target')
  } catch (err) {
    const lower = { schema: t.schema.toLowerCase(), name: t.name.toLowerCase() }
    if (!(err instanceof PgTableNotFoundError) || (lower.schema === t.schema && lower.name === t.name)) throw err
    return readPgTable(client, lower.schema, lower.name, 'target')
  }
}
