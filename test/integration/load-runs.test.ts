import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { abandonLoadRun, listLoadRuns } from '../../src/load/run-admin.js'
import { runLoad, type LoadOptions } from '../../src/load/run-load.js'
import { exec, sourceAndTarget, tableDigest, withClient } from './load-support.js'

/** Runs over their life: repeated, failed and fixed, abandoned, overlapping, and the figures they report. */
describe('load runs: lifecycle, slots and honest figures', () => {
  let db: Awaited<ReturnType<typeof sourceAndTarget>>
  let rejectsDir: string
  const load = (o: Partial<LoadOptions>) => runLoad({ sourceUrl: db.source, targetUrl: db.target, jobs: 2, retry: { attempts: 1, baseMs: 1 }, rejectsDir, ...o })
  const slots = async () =>
    (await withClient(db.source, (c) => c.query(`SELECT slot_name FROM pg_replication_slots WHERE database = current_database() ORDER BY 1`))).rows.map((r: { slot_name: string }) => r.slot_name)
  beforeAll(async () => {
    db = await sourceAndTarget('loadruns')
    rejectsDir = await mkdtemp(join(tmpdir(), 'godwit-rejects-'))
    await exec(
      db.source,
      `CREATE TABLE items (id int PRIMARY KEY, label text); INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 2000) g;
       CREATE TABLE notes (id int PRIMARY KEY, body text); INSERT INTO notes SELECT g, 'short' FROM generate_series(1, 1000) g;
       UPDATE notes SET body = 'a body far too long' WHERE id IN (10, 20, 30);
       CREATE TABLE prices (id int PRIMARY KEY, amount numeric(10,2), taxed numeric(10,2)); INSERT INTO prices SELECT g, g, g * 1.2 FROM generate_series(1, 500) g;
       ANALYZE`,
    )
    await exec(
      db.target,
      `CREATE TABLE items (id int PRIMARY KEY, label text); CREATE TABLE notes (id int PRIMARY KEY, body varchar(8));
       CREATE TABLE prices (id int PRIMARY KEY, amount numeric(10,2), taxed numeric(10,2) GENERATED ALWAYS AS (amount * 1.2) STORED)`,
    )
  })
  afterAll(async () => db?.drop())

  it('ten loads of one selection leave one slot and one publication, each replacing the last', async () => {
    const positions = []
    for (let i = 0; i < 10; i++) {
      const r = await load({ tables: ['public.items'], restart: true, truncate: true, chunkRows: 500 })
      expect(r.complete).toBe(true)
      positions.push(r.position)
    }
    expect(new Set(positions.map((p) => p.slot)).size).toBe(1)
    expect(new Set(positions.map((p) => p.lsn)).size).toBe(10)
    expect(await slots()).toEqual([positions[9]!.slot])
    const publications = await withClient(db.source, (c) => c.query(`SELECT pubname FROM pg_publication`))
    expect(publications.rows).toEqual([{ pubname: positions[9]!.publication }])
    expect(await tableDigest(db.target, 'items')).toEqual(await tableDigest(db.source, 'items'))
    // Done chunks' times are the server's clock at commit, not the transaction start: never shorter than the copy they timed.
    const timing = await withClient(db.target, (c) =>
      c.query(`SELECT bool_and(extract(epoch FROM finished_at - started_at) >= seconds - 0.002) AS honest, count(*)::int AS n FROM godwit.load_chunks WHERE state = 'done'`),
    )
    expect(timing.rows[0]).toEqual({ honest: true, n: expect.any(Number) })
  })

  it('a failed run resumes after the target column is widened, adopting the change; a failed table shows no rates', async () => {
    const failed = await load({ tables: ['public.notes'], chunkRows: 250 })
    expect(failed.complete).toBe(false)
    const notes = failed.tables[0]!
    expect(notes.status).toBe('failed')
    expect(notes.rowsPerSecond).toBeUndefined()
    expect(notes.megabytesPerSecond).toBeUndefined()
    await exec(db.target, `ALTER TABLE notes ALTER COLUMN body TYPE varchar(40)`)
    // A dry run of the resume lists the change and records nothing (the real resume still finds it).
    const dry = await load({ tables: ['public.notes'], chunkRows: 250, dryRun: true })
    expect(dry).toMatchObject({ dryRun: true, plan: { action: 'resume', runId: failed.runId, adopted: [expect.stringContaining('public.notes.body')] } })
    const warnings: string[] = []
    const fixed = await load({ tables: ['public.notes'], chunkRows: 250, onEvent: (e) => e.kind === 'warning' && warnings.push(e.message) })
    expect(fixed).toMatchObject({ runId: failed.runId, resumed: true, complete: true })
    expect(fixed.plan?.adopted).toEqual(['public.notes.body is character varying(40) now (was character varying(8))'])
    expect(warnings.join('\n')).toContain(`run ${failed.runId} adopts a change: public.notes.body is character varying(40) now`)
    expect(fixed.tables[0]).toMatchObject({ status: 'ok', rows: 1000, rowsPerSecond: expect.any(Number) })
    expect(await tableDigest(db.target, 'notes')).toEqual(await tableDigest(db.source, 'notes'))
  })

  it('--max-rejects as a percentage of the table: within it the table is "ok, N rejected", past it the table fails saying so', async () => {
    await exec(db.target, `TRUNCATE notes; ALTER TABLE notes ALTER COLUMN body TYPE varchar(8)`)
    const over = await load({ tables: ['public.notes'], restart: true, truncate: true, transcode: true, maxRejects: { percent: 0.1 } })
    expect(over.tables[0]!.status).toBe('failed')
    expect(over.tables[0]!.error).toMatch(/2 rejected row\(s\) exceed --max-rejects 0\.1% \(1 row of this table\)/)
    const within = await load({ tables: ['public.notes'], restart: true, truncate: true, transcode: true, maxRejects: { percent: 1 } })
    expect(within.complete).toBe(true)
    expect(within.tables[0]).toMatchObject({ rows: 997, rejected: 3, status: 'ok, 3 rejected' })
    expect(within.totals).toMatchObject({ tables: 1, rows: 997, rejected: 3 })
  })

  it('a source column added since the run was planned: resume refuses (exit 6) and --restart starts over', async () => {
    const failed = await load({ tables: ['public.notes'], restart: true, truncate: true })
    expect(failed.complete).toBe(false)
    await exec(db.source, `ALTER TABLE notes ADD COLUMN extra int`)
    await exec(db.target, `ALTER TABLE notes ADD COLUMN extra int, ALTER COLUMN body TYPE text`)
    await expect(load({ tables: ['public.notes'] })).rejects.toMatchObject({
      code: 'LOAD_RUN_SOURCE_CHANGED',
      exitCode: 6,
      message: expect.stringContaining('the columns of public.notes changed since it was planned: (id, body) then, (id, body, extra) now'),
    })
    const restarted = await load({ tables: ['public.notes'], restart: true, truncate: true })
    expect(restarted).toMatchObject({ complete: true, plan: { action: 'new', replaces: failed.runId } })
    const runs = await listLoadRuns(db.target)
    expect(runs.find((r) => r.id === failed.runId)).toMatchObject({ state: 'abandoned', active: false })
    expect(await tableDigest(db.target, 'notes')).toEqual(await tableDigest(db.source, 'notes'))
  })

  it('an unfinished run owns its tables: another selection over them stops (exit 6) until it is abandoned', async () => {
    await exec(db.target, `TRUNCATE notes; ALTER TABLE notes ALTER COLUMN body TYPE varchar(8)`)
    const unfinished = await load({ tables: ['public.notes'], restart: true })
    expect(unfinished.complete).toBe(false)
    await expect(load({ tables: ['public.*'], truncate: true })).rejects.toMatchObject({
      code: 'LOAD_RUN_CONFLICT',
      exitCode: 6,
      message: expect.stringContaining(`run ${unfinished.runId} (--tables public.notes, unfinished, no process on it) holds public.notes`),
    })
    const abandoned = await abandonLoadRun({ sourceUrl: db.source, targetUrl: db.target, tables: ['public.notes'] })
    expect(abandoned).toEqual({ runId: unfinished.runId, dropped: { slot: unfinished.position.slot, publication: unfinished.position.publication } })
    expect(await abandonLoadRun({ sourceUrl: db.source, targetUrl: db.target, tables: ['public.notes'] })).toEqual({ dropped: {} })
    expect(await slots()).not.toContain(unfinished.position.slot)
    await exec(db.target, `ALTER TABLE notes ALTER COLUMN body TYPE text`)
    const all = await load({ tables: ['public.*'], exclude: ['public.items'], truncate: true })
    expect(all.complete).toBe(true)
    expect(all.tables.map((t) => t.name)).toEqual(['public.notes', 'public.prices'])
  })

  it('a column the target generates is left out of the copy and computed there, and the plan says so', async () => {
    const r = await load({ tables: ['public.prices'], truncate: true })
    expect(r.plan?.tables[0]).toMatchObject({ name: 'public.prices', generated: ['taxed'] })
    expect(r.tables[0]).toMatchObject({ status: 'ok', rows: 500, generated: ['taxed'] })
    expect(await tableDigest(db.target, 'prices')).toEqual(await tableDigest(db.source, 'prices'))
  })
})
