import { mdBlocks, mdCode, mdDocument, mdEscape, mdHeading, mdTable } from './markdown.js'
import type { ReportCell, ReportSection, SummaryFigure } from './report-table.js'

function cell(c: ReportCell): string | number | { readonly markdown: string } {
  return typeof c === 'object' ? { markdown: mdCode(c.code) } : c
}

function section(s: ReportSection): string {
  const table = s.table && s.table.rows.length > 0 ? mdTable(s.table.columns, s.table.rows.map((r) => r.map(cell))) : s.table && s.empty ? mdEscape(s.empty) : undefined
  return mdBlocks([mdHeading(2, s.title), s.intro ? mdEscape(s.intro) : undefined, table])
}

/** A phase report as Markdown: title, a stamp line, the summary figures as a list, then the sections. */
export function renderSectionsMarkdown(title: string, stamp: string | undefined, summary: readonly SummaryFigure[], sections: readonly ReportSection[]): string {
  const list = summary.map((f) => `- **${mdEscape(f.label)}:** ${mdEscape(f.value)}`).join('\n')
  return mdDocument([mdHeading(1, title), stamp, mdHeading(2, 'Summary'), list, ...sections.map(section)])
}
