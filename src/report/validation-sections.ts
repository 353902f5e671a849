import type { Difference, TableResult, ValidationResult } from '../validate/validation-result.js'
import type { ReportCell, ReportSection, SummaryFigure } from './report-table.js'

/** The content of a validation report, shared by the Markdown and HTML renderers: summary first. */

/** Differences listed per table in a human report (all are in the JSON, up to the run's cap). */
const DIFFERENCES_SHOWN = 100

export function validationTitle(r: ValidationResult): string {
  return `Validation ${r.status}: ${r.source.url} → ${r.target.url}`
}

export function validationSummary(r: ValidationResult): SummaryFigure[] {
  const failed = r.tables.filter((t) => t.status !== 'PASS').length
  return [
    { label: 'Result', value: `${r.status}: ${r.tables.length - failed} of ${r.tables.length} tables equal` },
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
        rows: r.tables.map((t) => [t.name, t.status, rows(t.sourceRows), rows(t.targetRows), t.differenceCount, comparedBy(t), `${t.segments.checked} (${t.segments.differing})`, t.seconds]),
      },
      empty: 'No table was compared.',
    },
    ...r.tables.filter((t) => t.status !== 'PASS' || t.schema.length > 0 || t.notes.length > 0).map(tableSection),
  ]
}

function comparedBy(t: TableResult): string {
  if (t.comparison === 'key') return `key (${(t.key ?? []).join(', ')})`
  if (t.comparison === 'multiset') return 'whole rows (no key)'
  return 'row count'
}

function tableSection(t: TableResult): ReportSection {
  const intro = [
    `${t.status}.`,
    t.error ? `Error ${t.error.code}: ${t.error.message}` : undefined,
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
      rows: t.differences.slice(0, DIFFERENCES_SHOWN).map(differenceRow),
    },
    empty: t.differenceCount === 0 ? 'No row differences.' : '',
  }
}

function differenceRow(d: Difference): ReportCell[] {
  const key = { code: Object.entries(d.key).map(([k, v]) => `${k}=${shown(v)}`).join(', ') }
  const kind = d.count !== undefined && d.count > 1 ? `${d.kind} ×${d.count}` : d.kind
  if (d.kind !== 'changed') return [kind, key, '', d.kind === 'missing' ? 'present' : 'absent', d.kind === 'missing' ? 'absent' : 'present']
  const changes = d.changes ?? []
  return [kind, key, d.columns.join(', '), { code: changes.map((c) => `${c.column}=${shown(c.source)}`).join(', ') }, { code: changes.map((c) => `${c.column}=${shown(c.target)}`).join(', ') }]
}

/** NULL and '' must look different in a report. */
function shown(v: string | null): string {
  return v === null ? 'NULL' : JSON.stringify(v)
}
