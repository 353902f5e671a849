import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dropCdcSlot, runCdc } from '../../src/cdc/run-cdc.js'
import { runLoad } from '../../src/load/run-load.js'
import { expectEqual, loadForCdc, query } from './cdc-support.js'
import { exec, sourceAndTarget, withClient } from './load-support.js'

async function until(what: string, cond: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

describe('cdc refuses to start when it cannot be exact', () => {
  let db: Awaited<ReturnType<typeof sourceAndTarget>>
  beforeAll(async () => {
    db = await sourceAndTarget('cdc_refuse')
  })
  afterAll(async () => {
    await db.drop()
  })

  it('without a finished load run, saying what to run', async () => {
    await expect(runCdc({ sourceUrl: db.source, targetUrl: db.target, tables: ['public.none'] })).rejects.toMatchObject({ code: 'CDC_NO_LOAD_RUN', exitCode: 2, hint: expect.stringMatching(/godwit load/) })
  })

  it('when the load recorded no publication (pgoutput cannot stream from before it existed)', async () => {
    const ddl = `CREATE TABLE public.p (id int PRIMARY KEY, v text);`
    await exec(db.source, ddl)
    await exec(db.target, ddl)
    const r = await runLoad({ sourceUrl: db.source, targetUrl: db.target, tables: ['public.p'] })
    await withClient(db.target, (c) => c.query(`UPDATE godwit.load_runs SET position = position - 'publication' WHERE id = $1`, [r.runId]))
    await expect(runCdc({ sourceUrl: db.source, targetUrl: db.target, tables: ['public.p'] })).rejects.toMatchObject({ code: 'CDC_NO_PUBLICATION', message: expect.stringMatching(/load run \d+ recorded no publication/), hint: expect.stringMatching(/Rerun godwit load/) })
    // The way out it names: drop the old slot (it would keep WAL on the source forever).
    const dropped = await dropCdcSlot({ sourceUrl: db.source, targetUrl: db.target, fromLoadRun: r.runId })
    expect(dropped).toMatchObject({ loadRunId: r.runId, slot: r.position.slot, slotDropped: true })
    expect(await query(db.source, `SELECT 1 FROM pg_replication_slots WHERE slot_name = $1`, [r.position.slot])).toEqual([])
  })

  it.each([
    ['no primary key and REPLICA IDENTITY DEFAULT', `CREATE TABLE public.nk (a int, b text)`],
    ['REPLICA IDENTITY NOTHING', `CREATE TABLE public.nk (a int PRIMARY KEY, b text); ALTER TABLE public.nk REPLICA IDENTITY NOTHING`],
  ])('a table with %s, giving the ALTER TABLE that fixes it', async (what, ddl) => {
    await exec(db.source, `DROP TABLE IF EXISTS public.nk; ${ddl}`)
    await exec(db.target, `DROP SCHEMA IF EXISTS godwit CASCADE; DROP TABLE IF EXISTS public.nk; ${ddl}`) // each case is a migration of its own
    await withClient(db.source, (c) => c.query(`SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = current_database() AND NOT active`))
    await loadForCdc(db.source, db.target, ['public.nk'])
    await expect(runCdc({ sourceUrl: db.source, targetUrl: db.target, tables: ['public.nk'] })).rejects.toMatchObject({
      code: 'CDC_REPLICA_IDENTITY',
      exitCode: 4,
      object: 'public.nk',
      message: expect.stringContaining(what === 'REPLICA IDENTITY NOTHING' ? 'REPLICA IDENTITY NOTHING' : 'no primary key'),
      hint: expect.stringContaining('ALTER TABLE "public"."nk" REPLICA IDENTITY FULL;'),
    })
  })
})

describe('cdc faults while running', () => {
  let db: Awaited<ReturnType<typeof sourceAndTarget>>
  const ddl = `CREATE TABLE public.f (id int PRIMARY KEY, v text, n int);`
  beforeAll(async () => {
    db = await sourceAndTarget('cdc_faults')
    await exec(db.source, ddl)
    await exec(db.target, ddl)
    await exec(db.source, `INSERT INTO f SELECT g, 'v' || g, 0 FROM generate_series(1, 100) g`)
    await loadForCdc(db.source, db.target, ['public.f'])
  }, 120_000)
  afterAll(async () => {
    await db.drop()
  })

  it('reconnects after losing the source stream and the target session, and resumes from the checkpoint without losing or doubling a change', async () => {
    const abort = new AbortController()
    const warnings: string[] = []
    const metricsPort = 20_000 + Math.floor(Math.random() * 20_000)
    const running = runCdc({ sourceUrl: db.source, targetUrl: db.target, tables: ['public.f'], signal: abort.signal, onWarning: (m) => warnings.push(m), metricsPort })
    await exec(db.source, `UPDATE f SET n = n + 1 WHERE id <= 50`)
    await until('the first changes to arrive', async () => (await query<{ n: number }>(db.target, `SELECT sum(n)::int AS n FROM f`))[0]!.n === 50)
    await until('the metrics to show them', async () => /godwit_cdc_events_applied_total\{stream="\d+"\} 50\b/.test(await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text()))
    expect(await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text()).toMatch(/godwit_cdc_lag_seconds\{stream="\d+"\} \d/)
    await exec(db.source, `SELECT pg_terminate_backend(pid) FROM pg_stat_replication`)
    // The apply session (its last statement ended a batch) and the status session holding the stream's lock.
    const killed = await query<{ q: string }>(db.target, `SELECT query AS q, pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND (query IN ('COMMIT', 'SELECT * FROM godwit.cdc_checkpoint WHERE stream_id = $1') OR query LIKE '%cdc_lag_samples%')`)
    expect(killed.some((k) => k.q.includes('cdc_lag_samples'))).toBe(true)
    expect(killed.some((k) => !k.q.includes('cdc_lag_samples'))).toBe(true)
    await exec(db.source, `UPDATE f SET n = n + 1 WHERE id > 50; INSERT INTO f VALUES (1000, 'new', 1)`)
    await until('the changes after the breaks to arrive', async () => (await query<{ n: number }>(db.target, `SELECT sum(n)::int AS n FROM f`))[0]!.n === 101)
    const since = new Date()
    await until('the status to be recorded again', async () => (await query(db.target, `SELECT 1 FROM godwit.cdc_streams WHERE heartbeat_at > $1 AND state = 'running'`, [since])).length === 1)
    abort.abort()
    const r = await running
    expect(r.reason).toBe('interrupted')
    expect(r.exitCode).toBe(0)
    expect(warnings.some((w) => /reconnecting/.test(w))).toBe(true)
    expect(r.eventsApplied).toBe(50 + 50 + 1)
    await expectEqual(db.source, db.target, ['public.f'])
  }, 120_000)

  it('applies a transaction bigger than a batch in pieces that resume exactly after a failure in the middle', async () => {
    await exec(db.target, `ALTER TABLE f ADD CONSTRAINT small CHECK (n < 1000)`)
    await exec(db.source, `INSERT INTO f SELECT g, 'big', CASE WHEN g = 20550 THEN 5000 ELSE 1 END FROM generate_series(20001, 21000) g`)
    await expect(runCdc({ sourceUrl: db.source, targetUrl: db.target, tables: ['public.f'], batchSize: 100, untilCaughtUp: true, maxDurationSeconds: 30 })).rejects.toMatchObject({ code: 'CDC_APPLY_REFUSED' })
    const [cp] = await query<{ partial_events: string; partial_tx: string | null }>(db.target, `SELECT partial_events, partial_tx FROM godwit.cdc_checkpoint`)
    expect(cp!.partial_tx).not.toBeNull()
    expect(Number(cp!.partial_events)).toBe(500)
    expect((await query<{ n: number }>(db.target, `SELECT count(*)::int AS n FROM f WHERE id > 20000`))[0]!.n).toBe(500)
    const before = Number((await query<{ events: string }>(db.target, `SELECT events FROM godwit.cdc_checkpoint`))[0]!.events)
    await exec(db.target, `ALTER TABLE f DROP CONSTRAINT small`)
    const r = await runCdc({ sourceUrl: db.source, targetUrl: db.target, tables: ['public.f'], batchSize: 100, untilCaughtUp: true, maxDurationSeconds: 30 })
    expect(r.eventsApplied - before).toBe(500)
    await expectEqual(db.source, db.target, ['public.f'])
  }, 120_000)

  it('stops before the first change after a Relation message that no longer matches the target, naming table and difference', async () => {
    await exec(db.source, `UPDATE f SET v = 'before ddl' WHERE id = 1`)
    await exec(db.source, `ALTER TABLE f ADD COLUMN extra text`)
    await exec(db.source, `UPDATE f SET v = 'after ddl', extra = 'x' WHERE id = 2`)
    await expect(runCdc({ sourceUrl: db.source, targetUrl: db.target, tables: ['public.f'], untilCaughtUp: true, maxDurationSeconds: 30 })).rejects.toMatchObject({
      code: 'CDC_SCHEMA_CHANGED',
      object: 'public.f',
      message: expect.stringMatching(/public\.f changed at the source at position [0-9A-F]+\/[0-9A-F]+: columns added at the source: extra/),
    })
    expect(await query(db.target, `SELECT id, v FROM f WHERE id IN (1, 2) ORDER BY id`)).toEqual([{ id: 1, v: 'before ddl' }, { id: 2, v: 'v2' }])
    const [s] = await query<{ state: string; error_code: string }>(db.target, `SELECT state, error_code FROM godwit.cdc_streams`)
    expect(s).toEqual({ state: 'failed', error_code: 'CDC_SCHEMA_CHANGED' })
  }, 120_000)
})
