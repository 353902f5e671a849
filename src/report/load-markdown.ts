import type { LoadResult } from '../load/load-result.js'
import { formatBytes } from '../core/units.js'
import { formatCount, formatPosition, planLines, readPositionLine } from './load-text.js'
import { mdCode, mdDocument, mdEscape, mdHeading, mdTable } from './markdown.js'

/** The load report: outcome first, then each table, where the source was read, and what was left on the source. */
export function renderLoadMarkdown(r: LoadResult, startedAt: string): string {
  const t = r.totals
  const outcome = r.dryRun ? 'dry run (nothing changed)' : r.alreadyDone ? 'already done' : r.interrupted ? 'interrupted' : r.complete ? 'complete' : 'partial'
  const summary = [
    ['Run', r.runId === undefined ? '(not made)' : String(r.runId)],
    ['Outcome', outcome],
    ['Started', startedAt],
    ['Tables', String(t.tables)],
    ['Rows', formatCount(t.rows)],
    ['Rejected rows', formatCount(t.rejected)],
    ['Bytes', formatBytes(t.bytes)],
    ['Elapsed', `${t.seconds.toFixed(1)} s`],
    ['Rows/s (this command)', formatCount(t.rowsPerSecond)],
    ['Source position', formatPosition(r.position)],
  ]
    .map(([k, v]) => `- **${mdEscape(k ?? '')}:** ${mdEscape(v ?? '')}`)
    .join('\n')
  const tables = mdTable(
    [
      { title: 'table' },
      { title: 'rows', align: 'right' },
      { title: 'rejected', align: 'right' },
      { title: 'chunks' },
      { title: 'bytes', align: 'right' },
      { title: 'seconds', align: 'right' },
      { title: 'rows/s', align: 'right' },
      { title: 'transfer' },
      { title: 'generated (left out)' },
      { title: 'status' },
    ],
    r.tables.map((x) => [
      { markdown: mdCode(x.name) },
      formatCount(x.rows),
      formatCount(x.rejected),
      `${x.chunksDone}/${x.chunks}`,
      formatBytes(x.bytes),
      x.seconds.toFixed(1),
      x.rowsPerSecond !== undefined ? formatCount(x.rowsPerSecond) : '-',
      x.transfer,
      x.generated.join(', ') || '-',
      x.status,
    ]),
  )
  const problems = r.tables.filter((x) => x.error || x.rejectsFile).map((x) => `- ${mdCode(x.name)}: ${mdEscape(x.error ?? `${formatCount(x.rejected)} rejected rows in ${x.rejectsFile}`)}`)
  const retained = r.retained
    ? `Replication slot ${mdCode(r.retained.slot)}${r.retained.publication ? ` and publication ${mdCode(r.retained.publication)}` : ''} left on the source for CDC; the slot retained ${mdEscape(formatBytes(r.retained.walBytes ?? 0))} of WAL when this report was written.`
    : undefined
  return mdDocument([
    mdHeading(1, `godwit load: ${outcome}`),
    mdHeading(2, 'Summary'),
    summary,
    r.plan ? mdHeading(2, 'Plan') : undefined,
    r.plan ? ['```', ...planLines(r.plan, r.dryRun), '```'].join('\n') : undefined,
    r.tables.length > 0 ? mdHeading(2, 'Tables') : undefined,
    r.tables.length > 0 ? tables : undefined,
    problems.length > 0 ? mdHeading(2, 'Errors and rejects') : undefined,
    problems.length > 0 ? problems.join('\n') : undefined,
    r.dryRun ? undefined : mdHeading(2, 'Source position'),
    r.dryRun ? undefined : mdEscape(readPositionLine(r.runId, r.readPositions, r.position)),
    retained,
    r.warnings.length > 0 ? mdHeading(2, 'Warnings') : undefined,
    r.warnings.length > 0 ? r.warnings.map((w) => `- ${mdEscape(w)}`).join('\n') : undefined,
  ])
}
