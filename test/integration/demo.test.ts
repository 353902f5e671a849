import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_EXTRA_SIGHTINGS, DEMO_SCRIPT, runDemo, type DemoResult } from '../../src/demo/run-demo.js'
import { readOracleDdl } from '../../src/engines/oracle/oracle-ddl-reader.js'
import { readSqlPlusScript } from '../../src/engines/oracle/sqlplus-script.js'
import { freshDatabase } from '../support/database.js'

/**
 * `godwit demo` end to end on the suite's PostgreSQL: demo/flyway.sql converted, every generated
 * file applied, and what PostgreSQL then holds checked against what the script defines.
 */
describe('demo: flyway converted and applied to PostgreSQL', () => {
  let db: { url: string; drop: () => Promise<void> }
  let sourceDb: { url: string; drop: () => Promise<void> }
  let workDir: string
  let result: DemoResult
  const source = readOracleDdl(readSqlPlusScript(DEMO_SCRIPT).statements).schema

  beforeAll(async () => {
    db = await freshDatabase('demo')
    sourceDb = await freshDatabase('demo_source')
    workDir = await mkdtemp(join(tmpdir(), 'godwit-demo-test-'))
    result = await runDemo({ workDir, sourceUrl: sourceDb.url, targetUrl: db.url })
  }, 120_000)
  afterAll(async () => {
    await db?.drop()
    await sourceDb?.drop()
    if (workDir) await rm(workDir, { recursive: true, force: true })
  })

  it('creates every object the script defines, with no action item', () => {
    const identityColumns = source.tables.flatMap((t) => t.columns.filter((c) => c.identity)).length
    const keys = source.tables.reduce((n, t) => n + (t.primaryKey ? 1 : 0) + t.uniques.length, 0)
    const routines = source.code.filter((c) => c.kind === 'function' || c.kind === 'procedure').length
    const triggers = source.code.filter((c) => c.kind === 'trigger').length
    expect(result.convert.actionItems).toEqual([])
    expect(result.created).toMatchObject({
      tables: source.tables.length,
      views: source.views.length,
      // An identity column has its own sequence in PostgreSQL.
      sequences: source.sequences.length + identityColumns,
      // Each trigger's body is a trigger function.
      routines: routines + triggers,
      triggers,
      // Key constraints create their own indexes.
      indexes: source.indexes.length + keys,
    })
    expect([source.tables.length, source.views.length, routines, triggers]).toEqual([5, 2, 2, 1])
  })

  it('loads the 12 rows of the script’s data block (2 regions, 3 sites, 3 birds, 4 sightings) and the synthetic survey sightings', () => {
    expect(result.created.rows).toBe(12 + DEMO_EXTRA_SIGHTINGS)
    expect(result.load.complete).toBe(true)
    const sightings = result.load.tables.find((t) => t.name === 'flyway.sightings')!
    expect(sightings.rows).toBe(4 + DEMO_EXTRA_SIGHTINGS)
    expect(sightings.chunks).toBeGreaterThan(1)
  })

  it('validates equal after the load, then finds exactly the three rows changed on the target, by key', () => {
    expect(result.validation.before.status).toBe('PASS')
    expect(result.validation.after.status).toBe('FAIL')
    const found = result.validation.after.tables.flatMap((t) => t.differences.map((d) => ({ table: t.name, kind: d.kind, id: d.key.sighting_id })))
    expect(found.sort((a, b) => a.kind.localeCompare(b.kind))).toEqual(
      result.validation.changes.map((c) => ({ table: 'flyway.sightings', kind: c.kind, id: c.sightingId })).sort((a, b) => a.kind.localeCompare(b.kind)),
    )
    expect(result.validation.restored).toBe(true)
    expect(result.reports.filter((p) => /validate-/.test(p)).map((p) => p.replace(/^.*\./, '')).sort()).toEqual(['html', 'json', 'md', 'xml'])
  })

  it('cdc applies what the application writes during the journey, then the cutover drains it, syncs sequences, validates and says GO', () => {
    expect(result.cdc.written.transactions).toBeGreaterThan(0)
    expect(result.cdc.transactionsApplied).toBeGreaterThanOrEqual(result.cdc.written.transactions)
    expect(result.cutover.decision).toBe('GO')
    expect(result.cutover.validation?.status).toBe('PASS')
    expect(result.cutover.sequences.filter((s) => s.action === 'set').length).toBeGreaterThan(0)
    for (const s of result.cutover.sequences.filter((x) => x.action !== 'unused')) expect(BigInt(s.targetAfter ?? '0')).toBeGreaterThanOrEqual(BigInt(s.sourceValue ?? '0'))
    expect(result.reports.filter((p) => /cutover-/.test(p)).map((p) => p.replace(/^.*\./, '')).sort()).toEqual(['html', 'json', 'md'])
  })

  it('bird_last_seen gives each bird its latest sighting, with NVL/DECODE/(+) translated; an Oracle DATE reads as PostgreSQL prints it', () => {
    expect(result.lastSeen).toEqual([
      { ring_code: 'E7-BAR', species: 'Limosa lapponica', last_site: 'Yellow Sea', hemisphere: 'south', last_seen: '2007-03-24 00:00:00' },
      { ring_code: 'NL-0042', species: 'Limosa limosa', last_site: 'Wadden Sea', hemisphere: 'north', last_seen: '2020-08-01 00:00:00' },
      { ring_code: 'YS-1188', species: 'Limosa lapponica', last_site: 'Yellow Sea', hemisphere: 'south', last_seen: '2019-04-02 00:00:00' },
    ])
  })

  it('record_sighting runs on PostgreSQL with its positional signature; the default it had to lose is a warning', async () => {
    expect(result.convert.warnings.filter((w) => w.code === 'PARAMETER_DEFAULT_DROPPED').map((w) => w.object)).toEqual(['PROCEDURE RECORD_SIGHTING'])
    const client = new pg.Client({ connectionString: db.url })
    await client.connect()
    try {
      await client.query('BEGIN')
      // Oracle: record_sighting(3, 1, 5, :id). The OUT argument is a placeholder in PostgreSQL.
      const { rows } = await client.query<{ p_id: string }>('CALL flyway.record_sighting(3, 1, 5, NULL)')
      const id = Number(rows[0]!.p_id)
      const { rows: saved } = await client.query('SELECT bird_id::int, site_id::int, flock_size::int FROM flyway.sightings WHERE sighting_id = $1', [id])
      expect(saved).toEqual([{ bird_id: 3, site_id: 1, flock_size: 5 }])
      // sightings_seq starts with 1000 in the script.
      expect(id).toBe(1000)
      await expect(client.query('CALL flyway.record_sighting(3, 1, 0, NULL)')).rejects.toThrow('flock size must be positive')
    } finally {
      await client.query('ROLLBACK').catch(() => undefined)
      await client.end()
    }
  })
})
