import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { countDeadLetters, readStreamStatuses, requestStop } from '../../src/cdc/cdc-control.js'
import { runCdc } from '../../src/cdc/run-cdc.js'
import { currentLsn, expectEqual, loadForCdc, query } from './cdc-support.js'
import { exec, sourceAndTarget, withClient } from './load-support.js'

const DDL = `
CREATE TABLE public.accounts (id int PRIMARY KEY, name text, balance numeric(12,2), note text, updated timestamptz);
CREATE TABLE public.docs (id int PRIMARY KEY, title text NOT NULL, body text, n int);
CREATE TABLE public.events_nokey (kind text, payload jsonb, at timestamp);
ALTER TABLE public.events_nokey REPLICA IDENTITY FULL;
CREATE TABLE public.parts (a int, b text, qty int, PRIMARY KEY (a, b));
`
const TABLES = ['public.accounts', 'public.docs', 'public.events_nokey', 'public.parts']

/** Incompressible text bigger than the TOAST threshold: stored out of line, sent as 'u' when unchanged. */
const bigText = (seed: number): string => `SELECT string_agg(md5((${seed} * 100000 + g)::text), '') FROM generate_series(1, 300) g`

describe('godwit cdc on PostgreSQL: capture with pgoutput, set-based apply, checkpoint', () => {
  let db: Awaited<ReturnType<typeof sourceAndTarget>>
  beforeAll(async () => {
    db = await sourceAndTarget('cdc_apply')
    await exec(db.source, DDL)
    await exec(db.target, DDL)
    await exec(db.source, `
      INSERT INTO accounts SELECT g, 'name ' || g, g * 1.5, NULL, '2024-01-01 00:00:00+00'::timestamptz + g * interval '1 minute' FROM generate_series(1, 200) g;
      INSERT INTO docs SELECT g, 'doc ' || g, (${bigText(1)}) || g, 0 FROM generate_series(1, 20) g;
      INSERT INTO events_nokey VALUES ('a', '{"x": 1}', '2024-01-01'), ('a', '{"x": 1}', '2024-01-01'), ('b', NULL, NULL);
      INSERT INTO parts SELECT g % 10, 'p' || g, g FROM generate_series(1, 50) g;`)
    await loadForCdc(db.source, db.target, TABLES)
  }, 120_000)
  afterAll(async () => {
    await db.drop()
  })

  it('applies inserts, updates, deletes, key changes, NULLs, TOASTed values, rollbacks and keyless rows; the target then equals the source', async () => {
    await exec(db.source, `
      INSERT INTO accounts VALUES (1001, 'tab\there', 10.10, E'line\\nbreak \\\\ back', now()), (1002, NULL, NULL, NULL, NULL);
      UPDATE accounts SET balance = balance + 1 WHERE id % 3 = 0;
      DELETE FROM accounts WHERE id % 7 = 0;
      UPDATE accounts SET id = id + 5000 WHERE id IN (1, 2, 3);          -- key changes
      UPDATE accounts SET name = NULL, note = 'was null' WHERE id = 10;`)
    // A multi-statement exec is one implicit transaction: the rolled-back one gets its own.
    await exec(db.source, `BEGIN; INSERT INTO accounts VALUES (9999, 'rolled back', 0, NULL, NULL); UPDATE accounts SET name = 'x' WHERE id = 11; ROLLBACK;`)
    await exec(db.source, `
      UPDATE docs SET n = n + 1 WHERE id <= 10;                           -- body is TOASTed and unchanged: sent as 'u'
      UPDATE docs SET id = id + 100, n = 7 WHERE id = 5;                  -- key change with an unchanged TOASTed value
      UPDATE docs SET body = (${bigText(2)}) WHERE id = 6;
      INSERT INTO events_nokey VALUES ('c', '[1,2]', now()::timestamp);
      DELETE FROM events_nokey WHERE ctid = (SELECT min(ctid) FROM events_nokey WHERE kind = 'a');  -- one of two identical rows
      UPDATE events_nokey SET payload = '{"y": 2}' WHERE kind = 'b';
      UPDATE parts SET b = b || 'x' WHERE a = 3;
      DELETE FROM parts WHERE a = 4;
      INSERT INTO accounts VALUES (2001, 'ins then upd', 1, NULL, NULL); UPDATE accounts SET balance = 2 WHERE id = 2001;
      INSERT INTO accounts VALUES (2002, 'ins then del', 1, NULL, NULL); DELETE FROM accounts WHERE id = 2002;`)
    const result = await runCdc({ sourceUrl: db.source, targetUrl: db.target, tables: TABLES, untilCaughtUp: true, maxLagMs: 2000, maxDurationSeconds: 60 })
    expect(result.reason).toBe('caught-up')
    expect(result.exitCode).toBe(0)
    expect(result.eventsApplied).toBeGreaterThan(100)
    await expectEqual(db.source, db.target, TABLES)
    const [body] = await query<{ same: boolean }>(db.target, `SELECT body = (${bigText(1)}) || '5' AS same FROM docs WHERE id = 105`)
    expect(body?.same).toBe(true)
    expect(await query(db.target, `SELECT 1 FROM accounts WHERE id = 9999`)).toEqual([])
  }, 120_000)

  it('restarts from the target checkpoint: a second run applies only what is new', async () => {
    await exec(db.source, `UPDATE accounts SET balance = balance * 2 WHERE id < 50`)
    const r = await runCdc({ sourceUrl: db.source, targetUrl: db.target, tables: TABLES, untilCaughtUp: true, maxDurationSeconds: 60 })
    expect(r.reason).toBe('caught-up')
    await expectEqual(db.source, db.target, TABLES)
    const counts = await query<{ events: string }>(db.target, `SELECT events FROM godwit.cdc_checkpoint`)
    expect(Number(counts[0]!.events)).toBe(r.eventsApplied)
  }, 120_000)

  it('TRUNCATE empties the target table in order with the changes around it', async () => {
    await exec(db.source, `INSERT INTO parts VALUES (100, 'before', 1); TRUNCATE parts; INSERT INTO parts VALUES (101, 'after', 2);`)
    await runCdc({ sourceUrl: db.source, targetUrl: db.target, tables: TABLES, untilCaughtUp: true, maxDurationSeconds: 60 })
    expect(await query(db.target, `SELECT a, b FROM parts`)).toEqual([{ a: 101, b: 'after' }])
    await expectEqual(db.source, db.target, TABLES)
  }, 120_000)

  it('stops at a position requested through the control schema and records it', async () => {
    await exec(db.source, `UPDATE accounts SET note = 'stop test' WHERE id < 20`)
    const stopAt = await currentLsn(db.source)
    const [stream] = await withClient(db.target, (c) => readStreamStatuses(c))
    await withClient(db.target, (c) => requestStop(c, stream!.id, stopAt))
    const r = await runCdc({ sourceUrl: db.source, targetUrl: db.target, tables: TABLES, maxDurationSeconds: 60 })
    expect(r.reason).toBe('stop-requested')
    expect(r.exitCode).toBe(0)
    const [after] = await withClient(db.target, (c) => readStreamStatuses(c))
    expect(after?.state).toBe('stopped')
    expect(after?.stoppedPosition).toBeDefined()
    await expectEqual(db.source, db.target, TABLES)
  }, 120_000)

  it('stops on a change the target refuses, naming table, key and position; --on-error dead-letter sets it aside and goes on', async () => {
    await exec(db.target, `ALTER TABLE accounts ADD CONSTRAINT balance_small CHECK (balance < 100000)`)
    await exec(db.source, `INSERT INTO accounts VALUES (3001, 'too rich', 500000, NULL, NULL); INSERT INTO accounts VALUES (3002, 'fine', 1, NULL, NULL);`)
    await expect(runCdc({ sourceUrl: db.source, targetUrl: db.target, tables: TABLES, untilCaughtUp: true, maxDurationSeconds: 30 })).rejects.toMatchObject({
      code: 'CDC_APPLY_REFUSED',
      exitCode: 5,
      message: expect.stringMatching(/public\.accounts: upsert of key \{"id":"3001"\} at source position [0-9A-F]+\/[0-9A-F]+/),
    })
    expect(await query(db.target, `SELECT id FROM accounts WHERE id IN (3001, 3002)`)).toEqual([])
    const r = await runCdc({ sourceUrl: db.source, targetUrl: db.target, tables: TABLES, untilCaughtUp: true, maxDurationSeconds: 30, onError: 'dead-letter' })
    expect(r.reason).toBe('caught-up')
    expect(await query(db.target, `SELECT id FROM accounts WHERE id IN (3001, 3002)`)).toEqual([{ id: 3002 }])
    expect(await withClient(db.target, (c) => countDeadLetters(c))).toBe(1)
    const [letter] = await query<{ table_name: string; key: unknown; error_code: string }>(db.target, `SELECT table_name, key, error_code FROM godwit.cdc_dead_letters`)
    expect(letter).toEqual({ table_name: 'public.accounts', key: { id: '3001' }, error_code: '23514' })
  }, 120_000)
})
