import { Args, Flags } from '@oclif/core'
import { convertTargetFlag, sourceFlags, targetDialect, targetVersionFlags } from '../cli/flags.js'
import { GodwitCommand } from '../cli/godwit-command.js'
import { sourceOptions } from '../cli/source-options.js'
import { formatPosition } from '../core/errors.js'
import { EXIT } from '../core/exit-codes.js'
import type { ConvertReport } from '../convert/convert-report.js'
import { parseDirectoryPaths } from '../convert/directory-paths.js'
import { runConvert } from '../convert/run-convert.js'

export default class Convert extends GodwitCommand<ConvertReport> {
  static override summary = 'Convert Oracle or Teradata DDL and code to PostgreSQL or Amazon Redshift SQL files, listing what needs a person as action items.'
  static override description =
    'What cannot be converted (a statement that does not parse, a construct with no PostgreSQL equivalent) stays in the SQL files commented out ' +
    'under an ACTION ITEM line with its file:line:column and the reason. Exit code 0: converted; 1: --fail-on action-items and there are some; 2 usage, 4 source errors.'
  static override examples = [
    '<%= config.bin %> convert --from oracle --to postgres --out out/ hr_create.sql hr_code.sql',
    '<%= config.bin %> convert --from oracle --to redshift --out out/ hr_create.sql',
    '<%= config.bin %> convert --source oracle://hr:${ORACLE_PASSWORD}@db:1521/FREEPDB1 --source-schema HR --out out/',
    '<%= config.bin %> convert --out out/ schema.sql --fail-on action-items --report reports/   # a CI gate',
  ]
  static override strict = false
  static override args = { files: Args.string({ description: 'DDL scripts in run order: Oracle SQL*Plus, or Teradata BTEQ / SHOW output with --from teradata.' }) }
  static override flags = {
    ...sourceFlags,
    ...targetVersionFlags,
    ...convertTargetFlag,
    out: Flags.string({ char: 'o', description: 'Directory for the SQL files and conversion-report.json.', required: true }),
    schema: Flags.string({ description: 'PostgreSQL schema for objects named without a schema (default: the source schema, else public).' }),
    report: Flags.string({ description: 'Directory for the Markdown, HTML and JSON reports (convert-<time>.*).', default: 'godwit-reports' }),
    'no-report': Flags.boolean({ description: 'Write no report files (the SQL files and conversion-report.json are still written).' }),
    directory: Flags.string({
      description: "Where an Oracle directory's files are on the PostgreSQL server, e.g. 'EXT_DIR=/srv/files' (repeatable; also directories in the config file): external tables reading from it become file_fdw foreign tables.",
      multiple: true,
    }),
    'fail-on': Flags.string({ description: 'Exit 1 when the conversion left any action item (as assess --fail-on action-items).', options: ['action-items'] }),
  }

  async run(): Promise<ConvertReport> {
    const { argv, flags } = await this.parse(Convert)
    const config = this.projectConfig(flags.config)
    const target = targetDialect(flags, config.targetVersion)
    const { report, reports } = await runConvert({
      ...sourceOptions(argv as string[], flags, config),
      targetSchema: flags.schema,
      directories: parseDirectoryPaths({ ...config.directories }, flags.directory ?? []),
      outDir: flags.out,
      target,
      reportDir: flags['no-report'] ? undefined : flags.report,
    })
    if (flags['fail-on'] === 'action-items' && report.actionItems.length > 0) this.exitStatus = EXIT.checkFailed
    if (!this.jsonEnabled()) this.render(report, Object.values(reports))
    else for (const p of Object.values(reports)) this.progress(`report: ${p}`)
    return report
  }

  private render(r: ConvertReport, reports: readonly string[]): void {
    const o = r.objects
    const runsOn = r.to === 'redshift' ? `Amazon Redshift build ${r.targetVersion} and newer` : `${r.targetName} and newer`
    this.log(`Converted ${r.from} → ${r.targetName} in ${r.seconds.toFixed(2)}s into ${r.outDir} (runs on ${runsOn})`)
    this.log(
      `  ${o.tables} tables, ${o.views} views, ${o.materializedViews} materialized views, ${o.sequences} sequences, ${o.indexes} indexes, ` +
        `${o.types} types, ${o.functions} functions, ${o.procedures} procedures, ${o.packages} packages, ${o.triggers} triggers, ${o.dataStatements} data statements`,
    )
    for (const f of r.files) this.log(`  ${f.name.padEnd(18)} ${f.statements} statements`)
    this.log(`${r.actionItems.length} action items, ${r.warnings.length} warnings, ${r.notes.length} notes (details in conversion-report.json${reports.length > 0 ? ' and the reports' : ''})`)
    for (const a of r.actionItems.slice(0, 20)) {
      const at = a.at ? formatPosition(a.at) : undefined
      this.log(`  - ${a.object}${at ? ` (${at})` : ''}: ${at && a.message.startsWith(`${at}: `) ? a.message.slice(at.length + 2) : a.message}`)
    }
    if (r.actionItems.length > 20) this.log(`  … ${r.actionItems.length - 20} more`)
    if (r.unenforcedKeys?.length) this.log(`${r.unenforcedKeys.length} keys are not enforced by ${r.targetName}: load and validate check them (listed in conversion-report.json)`)
    for (const p of reports) this.log(`Report: ${p}`)
  }
}
