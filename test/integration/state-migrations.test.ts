import { readFileSync } from 'node:fs'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { ensureCdcControlSchema, insertStreamIfAbsent, selectCheckpoint } from '../../src/engines/postgres/control-schema-cdc.js'
import { ensureCutoverControlSchema } from '../../src/engines/postgres/control-schema-cutover.js'
import { ensureLoadControlSchema } from '../../src/engines/postgres/control-schema-load.js'
import { migrateStateSchema, readStateVersion } from '../../src/state/migrate-state.js'
import { LATEST_STATE_VERSION, STATE_MIGRATIONS, type StateMigration } from '../../src/state/state-migration.js'
import { useDatabase } from '../support/database.js'

const OLD_SCHEMA = readFileSync(new URL('../fixtures/state/godwit-0.1.0-load-cdc.sql', import.meta.url), 'utf8')

/** What a next release might ship: a column added to a table that has rows of a running load. */
const NEXT: StateMigration = { version: LATEST_STATE_VERSION + 1, name: 'chunk-priority', sql: `ALTER TABLE godwit.load_chunks ADD COLUMN priority int NOT NULL DEFAULT 0` }

async function connect(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  return c
}

async function columns(c: pg.ClientBase, table: string): Promise<string[]> {
  const r = await c.query<{ c: string }>(`SELECT column_name AS c FROM information_schema.columns WHERE table_schema = 'godwit' AND table_name = $1`, [table])
  return r.rows.map((x) => x.c)
}

async function tables(c: pg.ClientBase): Promise<string[]> {
  const r = await c.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'godwit' ORDER BY 1`)
  return r.rows.map((x) => x.t)
}

describe('control schema migrations: a fresh database', () => {
  const db = useDatabase('state_fresh')

  it('creates every control table at the newest version once; a second call is a no-op', async () => {
    expect(await readStateVersion(db.client)).toEqual({ version: 0 })
    const first = await migrateStateSchema(db.client)
    expect(first).toEqual({ from: 0, to: 3, applied: [1, 2, 3], adopted: false })
    expect(await tables(db.client)).toEqual([
      'cdc_checkpoint', 'cdc_dead_letters', 'cdc_lag_samples', 'cdc_streams', 'cutover_runs', 'cutover_steps',
      'load_chunks', 'load_deferred', 'load_runs', 'load_tables', 'schema_migrations', 'validation_runs', 'validation_tables',
    ])
    expect(await migrateStateSchema(db.client)).toEqual({ from: 3, to: 3, applied: [], adopted: false })
    const history = await db.client.query(`SELECT version, name, adopted, applied_by FROM godwit.schema_migrations ORDER BY version`)
    const by = expect.stringMatching(/^godwit \d+\.\d+\.\d+/)
    expect(history.rows).toEqual([{ version: 1, name: 'baseline', adopted: false, applied_by: by }, { version: 2, name: 'cdc-restart-position', adopted: false, applied_by: by }, { version: 3, name: 'cdc-teradata-source', adopted: false, applied_by: by }])
    expect(await columns(db.client, 'cdc_checkpoint')).toContain('restart_position')
    await db.client.query(`INSERT INTO godwit.load_runs (id, run_key, source, selection, position, options) VALUES (1, 'k', 'teradata://u@h/db', '{}', '{"engine":"teradata"}', '{}')`)
    const stream = await insertStreamIfAbsent(db.client, { loadRunId: 1, source: 'teradata://u@h/db', sourceEngine: 'teradata', tables: ['Sales.Orders'], startPosition: '0' })
    expect(stream.sourceEngine).toBe('teradata')
    await expect(db.client.query(`UPDATE godwit.cdc_streams SET source_engine = 'db2'`)).rejects.toThrow(/cdc_streams_source_engine_check/)
  })
})

describe('control schema migrations: a database a godwit from before migrations set up, with a run in flight', () => {
  const db = useDatabase('state_upgrade')

  it('adopts the old schema (rows kept, missing tables added), applies the next release, which an older binary then refuses', async () => {
    await db.client.query(OLD_SCHEMA)
    await db.client.query(`
      INSERT INTO godwit.load_runs (id, run_key, source, selection, position, options) VALUES (1, 'k', 'postgres://u@h/src', '{}', '{"engine":"postgres","lsn":"0/1"}', '{}');
      INSERT INTO godwit.load_tables VALUES (1, 'public', 'orders', 'public', 'orders', '[]', '{id}', 'key-range', 'transcode');
      INSERT INTO godwit.load_chunks (run_id, schema_name, table_name, seq, estimated_rows, state) VALUES (1, 'public', 'orders', 0, 10, 'done'), (1, 'public', 'orders', 1, 10, 'running')`)
    const stream = await insertStreamIfAbsent(db.client, { loadRunId: 1, source: 'postgres://u@h/src', sourceEngine: 'postgres', tables: ['public.orders'], startPosition: '0/1' })
    // A loader of the old release is writing chunk 1 right now: its transaction holds the row.
    const writer = await connect(db.url)
    try {
      await writer.query('BEGIN')
      await writer.query(`SELECT * FROM godwit.load_chunks WHERE seq = 1 FOR UPDATE`)
      await db.client.query(`SET lock_timeout = '5s'`)
      expect(await migrateStateSchema(db.client)).toEqual({ from: 0, to: 3, applied: [1, 2, 3], adopted: true })
      await writer.query(`UPDATE godwit.load_chunks SET state = 'done', rows = 10 WHERE seq = 1`)
      await writer.query('COMMIT')
    } finally {
      await writer.end()
    }
    expect(await tables(db.client)).toContain('cutover_runs')
    expect((await db.client.query(`SELECT version, adopted FROM godwit.schema_migrations ORDER BY version`)).rows).toEqual([{ version: 1, adopted: true }, { version: 2, adopted: false }, { version: 3, adopted: false }])
    expect(await columns(db.client, 'cdc_checkpoint')).toContain('restart_position')
    expect((await db.client.query(`SELECT seq, state FROM godwit.load_chunks ORDER BY seq`)).rows).toEqual([{ seq: 0, state: 'done' }, { seq: 1, state: 'done' }])
    expect((await selectCheckpoint(db.client, stream.id))?.position).toBe('0/1')

    // The next release's migration runs over the same rows.
    expect(await migrateStateSchema(db.client, { migrations: [...STATE_MIGRATIONS, NEXT], appliedBy: 'godwit 0.2.0' })).toEqual({ from: 3, to: 4, applied: [4], adopted: false })
    expect((await db.client.query(`SELECT seq, state, priority FROM godwit.load_chunks ORDER BY seq`)).rows).toEqual([{ seq: 0, state: 'done', priority: 0 }, { seq: 1, state: 'done', priority: 0 }])

    // This release does not know version 4: every entry point refuses, naming the release to use, and changes nothing.
    for (const ensure of [ensureLoadControlSchema, ensureCdcControlSchema, ensureCutoverControlSchema]) {
      await expect(ensure(db.client)).rejects.toMatchObject({
        code: 'STATE_SCHEMA_NEWER',
        exitCode: 6,
        message: expect.stringContaining('version 4 (chunk-priority, written by godwit 0.2.0); this godwit knows versions up to 3 (cdc-teradata-source)'),
        hint: expect.stringContaining('godwit 0.2.0'),
      })
    }
    expect((await readStateVersion(db.client)).version).toBe(4)
  })
})

describe('control schema migrations: processes starting at once', () => {
  const db = useDatabase('state_concurrent')

  it('eight migrators on a fresh database: one applies, the others wait and find it done', async () => {
    const clients = await Promise.all(Array.from({ length: 8 }, () => connect(db.url)))
    try {
      const outcomes = await Promise.all(clients.map((c) => migrateStateSchema(c, { migrations: [...STATE_MIGRATIONS, NEXT] })))
      expect(outcomes.filter((o) => o.applied.length > 0)).toEqual([{ from: 0, to: 4, applied: [1, 2, 3, 4], adopted: false }])
      expect((await db.client.query(`SELECT version FROM godwit.schema_migrations ORDER BY version`)).rows).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }, { version: 4 }])
    } finally {
      await Promise.all(clients.map((c) => c.end()))
    }
  })
})
