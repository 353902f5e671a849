import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll } from 'vitest'
import { readStreamStatuses } from '../../src/cdc/cdc-control.js'
import { ensureCdcControlSchema, insertStreamIfAbsent, markStreamRunning, markStreamStopped, recordTick } from '../../src/engines/postgres/control-schema-cdc.js'
import { recordValidationRun } from '../../src/engines/postgres/control-schema-validate.js'
import { runLoad } from '../../src/load/run-load.js'
import { runValidation } from '../../src/validate/run-validation.js'
import { exec, sourceAndTarget, withClient } from './load-support.js'

/**
 * The state a cutover starts from, built with the real phases: a source with an application role
 * and a serial-keyed table, loaded by `runLoad`, validated by `runValidation` (recorded).
 */
export async function loadedMigration(prefix: string): Promise<{ source: string; target: string; role: string; appUrl: string; drop: () => Promise<void> }> {
  const db = await sourceAndTarget(prefix)
  const role = `app_${randomBytes(3).toString('hex')}`
  const ddl = `CREATE TABLE orders (id serial PRIMARY KEY, customer text NOT NULL, amount numeric(12,2));
               CREATE TABLE notes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text);`
  await exec(db.source, `${ddl}
    INSERT INTO orders (customer, amount) SELECT 'c' || g, g * 1.5 FROM generate_series(1, 500) g;
    INSERT INTO notes (body) SELECT 'note ' || g FROM generate_series(1, 40) g;
    CREATE ROLE ${role} LOGIN PASSWORD 'app-secret';
    GRANT ALL ON ALL TABLES IN SCHEMA public TO ${role}; GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO ${role};`)
  await exec(db.target, ddl)
  await runLoad({ sourceUrl: db.source, targetUrl: db.target, jobs: 2 })
  await validateRecorded(db.source, db.target)
  const appUrl = new URL(db.source)
  appUrl.username = role
  appUrl.password = 'app-secret'
  return {
    ...db,
    role,
    appUrl: appUrl.toString(),
    async drop() {
      await db.drop()
      await exec(db.source.replace(/\/[^/]*$/, '/postgres'), `DROP ROLE IF EXISTS ${role}`).catch(() => undefined)
    },
  }
}

export async function validateRecorded(source: string, target: string): Promise<void> {
  await runValidation({ sourceUrl: source, targetUrl: target, jobs: 2, recorder: recordValidationRun })
}

/**
 * Plays the `godwit cdc` process's side of the control protocol only (status ticks, heartbeat,
 * the stop handshake) for tests of cutover's gates while the real loop is built on the cdc
 * branch; it applies no changes, so tests using it write nothing to the source meanwhile.
 */
export class StreamStandIn {
  lagMs = 120
  /** Answer a stop request by stopping at the requested position. */
  honourStop = true
  private timer?: NodeJS.Timeout
  private client?: pg.Client
  private ticking?: Promise<void>
  streamId = 0

  constructor(private readonly targetUrl: string) {}

  async start(): Promise<number> {
    this.client = new pg.Client({ connectionString: this.targetUrl })
    await this.client.connect()
    await ensureCdcControlSchema(this.client)
    const run = await this.client.query(`SELECT id, source, position FROM godwit.load_runs ORDER BY id DESC LIMIT 1`)
    const r = run.rows[0] as { id: string; source: string; position: { lsn: string; slot: string } }
    const tables = await this.client.query(`SELECT schema_name || '.' || table_name AS t FROM godwit.load_tables WHERE run_id = $1`, [r.id])
    const s = await insertStreamIfAbsent(this.client, {
      loadRunId: Number(r.id), source: r.source, sourceEngine: 'postgres', slot: r.position.slot, publication: undefined,
      tables: tables.rows.map((x: { t: string }) => x.t), startPosition: r.position.lsn,
    })
    this.streamId = s.id
    await markStreamRunning(this.client, s.id, 'test-host', process.pid)
    await this.tick()
    this.timer = setInterval(() => void (this.ticking = this.tick()), 200)
    return s.id
  }

  private async tick(): Promise<void> {
    const c = this.client!
    const [s] = (await readStreamStatuses(c)).filter((x) => x.id === this.streamId)
    if (!s || s.state === 'stopped') return
    const stop = await recordTick(c, this.streamId, { appliedPosition: s.appliedPosition ?? s.startPosition, lagMs: this.lagMs, eventsApplied: 0, transactionsApplied: 0, eventsPerSec: 0 })
    if (stop && this.honourStop) await markStreamStopped(c, this.streamId, stop)
  }

  /** Reports this lag from now on, and returns once a tick has recorded it (the 200 ms timer alone races the next read). */
  async setLag(ms: number): Promise<void> {
    this.lagMs = ms
    await this.ticking?.catch(() => undefined)
    await this.tick()
  }

  /** Running again after a stop (what restarting godwit cdc does). */
  async restart(): Promise<void> {
    await markStreamRunning(this.client!, this.streamId, 'test-host', process.pid)
  }

  async end(): Promise<void> {
    clearInterval(this.timer)
    await this.ticking?.catch(() => undefined)
    await this.client?.end()
  }
}

/** Can the application role write on the source right now (a new session, as the application opens one)? */
export async function appCanWrite(appUrl: string): Promise<boolean | string> {
  try {
    await withClient(appUrl, (c) => c.query(`INSERT INTO orders (customer, amount) VALUES ('probe', 1)`))
    await withClient(appUrl, (c) => c.query(`DELETE FROM orders WHERE customer = 'probe'`))
    return true
  } catch (e) {
    return (e as Error).message
  }
}

export type LoadedMigration = Awaited<ReturnType<typeof loadedMigration>>

/**
 * For a describe block: a loaded migration (`prepare` runs on it first) with a StreamStandIn
 * running on its target, set up before the tests and dropped after them. Read them from the
 * returned object inside the tests.
 */
export function streamingMigration(prefix: string, prepare?: (m: LoadedMigration) => Promise<void>): { m: LoadedMigration; cdc: StreamStandIn } {
  const fixture = {} as { m: LoadedMigration; cdc: StreamStandIn }
  beforeAll(async () => {
    fixture.m = await loadedMigration(prefix)
    await prepare?.(fixture.m)
    fixture.cdc = new StreamStandIn(fixture.m.target)
    await fixture.cdc.start()
  }, 120_000)
  afterAll(async () => {
    await fixture.cdc?.end()
    await fixture.m?.drop()
  })
  return fixture
}
