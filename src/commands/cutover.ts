import { Flags } from '@oclif/core'
import { connectionFlags } from '../cli/connection-flags.js'
import { GodwitCommand } from '../cli/godwit-command.js'
import { stateFlag } from '../cli/state-flag.js'
import { redactUrl } from '../config/redact.js'
import { UsageError } from '../core/errors.js'
import type { ExitCode } from '../core/exit-codes.js'
import type { CutoverResult } from '../cutover/cutover-result.js'
import { parseDuration } from '../cutover/duration.js'
import { CUTOVER_DEFAULTS, runCutover, type CutoverObserver } from '../cutover/run-cutover.js'
import { writeCutoverReports } from '../report/cutover-files.js'
import { CutoverProgress } from '../ui/cutover-progress.js'

export default class Cutover extends GodwitCommand<CutoverResult> {
  static override summary = 'Switch the application from the source to the target: pre-checks, freeze the source, drain CDC, sync sequences, validate, switch; resumable, with a go/no-go report.'
  static override description =
    'Exit code 0: cutover done (GO), a dry run whose checks all passed, or a finished cutover reported again; 1: a gate failed (the source was made writable again); ' +
    '69: the drain or a command timed out; 2 usage, 4 source, 5 target, 6 another cutover holds the target. A crashed run continues where it stopped when run again. ' +
    'Just before the switch it opens a fall-back stream on the target (a slot and publication) so godwit cdc --reverse can keep the source current afterwards; --no-fallback-stream skips it (docs/cutover.md).'
  static override examples = [
    '<%= config.bin %> cutover --source postgres://admin@old/db --target postgres://admin@new/db --dry-run',
    '<%= config.bin %> cutover --freeze-role app --switch-cmd "./switch-dns.sh new" --max-lag-ms 2000',
    '<%= config.bin %> cutover --freeze-cmd "systemctl stop app" --unfreeze-cmd "systemctl start app" --switch-cmd "./point-pgbouncer.sh new"',
    '<%= config.bin %> cutover --source oracle://gw@old:1521/SHOP --target redshift://gw@cluster:5439/shop --state postgres://godwit@ops/state --switch-cmd ./switch.sh',
    '<%= config.bin %> cutover --source teradata://gw@td/Sales --target postgres://admin@new/dw --freeze-cmd "bteq < revoke-writes.bteq" --unfreeze-cmd "bteq < grant-writes.bteq"',
  ]
  static override flags = {
    ...connectionFlags,
    ...stateFlag,
    'max-lag-ms': Flags.integer({ description: 'Pre-check: CDC lag must be at most this.', default: CUTOVER_DEFAULTS.maxLagMs, min: 1 }),
    'max-validation-age': Flags.string({ description: "Pre-check: each table's last validation must be PASS and no older than this (e.g. 30m, 2h, 1d).", default: '24h' }),
    'freeze-cmd': Flags.string({ description: 'Shell command that stops writes on the source (stop the application, revoke privileges …).', exclusive: ['freeze-role'] }),
    'freeze-role': Flags.string({ description: 'PostgreSQL sources: freeze by making this role read-only (ALTER ROLE … SET default_transaction_read_only = on) and ending its sessions.' }),
    'unfreeze-cmd': Flags.string({ description: 'Shell command that makes the source writable again; run when a gate fails after --freeze-cmd.' }),
    'switch-cmd': Flags.string({ description: 'Shell command that points the application at the target (DNS, pgbouncer, config).' }),
    'drain-timeout': Flags.integer({ description: 'Seconds to wait for CDC to apply everything up to the frozen position.', default: CUTOVER_DEFAULTS.drainTimeoutMs / 1000, min: 1 }),
    'command-timeout': Flags.integer({ description: 'Seconds each of your commands may run.', default: CUTOVER_DEFAULTS.commandTimeoutMs / 1000, min: 1 }),
    'keep-slot': Flags.boolean({ description: "Keep the source's replication slot and publication after a GO (default: dropped, so the source does not keep WAL for ever)." }),
    'fallback-stream': Flags.boolean({ description: 'Open a replication slot and publication on the target at the switch, for godwit cdc --reverse (the slot keeps WAL on the target until dropped).', default: true, allowNo: true }),
    'dry-run': Flags.boolean({ description: 'Run the pre-checks only and report.' }),
    report: Flags.string({ description: 'Directory for the Markdown, HTML and JSON reports.', default: 'godwit-reports' }),
  }

  async run(): Promise<CutoverResult> {
    const { flags } = await this.parse(Cutover)
    const config = this.projectConfig(flags.config)
    const sourceUrl = flags.source ?? config.source
    const targetUrl = flags.target ?? config.target
    if (!sourceUrl || !targetUrl)
      throw new UsageError('CUTOVER_URLS', `no ${sourceUrl ? 'target' : 'source'} database given`, { hint: 'Pass --source and --target, or set source and target in godwit.config.(json|yaml).' })
    const live = this.jsonEnabled() ? undefined : new CutoverProgress()
    const shown: CutoverObserver = live ?? { note: (t) => this.progress(t) }
    // Ctrl-C exits at once (a step is not cut short safely from here): the step stays recorded as running and a rerun continues it.
    const observer: CutoverObserver = {
      note: (t) => shown.note?.(t),
      stepStarted: (step, name) => {
        this.current = { step, name }
        shown.stepStarted?.(step, name)
      },
      stepFinished: (step, name, state, outcome) => {
        this.current = undefined
        shown.stepFinished?.(step, name, state, outcome)
      },
      stepAlreadyDone: (step, name, outcome) => shown.stepAlreadyDone?.(step, name, outcome),
    }
    this.rerun = ['godwit', ...this.argv.filter((a) => a !== '--json')].join(' ')
    let result: CutoverResult
    try {
      result = await runCutover({
        sourceUrl,
        targetUrl,
        tables: flags.tables,
        ...(flags.state !== undefined ? { stateUrl: flags.state } : {}),
        maxLagMs: flags['max-lag-ms'],
        maxValidationAgeMs: parseDuration(flags['max-validation-age'], '--max-validation-age'),
        freezeCmd: flags['freeze-cmd'],
        freezeRole: flags['freeze-role'],
        unfreezeCmd: flags['unfreeze-cmd'],
        switchCmd: flags['switch-cmd'],
        drainTimeoutMs: flags['drain-timeout'] * 1000,
        commandTimeoutMs: flags['command-timeout'] * 1000,
        keepSlot: flags['keep-slot'],
        fallbackStream: flags['fallback-stream'],
        dryRun: flags['dry-run'],
        jobs: flags.jobs,
        observer,
      })
    } finally {
      await live?.done()
    }
    const reports = result.alreadyFinished ? result.reports : await writeCutoverReports(result, flags.report)
    result = { ...result, reports }
    if (!this.jsonEnabled()) this.render(result)
    else for (const f of reports) this.progress(`report: ${f}`)
    this.exitStatus = (result.failure?.exitCode ?? 0) as ExitCode
    return result
  }

  private current?: { readonly step: number; readonly name: string }
  private rerun = ''

  protected override async onInterrupt(): Promise<string | undefined> {
    if (!this.current) return undefined
    const frozen = this.current.step > 2 ? ' The source stays frozen meanwhile.' : this.current.step === 2 ? ' The freeze may have been applied: the rerun finishes it, or undoes it if a gate fails.' : ''
    return `Cutover stopped during step ${this.current.step} (${this.current.name}); it is recorded as running.${frozen} Run the same command again to continue from that step: ${redactUrl(this.rerun)}`
  }

  private render(r: CutoverResult): void {
    if (r.alreadyFinished) this.log(`Cutover ${r.id} finished at ${r.finishedAt} (${r.decision}); nothing to do.`)
    else if (r.state === 'dry-run') this.log(r.failure ? `Dry run: NOT READY — ${r.failure.message}` : 'Dry run: every pre-check passed; nothing was frozen or switched.')
    else if (r.decision === 'GO') this.log(`GO: cutover ${r.id} done; source frozen at ${r.freeze?.frozenPosition}, final validation ${r.validation?.status}, ${r.sequences.filter((s) => s.action === 'set').length} sequences moved past the source.`)
    else {
      this.log(`NO-GO: stopped at ${r.failure?.step}: [${r.failure?.code}] ${r.failure?.message}`)
      if (r.failure?.hint) this.log(`Hint: ${r.failure.hint}`)
      for (const a of r.undo?.actions ?? []) this.log(`  undo: ${a}`)
    }
    for (const s of r.sequences.filter((x) => x.action === 'cannot-move')) this.log(`Warning: ${s.note}`)
    if (r.state !== 'dry-run') {
      this.log(`\nFall-back: ${r.fallback.summary}`)
      for (const c of r.fallback.commands) this.log(`  ${c}`)
    }
    for (const f of r.reports) this.log(`Report: ${f}`)
  }
}
