import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { UsageError } from '../core/errors.js'
import { renderConvertHtml } from '../report/convert-html.js'
import { renderConvertMarkdown } from '../report/convert-markdown.js'
import { renderJson } from '../report/json.js'
import { reportStem, writeReportFiles, type ReportFiles } from '../report/report-files.js'
import type { DirectoryDef, SchemaModel } from '../model/schema.js'
import { convertToPostgres, OUTPUT_FILES, renderOutputFile, type ConvertResult } from './convert.js'
import { buildConvertReport, type ConvertReport } from './convert-report.js'
import type { EngineName } from '../engines/registry.js'
import type { ScriptInput, SourceInput } from '../model/source-input.js'
import { sourceEngine } from './source-engines.js'
import type { SourceDialect } from './sql/dialect.js'
import type { TargetDialect } from './target.js'
import type { TypeOverrides } from './type-overrides.js'

export interface CatalogSelection {
  readonly schemas: readonly string[]
  readonly include?: readonly string[]
  readonly exclude?: readonly string[]
}

export interface RunConvertOptions {
  /** The source engine (`--from`; default oracle). */
  readonly from?: EngineName
  readonly scripts?: readonly ScriptInput[]
  readonly sourceUrl?: string
  readonly selection?: CatalogSelection
  readonly targetSchema?: string
  readonly typeOverrides?: TypeOverrides
  /** Oracle directories' paths on the PostgreSQL server (`--directory`, `directories` in the config file). */
  readonly directories?: readonly DirectoryDef[]
  /** The PostgreSQL the output must run on (default DEFAULT_TARGET, the oldest supported major). */
  readonly target?: TargetDialect
  /** Where the SQL files and conversion-report.json go; nothing is written without it. */
  readonly outDir?: string
  /** Where the Markdown, HTML and JSON reports (convert-<time>.*) go; none without it. */
  readonly reportDir?: string
  /** Clock for the report stamp and file names (tests pass a fixed one). */
  readonly now?: Date
}

export interface RunConvertOutcome {
  readonly report: ConvertReport
  readonly result: ConvertResult
  readonly input: SourceRead
  /** Paths of the reports written, by format (empty without `reportDir`). */
  readonly reports: Partial<ReportFiles>
}

/** `godwit convert` as a library call: read the source (files or catalog), convert, write. */
export async function runConvert(options: RunConvertOptions): Promise<RunConvertOutcome> {
  const started = performance.now()
  const now = options.now ?? new Date()
  const input = await readSource(options)
  const targetSchema = options.targetSchema ?? defaultTargetSchema(input.schema, options.selection)
  const result = convertToPostgres(input, { targetSchema, typeOverrides: options.typeOverrides, target: options.target, source: input.dialect, directories: options.directories })
  const report = buildConvertReport(result, input.data.length, (performance.now() - started) / 1000, options.outDir, now.toISOString())
  if (options.outDir) await writeOutput(options.outDir, result, report)
  const reports = options.reportDir
    ? await writeReportFiles(options.reportDir, reportStem('convert', now), { markdown: renderConvertMarkdown(report), html: renderConvertHtml(report), json: renderJson(report) })
    : {}
  return { report, result, input, reports }
}

/** What was read, with the dialect its code is written in. */
export type SourceRead = SourceInput & { readonly dialect: SourceDialect }

/**
 * The source as a schema model: offline scripts or a live catalog (never both), read by the
 * engine `--from` names, with that engine's dialect to translate it.
 */
export async function readSource(options: Pick<RunConvertOptions, 'from' | 'scripts' | 'sourceUrl' | 'selection' | 'targetSchema'>): Promise<SourceRead> {
  if (options.scripts?.length && options.sourceUrl) {
    throw new UsageError('CONVERT_TWO_SOURCES', 'give either DDL files or --source, not both')
  }
  const engine = sourceEngine(options.from ?? 'oracle')
  if (options.scripts?.length) {
    if (!engine.readScripts) throw new UsageError('CONVERT_NO_FILE_READER', `godwit cannot read ${options.from} DDL files in this version`)
    return { ...(await engine.readScripts(options.scripts, options.targetSchema)), dialect: await engine.dialect() }
  }
  if (options.sourceUrl) {
    if (!engine.introspect) throw new UsageError('CONVERT_NO_CATALOG_READER', `godwit cannot read a live ${options.from} catalog in this version`)
    const schema = await engine.introspect(options.sourceUrl, options.selection ?? { schemas: [] })
    return { schema, data: [], findings: [], files: [], dialect: await engine.dialect() }
  }
  throw new UsageError('CONVERT_NO_SOURCE', 'nothing to convert: give DDL files or --source URL', {
    hint: 'e.g. godwit convert --from oracle --to postgres --out out/ schema.sql',
  })
}

export function defaultTargetSchema(schema: SchemaModel, selection?: CatalogSelection): string {
  if (selection?.schemas.length === 1) return selection.schemas[0]!
  return schema.tables.find((t) => t.schema)?.schema ?? 'public'
}

async function writeOutput(dir: string, result: ConvertResult, report: ConvertReport): Promise<void> {
  await mkdir(dir, { recursive: true })
  for (const f of OUTPUT_FILES) await writeFile(join(dir, f.file), renderOutputFile(result, f.phase))
  await writeFile(join(dir, 'conversion-report.json'), renderJson(report))
}
