import { Flags } from '@oclif/core'
import { connectionFlags } from '../cli/connection-flags.js'
import { GodwitCommand } from '../cli/godwit-command.js'
import { redactDeep, redactUrl } from '../config/redact.js'
import { UsageError } from '../core/errors.js'
import { EXIT, type ExitCode } from '../core/exit-codes.js'
import type { RunSummary } from '../engines/postgres/control-schema-load.js'
import { parseRejectLimit } from '../load/reject-limit.js'
import { abandonLoadRun, dropLoadSlot, listLoadRuns, type AbandonResult, type DroppedOnSource } from '../load/run-admin.js'
import { DEFAULT_CHUNK_ROWS, DEFAULT_REJECTS_DIR, runLoad, type LoadResult } from '../load/run-load.js'
import { writeLoadReports } from '../report/load-files.js'
import { formatCount, planLines, runsLines, summaryLines } from '../report/load-text.js'
import { LoadProgress } from '../ui/load-progress.js'

/** Ctrl-C: the shell's 128 + SIGINT. */
const EXIT_INTERRUPTED = 130 as ExitCode

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
  ]
  static override flags = {
    ...connectionFlags,
    exclude: Flags.string({ description: "Tables to leave out, 'schema.table' globs, comma-separated or repeated.", multiple: true, delimiter: ',' }),
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
    report: Flags.string({ description: 'Directory for the Markdown and JSON load reports.', default: 'godwit-reports' }),
    'no-report': Flags.boolean({ description: 'Write no report files.', default: false }),
  }

  async run(): Promise<LoadCommandResult> {
    const { flags } = await this.parse(Load)
    const config = this.projectConfig(flags.config)
    const sourceUrl = flags.source ?? config.source
    const targetUrl = flags.target ?? config.target
    const tables = flags.tables ?? config.include ?? []
    const exclude = flags.exclude ?? config.exclude ?? []
    const need = (what: { source?: boolean; target?: boolean }): void => {
      const missing = [what.source && !sourceUrl ? 'source' : undefined, what.target && !targetUrl ? 'target' : undefined].filter(Boolean)
      if (missing.length === 0) return
      throw new UsageError('LOAD_URLS_MISSING', `load needs a ${missing.join(' and a ')} URL`, {
        hint: 'Pass --source and --target, or set source and target in godwit.config.(json|yaml).',
      })
    }

    if (flags['list-runs']) {
      need({ target: true })
      const runs = await listLoadRuns(targetUrl as string)
      if (!this.jsonEnabled()) for (const line of runsLines(runs)) this.log(line)
      return { runs }
    }
    if (flags['drop-slot']) {
      need({ source: true })
      const dropped = await dropLoadSlot({ sourceUrl: sourceUrl as string, tables, exclude, ...(targetUrl ? { targetUrl } : {}) })
      if (!this.jsonEnabled()) this.log(describeDropped(dropped))
      return { dropped }
    }
    if (flags.abandon) {
      need({ source: true, target: true })
      const abandoned = await abandonLoadRun({ sourceUrl: sourceUrl as string, targetUrl: targetUrl as string, tables, exclude })
      if (!this.jsonEnabled()) {
        this.log(abandoned.runId !== undefined ? `run ${abandoned.runId} abandoned: its loaded rows stay in the target (a new run needs --truncate)` : 'no unfinished run of this selection')
        this.log(describeDropped(abandoned.dropped))
      }
      return abandoned
    }

    need({ source: true, target: true })
    const maxRejects = parseRejectLimit(flags['max-rejects'])
    const startedAt = new Date().toISOString()
    const progress = this.jsonEnabled() || flags['dry-run'] ? undefined : new LoadProgress()
    const stop = new AbortController()
    const onSigint = (): void => {
      if (stop.signal.aborted) {
        process.stderr.write('second Ctrl-C: exiting now; the chunks in flight roll back and are loaded again on resume\n')
        process.exit(EXIT_INTERRUPTED)
      }
      process.stderr.write('Ctrl-C: claiming no more chunks; waiting for those in flight to commit (Ctrl-C again to stop at once)\n')
      stop.abort()
    }
    process.on('SIGINT', onSigint)
    let result: LoadResult | undefined
    try {
      result = await runLoad({
        sourceUrl: sourceUrl as string,
        targetUrl: targetUrl as string,
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
        stop: stop.signal,
        onEvent: (e) => {
          progress?.onEvent(e)
          if (e.kind === 'warning') this.warnings.push(e.message)
        },
      })
    } finally {
      process.off('SIGINT', onSigint)
      await progress?.finish(result)
    }
    const written = flags['no-report'] ? [] : await writeLoadReports(redactDeep(result), flags.report, startedAt)
    if (result.interrupted) this.exitStatus = EXIT_INTERRUPTED
    else if (!result.complete && !result.dryRun) this.exitStatus = EXIT.partial
    if (this.jsonEnabled()) {
      for (const f of written) this.progress(`report: ${f}`)
      return result
    }
    if (result.dryRun && result.plan) for (const line of planLines(result.plan, true)) this.log(line)
    else for (const line of summaryLines(result, dropSlotCommand(flags.source, tables, exclude))) this.log(redactUrl(line))
    if (result.interrupted) {
      const done = result.tables.reduce((n, t) => n + t.chunksDone, 0)
      const all = result.tables.reduce((n, t) => n + t.chunks, 0)
      this.log(`Interrupted: ${formatCount(done)} of ${formatCount(all)} chunks are saved in the target (${formatCount(result.totals.rows)} rows); nothing half-written remains.`)
      this.log(`Resume with: ${resumeCommand(process.argv.slice(2))}`)
    }
    for (const f of written) this.log(`Report: ${f}`)
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
