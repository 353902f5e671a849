import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderValidationHtml } from '../../src/report/validation-html.js'
import { renderValidationJunit } from '../../src/report/validation-junit.js'
import { renderValidationMarkdown } from '../../src/report/validation-markdown.js'
import { runHeadline, tableStatusLabel } from '../../src/report/validation-text.js'
import { runValidation, type ValidateOptions } from '../../src/validate/run-validation.js'
import type { ValidationResult } from '../../src/validate/validation-result.js'
import { freshDatabase } from '../support/database.js'
import { sqlOn as sql } from './validate-support.js'

/** What a validation was limited to, and what it could not see, reported as such: on real PostgreSQL. */
let source: { url: string; drop: () => Promise<void> }
let target: { url: string; drop: () => Promise<void> }

function validate(o: Partial<ValidateOptions>): Promise<ValidationResult> {
  return runValidation({ sourceUrl: source.url, targetUrl: target.url, jobs: 2, ...o })
}

beforeAll(async () => {
  ;[source, target] = await Promise.all([freshDatabase('vscope_src'), freshDatabase('vscope_tgt')])
  // 100,000 rows: five level-0 segments of 20,000. Two differences, both outside the middle segment.
  const big = 'CREATE TABLE big (id int PRIMARY KEY, v text); INSERT INTO big SELECT g, \'v\' || g FROM generate_series(1, 100000) g; ANALYZE big;'
  const vals = `CREATE TABLE vals (id int PRIMARY KEY, by bytea, j jsonb, tz timestamptz, t text);
    INSERT INTO vals VALUES (1, '\\xec01', '{"n": 1}', '2024-01-02 03:04:05+02', 'it''s');`
  await sql(source.url, `${big} ${vals}`)
  await sql(
    target.url,
    `${big} ${vals} UPDATE big SET v = 'changed' WHERE id IN (7, 90000);
     UPDATE vals SET by = '\\xec02', j = '{"n": 2}', tz = '2024-01-02 03:04:06+02', t = E'tab\\there';
     CREATE TABLE only_here (id int); CREATE TABLE other.only_there (id int);`.replace('CREATE TABLE other.', 'CREATE SCHEMA other; CREATE TABLE other.'),
  )
})

afterAll(async () => {
  await Promise.all([source?.drop(), target?.drop()])
})

describe('validate reports what it compared', () => {
  it('a sample that misses two known differences reads "PASS (sampled 5%)" and never calls the table equal', async () => {
    const r = await validate({ tables: ['public.big'], samplePercent: 5 })
    const [t] = r.tables
    expect(t).toMatchObject({ status: 'PASS', sampledPercent: 5, differenceCount: 0 })
    expect(r.scope).toEqual({ samplePercent: 5 })
    expect(tableStatusLabel(t!, r.scope)).toBe('PASS (sampled 5%)')
    expect(runHeadline(r)).toBe('PASS (sampled 5%): 1 of 1 tables without differences in the sample, not a proof that they are equal')
    // The same table in full: both differences.
    const full = await validate({ tables: ['public.big'] })
    expect(full.tables[0]).toMatchObject({ status: 'FAIL', differenceCount: 2 })
    expect(full.tables[0]!.sampledPercent).toBeUndefined()
    expect(runHeadline(full)).toBe('FAIL: 0 of 1 tables equal')
  })

  it('every report shows the filters the run used: Markdown, HTML, JSON and JUnit', async () => {
    const r = await validate({ tables: ['public.big'], samplePercent: 5, where: 'id > 10', columns: ['v'] })
    expect(r.scope).toEqual({ where: 'id > 10', columns: ['v'], samplePercent: 5 })
    expect(r.tables[0]!.status).toBe('PASS')
    const label = 'PASS (sampled 5%, rows filtered by --where, selected columns)'
    const md = renderValidationMarkdown(r)
    expect(md).toContain('- **Filters:** \\--where id \\> 10; --columns v (key columns are always compared); --sample 5%')
    expect(md).toContain(`| public.big | ${label} |`)
    const html = renderValidationHtml(r)
    expect(html).toContain('--where id &gt; 10; --columns v (key columns are always compared); --sample 5%')
    expect(html).toContain(label)
    expect(JSON.parse(JSON.stringify(r)).scope).toEqual({ where: 'id > 10', columns: ['v'], samplePercent: 5 })
    const junit = renderValidationJunit(r)
    expect(junit).toContain('<property name="filters" value="--where id &gt; 10; --columns v (key columns are always compared); --sample 5%')
    expect(junit).toContain(`<system-out>${label}: no differences in what was compared`)
    // A run over everything says so.
    expect(renderValidationMarkdown(await validate({ tables: ['public.vals'] }))).toContain('- **Filters:** none: every row and column of each table was compared')
  })

  it('reports the tables of the selection that exist only on the target', async () => {
    expect((await validate({ tables: ['public.*'] })).targetOnlyTables).toEqual(['public.only_here'])
    const all = await validate({})
    expect(all.targetOnlyTables).toEqual(['other.only_there', 'public.only_here'])
    expect(renderValidationMarkdown(all)).toContain('- **Only on the target (not compared):** other.only\\_there, public.only\\_here')
    expect((await validate({ tables: ['public.vals'] })).targetOnlyTables).toEqual([])
  })

  it('names every table missing on the target at once', async () => {
    await sql(source.url, 'CREATE TABLE gone_a (id int); CREATE TABLE gone_b (id int)')
    const r = await validate({ tables: ['public.gone_*', 'public.vals'] })
    expect(renderValidationMarkdown(r)).toContain('- **Missing on the target:** public.gone\\_a, public.gone\\_b')
    await sql(source.url, 'DROP TABLE gone_a, gone_b')
  })

  it('shows bytea and jsonb quoted once, timestamptz with its zone, control characters escaped', async () => {
    const r = await validate({ tables: ['public.vals'] })
    const md = renderValidationMarkdown(r)
    expect(md).toContain("by='\\xec01', j='{\"n\": 1}', tz='2024-01-02 01:04:05+00', t='it''s'")
    expect(md).toContain("by='\\xec02', j='{\"n\": 2}', tz='2024-01-02 01:04:06+00', t=E'tab\\there'")
    expect(md).toContain('`id=1`')
    expect(md).not.toContain('\\\\x')
    expect(md).not.toContain('\\"')
    expect(renderValidationJunit(r)).toContain('changed id=1: by &#39;\\xec01&#39; → &#39;\\xec02&#39;; j &#39;{&quot;n&quot;: 1}&#39;')
  })

  it('--columns naming no column, and a --where one side cannot run, are usage errors (exit 2) naming the column', async () => {
    await expect(validate({ tables: ['public.big'], columns: ['nosuchcol'] })).rejects.toMatchObject({ code: 'VALIDATE_COLUMNS', exitCode: 2, message: '--columns names nosuchcol, which public.big does not have' })
    // A name one of several tables has is fine: the others compare their key.
    const mixed = await validate({ tables: ['public.big', 'public.vals'], columns: ['v'] })
    expect(mixed.tables.find((t) => t.name === 'public.vals')!.schema.map((f) => `${f.severity}:${f.code}`)).toContain('warning:COLUMN_UNKNOWN')
    await expect(validate({ tables: ['public.big'], where: 'nosuch > 3' })).rejects.toMatchObject({ code: 'VALIDATE_WHERE', exitCode: 2 })
    await expect(validate({ tables: ['public.big'], where: 'nosuch > 3' })).rejects.toThrow('source public.big: column "nosuch" does not exist; target public.big: column "nosuch" does not exist')
    // A column only the target has: the source side is named.
    await sql(target.url, 'ALTER TABLE vals ADD COLUMN only_t int')
    await expect(validate({ tables: ['public.vals'], where: 'only_t IS NULL' })).rejects.toThrow(/cannot run on source public\.vals: column "only_t" does not exist$/)
    await sql(target.url, 'ALTER TABLE vals DROP COLUMN only_t')
  })
})
