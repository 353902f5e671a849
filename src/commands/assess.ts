import { Args, Flags } from '@oclif/core'
import { convertTargetFlag, sourceFlags, targetDialect, targetVersionFlags } from '../cli/flags.js'
import { GodwitCommand } from '../cli/godwit-command.js'
import { EXIT } from '../core/exit-codes.js'
import { sourceOptions } from '../cli/source-options.js'
import { objectsByWork, type AssessmentResult } from '../convert/assess/assessment-result.js'
import { runAssess } from '../convert/assess/run-assess.js'

type FailOn = 'action-items' | 'B' | 'C'

export default class Assess extends GodwitCommand<AssessmentResult> {
  static override summary = 'Inventory an Oracle or Teradata schema, score each object’s conversion difficulty and estimate the effort.'
  static override examples = [
    '<%= config.bin %> assess --from oracle hr_cre.sql hr_code.sql --report godwit-reports',
    '<%= config.bin %> assess --source oracle://hr:${ORACLE_PASSWORD}@db:1521/FREEPDB1 --source-schema HR --json',
  ]
  static override strict = false
  static override args = { files: Args.string({ description: 'DDL scripts in run order: Oracle SQL*Plus, or Teradata BTEQ / SHOW output with --from teradata.' }) }
  static override flags = {
    ...sourceFlags,
    ...targetVersionFlags,
    ...convertTargetFlag,
    report: Flags.string({ description: 'Directory for the Markdown, HTML and JSON reports.', default: 'godwit-reports' }),
    'no-report': Flags.boolean({ description: 'Write no report files.' }),
    'fail-on': Flags.string({
      description: 'Exit 1 when the assessment reaches this: any action item, or ora2pg migration level B or C.',
      options: ['action-items', 'B', 'C'],
    }),
  }

  async run(): Promise<AssessmentResult> {
    const { argv, flags } = await this.parse(Assess)
    const config = this.projectConfig(flags.config)
    const { result, reports } = await runAssess({
      ...sourceOptions(argv as string[], flags, config),
      reportDir: flags['no-report'] ? undefined : flags.report,
      target: targetDialect(flags, config.targetVersion),
    })
    if (failsGate(result, flags['fail-on'] as FailOn | undefined)) this.exitStatus = EXIT.checkFailed
    if (!this.jsonEnabled()) this.render(result, Object.values(reports))
    return result
  }

  private render(r: AssessmentResult, reports: readonly string[]): void {
    const s = r.summary
    this.log(`Migration level ${r.level.code}: ${r.level.explanation}`)
    this.log(`Estimated effort: ${r.effort.personDays} person-days (${r.effort.hours} h) for ${s.objects} objects; ` +
      `${s.objectsNeedingRewrite} need a person, ${s.actionItems} action items, ${s.warnings} warnings.`)
    const bySchema = r.schemas.map((x) => `${x.schema ?? '(no schema)'} ${x.effort.personDays}`)
    if (r.unattachedEffort.minutes > 0) bySchema.push(`findings about no object ${r.unattachedEffort.personDays}`)
    this.log(`Person-days by schema: ${bySchema.join('; ')}`)
    const inv = r.inventory
    this.log(`Inventory: ${inv.tables} tables, ${inv.columns} columns, ${inv.indexes.total} indexes, ${inv.views} views, ${inv.sequences} sequences`)
    const hardest = objectsByWork(r).slice(0, 10)
    if (hardest.length > 0) this.log('Hardest objects:')
    for (const o of hardest) this.log(`  ${o.difficulty.padEnd(6)} ${String(o.minutes).padStart(5)} min  ${o.label}`)
    for (const p of reports) this.log(`Report: ${p}`)
  }
}

function failsGate(r: AssessmentResult, failOn: FailOn | undefined): boolean {
  if (failOn === 'action-items') return r.summary.actionItems > 0
  if (failOn === 'B') return r.level.letter !== 'A'
  if (failOn === 'C') return r.level.letter === 'C'
  return false
}
