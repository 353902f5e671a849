import type { ValidationResult } from '../validate/validation-result.js'
import { mdBlocks, mdCode, mdDocument, mdEscape, mdHeading, mdTable } from './markdown.js'
import type { ReportCell, ReportSection } from './report-table.js'
import { validationSections, validationSummary, validationTitle } from './validation-sections.js'

function cell(c: ReportCell): string | number | { readonly markdown: string } {
  return typeof c === 'object' ? { markdown: mdCode(c.code) } : c
}

function section(s: ReportSection): string {
  const table = s.table && s.table.rows.length > 0 ? mdTable(s.table.columns, s.table.rows.map((r) => r.map(cell))) : s.table && s.empty ? mdEscape(s.empty) : undefined
  return mdBlocks([mdHeading(2, s.title), s.intro ? mdEscape(s.intro) : undefined, table])
}

/** The validation as Markdown: summary first, then the table list, then each table that is not equal. */
export function renderValidationMarkdown(r: ValidationResult): string {
  const summary = validationSummary(r).map((f) => `- **${mdEscape(f.label)}:** ${mdEscape(f.value)}`).join('\n')
  return mdDocument([mdHeading(1, validationTitle(r)), `Run ${mdCode(r.runId)}.`, mdHeading(2, 'Summary'), summary, ...validationSections(r).map(section)])
}
