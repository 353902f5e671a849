import type { CutoverResult } from '../cutover/cutover-result.js'
import { lagStats } from '../cutover/lag-stats.js'
import { mdBlocks, mdCode, mdDocument, mdEscape, mdHeading, mdTable } from './markdown.js'
import type { ReportCell, ReportSection } from './report-table.js'
import { cutoverSections, cutoverSummary, cutoverTitle } from './cutover-sections.js'

function cell(c: ReportCell): string | number | { readonly markdown: string } {
  return typeof c === 'object' ? { markdown: mdCode(c.code) } : c
}

function section(s: ReportSection): string {
  const table = s.table && s.table.rows.length > 0 ? mdTable(s.table.columns, s.table.rows.map((r) => r.map(cell))) : s.empty ? mdEscape(s.empty) : undefined
  return mdBlocks([mdHeading(2, s.title), s.intro ? mdEscape(s.intro) : undefined, table])
}

export function lagLine(r: CutoverResult): string {
  const s = lagStats(r.lag.map((p) => p.lagMs))
  if (s.samples === 0) return 'No lag samples were recorded for this stream in the window.'
  return `${s.samples} samples from ${r.lag[0]!.at} to ${r.lag[r.lag.length - 1]!.at}: p50 ${s.p50} ms, p95 ${s.p95} ms, max ${s.max} ms, last ${s.last} ms (threshold ${r.maxLagMs} ms).`
}

/** The cutover as Markdown: decision and summary first, then the timeline and each step's facts. */
export function renderCutoverMarkdown(r: CutoverResult): string {
  const summary = cutoverSummary(r).map((f) => `- **${mdEscape(f.label)}:** ${mdEscape(f.value)}`).join('\n')
  const [timeline, ...rest] = cutoverSections(r).map(section)
  return mdDocument([mdHeading(1, cutoverTitle(r)), mdHeading(2, 'Summary'), summary, timeline, mdHeading(2, 'CDC lag'), mdEscape(lagLine(r)), ...rest])
}
