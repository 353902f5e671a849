import { Flags } from '@oclif/core'
import { connectionFlags } from '../cli/connection-flags.js'
import { connectionOptions } from '../cli/connection-options.js'
import { GodwitCommand } from '../cli/godwit-command.js'
import { EXIT } from '../core/exit-codes.js'
import { DEFAULT_CHUNK_ROWS, DEFAULT_REJECTS_DIR, runLoad, type LoadResult } from '../load/run-load.js'
import { formatCount, LoadProgress } from '../ui/load-progress.js'

export default class Load extends GodwitCommand<LoadResult> {
  static override summary = 'Copy table data from the source to the target in parallel chunks, at one consistent source position.'
  static override description =
    'The target tables must exist. Rerunning the same command resumes a crashed or partial load; ' +
    'several processes given the same command share its chunks. Exits 68 when some chunks failed (rerun to resume).'
  static override examples = [
    '<%= config.bin %> load --source postgres://app@src/shop --target postgres://app@dst/shop --tables "sales.*" --jobs 8',
    '<%= config.bin %> load --source oracle://hr:${ORACLE_PASSWORD}@db:1521/FREEPDB1 --target postgres://hr@pg/hr --defer-indexes --json',
  ]
  static override flags = {
    ...connectionFlags,
    'chunk-rows': Flags.integer({ description: 'Rows per chunk, about.', default: DEFAULT_CHUNK_ROWS, min: 1 }),
    create: Flags.boolean({ description: 'Convert and create the selected tables the target lacks (Oracle sources), as godwit convert would.', default: false }),
    transcode: Flags.boolean({ description: 'Decode and re-encode every value, even where COPY data could pass through unchanged.', default: false }),
    'defer-indexes': Flags.boolean({ description: "Drop the target tables' secondary indexes and foreign keys while loading; rebuild them at the end.", default: false }),
    'max-rejects': Flags.integer({ description: 'Rows per table that may go to the rejects file before the table fails (0: the first bad row fails it).', default: 0, min: 0 }),
    'rejects-dir': Flags.string({ description: 'Directory for the per-table rejects CSV files.', default: DEFAULT_REJECTS_DIR }),
  }

  async run(): Promise<LoadResult> {
    const { flags } = await this.parse(Load)
    const config = this.projectConfig(flags.config)
    const progress = this.jsonEnabled() ? undefined : new LoadProgress()
    let result: LoadResult | undefined
    try {
      result = await runLoad({
        ...connectionOptions(flags, config),
        jobs: flags.jobs,
        chunkRows: flags['chunk-rows'],
        transcode: flags.transcode,
        create: flags.create,
        deferIndexes: flags['defer-indexes'],
        maxRejects: flags['max-rejects'],
        rejectsDir: flags['rejects-dir'],
        onEvent: (e) => {
          progress?.onEvent(e)
          if (e.kind === 'warning') this.warnings.push(e.message)
        },
      })
    } finally {
      await progress?.finish(result)
    }
    if (!result.complete) this.exitStatus = EXIT.partial
    if (!this.jsonEnabled()) this.render(result)
    return result
  }

  private render(r: LoadResult): void {
    const rows = r.tables.map((t) => [t.name, formatCount(t.rows), String(t.rejected), `${t.chunksDone}/${t.chunks}`, t.seconds.toFixed(1), t.transfer, t.error ? 'FAILED' : 'ok'])
    const header = ['table', 'rows', 'rejected', 'chunks', 'seconds', 'transfer', 'status']
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)))
    const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')
    this.log(line(header))
    for (const row of rows) this.log(line(row))
    const at = r.position.scn ? `SCN ${r.position.scn}` : `LSN ${r.position.lsn ?? '?'}${r.position.slot ? ` (slot ${r.position.slot})` : ''}`
    this.log(`run ${r.runId}${r.resumed ? ' (resumed)' : ''} read the source at ${at}`)
    for (const t of r.tables.filter((x) => x.error)) this.log(`  ${t.name}: ${t.error}`)
    for (const t of r.tables.filter((x) => x.rejectsFile)) this.log(`  ${t.name}: ${t.rejected} rejected rows in ${t.rejectsFile}`)
    if (!r.complete) this.log('Some chunks did not load: fix the cause and run the same command again to resume.')
  }
}
