import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exec, sourceAndTarget, tableDigest, withClient } from '../integration/load-support.js'
import { runCli } from './run-cli.js'

/** What a load may leave on the source and target, counted. */
async function footprint(source: string, target: string): Promise<{ slots: number; publications: number; runs: number }> {
  const onSource = await withClient(source, (c) =>
    c.query(`SELECT (SELECT count(*)::int FROM pg_replication_slots WHERE database = current_database()) AS slots, (SELECT count(*)::int FROM pg_publication) AS publications`),
  )
  const runs = await withClient(target, async (c) => {
    const present = (await c.query(`SELECT to_regclass('godwit.load_runs') IS NOT NULL AS present`)).rows[0] as { present: boolean }
    return present.present ? ((await c.query(`SELECT count(*)::int AS n FROM godwit.load_runs`)).rows[0] as { n: number }).n : 0
  })
  return { ...(onSource.rows[0] as { slots: number; publications: number }), runs }
}

/** `godwit load` as a user meets it: nothing emptied or left behind without being asked, and said plainly. */
describe('godwit load: data safety on the command line', { timeout: 240_000 }, () => {
  let db: Awaited<ReturnType<typeof sourceAndTarget>>
  let reports: string
  const args = (...more: string[]) => ['load', '--source', db.source, '--target', db.target, '--report', reports, ...more]
  beforeAll(async () => {
    db = await sourceAndTarget('loadsafe')
    reports = mkdtempSync(join(tmpdir(), 'godwit-load-reports-'))
    const ddl = `CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL);
      CREATE TABLE orders (id int PRIMARY KEY, customer int REFERENCES customers, amount numeric(10,2), doubled numeric GENERATED ALWAYS AS (amount * 2) STORED)`
    await exec(db.source, `${ddl}; INSERT INTO customers SELECT g, 'c' || g FROM generate_series(1, 1500) g;
      INSERT INTO orders (id, customer, amount) SELECT g, g % 1500 + 1, g / 10.0 FROM generate_series(1, 3000) g; ANALYZE`)
    await exec(db.target, `${ddl}; CREATE TABLE invoices (id int PRIMARY KEY, customer int REFERENCES customers);
      INSERT INTO customers VALUES (900001, 'only in the target'), (900002, 'also only in the target')`)
  })
  afterAll(async () => db?.drop())

  it('--dry-run prints the plan and creates nothing on either side', async () => {
    const r = await runCli(args('--tables', 'public.*', '--exclude', 'public.invoices', '--truncate', '--dry-run', '--chunk-rows', '1000'))
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/Plan: new run: 2 tables, \d+ chunks/)
    expect(r.stdout).toMatch(/public\.customers\s+public\.customers\s+1,500\s+0\/2/)
    expect(r.stdout).toMatch(/--truncate would empty: public\.customers \(2 rows\)/)
    expect(r.stdout).toMatch(/generated columns are left out; the target computes them: public\.orders\.doubled/)
    expect(r.stdout).toMatch(/would keep a replication slot and publication godwit_[0-9a-f]{16}/)
    expect(await footprint(db.source, db.target)).toEqual({ slots: 0, publications: 0, runs: 0 })
    expect((await withClient(db.target, (c) => c.query(`SELECT to_regnamespace('godwit') IS NULL AS absent`))).rows[0]).toEqual({ absent: true })
    expect(await tableDigest(db.target, 'customers')).toMatchObject({ rows: 2 })
  })

  it('refuses a non-empty target without --truncate, naming every table and its rows, before touching anything (exit 5)', async () => {
    await exec(db.target, `INSERT INTO orders (id, customer, amount) VALUES (900001, 900001, 1)`)
    const r = await runCli(args('--tables', 'public.customers,public.orders', '--json'))
    expect(r.status).toBe(5)
    const out = JSON.parse(r.stdout) as { code: string; message: string; hint: string }
    expect(out.code).toBe('LOAD_TARGET_NOT_EMPTY')
    expect(out.message).toContain('public.customers (2 rows), public.orders (1 row)')
    expect(out.hint).toMatch(/--truncate/)
    expect(r.stdout + r.stderr).not.toContain(`:${new URL(db.source).password}@`)
    expect(await tableDigest(db.target, 'customers')).toMatchObject({ rows: 2 })
    expect(await footprint(db.source, db.target)).toEqual({ slots: 0, publications: 0, runs: 0 })
  })

  it('--truncate with rows outside the load referring to the tables: a clear error, nothing changed (exit 5)', async () => {
    await exec(db.target, `INSERT INTO invoices VALUES (1, 900001)`)
    const r = await runCli(args('--tables', 'public.customers,public.orders', '--truncate'))
    expect(r.status).toBe(5)
    expect(r.stderr).toMatch(/Error \[LOAD_TRUNCATE_REFERENCED\]: --truncate cannot empty tables that rows outside the load refer to: public\.invoices references public\.customers \(foreign key invoices_customer_fkey\)/)
    expect(r.stderr).not.toMatch(/Internal error|\n\s+at /)
    expect(await tableDigest(db.target, 'customers')).toMatchObject({ rows: 2 })
    await exec(db.target, `DELETE FROM invoices`)
  })

  it('a wrong source password is a source error (exit 4) that never prints the password', async () => {
    const wrong = new URL(db.source)
    wrong.password = 'Wr0ngSecret9'
    const r = await runCli(['load', '--source', wrong.toString(), '--target', db.target, '--tables', 'public.customers', '--no-report'])
    expect(r.status).toBe(4)
    expect(r.stderr).toMatch(/Error \[SOURCE_AUTH_FAILED\]: cannot connect to the source postgres:\/\/[^:]+:\*\*\*@/)
    expect(r.stdout + r.stderr).not.toContain('Wr0ngSecret9')
  })

  it('--tables naming tables that do not exist is a usage error naming all of them (exit 2)', async () => {
    const r = await runCli(args('--tables', 'public.customers,public.nosuch,app.*', '--truncate'))
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('Error [LOAD_TABLES_NOT_FOUND]: --tables names no source table: public.nosuch, app.*')
    expect(await footprint(db.source, db.target)).toEqual({ slots: 0, publications: 0, runs: 0 })
  })

  it('--truncate loads with the plan first, leaves out generated columns, and says what it left on the source for CDC', async () => {
    const before = new Set(readdirSync(reports))
    const r = await runCli(args('--tables', 'public.customers,public.orders', '--truncate', '--chunk-rows', '1000'))
    expect(r.status).toBe(0)
    expect(r.stderr).toMatch(/Plan: new run: 2 tables/)
    expect(r.stderr).toMatch(/--truncate empties: public\.customers \(2 rows\), public\.orders \(1 row\)/)
    expect(r.stdout).toMatch(/public\.customers\s+1,500\s+0\s+2\/2 .* ok$/m)
    expect(r.stdout).toMatch(/^total: 2 tables, 4,500 rows, [\d.]+ kB, [\d.]+ s elapsed, [\d,]+ rows\/s loaded by this command$/m)
    expect(r.stdout).toMatch(/left replication slot (godwit_[0-9a-f]{16}) and publication \1 on the source for CDC; the slot retains [\d.]+ k?B of WAL now/)
    expect(r.stdout).toMatch(/godwit load --source postgres:\/\/[^:]+:\*\*\*@\S+ --tables public\.customers --tables public\.orders --drop-slot/)
    expect(r.stdout + r.stderr).not.toContain(`:${new URL(db.source).password}@`)
    expect(await tableDigest(db.target, 'customers')).toEqual(await tableDigest(db.source, 'customers'))
    expect(await tableDigest(db.target, 'orders')).toEqual(await tableDigest(db.source, 'orders'))
    const files = readdirSync(reports).filter((f) => f.startsWith('load-') && !before.has(f))
    expect(files.map((f) => f.replace(/^load-[\dT-]+Z\./, '')).sort()).toEqual(['json', 'md'])
    const md = readFileSync(join(reports, files.find((f) => f.endsWith('.md'))!), 'utf8')
    expect(md).toMatch(/# godwit load: complete/)
    expect(md).toMatch(/\| `public.orders` \| 3,000 \| 0 \| 3\/3 \|.*\| doubled \| ok \|/)
  })

  it('rerunning a finished command says so and empties nothing (a row added since survives)', async () => {
    await exec(db.target, `INSERT INTO customers VALUES (900003, 'added after the load')`)
    const r = await runCli(args('--tables', 'public.customers,public.orders', '--truncate', '--no-report'))
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/run \d+ already loaded these tables; nothing was done/)
    expect(await tableDigest(db.target, 'customers')).toMatchObject({ rows: 1501 })
  })

  it('repeated loads of one selection leave one slot and one publication; --drop-slot removes them, idempotently', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await runCli(args('--tables', 'public.customers,public.orders', '--restart', '--truncate', '--no-report', '--json'))
      expect(r.status).toBe(0)
    }
    expect(await footprint(db.source, db.target)).toMatchObject({ slots: 1, publications: 1 })
    const drop = await runCli(['load', '--source', db.source, '--tables', 'public.customers,public.orders', '--drop-slot'])
    expect(drop.status).toBe(0)
    expect(drop.stdout).toMatch(/dropped replication slot godwit_[0-9a-f]{16} and publication godwit_[0-9a-f]{16} on the source/)
    const again = await runCli(['load', '--source', db.source, '--tables', 'public.customers,public.orders', '--drop-slot', '--json'])
    expect(again.status).toBe(0)
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 0, result: { dropped: {} } })
    expect(await footprint(db.source, db.target)).toMatchObject({ slots: 0, publications: 0 })
  })

  it('--list-runs shows every run with its state, chunks and position, as a table and as JSON', async () => {
    const human = await runCli(['load', '--target', db.target, '--list-runs'])
    expect(human.status).toBe(0)
    expect(human.stdout).toMatch(/^run\s+state\s+tables\s+chunks\s+rows\s+started\s+finished\s+position\s+selection$/m)
    expect(human.stdout).toMatch(/abandoned|done/)
    expect(human.stdout).toMatch(/public\.customers, public\.orders\s+5\/5\s+4,500/)
    const json = await runCli(['load', '--target', db.target, '--list-runs', '--json'])
    const runs = (JSON.parse(json.stdout) as { result: { runs: { state: string; chunks: number; chunksDone: number; position: { lsn: string } }[] } }).result.runs
    expect(runs.length).toBe(4)
    expect(runs.every((x) => x.state === 'done' && x.chunksDone === x.chunks && x.position.lsn)).toBe(true)
  })
})
