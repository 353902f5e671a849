import { mkdir, readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { OUTPUT_FILES } from '../convert/convert.js'
import type { ConvertReport } from '../convert/convert-report.js'
import { runConvert } from '../convert/run-convert.js'
import { applySqlFiles } from '../engines/postgres/postgres-apply.js'
import { startEmbeddedPostgres } from '../engines/postgres/embedded-server.js'

/** godwit's own demo schema, shipped with the package (demo/flyway.sql). */
export const DEMO_SCRIPT = resolve(dirname(fileURLToPath(import.meta.url)), '../../demo/flyway.sql')
const DEMO_SCHEMA = 'flyway'

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
  readonly convert: ConvertReport
  readonly created: CreatedObjects
  /** The demo's `bird_last_seen` view, read back from PostgreSQL. */
  readonly lastSeen: ReadonlyArray<Record<string, unknown>>
}

export interface DemoOptions {
  readonly workDir: string
  /** Use this PostgreSQL instead of starting an embedded one (the test suite's server). */
  readonly databaseUrl?: string
  readonly progress?: (line: string) => void
}

/**
 * The end-to-end demo: convert the flyway schema offline, start an embedded PostgreSQL, apply
 * the generated files, and report what was created. Later phases (load, CDC, validate,
 * cutover) extend it.
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const say = options.progress ?? (() => undefined)
  const outDir = join(options.workDir, 'convert')
  await mkdir(outDir, { recursive: true })

  say(`convert: ${DEMO_SCRIPT} → ${outDir}`)
  const { report } = await runConvert({ scripts: [{ path: DEMO_SCRIPT }], targetSchema: DEMO_SCHEMA, outDir })

  const server = options.databaseUrl ? undefined : await startEmbeddedPostgres()
  try {
    if (server) say(`postgres: embedded server started at ${server.url.replace(/:[^:@/]*@/, ':***@')}`)
    const url = options.databaseUrl ?? (await server!.createDatabase('godwit_demo'))
    const files = await Promise.all(OUTPUT_FILES.map(async (f) => ({ name: f.file, sql: await readFile(join(outDir, f.file), 'utf8') })))
    for (const f of files) say(`apply: ${f.name}`)
    await applySqlFiles(url, files)
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      return { convert: report, created: await countCreated(client, DEMO_SCHEMA), lastSeen: (await client.query(`SELECT * FROM ${DEMO_SCHEMA}.bird_last_seen ORDER BY ring_code`)).rows }
    } finally {
      await client.end()
    }
  } finally {
    await server?.stop()
  }
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
