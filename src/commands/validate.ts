import { Flags } from '@oclif/core'
import { connectionFlags } from '../cli/connection-flags.js'
import { stateFlag } from '../cli/state-flag.js'
import { connectionOptions } from '../cli/connection-options.js'
import { GodwitCommand } from '../cli/godwit-command.js'
import { EXIT, type ExitCode } from '../core/exit-codes.js'
import { recordValidationRun } from '../engines/postgres/control-schema-validate.js'
import { stateUrlFor } from '../state/state-location.js'
import { writeValidationReports } from '../report/validation-files.js'
import { ValidateProgress } from '../ui/validate-progress.js'
import { runValidation } from '../validate/run-validation.js'
import { isPartial, tablesMissingOnTarget, type ValidationMode, type ValidationResult } from '../validate/validation-result.js'
import { differenceLine, emptySideText, runHeadline, scopeLines, tableStatusLabel } from '../report/validation-text.js'

export default class Validate extends GodwitCommand<ValidationResult> {
  static override summary = 'Prove the target holds the same rows as the source: schema, row counts, checksums pushed down to both engines, differing rows by key.'
  static override description =
    'Exit code 0: no table differs in what was compared; 1: differences found (listed by key in the reports); 2 usage (an unknown --columns name, a --where that does not run), 3 config, 4 source, 5 target errors. ' +
    'A run limited by --sample, --where or --columns says so in its status (e.g. "PASS (sampled 5%)"), exits 0 when it found nothing, and is not recorded for the cutover gate. ' +
    'Results of full runs are also stored in the target schema godwit (validation_runs, validation_tables) for the cutover gate.'
  static override examples = [
    '<%= config.bin %> validate --source postgres://app@old/db --target postgres://app@new/db',
    '<%= config.bin %> validate --tables "sales.*" --mode full --report godwit-reports --junit godwit-reports/validate.xml',
    '<%= config.bin %> validate --recheck-after 30   # while CDC still applies changes',
  ]
  static override flags = {
    ...connectionFlags,
    mode: Flags.string({ description: 'count: schema and row counts; checksum: + segment checksums and differing rows; full: + column aggregates.', options: ['count', 'checksum', 'full'], default: 'checksum' }),
    columns: Flags.string({ description: 'Compare only these columns (key columns always), comma-separated.', multiple: true, delimiter: ',' }),
    where: Flags.string({ description: 'Compare only rows matching this SQL condition, applied on both sides.' }),
    sample: Flags.integer({ description: 'Compare this percentage of each keyed table (whole segments spread over the key space).', min: 1, max: 100 }),
    'recheck-after': Flags.integer({ description: 'Re-read differing rows after this many seconds and report only those still differing (for CDC in flight; 0 = off).', default: 0, min: 0 }),
    report: Flags.string({ description: 'Directory for the Markdown, HTML and JSON reports.', default: 'godwit-reports' }),
    junit: Flags.string({ description: 'Write a JUnit XML file (one testcase per table) for CI.' }),
    'client-hash': Flags.string({ description: 'Hash rows in godwit instead of the database on these sides (engines without MD5, or to cross-check).', options: ['none', 'source', 'target', 'both'], default: 'none' }),
    record: Flags.boolean({ description: 'Store the run in the control schema godwit (the target\'s, or --state\'s).', default: true, allowNo: true }),
    ...stateFlag,
  }

  async run(): Promise<ValidationResult> {
    const { flags } = await this.parse(Validate)
    const config = this.projectConfig(flags.config)
    const live = this.jsonEnabled() ? undefined : new ValidateProgress()
    // Only a run that compared everything may stand as proof for the cutover gate.
    const partial = isPartial({ where: flags.where, columns: flags.columns, samplePercent: flags.sample })
    const connections = connectionOptions(flags, config)
    // Where the run is recorded is settled before comparing anything (a Redshift target needs --state).
    const stateUrl = flags.record && !partial ? stateUrlFor(connections.targetUrl, flags.state) : undefined
    const result = await runValidation({
      ...connections,
      mode: flags.mode as ValidationMode,
      columns: flags.columns,
      where: flags.where,
      samplePercent: flags.sample,
      jobs: flags.jobs,
      recheckAfterSeconds: flags['recheck-after'],
      clientHash: flags['client-hash'] as 'none' | 'source' | 'target' | 'both',
      observer: live,
      recorder: stateUrl === undefined ? undefined : (_target, r) => recordValidationRun(stateUrl, r),
    })
    await live?.done()
    const written = await writeValidationReports(result, flags.report, flags.junit)
    if (!this.jsonEnabled()) this.render(result, written, flags.record && partial)
    else for (const f of written) this.progress(`report: ${f}`)
    // A table the engines could not compare fails the run with that side's exit code, after the reports are written.
    const broken = result.tables.find((t) => t.error)
    this.exitStatus = broken?.error ? (broken.error.exitCode as ExitCode) : result.status === 'FAIL' ? EXIT.checkFailed : EXIT.ok
    return result
  }

  private render(r: ValidationResult, written: readonly string[], notRecorded: boolean): void {
    this.log(`${runHeadline(r)} (${r.seconds.toFixed(1)} s, source position ${r.source.position ?? 'unknown'})`)
    const filters = scopeLines(r.scope)
    this.log(`Filters: ${filters.join('; ')}`)
    const missing = tablesMissingOnTarget(r)
    if (missing.length > 0) this.log(`Missing on the target (${missing.length}): ${missing.join(', ')}`)
    if (r.targetOnlyTables.length > 0) this.log(`Only on the target, not compared (${r.targetOnlyTables.length}): ${r.targetOnlyTables.join(', ')}`)
    for (const t of r.tables) {
      const warnings = t.schema.filter((f) => f.severity === 'warning')
      if (t.status === 'PASS' && t.sampledPercent === undefined && warnings.length === 0) continue
      if (t.schema.some((f) => f.code === 'TABLE_MISSING')) continue // named above, all at once
      const counts = t.sourceRows === null ? '' : `, source ${t.sourceRows} rows, target ${t.targetRows} rows`
      this.log(`  ${t.name}: ${tableStatusLabel(t, r.scope)}${counts}, ${t.differenceCount} difference${t.differenceCount === 1 ? '' : 's'}${t.error ? ` — ${t.error.code}: ${t.error.message}` : ''}`)
      for (const f of t.schema) this.log(`    ${f.severity} ${f.code}: ${f.message}`)
      const empty = emptySideText(t)
      if (empty) this.log(`    ${empty}`)
      for (const d of t.differences.slice(0, 10)) this.log(`    ${differenceLine(t, d)}`)
      if (t.differences.length > 10) this.log(`    … ${t.differenceCount - 10} more in the report`)
    }
    if (notRecorded) this.log('Not recorded in the target control schema: a sampled or filtered run is no proof for the cutover gate.')
    for (const f of written) this.log(`Report: ${f}`)
  }
}
