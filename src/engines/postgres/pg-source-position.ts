import pg from 'pg'
import { SourceError } from '../../core/errors.js'
import type { HeldPosition } from '../../load/source-engine.js'
import { connectPg } from './pg-connect.js'

const NO_LOGICAL_WARNING =
  'the source has wal_level other than logical: the load reads one consistent snapshot, but CDC cannot start from this load ' +
  '(set wal_level=logical on the source and reload to keep it in sync afterwards)'

/**
 * The run's read position on a PostgreSQL source: a logical replication slot created with an
 * exported snapshot, so the rows the load reads and the changes the slot streams afterwards meet
 * exactly at `consistent_point`. The snapshot stays importable only while the replication
 * connection stays open and idle, so the connection is held until `close()`; the slot outlives it
 * for the CDC phase. Without wal_level=logical: a plain exported snapshot, with a warning.
 */
export async function openPgLoadPosition(url: string, slotName: string): Promise<HeldPosition> {
  const probe = new pg.Client({ connectionString: url })
  await connectSource(probe, url)
  let walLevel: string
  let version: number
  try {
    const r = await probe.query(`SELECT current_setting('wal_level') AS wal_level, current_setting('server_version_num')::int AS version`)
    const row = r.rows[0] as { wal_level: string; version: number }
    walLevel = row.wal_level
    version = row.version
  } finally {
    await probe.end()
  }
  if (walLevel !== 'logical') return { ...(await exportPlainSnapshot(url)), warning: NO_LOGICAL_WARNING }

  const replication = new pg.Client({ connectionString: url, replication: 'database' } as pg.ClientConfig)
  await connectSource(replication, url)
  try {
    // PostgreSQL 15 replaced the bare EXPORT_SNAPSHOT keyword with an option list.
    const snapshotOption = version >= 150000 ? `(SNAPSHOT 'export')` : 'EXPORT_SNAPSHOT'
    const r = await replication.query(`CREATE_REPLICATION_SLOT ${pg.escapeIdentifier(slotName)} LOGICAL pgoutput ${snapshotOption}`)
    const row = r.rows[0] as { slot_name: string; consistent_point: string; snapshot_name: string }
    return {
      position: { engine: 'postgres', slot: row.slot_name, lsn: row.consistent_point, snapshot: row.snapshot_name },
      close: async () => {
        await replication.end()
      },
      discard: async () => {
        await replication.end().catch(() => undefined)
        await dropSlot(url, row.slot_name)
      },
    }
  } catch (cause) {
    await replication.end().catch(() => undefined)
    throw new SourceError('SOURCE_SLOT_FAILED', `postgres: creating replication slot ${slotName} failed: ${(cause as Error).message}`, {
      cause,
      object: slotName,
      hint: 'The source user needs the REPLICATION attribute, pg_hba.conf must allow its replication connections, and max_replication_slots must have room.',
    })
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

/** Best effort: a slot left behind retains WAL on the source until someone drops it. */
async function dropSlot(url: string, slot: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  try {
    await client.connect()
    await client.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1', [slot])
  } catch {
    // The caller is already failing with the error that matters.
  } finally {
    await client.end().catch(() => undefined)
  }
}
