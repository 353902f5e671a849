import pg from 'pg'
import { SourceError, StateError } from '../../core/errors.js'
import type { HeldPosition } from '../../load/source-engine.js'
import { connectPg } from './pg-connect.js'

const NO_LOGICAL_WARNING =
  'the source has wal_level other than logical: the load reads one consistent snapshot, but CDC cannot start from this load ' +
  '(set wal_level=logical on the source and reload to keep it in sync afterwards)'

const noCdcWarning = (what: string, cause: unknown, needs: string): string =>
  `${what} failed (${(cause as Error).message}): the load reads one consistent snapshot, but CDC cannot start from this load (${needs})`

/** What a load leaves on a PostgreSQL source for CDC: both named after the run key, one per source and selection. */
export interface PgLoadPositionOptions {
  /** Slot and publication name, e.g. `godwit_<hash of the run key>`. */
  readonly name: string
  /** The selected source tables: the publication holds exactly these. */
  readonly tables: readonly { readonly schema: string; readonly name: string }[]
}

/**
 * The run's read position on a PostgreSQL source: a publication of exactly the selected tables,
 * then a logical replication slot created with an exported snapshot, so the rows the load reads
 * and the changes the slot streams afterwards meet exactly at `consistent_point` (the publication
 * comes first: pgoutput streams only changes written while a publication held the table). A
 * predecessor's slot and publication of the same name are replaced, so a source keeps at most one
 * of each per selection. The snapshot stays importable only while the replication connection stays
 * open and idle, so the connection is held until `close()`; slot and publication outlive it for
 * CDC. Without wal_level=logical, or when the publication or slot cannot be made: a plain exported
 * snapshot, with a warning that CDC cannot start from this load.
 */
export async function openPgLoadPosition(url: string, o: PgLoadPositionOptions): Promise<HeldPosition> {
  const admin = new pg.Client({ connectionString: url })
  await connectSource(admin, url)
  let walLevel: string
  let version: number
  try {
    const r = await admin.query(`SELECT current_setting('wal_level') AS wal_level, current_setting('server_version_num')::int AS version`)
    const row = r.rows[0] as { wal_level: string; version: number }
    walLevel = row.wal_level
    version = row.version
    await dropSlotAndPublication(admin, o.name)
    if (walLevel !== 'logical') return { ...(await exportPlainSnapshot(url)), warning: NO_LOGICAL_WARNING }
    const list = o.tables.map((t) => `${pg.escapeIdentifier(t.schema)}.${pg.escapeIdentifier(t.name)}`).join(', ')
    try {
      // Partitions' changes are published as their root's: the table the load and CDC name.
      await admin.query(`CREATE PUBLICATION ${pg.escapeIdentifier(o.name)} FOR TABLE ${list} WITH (publish_via_partition_root = true)`)
    } catch (cause) {
      const needs = 'CREATE PUBLICATION needs CREATE on the source database and ownership of the tables'
      return { ...(await exportPlainSnapshot(url)), warning: noCdcWarning(`creating publication ${o.name}`, cause, needs) }
    }
  } finally {
    await admin.end()
  }

  const replication = new pg.Client({ connectionString: url, replication: 'database' } as pg.ClientConfig)
  try {
    await connectSource(replication, url)
    // PostgreSQL 15 replaced the bare EXPORT_SNAPSHOT keyword with an option list.
    const snapshotOption = version >= 150000 ? `(SNAPSHOT 'export')` : 'EXPORT_SNAPSHOT'
    const r = await replication.query(`CREATE_REPLICATION_SLOT ${pg.escapeIdentifier(o.name)} LOGICAL pgoutput ${snapshotOption}`)
    const row = r.rows[0] as { slot_name: string; consistent_point: string; snapshot_name: string }
    return {
      position: { engine: 'postgres', slot: row.slot_name, publication: o.name, lsn: row.consistent_point, snapshot: row.snapshot_name },
      close: async () => {
        await replication.end()
      },
      discard: async () => {
        await replication.end().catch(() => undefined)
        await dropPgLoadPosition(url, o.name).catch(() => undefined)
      },
    }
  } catch (cause) {
    await replication.end().catch(() => undefined)
    await dropPgLoadPosition(url, o.name).catch(() => undefined)
    const needs = 'the source user needs the REPLICATION attribute, pg_hba.conf must allow its replication connections, and max_replication_slots must have room'
    return { ...(await exportPlainSnapshot(url)), warning: noCdcWarning(`creating replication slot ${o.name}`, cause, needs) }
  }
}

/** What `dropPgLoadPosition` removed (absent: there was none). */
export interface DroppedPosition {
  readonly slot?: string
  readonly publication?: string
}

/** Drops a load's slot and publication if they exist; refuses (exit 6) while something streams from the slot. */
export async function dropPgLoadPosition(url: string, name: string): Promise<DroppedPosition> {
  const client = new pg.Client({ connectionString: url })
  await connectSource(client, url)
  try {
    return await dropSlotAndPublication(client, name)
  } finally {
    await client.end()
  }
}

async function dropSlotAndPublication(client: pg.ClientBase, name: string): Promise<DroppedPosition> {
  const slot = await client.query(`SELECT active_pid FROM pg_replication_slots WHERE slot_name = $1 AND database = current_database()`, [name])
  const found = slot.rows[0] as { active_pid: number | null } | undefined
  if (found?.active_pid) {
    throw new StateError('LOAD_SLOT_IN_USE', `postgres: replication slot ${name} is in use by process ${found.active_pid} (CDC streaming from an earlier load?)`, {
      object: name,
      hint: 'Stop the process that streams from it first; a new load of the same tables replaces the slot and CDC must start from the new load.',
    })
  }
  if (found) await client.query(`SELECT pg_drop_replication_slot($1)`, [name])
  const publication = await client.query(`SELECT 1 FROM pg_publication WHERE pubname = $1`, [name])
  if (publication.rowCount) await client.query(`DROP PUBLICATION ${pg.escapeIdentifier(name)}`)
  return { ...(found ? { slot: name } : {}), ...(publication.rowCount ? { publication: name } : {}) }
}

/** WAL the slot keeps on the source now (bytes from its restart point to the current position); undefined when it is gone. */
export async function retainedWal(url: string, slot: string): Promise<number | undefined> {
  const client = new pg.Client({ connectionString: url })
  await connectSource(client, url)
  try {
    const r = await client.query(`SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::float8 AS bytes FROM pg_replication_slots WHERE slot_name = $1`, [slot])
    const row = r.rows[0] as { bytes: number | null } | undefined
    return row ? Number(row.bytes ?? 0) : undefined
  } finally {
    await client.end()
  }
}

/**
 * A snapshot exported from an open REPEATABLE READ transaction, with the WAL position it was
 * taken at. Used without wal_level=logical, and when a resumed run's own snapshot has died.
 */
export async function exportPlainSnapshot(url: string): Promise<HeldPosition> {
  const holder = new pg.Client({ connectionString: url })
  await connectSource(holder, url)
  try {
    await holder.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    const r = await holder.query(`SELECT pg_export_snapshot() AS snapshot, pg_current_wal_lsn()::text AS lsn`)
    const row = r.rows[0] as { snapshot: string; lsn: string }
    return {
      position: { engine: 'postgres', snapshot: row.snapshot, lsn: row.lsn },
      close: async () => {
        await holder.end()
      },
      discard: async () => {
        await holder.end().catch(() => undefined)
      },
    }
  } catch (cause) {
    await holder.end().catch(() => undefined)
    throw new SourceError('SOURCE_SNAPSHOT_FAILED', `postgres: exporting a snapshot failed: ${(cause as Error).message}`, { cause })
  }
}

export async function connectSource(client: pg.Client, url: string): Promise<void> {
  // A dropped session must not crash the process: what it held (a snapshot) is found missing when used.
  client.on('error', () => undefined)
  await connectPg(client, 'source', url)
}
