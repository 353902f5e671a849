import { Flags } from '@oclif/core'
import { setTimeout as sleep } from 'node:timers/promises'
import { GodwitCommand, type StopReason } from '../cli/godwit-command.js'
import { stateFlag } from '../cli/state-flag.js'
import { TimedOutError, UsageError } from '../core/errors.js'
import { readMigrationStatus } from '../status/read-status.js'
import type { MigrationStatus } from '../status/migration-status.js'
import { renderStatusScreen } from '../ui/status-screen.js'

export default class Status extends GodwitCommand<MigrationStatus> {
  static override summary = 'One screen of the whole migration: tables loaded and validated, CDC lag and its trend, dead letters, the cutover step.'
  static override description =
    'Reads the control schema only (the target\'s, or --state\'s for a Redshift target). Exit code 0: nothing needs attention (or the cutover is done, GO); 1: something does (listed); 5: target unreachable. ' +
    '--watch redraws every --interval seconds until interrupted.'
  static override examples = ['<%= config.bin %> status --target postgres://admin@new/db', '<%= config.bin %> status --target … --source … --watch', '<%= config.bin %> status --json | jq .result.attention']
  static override flags = {
    target: Flags.string({ description: 'Target URL (default: target in the project file); its godwit control schema is read, or --state\'s for a Redshift target.' }),
    ...stateFlag,
    source: Flags.string({ description: 'Also read the source: current position and replication slot health.' }),
    watch: Flags.boolean({ description: 'Redraw the screen until interrupted.', exclusive: ['json'] }),
    interval: Flags.integer({ description: 'Seconds between redraws with --watch.', default: 2, min: 1 }),
    'max-lag-ms': Flags.integer({ description: 'Lag above this needs attention.', default: 5000, min: 1 }),
  }

  async run(): Promise<MigrationStatus> {
    const { flags } = await this.parse(Status)
    const config = this.projectConfig(flags.config)
    const targetUrl = flags.target ?? config.target
    if (!targetUrl) throw new UsageError('STATUS_URL', 'no target database given', { hint: 'Pass --target, or set target in godwit.config.(json|yaml).' })
    const read = () => readMigrationStatus({ targetUrl, ...(flags.state !== undefined ? { stateUrl: flags.state } : {}), sourceUrl: flags.source ?? config.source, maxLagMs: flags['max-lag-ms'] })
    let status = await read()
    if (flags.watch) {
      // Ctrl-C ends the watch like a finished run: the exit code is the last screen's, for scripts.
      const stop = this.stopGracefully('watch ended')
      while (!stop.aborted) {
        process.stdout.write(`\x1b[2J\x1b[H${renderStatusScreen(status)}\n`)
        for (let waited = 0; waited < flags.interval * 10 && !stop.aborted; waited++) await sleep(100)
        if (!stop.aborted) status = await read()
      }
      const why = (stop.reason as StopReason)(undefined)
      if (why instanceof TimedOutError) throw why
    } else if (!this.jsonEnabled()) this.log(renderStatusScreen(status))
    this.exitStatus = status.exitCode
    return status
  }
}
