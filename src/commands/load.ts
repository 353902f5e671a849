import { Flags } from '@oclif/core'
import { connectionFlags } from '../cli/connection-flags.js'
import { stateFlag } from '../cli/state-flag.js'
import { connectionUrls, tableSelection } from '../cli/connection-options.js'
import { GodwitCommand, type StopReason } from '../cli/godwit-command.js'
import { redactDeep, redactUrl } from '../config/redact.js'
import { EXIT } from '../core/exit-codes.js'
import type { RunSummary } from '../engines/postgres/control-schema-load.js'
import { stateUrlFor } from '../state/state-location.js'
import { sourceUrlVia } from '../load/source-engines.js'
import { parseRejectLimit } from '../load/reject-limit.js'
import { abandonLoadRun, dropLoadSlot, listLoadRuns, type AbandonResult, type DroppedOnSource } from '../load/run-admin.js'
import { DEFAULT_CHUNK_ROWS, DEFAULT_REJECTS_DIR, runLoad, type LoadResult } from '../load/run-load.js'
import { writeLoadReports } from '../report/load-files.js'
import { formatCount, planLines, runsLines, summaryLines } from '../report/load-text.js'
import { LoadProgress } from '../ui/load-progress.js'

type LoadCommandResult = LoadResult | { readonly runs: readonly RunSummary[] } | AbandonResult | { readonly dropped: DroppedOnSource }

export default class Load extends GodwitCommand<LoadCommandResult> {
  static override summary = 'Copy table data from the source to the target in parallel chunks, at one consistent source position.'
  static override description =
    'The target tables must exist and be empty (or pass --truncate to empty them). The plan is printed first; --dry-run prints only the plan. ' +
    'Rerunning the same command resumes an unfinished load; several processes given the same command share its chunks. ' +
    'Exit codes: 68 some chunks failed (rerun to resume), 130 interrupted (rerun to resume), 2 usage, 4 source, 5 target (e.g. tables not empty), 6 another run owns the tables.'
  static override examples = [
    '<%= config.bin %> load --source postgres://app@src/shop --target postgres://app@dst/shop --tables "sales.*" --jobs 8',
    '<%= config.bin %> load --source postgres://app@src/shop --target postgres://app@dst/shop --tables "sales.*" --dry-run',
    '<%= config.bin %> load --source oracle://hr:${ORACLE_PASSWORD}@db:1521/FREEPDB1 --target postgres://hr@pg/hr --defer-indexes --truncate --json',
    '<%= config.bin %> load --target postgres://app@dst/shop --list-runs',
    '<%= config.bin %> load --source oracle://hr@db:1521/FREEPDB1 --target redshift://admin@cluster.eu-west-1.redshift.amazonaws.com:5439/dev --state postgres://godwit@state/godwit --stage s3://bucket/godwit --iam-role arn:aws:iam::123456789012:role/RedshiftCopy',
    '<%= config.bin %> load --source postgres://app@src/shop --target redshift://admin@cluster:5439/dev --state postgres://godwit@state/godwit --stage file:///tmp/stage --stage-only --slices 4',
  ]
  static override flags = {
    ...connectionFlags,
    'chunk-rows': Flags.integer({ description: 'Rows per chunk, about.', default: DEFAULT_CHUNK_ROWS, min: 1 }),
    create: Flags.boolean({ description: 'Convert and create the selected tables the target lacks (Oracle sources), as godwit convert would.', default: false }),
    truncate: Flags.boolean({ description: 'Empty the target tables when a new run starts (without it a new run refuses tables that hold rows).', default: false }),
    'dry-run': Flags.boolean({ description: 'Print the plan (tables, chunks, transfer, what would be emptied) and stop; nothing is created or changed.', default: false }),
    restart: Flags.boolean({ description: "Start a new run of this selection: abandons its unfinished run, or loads again after a finished one (with --truncate).", default: false }),
    abandon: Flags.boolean({ description: "Mark this selection's unfinished run abandoned and drop its replication slot and publication; loads nothing.", default: false, exclusive: ['restart', 'drop-slot', 'list-runs', 'dry-run'] }),
    'drop-slot': Flags.boolean({ description: 'Drop the replication slot and publication the loads of this selection left on the source (idempotent); loads nothing.', default: false, exclusive: ['restart', 'abandon', 'list-runs', 'dry-run'] }),
    'list-runs': Flags.boolean({ description: 'List the load runs recorded on the target (id, tables, state, chunks, started, position); loads nothing.', default: false, exclusive: ['restart', 'abandon', 'drop-slot', 'dry-run'] }),
    transcode: Flags.boolean({ description: 'Decode and re-encode every value, even where COPY data could pass through unchanged.', default: false }),
    'defer-indexes': Flags.boolean({ description: "Drop the target tables' secondary indexes and foreign keys while loading; rebuild them at the end.", default: false }),
    'max-rejects': Flags.string({ description: 'Rows per table that may go to the rejects file before the table fails: a count (100) or a share of its rows (1%). 0: the first bad row fails it.', default: '0' }),
    'rejects-dir': Flags.string({ description: 'Directory for the per-table rejects CSV files.', default: DEFAULT_REJECTS_DIR }),
    ...stateFlag,
    via: Flags.string({ description: 'Teradata: move the rows with a Teradata Parallel Transporter export (godwit writes the job, you run tbuild, the next run loads its files).', options: ['tpt'] }),
    'tpt-dir': Flags.string({ description: 'Teradata --via tpt: directory for the TPT job and its export files (default godwit-tpt).', dependsOn: ['via'] }),
    stage: Flags.string({ description: 'Redshift: where the gzip CSV parts and manifests go, s3://bucket/prefix (or file:///dir with --stage-only).' }),
    'iam-role': Flags.string({ description: "Redshift: IAM role ARN COPY reads the stage with (default: the cluster's default role)." }),
    slices: Flags.integer({ description: "Redshift: parts per chunk (default: the cluster's slice count, from STV_SLICES).", min: 1 }),
    'stage-only': Flags.boolean({ description: 'Redshift: write parts, manifests and copy.sql to the stage; never connect to the cluster.', default: false }),
    report: Flags.string({ description: 'Directory for the Markdown and JSON load reports.', default: 'godwit-reports' }),
    'no-report': Flags.boolean({ description: 'Write no report files.', default: false }),
  }

  async run(): Promise<LoadCommandResult> {
    const { flags } = await this.parse(Load)
    const config = this.projectConfig(flags.config)
    const { include: tables, exclude } = tableSelection(flags, config)
    const urls = (need: { source: boolean; target: boolean }) => connectionUrls(flags, config, need)

    if (flags['list-runs']) {
      const runs = await listLoadRuns(stateUrlFor(urls({ source: false, target: true }).targetUrl as string, flags.state))
      if (!this.jsonEnabled()) for (const line of runsLines(runs)) this.log(line)
      return { runs }
    }
    if (flags['drop-slot']) {
      const { sourceUrl, targetUrl } = urls({ source: true, target: false })
      const stateUrl = targetUrl ? stateUrlFor(targetUrl, flags.state) : flags.state
      const dropped = await dropLoadSlot({ sourceUrl: sourceUrl as string, tables, exclude, ...(stateUrl ? { targetUrl: stateUrl } : {}) })
      if (!this.jsonEnabled()) this.log(describeDropped(dropped))
      return { dropped }
    }
    const urlsGiven = urls({ source: true, target: true }) as { sourceUrl: string; targetUrl: string }
    const sourceUrl = sourceUrlVia(urlsGiven.sourceUrl, flags.via as 'tpt' | undefined, flags['tpt-dir'])
    const targetUrl = urlsGiven.targetUrl
    if (flags.abandon) {
      const abandoned = await abandonLoadRun({ sourceUrl, targetUrl: stateUrlFor(targetUrl, flags.state), tables, exclude })
      if (!this.jsonEnabled()) {
        this.log(abandoned.runId !== undefined ? `run ${abandoned.runId} abandoned: its loaded rows stay in the target (a new run needs --truncate)` : 'no unfinished run of this selection')
        this.log(describeDropped(abandoned.dropped))
      }
      return abandoned
    }

    const maxRejects = parseRejectLimit(flags['max-rejects'])
    const startedAt = new Date().toISOString()
    const progress = this.jsonEnabled() || flags['dry-run'] ? undefined : new LoadProgress()
    const stop = this.stopGracefully('Ctrl-C: claiming no more chunks; waiting for those in flight to commit')
    let result: LoadResult | undefined
    try {
      result = await runLoad({
        sourceUrl,
        targetUrl,
        ...(flags.state ? { stateUrl: flags.state } : {}),
        staging: {
          ...(flags.stage ? { stage: flags.stage } : {}),
          ...(flags['iam-role'] ? { iamRole: flags['iam-role'] } : {}),
          ...(flags.slices ? { slices: flags.slices } : {}),
          stageOnly: flags['stage-only'],
          ...(process.env.GODWIT_S3_ENDPOINT ? { s3Endpoint: process.env.GODWIT_S3_ENDPOINT } : {}),
        },
        tables,
        exclude,
        jobs: flags.jobs,
        chunkRows: flags['chunk-rows'],
        transcode: flags.transcode,
        create: flags.create,
        truncate: flags.truncate,
        restart: flags.restart,
        dryRun: flags['dry-run'],
        deferIndexes: flags['defer-indexes'],
        maxRejects,
        rejectsDir: flags['rejects-dir'],
        stop,
        onEvent: (e) => {
          progress?.onEvent(e)
          if (e.kind === 'warning') this.warnings.push(e.message)
        },
      })
    } finally {
      await progress?.finish(result)
    }
    const written = flags['no-report'] ? [] : await writeLoadReports(redactDeep(result), flags.report, startedAt)
    if (!result.complete && !result.dryRun && !result.interrupted) this.exitStatus = EXIT.partial
    if (this.jsonEnabled()) {
      for (const f of written) this.progress(`report: ${f}`)
    } else {
      if (result.dryRun && result.plan) for (const line of planLines(result.plan, true)) this.log(line)
      else for (const line of summaryLines(result, dropSlotCommand(sourceUrl, tables, exclude))) this.log(redactUrl(line))
      for (const f of written) this.log(`Report: ${f}`)
    }
    if (result.interrupted) {
      const done = result.tables.reduce((n, t) => n + t.chunksDone, 0)
      const all = result.tables.reduce((n, t) => n + t.chunks, 0)
      throw (stop.reason as StopReason)(
        `${formatCount(done)} of ${formatCount(all)} chunks are saved in the target (${formatCount(result.totals.rows)} rows); nothing half-written remains. ` +
          `Resume with: ${resumeCommand(process.argv.slice(2))}`,
      )
    }
    return result
  }
}

function describeDropped(d: DroppedOnSource): string {
  const what = [d.slot ? `replication slot ${d.slot}` : undefined, d.publication ? `publication ${d.publication}` : undefined].filter(Boolean)
  return what.length > 0 ? `dropped ${what.join(' and ')} on the source` : 'no replication slot or publication of this selection on the source'
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`
}

/** The command that resumes: this one, less the flags that would start over, with passwords shown as ***. */
function resumeCommand(argv: readonly string[]): string {
  const kept = argv.filter((a) => !['--restart', '--truncate', '--dry-run'].includes(a))
  return redactUrl(['godwit', ...kept].map(shellQuote).join(' '))
}

function dropSlotCommand(source: string | undefined, tables: readonly string[], exclude: readonly string[]): string {
  const args = ['load', ...(source ? ['--source', source] : []), ...tables.flatMap((t) => ['--tables', t]), ...exclude.flatMap((t) => ['--exclude', t]), '--drop-slot']
  return redactUrl(['godwit', ...args].map(shellQuote).join(' '))
}
