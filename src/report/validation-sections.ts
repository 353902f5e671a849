import { tablesMissingOnTarget, type Difference, type TableResult, type ValidationResult, type ValidationScope } from '../validate/validation-result.js'
import type { ReportCell, ReportSection, SummaryFigure } from './report-table.js'
import { changedValues, emptySideText, keyText, runHeadline, runStatusLabel, scopeLines, tableStatusLabel } from './validation-text.js'

/** The content of a validation report, shared by the Markdown and HTML renderers: summary first. */

/** Differences listed per table in a human report (all are in the JSON, up to the run's cap). */
const DIFFERENCES_SHOWN = 100

export function validationTitle(r: ValidationResult): string {
  return `Validation ${runStatusLabel(r)}: ${r.source.url} → ${r.target.url}`
}

export function validationSummary(r: ValidationResult): SummaryFigure[] {
  const missing = tablesMissingOnTarget(r)
  return [
    { label: 'Result', value: runHeadline(r) },
    { label: 'Filters', value: scopeLines(r.scope).join('; ') },
    ...(missing.length > 0 ? [{ label: 'Missing on the target', value: missing.join(', ') }] : []),
    ...(r.targetOnlyTables.length > 0 ? [{ label: 'Only on the target (not compared)', value: r.targetOnlyTables.join(', ') }] : []),
    { label: 'Mode', value: r.mode },
    { label: 'Took', value: `${r.seconds.toFixed(1)} s (${r.startedAt} – ${r.finishedAt})` },
    { label: 'Source position', value: r.source.position ?? 'unknown' },
    { label: 'Target position', value: r.target.position ?? 'unknown' },
    { label: 'Engines', value: `${r.source.engine} → ${r.target.engine}` },
    { label: 'Transferred', value: `source ${bytes(r.source.transfer.bytesReceived)} in / ${bytes(r.source.transfer.bytesSent)} out; target ${bytes(r.target.transfer.bytesReceived)} in / ${bytes(r.target.transfer.bytesSent)} out` },
  ]
}

function bytes(n: number): string {
  return n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} kB` : `${n} B`
}

function rows(n: number | null): ReportCell {
  return n === null ? '—' : n
}

export function validationSections(r: ValidationResult): ReportSection[] {
  return [
    {
      title: 'Tables',
      table: {
        columns: [{ title: 'Table' }, { title: 'Status' }, { title: 'Source rows', align: 'right' }, { title: 'Target rows', align: 'right' }, { title: 'Differences', align: 'right' }, { title: 'Compared by' }, { title: 'Segments (differing)', align: 'right' }, { title: 'Seconds', align: 'right' }],
        rows: r.tables.map((t) => [t.name, tableStatusLabel(t, r.scope), rows(t.sourceRows), rows(t.targetRows), t.differenceCount, comparedBy(t), `${t.segments.checked} (${t.segments.differing})`, t.seconds]),
      },
      empty: 'No table was compared.',
    },
    ...(r.targetOnlyTables.length > 0
      ? [{ title: 'Tables only on the target', intro: 'Part of the selection on the target, absent from the source: not compared.', table: { columns: [{ title: 'Table' }], rows: r.targetOnlyTables.map((n) => [n]) } }]
      : []),
    ...r.tables.filter((t) => t.status !== 'PASS' || t.schema.length > 0 || t.notes.length > 0).map((t) => tableSection(t, r.scope)),
  ]
}

function comparedBy(t: TableResult): string {
  if (t.comparison === 'key') return `key (${(t.key ?? []).join(', ')})`
  if (t.comparison === 'multiset') return 'whole rows (no key)'
  return 'row count'
}

function tableSection(t: TableResult, scope: ValidationScope): ReportSection {
  const empty = emptySideText(t)
  const intro = [
    `${tableStatusLabel(t, scope)}.`,
    t.error ? `Error ${t.error.code}: ${t.error.message}` : undefined,
    empty === undefined ? undefined : `${empty[0]!.toUpperCase()}${empty.slice(1)}.`,
    ...t.schema.map((f) => `${f.severity === 'error' ? 'Schema error' : 'Schema warning'} ${f.code}: ${f.message}.`),
    ...t.notes.map((n) => `Note: ${n}.`),
    t.recheck ? `Re-checked after ${t.recheck.afterSeconds} s: ${t.recheck.resolved} differences resolved (changes in flight).` : undefined,
    (t.aggregates ?? []).some((a) => !a.equal) ? `Column aggregates differ: ${(t.aggregates ?? []).filter((a) => !a.equal).map((a) => `${a.aggregate}(${a.column}) ${a.source} vs ${a.target}`).join('; ')}.` : undefined,
    t.differenceCount > Math.min(t.differences.length, DIFFERENCES_SHOWN) ? `Showing ${Math.min(t.differences.length, DIFFERENCES_SHOWN)} of ${t.differenceCount} differences.` : undefined,
  ]
    .filter((x) => x !== undefined)
    .join(' ')
  return {
    title: t.name,
    intro,
    table: {
      columns: [{ title: 'Difference' }, { title: 'Key' }, { title: 'Columns' }, { title: 'Source' }, { title: 'Target' }],
      rows: t.differences.slice(0, DIFFERENCES_SHOWN).map((d) => differenceRow(t, d)),
    },
    empty: t.differenceCount === 0 ? 'No row differences.' : '',
  }
}

/** Values as SQL would print them (validation-text.ts): NULL and '' look different, bytes and JSON are quoted once. */
function differenceRow(t: TableResult, d: Difference): ReportCell[] {
  const key = { code: keyText(t, d) }
  const kind = d.count !== undefined && d.count > 1 ? `${d.kind} ×${d.count}` : d.kind
  if (d.kind !== 'changed') return [kind, key, '', d.kind === 'missing' ? 'present' : 'absent', d.kind === 'missing' ? 'absent' : 'present']
  return [kind, key, d.columns.join(', '), { code: changedValues(t, d, 'source') }, { code: changedValues(t, d, 'target') }]
}
