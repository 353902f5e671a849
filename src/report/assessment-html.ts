import type { AssessmentResult } from '../convert/assess/assessment-result.js'
import { assessmentSections, assessmentTitle, summaryFigures } from './assessment-sections.js'
import { el, htmlDocument, htmlTable, type HtmlChild } from './html.js'
import type { ReportCell, ReportSection } from './report-table.js'

function cell(c: ReportCell): HtmlChild {
  return typeof c === 'object' ? el('code', {}, c.code) : c
}

function section(s: ReportSection): HtmlChild {
  const body = s.table && s.table.rows.length > 0 ? htmlTable(s.table.columns, s.table.rows.map((r) => r.map(cell))) : s.table ? el('p', { class: 'muted' }, s.empty ?? '') : undefined
  return el('section', {}, el('h2', {}, s.title), s.intro === undefined ? undefined : el('p', {}, s.intro), body)
}

/** The assessment as one self-contained HTML page (inline styles, no scripts), summary first. */
export function renderAssessmentHtml(r: AssessmentResult): string {
  const title = assessmentTitle(r)
  const cards = summaryFigures(r).map((f) => el('div', { class: 'card' }, el('div', { class: 'muted' }, f.label), el('div', { class: 'value' }, f.value)))
  return htmlDocument(
    title,
    el('h1', {}, title),
    r.generatedAt === undefined ? undefined : el('p', { class: 'muted' }, `Generated ${r.generatedAt}`),
    el('section', { id: 'summary' }, el('h2', {}, 'Summary'), el('div', { class: 'summary' }, cards)),
    assessmentSections(r).map(section),
  )
}
