import { Flags } from '@oclif/core'
import { connectionFlags } from '../cli/connection-flags.js'
import { stateFlag } from '../cli/state-flag.js'
import { connectionOptions, connectionUrls, tablePatterns } from '../cli/connection-options.js'
import { GodwitCommand, type StopReason } from '../cli/godwit-command.js'
import { redactUrl } from '../config/redact.js'
import { GodwitError, TimedOutError, UsageError } from '../core/errors.js'
import { DEFAULT_MAX_LAG_MS, dropCdcSlot, runCdc, type CdcResult } from '../cdc/run-cdc.js'
import { reverseCdcUrls } from '../cdc/fallback-stream.js'
import { createChangeTables, watermarkColumnsOf } from '../cdc/cdc-capture.js'
import { CdcLiveView } from '../ui/cdc-live-view.js'

type CdcCommandResult = CdcResult | Awaited<ReturnType<typeof dropCdcSlot>> | Awaited<ReturnType<typeof createChangeTables>>

export default class Cdc extends GodwitCommand<CdcCommandResult> {
  static override summary = 'Keep the target in step with the source after godwit load: stream committed changes and apply them, with the lag shown live.'
  static override description =
    'Continues the newest finished load run of the same source and tables (or --from-load-run) from the position it read at; a restart continues from the checkpoint in the target. ' +
    'Runs until interrupted (SIGINT/SIGTERM: finishes the batch in flight, exit 0), until a stop position requested in godwit.cdc_streams is applied (exit 0), ' +
    'until caught up (--until-caught-up, exit 0) or --max-duration (exit 69 when not caught up by then). ' +
    'With --json, stdout is NDJSON: {"type":"progress",…} every second, then {"type":"result",…}.'
  static override examples = [
    '<%= config.bin %> cdc --source postgres://app@old/shop --target postgres://app@new/shop',
    '<%= config.bin %> cdc --until-caught-up --max-lag-ms 500 --max-duration 600 --json',
    '<%= config.bin %> cdc --metrics-port 9464 --on-error dead-letter',
    '<%= config.bin %> cdc --source oracle://app@old:1521/SHOP --target redshift://app@cluster:5439/shop --state postgres://godwit@ops/state',
    '<%= config.bin %> cdc --source teradata://etl@td/Sales --watermark-column Sales.Orders=UpdatedAt --watermark-column Sales.Lines=ChangedAt',
    '<%= config.bin %> cdc --create-change-tables --source teradata://etl@td/Sales --tables Sales.Orders   # before godwit load; then cdc --capture change-table',
    '<%= config.bin %> cdc --drop-slot --from-load-run 12   # migration abandoned: free the source WAL',
    '<%= config.bin %> cdc --reverse --source postgres://app@old/shop --target postgres://app@new/shop   # after cutover: keep the old database current',
  ]
  static override flags = {
    ...connectionFlags,
    ...stateFlag,
    'from-load-run': Flags.integer({ description: 'Continue this load run (id in godwit.load_runs) instead of the newest finished one.', min: 1 }),
    'batch-size': Flags.integer({ description: 'Changes per target transaction (whole source transactions; a bigger one is applied in pieces of this size). Default: 5,000 on PostgreSQL, 50,000 on Redshift (a commit there costs far more).', min: 1 }),
    'max-lag-ms': Flags.integer({ description: 'Lag that counts as caught up.', default: DEFAULT_MAX_LAG_MS, min: 1 }),
    'until-caught-up': Flags.boolean({ description: 'Exit 0 once the lag has stayed under --max-lag-ms for 3 seconds.', default: false }),
    'max-duration': Flags.integer({ description: 'Stop after this many seconds: exit 0 if caught up then, else 69.', min: 1 }),
    'on-error': Flags.string({ description: 'A change the target refuses: stop (naming table, key, position) or set it aside in godwit.cdc_dead_letters and go on (PostgreSQL targets only).', options: ['stop', 'dead-letter'], default: 'stop' }),
    'metrics-port': Flags.integer({ description: 'Serve Prometheus metrics on 127.0.0.1:PORT/metrics.', min: 1, max: 65535 }),
    reverse: Flags.boolean({ description: 'After cutover: replicate the target back into the source from the switch, through the fall-back stream cutover opened (PostgreSQL → PostgreSQL or Oracle).', default: false, exclusive: ['from-load-run'] }),
    capture: Flags.string({ description: 'Teradata sources: how changes are found — watermark (a last-modified column per table, --watermark-column) or change-table (tables filled by triggers, --create-change-tables). Default: watermark.', options: ['watermark', 'change-table'] }),
    'watermark-column': Flags.string({ description: "Teradata watermark capture: a table's last-modified TIMESTAMP or DATE column, as TABLE=COLUMN (e.g. Sales.Orders=UpdatedAt); once per table.", multiple: true }),
    'create-change-tables': Flags.boolean({ description: 'Teradata: create the change table and its triggers for each of --tables on the source and exit. Run it before godwit load.', default: false, exclusive: ['reverse', 'drop-slot', 'capture', 'watermark-column'] }),
    'drop-slot': Flags.boolean({ description: "Drop the load run's replication slot and publication on the source (the migration is abandoned) and exit.", default: false }),
  }

  async run(): Promise<CdcCommandResult> {
    const { flags } = await this.parse(Cdc)
    const config = this.projectConfig(flags.config)
    if (flags['create-change-tables']) {
      const { sourceUrl } = connectionUrls(flags, config, { source: true, target: false })
      const r = await createChangeTables(sourceUrl as string, tablePatterns(flags, config))
      if (!this.jsonEnabled()) this.log(`change tables created: ${r.created.join(', ') || 'none'}; already there: ${r.present.join(', ') || 'none'}`)
      return r
    }
    const urls = connectionOptions(flags, config)
    if (flags.reverse && flags.state !== undefined) {
      throw new UsageError('CDC_REVERSE_STATE', '--state does not apply to cdc --reverse: cutover recorded the fall-back stream (in the old database when it is PostgreSQL, in the new one for an Oracle source)', { hint: 'Leave out --state.' })
    }
    const stateUrl = flags.state
    const reverse = flags.reverse ? reverseCdcUrls(urls.sourceUrl, urls.targetUrl, flags.tables) : undefined
    // Reversed, cdc reads the target and applies to the source, continuing the fall-back run recorded in the source.
    const sourceUrl = reverse?.readFrom ?? urls.sourceUrl
    const targetUrl = reverse?.applyTo ?? urls.targetUrl
    const tables = reverse?.tables ?? urls.tables
    const fromLoadRun = flags['from-load-run']
    // Reversed, the run to continue is the fall-back run cutover recorded, not a load.
    const noFallbackRun = (err: unknown): never => {
      if (reverse && err instanceof GodwitError && err.code === 'CDC_NO_LOAD_RUN') {
        throw new UsageError('CDC_NO_FALLBACK_STREAM', `no fall-back stream from ${redactUrl(sourceUrl)} (the cutover's target) back to ${redactUrl(targetUrl)} (its source) is recorded`, {
          hint: 'godwit cutover opens it just before the switch (unless --no-fallback-stream); its report names the command to run.',
        })
      }
      throw err
    }
    if (flags['drop-slot']) {
      const r = await dropCdcSlot({ sourceUrl, targetUrl, ...(stateUrl !== undefined ? { stateUrl } : {}), tables, ...(fromLoadRun !== undefined ? { fromLoadRun } : {}), reverse: reverse !== undefined }).catch(noFallbackRun)
      if (!this.jsonEnabled()) this.log(`load run ${r.loadRunId}: slot ${r.slot ?? '—'} ${r.slotDropped ? 'dropped' : 'not found'}, publication ${r.publication ?? '—'} ${r.publicationDropped ? 'dropped' : 'not found'}`)
      return r
    }
    const json = this.jsonEnabled()
    const view = json ? undefined : new CdcLiveView()
    const stop = this.stopGracefully('stopping: applying the batch in flight and its checkpoint')
    const result = await runCdc({
      sourceUrl,
      targetUrl,
      ...(stateUrl !== undefined ? { stateUrl } : {}),
      reverse: reverse !== undefined,
      tables,
      ...(fromLoadRun !== undefined ? { fromLoadRun } : {}),
      ...(flags['batch-size'] !== undefined ? { batchSize: flags['batch-size'] } : {}),
      maxLagMs: flags['max-lag-ms'],
      untilCaughtUp: flags['until-caught-up'],
      ...(flags['max-duration'] !== undefined ? { maxDurationSeconds: flags['max-duration'] } : {}),
      onError: flags['on-error'] as 'stop' | 'dead-letter',
      capture: { ...(flags.capture !== undefined ? { mode: flags.capture as 'watermark' | 'change-table' } : {}), watermarkColumns: watermarkColumnsOf(flags['watermark-column'] ?? []) },
      ...(flags['metrics-port'] !== undefined ? { metricsPort: flags['metrics-port'] } : {}),
      signal: stop,
      onStart: (s) => {
        if (view) view.label = `cdc stream ${s.streamId} (load run ${s.loadRunId})`
        if (json) this.ndjson({ type: 'start', ...s })
      },
      onProgress: (p) => {
        if (json) this.ndjson({ type: 'progress', at: p.at, lagMs: p.lagMs ?? null, p50Ms: p.p50Ms ?? null, p95Ms: p.p95Ms ?? null, eventsPerSec: p.eventsPerSec, position: p.position, sourcePosition: p.sourcePosition ?? null, bytesBehind: p.bytesBehind ?? null, retainedWalBytes: p.retainedWalBytes ?? null, eventsApplied: p.eventsApplied, transactionsApplied: p.transactionsApplied, deadLetters: p.deadLetters })
        else view?.update(p)
      },
      onWarning: (m) => {
        view?.release()
        this.warnOnce(m)
        if (json) this.ndjson({ type: 'warning', message: m })
      },
    }).catch(noFallbackRun)
    // Ctrl-C and SIGTERM end a cdc run normally (exit 0, checkpoint saved); --timeout still says 69.
    const why = stop.aborted ? (stop.reason as StopReason)(undefined) : undefined
    this.exitStatus = why instanceof TimedOutError ? why.exitCode : result.exitCode
    if (!json && result.sequencesMovedBack) this.log(`sequences: ${result.sequencesMovedBack.filter((q) => q.action === 'set').length} of ${result.sequencesMovedBack.length} on the source moved past the target's`)
    if (!json) this.log(`${result.reason}: applied up to ${result.appliedPosition}${result.stoppedPosition ? `, stopped at ${result.stoppedPosition}` : ''} — ${result.eventsApplied} changes in ${result.transactionsApplied} transactions since the load`)
    return result
  }

  /** One NDJSON line on stdout (progress goes to stdout under --json: it is the machine-readable output of a long-running command). */
  private ndjson(o: object): void {
    process.stdout.write(`${JSON.stringify(o)}\n`)
  }

  /** The final envelope is one NDJSON line too. */
  protected override logJson(json: unknown): void {
    const o = json as { name?: string }
    this.ndjson({ type: o.name !== undefined && 'code' in (json as object) ? 'error' : 'result', ...(json as object) })
  }
}
