import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runLoad } from '../../src/load/run-load.js'
import { exec, sourceAndTarget } from '../integration/load-support.js'
import { runCli } from './run-cli.js'

/** `godwit cdc` flags from the command line: Redshift targets (--state) and Teradata capture; what an engine cannot do is a usage error. */
describe('godwit cdc target and capture flags on the command line', { timeout: 240_000 }, () => {
  let db: Awaited<ReturnType<typeof sourceAndTarget>>
  const unreachable = 'redshift://admin:s3cret@cluster.example.invalid:5439/dev'
  beforeAll(async () => {
    db = await sourceAndTarget('cdcrscli')
    const ddl = `CREATE TABLE sales (id int PRIMARY KEY, note text)`
    await exec(db.source, `${ddl}; INSERT INTO sales SELECT g, 'n' || g FROM generate_series(1, 50) g`)
    await exec(db.target, ddl)
    expect((await runLoad({ sourceUrl: db.source, targetUrl: db.target, tables: ['public.sales'], jobs: 1 })).complete).toBe(true)
  })
  afterAll(async () => db?.drop())

  it('--on-error dead-letter, a missing --state and --state with --reverse are usage errors (exit 2) naming why; the password is never printed', async () => {
    const deadLetter = await runCli(['cdc', '--source', db.source, '--target', unreachable, '--state', db.target, '--on-error', 'dead-letter'])
    expect(deadLetter.status).toBe(2)
    expect(deadLetter.stderr).toMatch(/dead-letter is not available on Amazon Redshift/)
    const noState = await runCli(['cdc', '--source', db.source, '--target', unreachable])
    expect(noState.status).toBe(2)
    expect(noState.stderr).toMatch(/--state is required/)
    const reverse = await runCli(['cdc', '--reverse', '--source', db.source, '--target', db.target, '--state', db.target])
    expect(reverse.status).toBe(2)
    expect(reverse.stderr).toMatch(/--state does not apply to cdc --reverse/)
    expect(deadLetter.stderr + noState.stderr + reverse.stderr).not.toContain('s3cret')
  })

  it('cdc --reverse into Oracle from the command line: dead-letter refused, and without a fall-back stream in the new database a usage error that says so; no password printed', async () => {
    const oracle = 'oracle://gw:s3cret@oracle.example.invalid:1521/FREEPDB1'
    const deadLetter = await runCli(['cdc', '--reverse', '--source', oracle, '--target', db.target, '--on-error', 'dead-letter'])
    expect(deadLetter.status).toBe(2)
    expect(deadLetter.stderr).toMatch(/dead-letter is not available on Oracle/)
    const noStream = await runCli(['cdc', '--reverse', '--source', oracle, '--target', db.target])
    expect(noStream.status).toBe(2)
    expect(noStream.stderr).toMatch(/no fall-back stream from .* back to oracle:\/\/gw:\*+@oracle.example.invalid:1521\/FREEPDB1/)
    const teradata = await runCli(['cdc', '--reverse', '--source', 'teradata://etl:s3cret@td.example.invalid/Sales', '--target', db.target])
    expect(teradata.status).toBe(2)
    expect(teradata.stderr).toMatch(/back into Oracle or PostgreSQL; here it would read PostgreSQL and write Teradata/)
    expect(deadLetter.stderr + noStream.stderr + teradata.stderr).not.toContain('s3cret')
  })

  it('Teradata capture flags: a malformed --watermark-column, --create-change-tables without --tables or for another engine, --capture on a PostgreSQL source are usage errors (exit 2)', async () => {
    const td = 'teradata://etl:s3cret@td.example.invalid/Sales'
    const malformed = await runCli(['cdc', '--source', td, '--target', db.target, '--watermark-column', 'Sales.Orders'])
    expect(malformed.status).toBe(2)
    expect(malformed.stderr).toMatch(/--watermark-column "Sales.Orders" is not TABLE=COLUMN/)
    const unselected = await runCli(['cdc', '--create-change-tables', '--source', td])
    expect(unselected.status).toBe(2)
    expect(unselected.stderr).toMatch(/--create-change-tables needs --tables/)
    const notTeradata = await runCli(['cdc', '--create-change-tables', '--source', db.source, '--tables', 'public.sales'])
    expect(notTeradata.status).toBe(2)
    expect(notTeradata.stderr).toMatch(/--create-change-tables is for Teradata sources/)
    const captureOnPg = await runCli(['cdc', '--source', db.source, '--target', db.target, '--tables', 'public.sales', '--capture', 'change-table'])
    expect(captureOnPg.status).toBe(2)
    expect(captureOnPg.stderr).toMatch(/--capture and --watermark-column are for Teradata sources/)
    expect(malformed.stderr + unselected.stderr).not.toContain('s3cret')
  })

  it('--target redshift://… --state … streams into the cluster (its SQL on PostgreSQL here) and ends caught up', async () => {
    await exec(db.source, `UPDATE sales SET note = 'changed' WHERE id <= 10; DELETE FROM sales WHERE id > 45`)
    const t = new URL(db.target)
    const cluster = `redshift://${t.username}:${t.password}@${t.host}${t.pathname}?sslmode=disable`
    const r = await runCli(['cdc', '--source', db.source, '--target', cluster, '--state', db.target, '--tables', 'public.sales', '--until-caught-up', '--max-duration', '60', '--json'])
    expect(r.status).toBe(0)
    const result = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; result?: object }).find((l) => l.type === 'result')
    expect(result?.result).toMatchObject({ reason: 'caught-up', eventsApplied: 15 })
    await exec(db.target, `DO $$ BEGIN IF (SELECT count(*) FROM sales WHERE note = 'changed') <> 10 OR (SELECT count(*) FROM sales) <> 45 THEN RAISE 'target not in step'; END IF; END $$`)
  })
})
