import type { CutoverTable } from './cutover-tables.js'
import type { FallbackPlan, FreezeRecord } from './cutover-result.js'

export interface FallbackInput {
  readonly sourceUrl: string
  readonly targetUrl: string
  readonly tables: readonly CutoverTable[]
  readonly freeze?: FreezeRecord
  readonly unfreezeCmd?: string
  readonly switchCmd?: string
  /** The replication slot cutover dropped, or the one it kept. */
  readonly slot?: { readonly name: string; readonly dropped: boolean }
}

const NOT_AVAILABLE =
  'Reverse replication (godwit cdc --reverse) is not available yet: nothing copies writes made on the target back to the source. ' +
  'Going back before the application writes to the target loses nothing; after that, the rows it wrote must be copied back by hand (step 2 lists them).'

/**
 * Step 7: what to run to go back to the source. Without reverse replication the plan is manual;
 * it names the real commands for this run (the user's own unfreeze and switch, the validate call
 * that lists what changed on the target since the switch).
 */
export function fallbackPlan(i: FallbackInput): FallbackPlan {
  const unfreeze =
    i.unfreezeCmd ??
    (i.freeze?.method === 'role'
      ? `psql "${i.sourceUrl}" -c 'ALTER ROLE "${i.freeze.role}" ${i.freeze.previousSetting === undefined ? 'RESET default_transaction_read_only' : `SET default_transaction_read_only = ${i.freeze.previousSetting}`}'`
      : '# undo your own freeze of the source (godwit did not freeze it)')
  const targetTables = i.tables.map((t) => t.target).join(',')
  const commands = [
    '# 1. stop the application writing to the target (freeze the target the way the source was frozen)',
    `# 2. list every row that changed on the target since the switch, by key:`,
    `godwit validate --source "${i.targetUrl}" --target "${i.sourceUrl}" --tables "${targetTables}" --mode checksum --no-record`,
    '#    copy those rows back to the source by hand (e.g. pg_dump --data-only of the listed rows), then set the source sequences past the target\'s',
    '# 3. make the source writable again:',
    unfreeze,
    '# 4. point the application back at the source:',
    i.switchCmd ? `# run the reverse of your switch command: ${i.switchCmd}` : '# re-point DNS / pgbouncer / the application config at the source',
  ]
  if (i.slot && !i.slot.dropped) commands.push(`# once going back is no longer an option, drop the replication slot the source still keeps:`, `psql "${i.sourceUrl}" -c "SELECT pg_drop_replication_slot('${i.slot.name}')"`)
  return { reverseReplication: 'not available', summary: NOT_AVAILABLE, commands }
}
