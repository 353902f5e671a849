import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ConvertReport } from '../../src/convert/convert-report.js'
import { useDatabase } from '../support/database.js'
import { runCli } from './run-cli.js'

/** What a user of `godwit convert` sees: unparseable statements kept in the SQL, the gate, the reports. */
describe('godwit convert on the command line', () => {
  const db = useDatabase('convert_cli')
  let dir: string
  let ddl: string

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'godwit-convert-cli-'))
    ddl = join(dir, 'shop.sql')
    writeFileSync(
      ddl,
      [
        'CREATE TABLE items (id NUMBER(9) PRIMARY KEY, name VARCHAR2(40) NOT NULL);',
        '-- a typo the converter cannot read',
        'CREATE TABLE broken (id NUMBER,, name VARCHAR2(10));',
        'CREATE INDEX items_name ON items (name);',
        '',
      ].join('\n'),
    )
  })

  it('keeps an unparseable statement in the SQL, commented out with its file:line:column and the reason, and the file still runs', async () => {
    const out = join(dir, 'kept')
    const r = await runCli(['convert', '--out', out, ddl, '--no-report'])
    expect(r.status).toBe(0)
    const pre = readFileSync(join(out, '01-pre-data.sql'), 'utf8')
    expect(pre).toContain(`-- ACTION ITEM (${ddl}:3:32): expected column name, found ","; the statement was not converted\n-- CREATE TABLE broken (id NUMBER,, name VARCHAR2(10))`)
    expect(r.stdout).toContain(`STATEMENT ${ddl}:3:1 (${ddl}:3:32): expected column name`)
    // The kept text is comment only: PostgreSQL runs the file and creates just the readable table.
    await db.client.query(pre)
    const { rows } = await db.client.query<{ relname: string }>("SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace ORDER BY relname")
    expect(rows.map((x) => x.relname)).toEqual(['items'])
  })

  it('--fail-on action-items exits 1 when the conversion left one, 0 when it left none', async () => {
    const failing = await runCli(['convert', '--out', join(dir, 'gate'), ddl, '--no-report', '--fail-on', 'action-items', '--json'])
    expect(failing.status).toBe(1)
    const envelope = JSON.parse(failing.stdout) as { status: number; result: ConvertReport }
    expect(envelope.status).toBe(1)
    expect(envelope.result.actionItems.map((a) => a.code)).toEqual(['SQL_SYNTAX'])

    const clean = join(dir, 'clean.sql')
    writeFileSync(clean, 'CREATE TABLE t (id NUMBER(9) PRIMARY KEY);\n')
    const passing = await runCli(['convert', '--out', join(dir, 'gate-clean'), clean, '--no-report', '--fail-on', 'action-items'])
    expect(passing.status).toBe(0)
    expect(passing.stdout).toContain('0 action items')
  })

  it('writes convert-<time>.{md,html,json} into --report, and none with --no-report', async () => {
    const reportDir = join(dir, 'reports')
    const out = join(dir, 'reported')
    const r = await runCli(['convert', '--out', out, ddl, '--report', reportDir])
    expect(r.status).toBe(0)
    const files = readdirSync(reportDir).sort()
    expect(files).toHaveLength(3)
    for (const f of files) expect(f).toMatch(/^convert-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.(md|html|json)$/)
    for (const f of files) expect(r.stdout).toContain(`Report: ${join(reportDir, f)}`)
    const read = (ext: string) => readFileSync(join(reportDir, files.find((f) => f.endsWith(ext))!), 'utf8')
    const json = JSON.parse(read('.json')) as ConvertReport
    expect(json).toEqual(JSON.parse(readFileSync(join(out, 'conversion-report.json'), 'utf8')))
    const md = read('.md')
    expect(md).toMatch(/^# Conversion: Oracle to PostgreSQL\n/)
    expect(md).toContain('- **Action items:** 1')
    expect(md).toContain(`| STATEMENT ${ddl.replace(/_/g, '\\_')}:3:1 | SQL\\_SYNTAX | ${ddl.replace(/_/g, '\\_')}:3:32 |`)
    expect(md).toContain('| 01-pre-data.sql | ')
    const html = read('.html')
    expect(html).toContain('<div class="muted">Action items</div><div class="value">1</div>')
    expect(html).not.toContain('<script')

    const unused = join(dir, 'unused-reports')
    const none = await runCli(['convert', '--out', join(dir, 'quiet'), ddl, '--report', unused, '--no-report'])
    expect(none.status).toBe(0)
    expect(existsSync(unused)).toBe(false)
    expect(none.stdout).not.toContain('Report:')
    expect(existsSync(join(dir, 'quiet', '01-pre-data.sql'))).toBe(true)
  })

  it('lists what was read and deliberately not written (DROPs, users) as notes in conversion-report.json and the reports', async () => {
    const drops = join(dir, 'drops.sql')
    writeFileSync(drops, 'DROP TABLE employee;\nDROP USER u CASCADE;\ndrop role r;\nCREATE TABLE t (id NUMBER(9));\n')
    const out = join(dir, 'drops')
    const reportDir = join(dir, 'drop-reports')
    const r = await runCli(['convert', '--out', out, drops, '--report', reportDir])
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('0 action items, 0 warnings, 3 notes')
    const json = JSON.parse(readFileSync(join(out, 'conversion-report.json'), 'utf8')) as ConvertReport
    expect(json.notes.map((n) => `${n.code} ${n.object} line ${n.at?.line}`)).toEqual(['DROP_APPLIED TABLE EMPLOYEE line 1', 'DROP_IGNORED USER U line 2', 'DROP_IGNORED ROLE R line 3'])
    const md = readFileSync(join(reportDir, readdirSync(reportDir).find((f) => f.endsWith('.md'))!), 'utf8')
    expect(md).toContain('- **Notes:** 3')
    expect(md).toMatch(/## Notes\n[\s\S]*\| TABLE EMPLOYEE \| DROP\\_APPLIED \|/)
  })

  it('--directory NAME=/path gives external tables of that directory their file; a malformed entry exits 3', async () => {
    const script = join(dir, 'external.sql')
    writeFileSync(script, "CREATE TABLE emp_ext (id NUMBER) ORGANIZATION EXTERNAL (DEFAULT DIRECTORY ext_dir ACCESS PARAMETERS (RECORDS DELIMITED BY NEWLINE FIELDS TERMINATED BY ',') LOCATION ('emp.csv'));\n")
    const out = join(dir, 'external')
    const r = await runCli(['convert', '--out', out, script, '--no-report', '--directory', 'ext_dir=/srv/files'])
    expect(r.status).toBe(0)
    expect(readFileSync(join(out, '01-pre-data.sql'), 'utf8')).toContain("SERVER godwit_files OPTIONS (filename '/srv/files/emp.csv', format 'csv', delimiter ',', quote '\"');")
    const bad = await runCli(['convert', '--out', out, script, '--no-report', '--directory', 'ext_dir=files'])
    expect(bad.status).toBe(3)
    expect(bad.stderr).toContain('DIRECTORY_MAP_INVALID')
  })
})
