import { mkdir, readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { assess } from '../convert/assess/assess.js'
import type { AssessmentResult } from '../convert/assess/assessment-result.js'
import { OUTPUT_FILES } from '../convert/convert.js'
import type { ConvertReport } from '../convert/convert-report.js'
import { runConvert } from '../convert/run-convert.js'
import { applySqlFiles, type SqlFile } from '../engines/postgres/postgres-apply.js'
import { startEmbeddedPostgres } from '../engines/postgres/embedded-server.js'
import type { LoadResult } from '../load/run-load.js'
import { writeValidationReports } from '../report/validation-files.js'
import type { ValidationObserver } from '../validate/run-validation.js'
import type { CutoverResult } from '../cutover/cutover-result.js'
import { prepareDemoCdc, startDemoCdc, type DemoCdcResult } from './demo-cdc.js'
import { demoCutover } from './demo-cutover.js'
import { runDemoLoad } from './demo-load.js'
import { demoValidate, type DemoValidateResult } from './demo-validate.js'

/** godwit's own demo schema, shipped with the package (demo/flyway.sql). */
export const DEMO_SCRIPT = resolve(dirname(fileURLToPath(import.meta.url)), '../../demo/flyway.sql')
const DEMO_SCHEMA = 'flyway'
/** Synthetic survey sightings added to the stand-in source, so the load has chunks to show. */
export const DEMO_EXTRA_SIGHTINGS = 200_000

/** How long the demo's application writes to the source while cdc keeps the target in step. */
const DEMO_WRITE_SECONDS = 5

export interface CreatedObjects {
  readonly tables: number
  readonly views: number
  readonly sequences: number
  readonly routines: number
  readonly triggers: number
  readonly indexes: number
  readonly rows: number
}

export interface DemoResult {
  readonly assessment: Pick<AssessmentResult, 'level' | 'effort' | 'inventory'>
  readonly convert: ConvertReport
  /** What the converted schema made on the target, and the rows it holds right after the load. */
  readonly created: CreatedObjects
  readonly load: LoadResult
  readonly validation: DemoValidateResult
  /** A writer on the source after the load, and cdc applying its changes with the lag shown until the cutover drains it. */
  readonly cdc: DemoCdcResult
  readonly cutover: CutoverResult
  /** The validation reports (Markdown, HTML, JSON, JUnit) of the run that found the three changes, then the cutover reports. */
  readonly reports: readonly string[]
  /**
   * The demo's `bird_last_seen` view, read back from the target right after the load, each value
   * as PostgreSQL prints it (an Oracle DATE reads `2007-03-24 00:00:00`, not a JavaScript Date).
   */
  readonly lastSeen: ReadonlyArray<Record<string, unknown>>
}

export interface DemoOptions {
  readonly workDir: string
  /** Use these databases instead of an embedded server (the test suite's). */
  readonly sourceUrl?: string
  readonly targetUrl?: string
  readonly progress?: (line: string) => void
  readonly validationObserver?: ValidationObserver
}

/**
 * The whole journey on the demo schema: assess and convert flyway.sql offline; build the
 * stand-in source (PostgreSQL with the converted schema, its rows and synthetic sightings) and
 * an empty target; load; validate; change three target rows behind godwit's back and validate
 * again, finding exactly those three, then put them back; run cdc while the demo's application
 * writes to the source; cut over (stop the writer, drain cdc, sync sequences, final validation).
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const say = options.progress ?? (() => undefined)
  const outDir = join(options.workDir, 'convert')
  await mkdir(outDir, { recursive: true })

  say(`assess + convert: ${DEMO_SCRIPT} → ${outDir}`)
  const converted = await runConvert({ scripts: [{ path: DEMO_SCRIPT }], targetSchema: DEMO_SCHEMA, outDir })
  const assessment = assess(converted.input.schema, converted.result.findings)
  say(`assess: migration level ${assessment.level.code}, ${assessment.effort.personDays} person-days`)

  const server = options.sourceUrl && options.targetUrl ? undefined : await startEmbeddedPostgres({ logical: true })
  try {
    if (server) say(`postgres: embedded PostgreSQL started on ${new URL(server.url).host}`)
    const sourceUrl = options.sourceUrl ?? (await server!.createDatabase('godwit_demo_source'))
    const targetUrl = options.targetUrl ?? (await server!.createDatabase('godwit_demo_target'))
    const files = await Promise.all(OUTPUT_FILES.map(async (f): Promise<SqlFile> => ({ name: f.file, sql: await readFile(join(outDir, f.file), 'utf8') })))

    say(`source: the converted schema with its rows and ${DEMO_EXTRA_SIGHTINGS.toLocaleString('en')} survey sightings (PostgreSQL stands in for Oracle)`)
    await applySqlFiles(sourceUrl, [...files, { name: 'survey sightings', sql: surveySightingsSql(DEMO_EXTRA_SIGHTINGS) }])
    say('target: the converted schema, no rows')
    await applySqlFiles(targetUrl, files.filter((f) => f.name !== '02-data.sql'))

    await prepareDemoCdc(sourceUrl, DEMO_SCHEMA)
    const load = await runDemoLoad({ sourceUrl, targetUrl, schema: DEMO_SCHEMA, progress: say })
    const { created, lastSeen } = await readTarget(targetUrl)
    const validation = await demoValidate({ sourceUrl, targetUrl, schema: DEMO_SCHEMA, progress: say, observer: options.validationObserver })
    const reportDir = join(options.workDir, 'reports')
    const validationReports = await writeValidationReports(validation.after, reportDir, join(reportDir, 'validate-junit.xml'))
    const running = startDemoCdc({ sourceUrl, targetUrl, schema: DEMO_SCHEMA, loadRunId: load.runId, progress: say })
    await new Promise((r) => setTimeout(r, DEMO_WRITE_SECONDS * 1000))
    let written: DemoCdcResult['written'] = { transactions: 0, changes: 0 }
    const { cutover, reports: cutoverReports } = await demoCutover({
      sourceUrl,
      targetUrl,
      schema: DEMO_SCHEMA,
      reportDir,
      stopWriter: async () => {
        written = await running.stopWriter()
      },
      cdcStopped: running.stopped,
      progress: say,
    })
    const cdc = { ...(await running.stopped), written }
    return { assessment, convert: converted.report, created, load, validation, cdc, cutover, reports: [...validationReports, ...cutoverReports], lastSeen }
  } finally {
    await server?.stop()
  }
}

/** Every value as the server's text output, parsed into nothing: what psql would show. */
const SERVER_TEXT = { getTypeParser: () => (text: string) => text }

/** What the load produced on the target, read before validation changes three of its rows. */
async function readTarget(url: string): Promise<Pick<DemoResult, 'created' | 'lastSeen'>> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const lastSeen = (await client.query<Record<string, string | null>>({ text: `SELECT * FROM ${DEMO_SCHEMA}.bird_last_seen ORDER BY ring_code`, types: SERVER_TEXT })).rows
    return { created: await countCreated(client, DEMO_SCHEMA), lastSeen }
  } finally {
    await client.end()
  }
}

/** Sightings in 1990, before every real one, so the demo's views keep their documented answers. */
function surveySightingsSql(n: number): string {
  return `INSERT INTO ${DEMO_SCHEMA}.sightings (sighting_id, bird_id, site_id, seen_at, flock_size, observer)
SELECT 100000 + g, b.ids[1 + g % cardinality(b.ids)], s.ids[1 + (g / 7) % cardinality(s.ids)],
       timestamp '1990-01-01' + g * interval '1 minute', 1 + g % 40, 'survey team ' || (g % 17)
  FROM generate_series(1, ${n}) AS g,
       (SELECT array_agg(bird_id ORDER BY bird_id) AS ids FROM ${DEMO_SCHEMA}.birds) AS b,
       (SELECT array_agg(site_id ORDER BY site_id) AS ids FROM ${DEMO_SCHEMA}.sites) AS s;
ANALYZE ${DEMO_SCHEMA}.sightings;`
}

async function countCreated(client: pg.Client, schema: string): Promise<CreatedObjects> {
  const { rows } = await client.query<Record<keyof CreatedObjects, string>>(
    `SELECT
       (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r','p')) AS tables,
       (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('v','m')) AS views,
       (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'S') AS sequences,
       (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1) AS routines,
       (SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND NOT t.tgisinternal) AS triggers,
       (SELECT count(*) FROM pg_indexes WHERE schemaname = $1) AS indexes,
       (SELECT sum((xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name), false, true, '')))[1]::text::bigint)
          FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE') AS rows`,
    [schema],
  )
  const r = rows[0]!
  return {
    tables: Number(r.tables), views: Number(r.views), sequences: Number(r.sequences), routines: Number(r.routines),
    triggers: Number(r.triggers), indexes: Number(r.indexes), rows: Number(r.rows),
  }
}
