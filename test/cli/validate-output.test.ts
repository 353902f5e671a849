import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ValidationResult } from '../../src/validate/validation-result.js'
import { freshDatabase } from '../support/database.js'
import { sqlOn as query } from '../integration/validate-support.js'
import { runCli } from './run-cli.js'

/** What `godwit validate` tells its user on the console and in its exit code, through the real binary. */
let source: { url: string; drop: () => Promise<void> }
let target: { url: string; drop: () => Promise<void> }
const reports = mkdtempSync(join(tmpdir(), 'godwit-validate-cli-'))

function validate(...args: string[]) {
  return runCli(['validate', '--source', source.url, '--target', target.url, '--report', reports, ...args])
}

beforeAll(async () => {
  ;[source, target] = await Promise.all([freshDatabase('vcli_src'), freshDatabase('vcli_tgt')])
  const big = "CREATE TABLE big (id int PRIMARY KEY, v text); INSERT INTO big SELECT g, 'v' || g FROM generate_series(1, 100000) g; ANALYZE big;"
  await query(source.url, `${big} CREATE TABLE emptied (id int PRIMARY KEY); INSERT INTO emptied SELECT generate_series(1, 3000);
    CREATE TABLE wide (id int PRIMARY KEY); INSERT INTO wide VALUES (1); CREATE TABLE gone_a (id int); CREATE TABLE gone_b (id int);`)
  await query(target.url, `${big} UPDATE big SET v = 'changed' WHERE id IN (7, 90000);
    CREATE TABLE emptied (id int PRIMARY KEY); CREATE TABLE wide (id int PRIMARY KEY, extra int); INSERT INTO wide VALUES (1); CREATE TABLE only_here (id int);`)
})

afterAll(async () => {
  await Promise.all([source?.drop(), target?.drop()])
})

describe('godwit validate on the command line', () => {
  it('--sample 5 on a table with two differences outside the sample: "PASS (sampled 5%)", exit 0, never "equal", not recorded for cutover', async () => {
    const r = await validate('--tables', 'public.big', '--sample', '5')
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/^PASS \(sampled 5%\): 1 of 1 tables without differences in the sample, not a proof that they are equal \(/m)
    expect(r.stdout).not.toMatch(/tables equal/)
    expect(r.stdout).toContain("Filters: --sample 5% of each keyed table's key space")
    expect(r.stdout).toMatch(/^ {2}public\.big: PASS \(sampled 5%\), source \d+ rows, target \d+ rows, 0 differences$/m)
    expect(r.stdout).toContain('Not recorded in the target control schema')
    const recorded = await query<{ n: string }>(target.url, "SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'godwit' AND tablename = 'validation_runs'")
    expect(recorded[0]!.n).toBe('0')

    const json = await validate('--tables', 'public.big', '--sample', '5', '--json')
    expect(json.status).toBe(0)
    const result = (JSON.parse(json.stdout) as { result: ValidationResult }).result
    expect(result.scope).toEqual({ samplePercent: 5 })
    expect(result.tables[0]).toMatchObject({ status: 'PASS', sampledPercent: 5 })
  })

  it('a full run names all missing tables at once, the target-only ones, schema warnings and an empty target', async () => {
    const r = await validate('--no-record')
    expect(r.status).toBe(1)
    expect(r.stdout).toMatch(/^FAIL: 1 of 5 tables equal \(/m)
    expect(r.stdout).toContain('Filters: none: every row and column of each table was compared')
    expect(r.stdout).toContain('Missing on the target (2): public.gone_a, public.gone_b')
    expect(r.stdout).toContain('Only on the target, not compared (1): public.only_here')
    // A table that passes still shows its schema warning on the console.
    expect(r.stdout).toMatch(/^ {2}public\.wide: PASS, source 1 rows, target 1 rows, 0 differences\n {4}warning COLUMN_EXTRA: column extra \(integer\) exists only on the target/m)
    expect(r.stdout).toContain('    the target table is empty: all 3000 source rows are missing (counted, not listed)')
    expect(r.stdout).toContain("    changed id=7: v 'v7' → 'changed'")
  })

  it('--columns naming no column and a --where with an unknown column exit 2 and name the column', async () => {
    const columns = await validate('--tables', 'public.big', '--columns', 'nosuchcol', '--no-record')
    expect(columns.status).toBe(2)
    expect(columns.stderr).toContain('VALIDATE_COLUMNS')
    expect(columns.stderr).toContain('--columns names nosuchcol, which public.big does not have')
    const where = await validate('--tables', 'public.big', '--where', 'nosuch > 3', '--no-record')
    expect(where.status).toBe(2)
    expect(where.stderr).toContain('VALIDATE_WHERE')
    expect(where.stderr).toContain('column "nosuch" does not exist')
  })
})
