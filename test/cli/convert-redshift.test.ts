import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ConvertReport } from '../../src/convert/convert-report.js'
import { runCli } from './run-cli.js'

/** `godwit convert --to redshift`: what the user sees, the files and the report. */
describe('godwit convert --to redshift', () => {
  const dir = mkdtempSync(join(tmpdir(), 'godwit-convert-redshift-'))
  const ddl = join(dir, 'shop.sql')
  writeFileSync(
    ddl,
    [
      'CREATE TABLE items (id NUMBER(9) PRIMARY KEY, name VARCHAR2(40 CHAR) NOT NULL, added DATE);',
      'CREATE INDEX items_name ON items (name);',
      'CREATE SEQUENCE items_seq;',
      '',
    ].join('\n'),
  )

  it('writes Redshift DDL, says so, and lists the keys Redshift does not enforce', async () => {
    const out = join(dir, 'out')
    const human = await runCli(['convert', '--to', 'redshift', '--out', out, ddl, '--no-report'])
    expect(human.status).toBe(0)
    expect(human.stdout).toContain('Converted oracle → Amazon Redshift')
    expect(human.stdout).toContain('(runs on Amazon Redshift build 72982 and newer)')
    expect(human.stdout).toContain('1 keys are not enforced by Amazon Redshift')
    const pre = readFileSync(join(out, '01-pre-data.sql'), 'utf8')
    expect(pre).toContain('CREATE TABLE items (\n  id integer,\n  name varchar(160) NOT NULL,\n  added timestamp\n)\nDISTSTYLE AUTO\nSORTKEY (added)\nENCODE AUTO;')
    expect(pre).not.toContain('client_encoding')
    expect(readFileSync(join(out, '03-post-data.sql'), 'utf8')).toContain('-- INDEX ITEMS_NAME ON ITEMS (NAME): not created, Redshift has no indexes')

    const reports = join(dir, 'reports')
    const json = await runCli(['convert', '--to', 'redshift', '--out', join(dir, 'json'), ddl, '--report', reports, '--json'])
    const markdown = readFileSync(join(reports, readdirSync(reports).find((f) => f.endsWith('.md'))!), 'utf8')
    expect(markdown).toContain('Conversion: Oracle to Amazon Redshift')
    expect(markdown).toContain('Keys the target does not enforce')
    expect(markdown).toMatch(/\| ITEMS \| PRIMARY KEY \| ID \|/)
    const report = (JSON.parse(json.stdout) as { result: ConvertReport }).result
    expect(report).toMatchObject({ to: 'redshift', targetName: 'Amazon Redshift', targetVersion: 72982, unenforcedKeys: [{ table: 'ITEMS', kind: 'PRIMARY KEY', columns: ['ID'] }] })
    expect(report.actionItems.map((a) => a.code)).toEqual(['REDSHIFT_NO_SEQUENCES'])
  })

  it('assess --to redshift counts the action items convert --to redshift raises', async () => {
    const assessed = await runCli(['assess', '--to', 'redshift', ddl, '--no-report', '--json'])
    expect(assessed.status).toBe(0)
    const result = (JSON.parse(assessed.stdout) as { result: { summary: { actionItems: number } } }).result
    expect(result.summary.actionItems).toBe(1)
    const forPostgres = (JSON.parse((await runCli(['assess', ddl, '--no-report', '--json'])).stdout) as { result: { summary: { actionItems: number } } }).result
    expect(forPostgres.summary.actionItems).toBe(0)
  })

  it('takes a Redshift cluster build as --target-version and refuses an older one', async () => {
    const r = await runCli(['convert', '--to', 'redshift', '--target-version', '50000', '--out', join(dir, 'old'), ddl, '--no-report'])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('not a Redshift cluster build godwit writes for')
  })
})
