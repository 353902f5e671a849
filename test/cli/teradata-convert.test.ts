import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { runCli } from './run-cli.js'

/** `--from teradata` on the command line: BTEQ files in, PostgreSQL files out, same envelope and exit codes as Oracle. */
describe('godwit assess / convert --from teradata', () => {
  let dir: string
  let script: string

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'godwit-td-cli-'))
    script = join(dir, 'shop.bteq')
    writeFileSync(
      script,
      [
        '.LOGON tdprod/etl,pw-in-script',
        'CREATE SET TABLE orders (id INTEGER NOT NULL, code VARCHAR(5) NOT CASESPECIFIC) UNIQUE PRIMARY INDEX (id);',
        'CREATE TABLE broken (id INTEGER,, x INT);',
        'REPLACE MACRO add_order (i INTEGER) AS (INS orders (:i, NULL););',
        '.QUIT',
        '',
      ].join('\n'),
    )
  })

  it('convert --schema names the database of unqualified names and writes the files', async () => {
    const out = join(dir, 'out')
    const r = await runCli(['convert', '--from', 'teradata', '--to', 'postgres', '--schema', 'shop', '--out', out, script, '--json', '--no-report'])
    expect(r.status).toBe(0)
    const env = JSON.parse(r.stdout) as { result: { actionItems: { code: string; object?: string; message: string; at?: { file?: string; line: number; column: number } }[] } }
    // The syntax error names the file, line and column; the statements around it still convert.
    const syntax = env.result.actionItems.filter((a) => a.code === 'SQL_SYNTAX')
    expect(syntax).toHaveLength(1)
    expect(syntax[0]!.at).toEqual({ file: script, line: 3, column: 33 })
    expect(syntax[0]!.message).toContain(`${script}:3:33`)
    expect(readFileSync(join(out, '04-code.sql'), 'utf8')).toContain('CREATE OR REPLACE PROCEDURE shop.add_order(')
    const pre = readFileSync(join(out, '01-pre-data.sql'), 'utf8')
    expect(pre).toContain('CREATE TABLE shop.orders (')
    expect(pre).toContain('code citext CHECK (char_length(code) <= 5)')
    expect(readFileSync(join(out, '03-post-data.sql'), 'utf8')).toContain('CREATE UNIQUE INDEX orders_pi ON shop.orders (id);')
    expect(r.stdout + r.stderr).not.toContain('pw-in-script')
  })

  it('convert --to redshift: the primary index is the DISTKEY, the macro is an action item, the syntax error still names its place', async () => {
    const out = join(dir, 'rs')
    const r = await runCli(['convert', '--from', 'teradata', '--to', 'redshift', '--schema', 'shop', '--out', out, script, '--json', '--no-report'])
    expect(r.status).toBe(0)
    const env = JSON.parse(r.stdout) as { result: { actionItems: { code: string; object?: string; at?: { line: number; column: number } }[] } }
    expect(env.result.actionItems.map((a) => `${a.object}: ${a.code}`)).toEqual(expect.arrayContaining(['MACRO SHOP.ADD_ORDER: REDSHIFT_NO_CODE_FORM']))
    expect(env.result.actionItems.find((a) => a.code === 'SQL_SYNTAX')?.at).toMatchObject({ line: 3, column: 33 })
    expect(readFileSync(join(out, '01-pre-data.sql'), 'utf8')).toMatch(/CREATE TABLE shop\.orders \([\s\S]*\)\nDISTSTYLE KEY\nDISTKEY \(id\)\n/)
  })

  it('assess --from teradata scores the macro and the table', async () => {
    const r = await runCli(['assess', '--from', 'teradata', script, '--json', '--no-report'])
    expect(r.status).toBe(0)
    const env = JSON.parse(r.stdout) as { result: { engine: string; objects: { label: string; constructs: { id: string }[] }[] } }
    expect(env.result.engine).toBe('teradata')
    expect(env.result.objects.find((o) => o.label === 'MACRO ADD_ORDER')?.constructs.map((c) => c.id)).toEqual(['td-macro'])
  })

  it('a live Teradata catalog without the optional driver says how to install it, without the password', async () => {
    const r = await runCli(['convert', '--from', 'teradata', '--out', join(dir, 'live'), '--source', 'teradata://u:s3cr3t@tdhost/db', '--json', '--no-report'])
    expect(r.status).toBe(4)
    expect(r.stdout).toContain('TERADATA_DRIVER_MISSING')
    expect(r.stdout).toContain('npm install teradatasql')
    expect(r.stdout + r.stderr).not.toContain('s3cr3t')
  })
})
