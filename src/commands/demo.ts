import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Flags } from '@oclif/core'
import { GodwitCommand } from '../cli/godwit-command.js'
import { runDemo, type DemoResult } from '../demo/run-demo.js'

export default class Demo extends GodwitCommand<DemoResult> {
  static override summary = 'Run godwit end to end on its demo schema with an embedded PostgreSQL (nothing else to install).'
  static override flags = {
    'work-dir': Flags.string({ description: 'Where the demo writes its files (default: a new temporary directory).' }),
  }

  async run(): Promise<DemoResult> {
    const { flags } = await this.parse(Demo)
    const workDir = flags['work-dir'] ?? (await mkdtemp(join(tmpdir(), 'godwit-demo-')))
    const result = await runDemo({ workDir, progress: (l) => this.progress(`• ${l}`) })
    if (!this.jsonEnabled()) {
      const c = result.convert
      this.log(`\nConverted ${c.objects.tables} tables, ${c.objects.views} views, ${c.objects.sequences} sequences, ` +
        `${c.objects.functions + c.objects.procedures} routines, ${c.objects.triggers} triggers; ${c.actionItems.length} action items.`)
      for (const a of c.actionItems) this.log(`  - ${a.object}: ${a.message}`)
      const k = result.created
      this.log(`Created on PostgreSQL: ${k.tables} tables, ${k.views} views, ${k.sequences} sequences, ${k.routines} routines, ` +
        `${k.triggers} triggers, ${k.indexes} indexes, ${k.rows} rows.`)
      this.log('\nflyway.bird_last_seen:')
      for (const row of result.lastSeen) this.log(`  ${Object.values(row).map((v) => (v instanceof Date ? v.toISOString() : String(v))).join(' | ')}`)
      this.log(`\nGenerated SQL: ${join(workDir, 'convert')}`)
    }
    return result
  }
}
