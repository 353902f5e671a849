import type { AssessmentResult } from '../convert/assess/assessment-result.js'
import { assessmentSections, assessmentTitle, summaryFigures } from './assessment-sections.js'
import { mdBlocks, mdCode, mdDocument, mdEscape, mdHeading, mdTable } from './markdown.js'
import type { ReportCell, ReportSection } from './report-table.js'

function cell(c: ReportCell): string | number | { readonly markdown: string } {
  return typeof c === 'object' ? { markdown: mdCode(c.code) } : c
}

function section(s: ReportSection): string {
  const table = s.table && s.table.rows.length > 0 ? mdTable(s.table.columns, s.table.rows.map((r) => r.map(cell))) : s.table ? mdEscape(s.empty ?? '') : undefined
  return mdBlocks([mdHeading(2, s.title), s.intro === undefined ? undefined : mdEscape(s.intro), table])
}

/** The assessment as Markdown: summary first, then schemas, inventory, constructs, objects, action items. */
export function renderAssessmentMarkdown(r: AssessmentResult): string {
  const summary = summaryFigures(r).map((f) => `- **${mdEscape(f.label)}:** ${mdEscape(f.value)}`).join('\n')
  const stamp = r.generatedAt === undefined ? undefined : `Generated ${mdEscape(r.generatedAt)}.`
  return mdDocument([mdHeading(1, assessmentTitle(r)), stamp, mdHeading(2, 'Summary'), summary, ...assessmentSections(r).map(section)])
}
