import { Args, Flags } from '@oclif/core'
import { sourceFlags, targetVersionFlags } from '../cli/flags.js'
import { GodwitCommand } from '../cli/godwit-command.js'
import { sourceOptions } from '../cli/source-options.js'
import { formatPosition } from '../core/errors.js'
import type { ConvertReport } from '../convert/convert-report.js'
import { runConvert } from '../convert/run-convert.js'
import { parseTargetVersion } from '../convert/target.js'

export default class Convert extends GodwitCommand<ConvertReport> {
  static override summary = 'Convert Oracle DDL and code to PostgreSQL SQL files, listing what needs a person as action items.'
  static override examples = [
    '<%= config.bin %> convert --from oracle --to postgres --out out/ hr_create.sql hr_code.sql',
    '<%= config.bin %> convert --source oracle://hr:${ORACLE_PASSWORD}@db:1521/FREEPDB1 --source-schema HR --out out/',
  ]
  static override strict = false
  static override args = { files: Args.string({ description: 'Oracle DDL / SQL*Plus scripts, in run order.' }) }
  static override flags = {
    ...sourceFlags,
    ...targetVersionFlags,
    to: Flags.string({ description: 'Target engine.', options: ['postgres'], default: 'postgres' }),
    out: Flags.string({ char: 'o', description: 'Directory for the SQL files and conversion-report.json.', required: true }),
    schema: Flags.string({ description: 'PostgreSQL schema for objects named without a schema (default: the source schema, else public).' }),
  }

  async run(): Promise<ConvertReport> {
    const { argv, flags } = await this.parse(Convert)
    const config = this.projectConfig(flags.config)
    const target = parseTargetVersion(flags['target-version'] ?? config.targetVersion)
    const { report } = await runConvert({ ...sourceOptions(argv as string[], flags, config), targetSchema: flags.schema, outDir: flags.out, target })
    if (!this.jsonEnabled()) this.render(report)
    return report
  }

  private render(r: ConvertReport): void {
    const o = r.objects
    this.log(`Converted ${r.from} → ${r.to} ${r.targetVersion} in ${r.seconds.toFixed(2)}s into ${r.outDir} (runs on PostgreSQL ${r.targetVersion} and newer)`)
    this.log(
      `  ${o.tables} tables, ${o.views} views, ${o.materializedViews} materialized views, ${o.sequences} sequences, ${o.indexes} indexes, ` +
        `${o.types} types, ${o.functions} functions, ${o.procedures} procedures, ${o.packages} packages, ${o.triggers} triggers, ${o.dataStatements} data statements`,
    )
    for (const f of r.files) this.log(`  ${f.name.padEnd(18)} ${f.statements} statements`)
    this.log(`${r.actionItems.length} action items, ${r.warnings.length} warnings (details in conversion-report.json)`)
    for (const a of r.actionItems.slice(0, 20)) this.log(`  - ${a.object}${a.at ? ` (${formatPosition(a.at)})` : ''}: ${a.message}`)
    if (r.actionItems.length > 20) this.log(`  … ${r.actionItems.length - 20} more`)
  }
}
