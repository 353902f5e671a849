import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { useDatabase } from '../support/database.js'
import { envelope, runCli } from './run-cli.js'

const DDL = `CREATE SCHEMA app;
CREATE TABLE app.orders (id int PRIMARY KEY);
CREATE TABLE app.customers (id int PRIMARY KEY);
CREATE TABLE app.audit_log (id int PRIMARY KEY);`

function tableNames(result: unknown): string[] {
  return ((result as { tables: { name: string }[] }).tables ?? []).map((t) => t.name).sort()
}

/** include/exclude in the project file, and --tables/--exclude, select the same tables for load and validate. */
describe('table selection is the same for load and validate', () => {
  const source = useDatabase('cli_sel_src')
  const target = useDatabase('cli_sel_dst')
  let dir: string

  beforeAll(async () => {
    await source.client.query(DDL)
    await source.client.query('INSERT INTO app.orders VALUES (1), (2); INSERT INTO app.customers VALUES (1); INSERT INTO app.audit_log VALUES (1)')
    await target.client.query(DDL)
    dir = mkdtempSync(join(tmpdir(), 'godwit-cli-sel-'))
    writeFileSync(join(dir, 'godwit.config.yaml'), `source: ${source.url}\ntarget: ${target.url}\ninclude: ["app.*"]\nexclude: audit_*\n`)
  })

  it('from the project file: load copies and validate compares exactly the selected tables', async () => {
    const load = await runCli(['load', '--json', '--rejects-dir', join(dir, 'rejects')], { cwd: dir })
    expect(load.status, load.stderr).toBe(0)
    expect(tableNames(envelope(load).result)).toEqual(['app.customers', 'app.orders'])
    const validate = await runCli(['validate', '--json', '--report', join(dir, 'reports')], { cwd: dir })
    expect(validate.status, validate.stderr).toBe(0)
    expect(tableNames(envelope(validate).result)).toEqual(['app.customers', 'app.orders'])
    const { rows } = await target.client.query<{ n: string }>('SELECT count(*) AS n FROM app.audit_log')
    expect(rows[0]!.n).toBe('0')
  }, 300_000)

  it('flags win over the file: --tables and --exclude', async () => {
    const validate = await runCli(['validate', '--json', '--report', join(dir, 'reports'), '--tables', 'app.*', '--exclude', 'app.orders'], { cwd: dir })
    // --exclude replaces the file's exclude: audit_log is compared, and differs (the load left it out).
    expect(validate.status, validate.stderr).toBe(1)
    expect(tableNames(envelope(validate).result)).toEqual(['app.audit_log', 'app.customers'])
  }, 300_000)
})
