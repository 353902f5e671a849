import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OUTPUT_FILES } from '../../src/convert/convert.js'
import { runConvert } from '../../src/convert/run-convert.js'
import { demoValidate } from '../../src/demo/demo-validate.js'
import { DEMO_SCRIPT } from '../../src/demo/run-demo.js'
import { latestTableValidations } from '../../src/engines/postgres/control-schema-validate.js'
import { applySqlFiles } from '../../src/engines/postgres/postgres-apply.js'
import { runValidation } from '../../src/validate/run-validation.js'
import { freshDatabase } from '../support/database.js'
import { runCli } from '../cli/run-cli.js'

let source: { url: string; drop: () => Promise<void> }
let target: { url: string; drop: () => Promise<void> }
let work: string
let changes: readonly { readonly statement: string }[] = []

/** Both sides get the converted demo schema with its rows, as the demo's load would leave them. */
beforeAll(async () => {
  ;[source, target] = await Promise.all([freshDatabase('vdsrc'), freshDatabase('vdtgt')])
  work = await mkdtemp(join(tmpdir(), 'godwit-validate-demo-'))
  await runConvert({ scripts: [{ path: DEMO_SCRIPT }], targetSchema: 'flyway', outDir: join(work, 'convert') })
  const files = await Promise.all(OUTPUT_FILES.map(async (f) => ({ name: f.file, sql: await readFile(join(work, 'convert', f.file), 'utf8') })))
  await applySqlFiles(source.url, files)
  await applySqlFiles(target.url, files)
}, 120_000)

afterAll(async () => {
  await Promise.all([source?.drop(), target?.drop()])
  if (work) await rm(work, { recursive: true, force: true })
})

describe('demo validate step', () => {
  it('passes after the load, then finds exactly the three rows changed on the target, and records both runs', async () => {
    const r = await demoValidate({ sourceUrl: source.url, targetUrl: target.url, schema: 'flyway' })
    changes = r.changes
    expect(r.before.status).toBe('PASS')
    expect(r.before.tables.length).toBeGreaterThanOrEqual(5)
    expect(r.after.status).toBe('FAIL')
    const failing = r.after.tables.filter((t) => t.status !== 'PASS')
    expect(failing.map((t) => t.name)).toEqual(['flyway.sightings'])
    const found = failing[0]!.differences.map((d) => `${d.kind}:${d.key.sighting_id}`).sort()
    expect(found).toEqual(r.changes.map((c) => `${c.kind}:${c.sightingId}`).sort())
    expect(failing[0]!.differences.find((d) => d.kind === 'changed')!.columns).toEqual(['observer'])

    const c = new pg.Client({ connectionString: target.url })
    await c.connect()
    try {
      const latest = await latestTableValidations(c)
      expect(latest.find((l) => l.table === 'flyway.sightings')).toMatchObject({ status: 'FAIL', runId: r.after.runId })
      expect(latest.find((l) => l.table === 'flyway.birds')).toMatchObject({ status: 'PASS', runId: r.after.runId })
      const { rows } = await c.query('SELECT count(*)::int AS n FROM godwit.validation_runs')
      expect(rows[0].n).toBe(2)
    } finally {
      await c.end()
    }
    expect(r.restored).toBe(true)
    expect((await runValidation({ sourceUrl: source.url, targetUrl: target.url, tables: ['flyway.*'], jobs: 2 })).status).toBe('PASS')
  })

  it('the command exits 1 on differences and writes Markdown, HTML, JSON and JUnit reports', async () => {
    const dir = join(work, 'reports')
    const c = new pg.Client({ connectionString: target.url })
    await c.connect()
    try {
      for (const change of changes) await c.query(change.statement)
    } finally {
      await c.end()
    }
    const r = await runCli(['validate', '--source', source.url, '--target', target.url, '--tables', 'flyway.*', '--report', dir, '--junit', join(dir, 'junit.xml'), '--json', '--no-record'])
    expect(r.status).toBe(1)
    const envelope = JSON.parse(r.stdout)
    expect(envelope.status).toBe(1)
    expect(envelope.result.status).toBe('FAIL')
    expect(envelope.result.tables.find((t: { name: string }) => t.name === 'flyway.sightings').differences).toHaveLength(3)
    expect(r.stdout + r.stderr).not.toContain(`:${new URL(source.url).password}@`)
    const files = (await readdir(dir)).sort()
    expect(files.filter((f) => /^validate-.*\.(md|html|json)$/.test(f))).toHaveLength(3)
    const md = await readFile(join(dir, files.find((f) => f.endsWith('.md'))!), 'utf8')
    expect(md).toMatch(/^# Validation FAIL/)
    expect(md).toMatch(/\| flyway\.sightings \| FAIL \|/)
    const html = await readFile(join(dir, files.find((f) => f.endsWith('.html'))!), 'utf8')
    expect(html).toContain('<h2>flyway.sightings</h2>')
    expect(html).not.toContain('<script')
    const junit = await readFile(join(dir, 'junit.xml'), 'utf8')
    expect(junit).toMatch(/<testsuite name="godwit validate" tests="\d+" failures="1" errors="0"/)
    expect(junit).toMatch(/<testcase name="flyway\.sightings" classname="godwit\.validate\.key" time="[\d.]+">\n\s+<failure message="FAIL: source \d+ rows, target \d+ rows, 3 differing rows">/)
  })
})
