import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exec, sourceAndTarget } from '../integration/load-support.js'
import { runCli } from './run-cli.js'

/** `godwit load --target redshift://…` from the command line: the flags reach the staging, and missing ones are usage errors. */
describe('godwit load into Redshift on the command line', { timeout: 240_000 }, () => {
  let db: Awaited<ReturnType<typeof sourceAndTarget>>
  const target = 'redshift://admin:s3cret@cluster.example.invalid:5439/dev'
  beforeAll(async () => {
    db = await sourceAndTarget('rscli')
    await exec(db.source, `CREATE TABLE sales (id int PRIMARY KEY, note text); INSERT INTO sales SELECT g, 'n' || g FROM generate_series(1, 500) g; ANALYZE sales`)
  })
  afterAll(async () => db?.drop())

  it('--stage file:// --stage-only --slices 2 stages the table and says where; the password is never printed', async () => {
    const stage = mkdtempSync(join(tmpdir(), 'godwit-rs-cli-'))
    const r = await runCli(['load', '--source', db.source, '--target', target, '--state', db.target, '--stage', `file://${stage}`, '--stage-only', '--slices', '2', '--no-report', '--json'])
    expect(r.status).toBe(0)
    expect(r.stdout + r.stderr).not.toContain('s3cret')
    const result = JSON.parse(r.stdout) as { result: { complete: boolean; tables: { name: string; rows: number; chunks: number }[] } }
    expect(result.result).toMatchObject({ complete: true, tables: [{ name: 'public.sales', rows: 500 }] })
    const [runDir] = readdirSync(stage).filter((d) => d.startsWith('run-'))
    const manifest = JSON.parse(readFileSync(join(stage, runDir!, 'public.sales.manifest'), 'utf8')) as { entries: unknown[] }
    expect(manifest.entries).toHaveLength(result.result.tables[0]!.chunks * 2)
    expect(readFileSync(join(stage, runDir!, 'copy.sql'), 'utf8')).toContain('COPY "public"."sales" ("id", "note")')
  })

  it('a Redshift load without --state, or with a local stage but not --stage-only, is a usage error (exit 2)', async () => {
    const noState = await runCli(['load', '--source', db.source, '--target', target, '--stage', 's3://b/p'])
    expect(noState.status).toBe(2)
    expect(noState.stderr).toMatch(/--state is required/)
    const local = await runCli(['load', '--source', db.source, '--target', target, '--state', db.target, '--stage', 'file:///tmp/x'])
    expect(local.status).toBe(2)
    expect(local.stderr).toMatch(/COPY reads S3/)
    expect(noState.stderr + local.stderr).not.toContain('s3cret')
  })
})
