import type { CommandOutcome, CutoverResult } from '../cutover/cutover-result.js'
import type { ReportSection } from './report-table.js'

/** The content of a cutover report, shared by the Markdown and HTML renderers: decision first. */

export function cutoverTitle(r: CutoverResult): string {
  const verdict = r.state === 'dry-run' ? `dry run ${r.failure ? 'NOT READY' : 'READY'}` : r.decision === 'GO' ? 'GO' : r.state === 'running' ? 'IN PROGRESS' : 'NO-GO'
  return `Cutover ${r.id}: ${verdict}`
}

export interface SummaryLine {
  readonly label: string
  readonly value: string
}

export function cutoverSummary(r: CutoverResult): SummaryLine[] {
  const lines: SummaryLine[] = [
    { label: 'Decision', value: r.state === 'dry-run' ? (r.failure ? 'not ready (dry run)' : 'ready (dry run: nothing frozen or switched)') : (r.decision ?? 'pending') },
    { label: 'Ran by', value: `${r.ranBy}, started ${r.startedAt}${r.finishedAt ? `, finished ${r.finishedAt}` : ''}` },
    { label: 'Source → target', value: `${r.source} → ${r.target}` },
    { label: 'Tables', value: `${r.tables.length} (load run ${r.loadRunId ?? '—'}, cdc stream ${r.streamId ?? '—'})` },
  ]
  if (r.freeze?.frozenPosition) lines.push({ label: 'Frozen source position', value: r.freeze.frozenPosition })
  if (r.resumedAtStep !== undefined) lines.push({ label: 'Resumed', value: `after a crash, at step ${r.resumedAtStep}` })
  if (r.failure) lines.push({ label: 'Stopped', value: `at ${r.failure.step}: ${r.failure.code}: ${r.failure.message} (exit ${r.failure.exitCode})` })
  if (r.undo) lines.push({ label: 'Source after the stop', value: r.undo.sourceWritable ? 'writable again' : 'MAY STILL BE FROZEN: see below' })
  return lines
}

/** Step times as UTC time of day with milliseconds; the date is in the summary. */
function clock(iso: string | undefined): string {
  return iso ? iso.slice(11, 23) : '—'
}

export function cutoverSections(r: CutoverResult): ReportSection[] {
  const sections: ReportSection[] = [
    {
      title: 'Timeline',
      intro: `Times are UTC on ${r.startedAt.slice(0, 10)}. A step resumed after a crash keeps its first start time and counts its attempts.`,
      table: {
        columns: [{ title: '#', align: 'right' }, { title: 'Step' }, { title: 'State' }, { title: 'Started' }, { title: 'Finished' }, { title: 'Seconds', align: 'right' }, { title: 'Attempts', align: 'right' }, { title: 'Outcome' }],
        rows: r.steps.map((s) => [s.step, s.name, s.state, clock(s.startedAt), clock(s.finishedAt), s.seconds ?? '—', s.attempts, s.outcome ?? '']),
      },
    },
    {
      title: 'Pre-checks',
      table: { columns: [{ title: 'Check' }, { title: 'Result' }, { title: 'Detail' }], rows: r.checks.map((c) => [c.title, c.ok ? 'PASS' : 'FAIL', c.detail]) },
      empty: 'The pre-checks did not run.',
    },
    {
      title: 'Freeze',
      intro: r.freeze ? `${r.freeze.note}.${r.freeze.frozenPosition ? ` Source position after the freeze: ${r.freeze.frozenPosition}.` : ''}` : 'The source was not frozen.',
    },
    {
      title: 'Final validation',
      intro: r.validation ? `${r.validation.status} in checksum mode, run ${r.validation.runId}, source read at ${r.validation.sourcePosition ?? 'unknown'} (${r.validation.seconds} s).` : 'The final validation did not run.',
      table: r.validation
        ? {
            columns: [{ title: 'Table' }, { title: 'Status' }, { title: 'Source rows', align: 'right' }, { title: 'Target rows', align: 'right' }, { title: 'Differences', align: 'right' }],
            rows: r.validation.tables.map((t) => [t.name, t.status, t.sourceRows ?? '—', t.targetRows ?? '—', t.differences]),
          }
        : undefined,
    },
    {
      title: 'Sequences and identity columns',
      intro: 'Each target sequence is set to the source\'s last value (its next value is past it) unless it is already there. A Redshift IDENTITY cannot be moved: its row says what to do instead.',
      table: {
        columns: [{ title: 'Source sequence' }, { title: 'Column' }, { title: 'Source value', align: 'right' }, { title: 'Target before', align: 'right' }, { title: 'Target after', align: 'right' }, { title: 'Action' }],
        rows: r.sequences.map((s) => [s.source, s.ownedBy ? `${s.ownedBy}${s.identity ? ' (identity)' : ''}` : '—', s.sourceValue ?? '—', s.targetBefore ?? '—', s.targetAfter ?? '—', s.note ? `${s.action}: ${s.note}` : s.action]),
      },
      empty: r.steps[3]?.state === 'done' ? 'No sequence in the migrated schemas.' : 'Sequences were not synced.',
    },
  ]
  const commands = [
    ['--freeze-cmd', r.freeze?.command],
    ['--switch-cmd', r.switch?.command],
    ['--unfreeze-cmd', r.undo?.command],
  ].filter((c): c is [string, CommandOutcome] => c[1] !== undefined)
  if (commands.length > 0)
    sections.push({
      title: 'Commands run',
      table: {
        columns: [{ title: 'Flag' }, { title: 'Command' }, { title: 'Exit', align: 'right' }, { title: 'Seconds', align: 'right' }, { title: 'Output' }],
        rows: commands.map(([flag, c]) => [flag, { code: c.command }, c.timedOut ? 'timed out' : String(c.exitCode ?? c.signal), c.seconds, { code: `${c.stdout}${c.stderr}`.trim() || '(none)' }]),
      },
    })
  if (r.undo) sections.push({ title: 'Undo after the stop', intro: r.undo.actions.join(' ') })
  sections.push({
    title: 'Fall-back plan',
    intro: `${r.fallback.summary}${r.slotDropped ? ` The replication slot ${r.slotDropped} was dropped after the switch.` : ''}`,
    table: { columns: [{ title: 'Run, in order' }], rows: r.fallback.commands.map((c) => [{ code: c }]) },
  })
  return sections
}
