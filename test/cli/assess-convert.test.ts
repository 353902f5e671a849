import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { runCli } from './run-cli.js'

/** The commands as a CI phase runs them: exit codes, the --json envelope on stdout, no secrets. */
describe('godwit assess / convert on the command line', () => {
  let dir: string
  let ddl: string

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'godwit-cli-'))
    ddl = join(dir, 'shop.sql')
    writeFileSync(
      ddl,
      [
        'CREATE TABLE items (id NUMBER(9) PRIMARY KEY, name VARCHAR2(40) NOT NULL, shape SDO_GEOMETRY);',
        'CREATE TABLE broken (id NUMBER,, name VARCHAR2(10));',
        'CREATE VIEW item_names AS SELECT NVL(name, \'?\') AS name FROM items;',
        '',
      ].join('\n'),
    )
  })

  it('assess --json prints only the envelope and --fail-on action-items exits 1', async () => {
    const r = await runCli(['assess', ddl, '--json', '--no-report', '--fail-on', 'action-items'])
    expect(r.status).toBe(1)
    const out = JSON.parse(r.stdout) as { status: number; result: { objects: { label: string; actionItems: unknown[] }[] } }
    expect(out.status).toBe(1)
    expect(out.result.objects.map((o) => o.label)).toContain('VIEW ITEM_NAMES')
    expect(out.result.objects.flatMap((o) => o.actionItems).length).toBeGreaterThan(0)
  })

  it('assess writes the Markdown, HTML and JSON reports and exits 0 without a gate', async () => {
    const reportDir = join(dir, 'reports')
    const r = await runCli(['assess', ddl, '--report', reportDir])
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/Migration level [ABC]-[1-5]/)
    const files = readdirSync(reportDir)
    expect(files.map((f) => f.replace(/^assess-.*\./, '')).sort()).toEqual(['html', 'json', 'md'])
    const md = readFileSync(join(reportDir, files.find((f) => f.endsWith('.md'))!), 'utf8')
    expect(md).toContain('ITEMS')
  })

  it('convert keeps going past a syntax error and names its file, line and column', async () => {
    const out = join(dir, 'out')
    const r = await runCli(['convert', '--from', 'oracle', '--to', 'postgres', '--out', out, ddl, '--json', '--no-report'])
    expect(r.status).toBe(0)
    const report = JSON.parse(r.stdout).result as { actionItems: { code: string; message: string }[] }
    expect(report.actionItems.find((a) => a.code === 'SQL_SYNTAX')?.message).toContain(`${ddl}:2:`)
    expect(readFileSync(join(out, '01-pre-data.sql'), 'utf8')).toMatch(/CREATE TABLE .*items/i)
    // Kept for a person to fix, but only as a comment.
    expect(readFileSync(join(out, '01-pre-data.sql'), 'utf8')).not.toMatch(/^CREATE TABLE .*broken \(/im)
    expect(readFileSync(join(out, '01-pre-data.sql'), 'utf8')).toMatch(/^-- CREATE TABLE broken \(/m)
  })

  it('a usage error exits 2', async () => {
    const r = await runCli(['convert', '--out', join(dir, 'none')])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('CONVERT_NO_SOURCE')
  })

  it('an unreachable source exits 4 and never prints its password', async () => {
    const r = await runCli(['convert', '--out', join(dir, 'live'), '--source', 'oracle://hr:s3cr3t-pw@127.0.0.1:1/FREEPDB1', '--json', '--no-report'])
    expect(r.status).toBe(4)
    expect(r.stdout + r.stderr).not.toContain('s3cr3t-pw')
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 4 })
  })
})
