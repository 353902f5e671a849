import { readFileSync } from 'node:fs'
import type pg from 'pg'
import { StateError } from '../core/errors.js'
import { STATE_MIGRATIONS, type StateMigration } from './state-migration.js'

/**
 * The same key the control schema was created under before migrations existed
 * (pg_advisory_xact_lock(hashtext('godwit.control-schema'))): an older godwit setting up its
 * tables and this runner never work on the schema at the same time.
 */
const MIGRATION_LOCK = `SELECT pg_advisory_xact_lock(hashtext('godwit.control-schema'))`

const HISTORY_DDL = `
CREATE SCHEMA IF NOT EXISTS godwit;
CREATE TABLE IF NOT EXISTS godwit.schema_migrations (
  version     int PRIMARY KEY,
  name        text NOT NULL,
  applied_at  timestamptz NOT NULL DEFAULT now(),
  applied_by  text NOT NULL,
  -- true: the objects already existed (made by a godwit from before migrations) and were adopted.
  adopted     boolean NOT NULL DEFAULT false
);
`

export interface MigrationOutcome {
  /** Version of the schema before and after; 0 = no godwit schema at all. */
  readonly from: number
  readonly to: number
  /** Versions this call applied (or adopted), in order; empty when the schema was current. */
  readonly applied: readonly number[]
  readonly adopted: boolean
}

export interface MigrateOptions {
  /** The migrations to bring the schema to; tests pass a longer or shorter history. */
  readonly migrations?: readonly StateMigration[]
  /** Stored as applied_by. */
  readonly appliedBy?: string
}

/**
 * Brings the `godwit` control schema on this database to the newest version this release knows.
 * Cheap when current (one read, no lock, no DDL: processes of a running migration start often).
 * Otherwise, under a transaction-scoped advisory lock, it re-reads the version and applies the
 * missing migrations and their history rows in ONE transaction: a crash leaves the old version
 * whole, and a second process waits, then finds nothing left to do. A schema made by a godwit
 * from before migrations (tables, no history) gets the baseline run over it — idempotent — and
 * recorded as adopted. A schema NEWER than this release is refused: its tables may hold columns
 * and states this code would misread or drop.
 */
export async function migrateStateSchema(client: pg.ClientBase, options: MigrateOptions = {}): Promise<MigrationOutcome> {
  const migrations = options.migrations ?? STATE_MIGRATIONS
  const latest = migrations[migrations.length - 1]!.version
  const seen = await readStateVersion(client)
  refuseNewer(seen, migrations)
  if (seen.version === latest) return { from: latest, to: latest, applied: [], adopted: false }
  await client.query('BEGIN')
  try {
    await client.query(MIGRATION_LOCK)
    const before = await readStateVersion(client)
    refuseNewer(before, migrations)
    const adopt = before.version === 0 && (await hasControlTables(client))
    await client.query(HISTORY_DDL)
    const applied: number[] = []
    for (const m of migrations) {
      if (m.version <= before.version) continue
      await client.query(m.sql)
      await client.query(`INSERT INTO godwit.schema_migrations (version, name, applied_by, adopted) VALUES ($1, $2, $3, $4)`, [m.version, m.name, options.appliedBy ?? appliedBy(), adopt && m.version === 1])
      applied.push(m.version)
    }
    await client.query('COMMIT')
    return { from: before.version, to: latest, applied, adopted: adopt }
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw err
  }
}

export interface StateVersion {
  /** Highest version recorded; 0 when there is no history table (no schema, or one from before migrations). */
  readonly version: number
  readonly name?: string
  readonly appliedBy?: string
}

/** The recorded version; read-only, usable by commands that must not create anything. */
export async function readStateVersion(client: pg.ClientBase): Promise<StateVersion> {
  // pg_class read with the statement's snapshot, not to_regclass: that consults the backend's
  // catalog cache, which after waiting on an advisory lock may not yet show the table another
  // migrator just created (measured: concurrent migrators then inserted version 1 twice).
  const r = await client.query(`SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'godwit' AND c.relname = 'schema_migrations') AS present`)
  if (!(r.rows[0] as { present: boolean }).present) return { version: 0 }
  const top = await client.query(`SELECT version, name, applied_by FROM godwit.schema_migrations ORDER BY version DESC LIMIT 1`)
  const row = top.rows[0] as { version: number; name: string; applied_by: string } | undefined
  return row ? { version: row.version, name: row.name, appliedBy: row.applied_by } : { version: 0 }
}

function refuseNewer(seen: StateVersion, migrations: readonly StateMigration[]): void {
  const latest = migrations[migrations.length - 1]!
  if (seen.version <= latest.version) return
  throw new StateError(
    'STATE_SCHEMA_NEWER',
    `the godwit control schema on this database is at version ${seen.version} (${seen.name ?? '?'}, written by ${seen.appliedBy ?? 'an unknown godwit'}); this godwit knows versions up to ${latest.version} (${latest.name})`,
    {
      object: 'godwit.schema_migrations',
      hint: `A newer godwit already upgraded this run's state; finish or resume it with that release (${seen.appliedBy ?? 'see godwit.schema_migrations.applied_by'}) or newer. An older release would misread its tables.`,
    },
  )
}

async function hasControlTables(client: pg.ClientBase): Promise<boolean> {
  // Tables only the baseline makes: the schema may also hold godwit tables that are not state
  // (a target's CDC checkpoint, docs/redshift.md), which do not make it a 0.1.0 control schema.
  const r = await client.query(`SELECT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = 'godwit' AND tablename IN ('load_runs', 'cdc_streams', 'cutover_runs', 'validation_runs')) AS present`)
  return (r.rows[0] as { present: boolean }).present
}

/** `godwit <version>` from package.json (two levels up from both src/state and dist/state). */
function appliedBy(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
  return `godwit ${pkg.version}`
}
