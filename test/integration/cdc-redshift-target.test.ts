import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCdc } from '../../src/cdc/run-cdc.js'
import { runLoad } from '../../src/load/run-load.js'
import { expectEqual, query } from './cdc-support.js'
import { exec, sourceAndTarget } from './load-support.js'

/**
 * godwit cdc into a target opened through the Redshift apply side. Its SQL also runs on
 * PostgreSQL, so the "cluster" is a PostgreSQL database reached by a redshift:// URL, and the
 * --state is the same database by its postgres:// URL: the load before the stream went there as a
 * PostgreSQL target (a Redshift load needs S3 for its COPY), recording its run in that database.
 */
const DDL = `
CREATE TABLE public.accounts (id int PRIMARY KEY, name text, balance numeric(12,2));
CREATE TABLE public.log (kind text, n int);
ALTER TABLE public.log REPLICA IDENTITY FULL;
`
const TABLES = ['public.accounts', 'public.log']

function asRedshift(url: string): string {
  const u = new URL(url)
  return `redshift://${u.username}:${u.password}@${u.host}${u.pathname}?sslmode=disable`
}

describe('godwit cdc into Redshift (its apply SQL on PostgreSQL) with --state', () => {
  let db: Awaited<ReturnType<typeof sourceAndTarget>>
  let cluster: string
  beforeAll(async () => {
    db = await sourceAndTarget('cdc_rs')
    cluster = asRedshift(db.target)
    await exec(db.source, DDL)
    await exec(db.target, DDL)
    await exec(db.source, `
      INSERT INTO accounts SELECT g, 'name ' || g, g * 1.5 FROM generate_series(1, 300) g;
      INSERT INTO log VALUES ('a', 1), ('a', 1), ('b', NULL);`)
    const load = await runLoad({ sourceUrl: db.source, targetUrl: db.target, tables: TABLES, jobs: 2 })
    expect(load.complete).toBe(true)
  }, 120_000)
  afterAll(async () => {
    await db.drop()
  })

  it('applies the changes with the checkpoint in godwit.cdc_target_checkpoint and the stream in --state; a restart applies only what is new', async () => {
    await exec(db.source, `
      INSERT INTO accounts VALUES (1001, E'tab\\there', 10.10), (1002, NULL, NULL);
      UPDATE accounts SET balance = balance + 1 WHERE id % 3 = 0;
      DELETE FROM accounts WHERE id % 7 = 0;
      UPDATE accounts SET id = id + 5000 WHERE id IN (1, 2);
      DELETE FROM log WHERE ctid = (SELECT min(ctid) FROM log WHERE kind = 'a');
      INSERT INTO log VALUES ('c', 3);`)
    const first = await runCdc({ sourceUrl: db.source, targetUrl: cluster, stateUrl: db.target, tables: TABLES, untilCaughtUp: true, maxLagMs: 2000, maxDurationSeconds: 60 })
    expect(first).toMatchObject({ reason: 'caught-up', exitCode: 0 })
    expect(first.eventsApplied).toBeGreaterThan(100)
    await expectEqual(db.source, db.target, TABLES)
    // The checkpoint was committed with the changes in the Redshift side's own table; the control schema's stays at the start.
    const [cp] = await query<{ events: string; position: string }>(db.target, `SELECT events, position FROM godwit.cdc_target_checkpoint`)
    expect({ events: Number(cp!.events), position: cp!.position }).toEqual({ events: first.eventsApplied, position: first.appliedPosition })
    const streams = await query<{ state: string; start_position: string; checkpoint: string }>(db.target, `SELECT state, start_position, (SELECT position FROM godwit.cdc_checkpoint) AS checkpoint FROM godwit.cdc_streams`)
    expect(streams).toEqual([{ state: 'stopped', start_position: streams[0]!.checkpoint, checkpoint: expect.not.stringMatching(first.appliedPosition) }])

    await exec(db.source, `UPDATE accounts SET name = 'second run' WHERE id < 20`)
    const second = await runCdc({ sourceUrl: db.source, targetUrl: cluster, stateUrl: db.target, tables: TABLES, untilCaughtUp: true, maxLagMs: 2000, maxDurationSeconds: 60 })
    expect(second.streamId).toBe(first.streamId)
    // 19 ids below 20, less the two moved and the two deleted (7, 14).
    expect(second.eventsApplied - first.eventsApplied).toBe(15)
    await expectEqual(db.source, db.target, TABLES)
  }, 120_000)

  it('refuses --on-error dead-letter and a missing --state before touching anything', async () => {
    await expect(runCdc({ sourceUrl: db.source, targetUrl: cluster, stateUrl: db.target, tables: TABLES, onError: 'dead-letter', untilCaughtUp: true })).rejects.toMatchObject({ code: 'CDC_DEAD_LETTER_UNSUPPORTED', exitCode: 2 })
    await expect(runCdc({ sourceUrl: db.source, targetUrl: cluster, tables: TABLES, untilCaughtUp: true })).rejects.toMatchObject({ code: 'STATE_REQUIRED', exitCode: 2 })
    await expect(runCdc({ sourceUrl: db.source, targetUrl: db.target, stateUrl: db.source, tables: TABLES, untilCaughtUp: true })).rejects.toMatchObject({ code: 'CDC_STATE_NOT_TARGET', exitCode: 2 })
  })
})
