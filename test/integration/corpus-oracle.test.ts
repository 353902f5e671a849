import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OUTPUT_FILES } from '../../src/convert/convert.js'
import { pgStoredName } from '../../src/convert/naming.js'
import { runConvert, type RunConvertOutcome } from '../../src/convert/run-convert.js'
import { applySqlFiles } from '../../src/engines/postgres/postgres-apply.js'
import { corpusAvailable, corpusLoadOrder, corpusSkipReason } from '../support/corpus.js'
import { freshDatabase } from '../support/database.js'

/**
 * Issue 2's acceptance: every Oracle sample schema converts in ONE godwit convert call (DDL,
 * data and code), its output runs on real PostgreSQL with zero errors in file-name order, and
 * every table, view, sequence, routine and trigger it defines exists afterwards. Schemas run in
 * dependency order on one database (bench.conf: OE needs HR, PM needs HR and OE).
 */
const SCHEMAS = ['hr', 'co', 'sh', 'oe', 'pm'] as const

describe.skipIf(!corpusAvailable)(`Oracle corpus → PostgreSQL${corpusAvailable ? '' : ` (skipped: ${corpusSkipReason})`}`, () => {
  let db: { url: string; drop: () => Promise<void> }
  let client: pg.Client
  const outcomes = new Map<string, RunConvertOutcome>()

  beforeAll(async () => {
    db = await freshDatabase('corpus')
    client = new pg.Client({ connectionString: db.url })
    await client.connect()
  })
  afterAll(async () => {
    const summary = [...outcomes].map(([s, o]) => `${s}: ${o.report.actionItems.length} action items, ${o.report.warnings.length} warnings`)
    console.log(`corpus action items per schema:\n  ${summary.join('\n  ')}`)
    await client?.end()
    await db?.drop()
  })

  for (const schema of SCHEMAS) {
    it(`${schema}: converts in one call and runs on PostgreSQL with every object created`, async () => {
      const outDir = await mkdtemp(join(tmpdir(), `godwit-corpus-${schema}-`))
      const outcome = await runConvert({ scripts: corpusLoadOrder('oracle', schema), targetSchema: schema, outDir })
      outcomes.set(schema, outcome)
      const syntax = outcome.report.actionItems.filter((a) => a.code === 'SQL_SYNTAX')
      expect(syntax, 'no statement of the corpus may fail to parse').toEqual([])

      const files = await Promise.all(OUTPUT_FILES.map(async (f) => ({ name: `${schema}/${f.file}`, sql: await readFile(join(outDir, f.file), 'utf8') })))
      await applySqlFiles(db.url, files)

      const model = outcome.result.schema
      const relations = await namesIn(client, schema, `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1`)
      const routines = await namesIn(client, schema, `SELECT p.proname AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1`)
      const triggers = await namesIn(client, schema, `SELECT t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND NOT t.tgisinternal`)
      const schemas = await namesIn(client, schema, `SELECT nspname AS name FROM pg_namespace WHERE $1::text IS NOT NULL`)

      const missing: string[] = []
      const expectIn = (set: Set<string>, kind: string, name: string) => {
        if (!set.has(pgStoredName(name))) missing.push(`${kind} ${name}`)
      }
      for (const t of model.tables) expectIn(relations, 'table', t.name)
      for (const v of model.views) expectIn(relations, v.materialized ? 'materialized view' : 'view', v.name)
      for (const s of model.sequences) expectIn(relations, 'sequence', s.name)
      for (const c of model.code) {
        if (c.kind === 'function' || c.kind === 'procedure') expectIn(routines, c.kind, c.name)
        else if (c.kind === 'trigger') expectIn(triggers, 'trigger', c.name)
        else if (c.kind === 'package') expectIn(schemas, 'package schema', c.name)
      }
      expect(missing).toEqual([])
    })
  }

  it('hr: emp_details_view returns the rows Oracle returns (106 employees have a department)', async () => {
    const { rows } = await client.query('SELECT count(*)::int AS n, count(DISTINCT department_name)::int AS d FROM hr.emp_details_view')
    expect(rows[0]).toEqual({ n: 106, d: 11 })
  })

  it('hr: the update_job_history trigger records the old job as Oracle does', async () => {
    await client.query('BEGIN')
    try {
      await client.query("UPDATE hr.employees SET job_id = 'IT_PROG', department_id = 60 WHERE employee_id = 206")
      const { rows } = await client.query(
        "SELECT employee_id::int AS id, job_id, department_id::int AS dept, end_date::date = current_date AS ended_today FROM hr.job_history WHERE employee_id = 206",
      )
      expect(rows).toEqual([{ id: 206, job_id: 'AC_ACCOUNT', dept: 110, ended_today: true }])
    } finally {
      await client.query('ROLLBACK')
    }
  })
})

async function namesIn(client: pg.Client, schema: string, sql: string): Promise<Set<string>> {
  const { rows } = await client.query<{ name: string }>(sql, [schema])
  return new Set(rows.map((r) => r.name))
}
