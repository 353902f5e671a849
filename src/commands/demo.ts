import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Flags } from '@oclif/core'
import { GodwitCommand } from '../cli/godwit-command.js'
import { runDemo, type DemoResult } from '../demo/run-demo.js'
import type { ValidationResult } from '../validate/validation-result.js'

export default class Demo extends GodwitCommand<DemoResult> {
  static override summary = 'Run the whole journey (assess, convert, load, validate, cdc under a live writer, cutover) on the demo schema with an embedded PostgreSQL; nothing else to install.'
  static override flags = {
    'work-dir': Flags.string({ description: 'Where the demo writes its files (default: a new temporary directory).' }),
  }

  async run(): Promise<DemoResult> {
    const { flags } = await this.parse(Demo)
    const workDir = flags['work-dir'] ?? (await mkdtemp(join(tmpdir(), 'godwit-demo-')))
    const result = await runDemo({ workDir, progress: (l) => this.progress(`• ${l}`) })
    if (!this.jsonEnabled()) this.render(result, workDir)
    return result
  }

  private render(r: DemoResult, workDir: string): void {
    const c = r.convert
    this.log(`\n1. assess   level ${r.assessment.level.code}, ${r.assessment.effort.personDays} person-days for ${r.assessment.inventory.tables} tables`)
    this.log(`2. convert  ${c.objects.tables} tables, ${c.objects.views} views, ${c.objects.sequences} sequences, ` +
      `${c.objects.functions + c.objects.procedures} routines, ${c.objects.triggers} triggers; ${c.actionItems.length} action items, ${c.warnings.length} warnings`)
    const k = r.created
    this.log(`           on PostgreSQL: ${k.tables} tables, ${k.views} views, ${k.sequences} sequences, ${k.routines} routines, ${k.triggers} triggers, ${k.indexes} indexes`)
    const loaded = r.load.tables.reduce((n, t) => n + t.rows, 0)
    const chunks = r.load.tables.reduce((n, t) => n + t.chunks, 0)
    this.log(`3. load     ${loaded.toLocaleString('en')} rows in ${chunks} chunks, ${r.load.tables.length} tables, at LSN ${r.load.position.lsn ?? '?'}`)
    this.log(`4. validate ${summary(r.validation.before)} right after the load`)
    this.log(`           then, on the target only: ${r.validation.changes.map((x) => `${x.kind} sighting ${x.sightingId}`).join(', ')}`)
    this.log(`           ${summary(r.validation.after)}:`)
    for (const t of r.validation.after.tables.filter((x) => x.differences.length > 0)) {
      for (const d of t.differences) {
        const key = Object.entries(d.key).map(([n, v]) => `${n}=${v}`).join(', ')
        const what = d.changes?.map((ch) => `${ch.column}: ${ch.source} → ${ch.target}`).join('; ')
        this.log(`             ${d.kind.padEnd(7)} ${t.name} (${key})${what ? `  ${what}` : ''}`)
      }
    }
    this.log(`           then put back as the load wrote them`)
    const w = r.cdc.written
    this.log(`5. cdc      ${w.transactions.toLocaleString('en')} transactions (${w.changes.toLocaleString('en')} row changes) written by the application while cdc applied ${r.cdc.eventsApplied.toLocaleString('en')} changes, stopped at ${r.cdc.stoppedPosition ?? r.cdc.appliedPosition}`)
    const k2 = r.cutover
    const synced = k2.sequences.filter((s) => s.action === 'set')
    this.log(`6. cutover  ${k2.decision ?? k2.state}: final validation ${k2.validation?.status ?? '—'}; target sequences set to the source's last value, so their next value is new (${synced.map((s) => `${s.target} = ${s.targetAfter}`).join(', ') || 'none needed'})`)
    if (k2.failure) this.log(`           stopped at ${k2.failure.step}: ${k2.failure.message}`)
    this.log('\nflyway.bird_last_seen on the target:')
    for (const row of r.lastSeen) this.log(`  ${Object.values(row).map((v) => (v instanceof Date ? v.toISOString() : String(v))).join(' | ')}`)
    this.log(`\nGenerated SQL: ${join(workDir, 'convert')}`)
    for (const p of r.reports) this.log(`Report: ${p}`)
  }
}

function summary(v: ValidationResult): string {
  const pass = v.tables.filter((t) => t.status === 'PASS').length
  const diffs = v.tables.reduce((n, t) => n + t.differenceCount, 0)
  return `${v.status}: ${pass}/${v.tables.length} tables equal, ${diffs} differing rows`
}
