import { alterReadOnly } from '../engines/oracle/oracle-cutover-sql.js'
import { engineOfUrl } from '../engines/registry.js'
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
  /** The fall-back stream opened at the switch, or why there is none. */
  readonly stream?: { readonly name: string; readonly position: string } | { readonly unavailable: string }
}

const MANUAL =
  'Nothing copies writes made on the target back to the source. ' +
  'Going back before the application writes to the target loses nothing; after that, the rows it wrote must be copied back by hand (step 2 lists them).'

/** How to undo godwit's own freeze by hand. */
function unfreezeText(sourceUrl: string, f: FreezeRecord | undefined): string {
  if (f?.method === 'role') return `psql "${sourceUrl}" -c 'ALTER ROLE "${f.role}" ${f.previousSetting === undefined ? 'RESET default_transaction_read_only' : `SET default_transaction_read_only = ${f.previousSetting}`}'`
  const made = f?.method === 'read-only-tables' ? (f.readOnlyTables ?? []).filter((t) => !t.wasReadOnly) : []
  if (made.length > 0) return `# in SQL*Plus on the source: ${made.map((t) => `${alterReadOnly(t.table, false)};`).join(' ')}`
  return '# undo your own freeze of the source (godwit did not freeze it)'
}

/**
 * Step 7: what to run to go back to the source, with the real commands for this run (the user's
 * own unfreeze and switch). With a fall-back stream, `godwit cdc --reverse` keeps the source
 * current from the switch on; without one, the validate call lists what changed on the target
 * since the switch, to be copied back by hand.
 */
export function fallbackPlan(i: FallbackInput): FallbackPlan {
  const unfreeze = i.unfreezeCmd ?? unfreezeText(i.sourceUrl, i.freeze)
  const back = [
    '# make the source writable again:',
    unfreeze,
    '# point the application back at the source:',
    i.switchCmd ? `# run the reverse of your switch command: ${i.switchCmd}` : '# re-point DNS / pgbouncer / the application config at the source',
  ]
  const dropForward = i.slot && !i.slot.dropped ? [`# once going back is no longer an option, drop the replication slot the source still keeps:`, `psql "${i.sourceUrl}" -c "SELECT pg_drop_replication_slot('${i.slot.name}')"`] : []
  const stream = i.stream && 'name' in i.stream ? i.stream : undefined
  if (stream) {
    const reverse = `godwit cdc --reverse --source "${i.sourceUrl}" --target "${i.targetUrl}"`
    // Oracle's freeze makes the tables read-only for every session, cdc --reverse's too: it is lifted first, with the application already on the target.
    const oracle = engineOfUrl(i.sourceUrl).name === 'oracle'
    const writable = oracle && i.freeze?.method === 'read-only-tables' ? ['# the freeze left the source tables read-only, and cdc --reverse writes to them: with the application on the target, make them writable:', unfreeze] : []
    return {
      reverseReplication: 'ready',
      stream,
      summary: `Fall-back stream ${stream.name} on the target holds every change since the switch (from ${stream.position}). Keep ${reverse} running so the source stays current and going back loses nothing; the slot keeps WAL on the target until it is dropped.`,
      commands: [
        ...writable,
        '# now, and for as long as going back is an option (it applies the target\'s changes to the source):',
        reverse,
        '# to go back: stop the application writing to the target, let cdc --reverse catch up and stop (--until-caught-up);',
        oracle
          ? '# cdc carries rows, not sequence values: set each Oracle sequence past the largest value of its column (docs/cutover.md, "Going back to Oracle"). Then:'
          : '# when it stops it also sets the source\'s sequences past the target\'s (cdc carries rows, not sequence values). Then:',
        ...(writable.length > 0 ? back.slice(2) : back),
        '# once going back is no longer an option, drop the fall-back stream (it keeps WAL on the target):',
        `godwit cdc --reverse --drop-slot --source "${i.sourceUrl}" --target "${i.targetUrl}"`,
        ...dropForward,
      ],
    }
  }
  const why = i.stream && 'unavailable' in i.stream ? `No fall-back stream: ${i.stream.unavailable}. ` : ''
  const targetTables = i.tables.map((t) => t.target).join(',')
  return {
    reverseReplication: 'not available',
    summary: why + MANUAL,
    commands: [
      '# 1. stop the application writing to the target (freeze the target the way the source was frozen)',
      `# 2. list every row that changed on the target since the switch, by key:`,
      `godwit validate --source "${i.targetUrl}" --target "${i.sourceUrl}" --tables "${targetTables}" --mode checksum --no-record`,
      '#    copy those rows back to the source by hand (e.g. pg_dump --data-only of the listed rows), then set the source sequences past the target\'s',
      '# 3. make the source writable again:',
      back[1]!,
      '# 4. point the application back at the source:',
      back[3]!,
      ...dropForward,
    ],
  }
}
