import type { ValidationResult } from '../validate/validation-result.js'
import { el, htmlDocument, htmlTable, type HtmlChild } from './html.js'
import type { ReportCell, ReportSection } from './report-table.js'
import { validationSections, validationSummary, validationTitle } from './validation-sections.js'

function cell(c: ReportCell): HtmlChild {
  if (typeof c === 'object') return el('code', {}, c.code)
  if (c === 'PASS' || c === 'FAIL' || c === 'ERROR') return el('strong', { style: `color:${c === 'PASS' ? '#1a7f37' : '#cf222e'}` }, c)
  return c
}

function section(s: ReportSection): HtmlChild {
  const body = s.table && s.table.rows.length > 0 ? htmlTable(s.table.columns, s.table.rows.map((r) => r.map(cell))) : s.table && s.empty ? el('p', { class: 'muted' }, s.empty) : undefined
  return el('section', {}, el('h2', {}, s.title), s.intro ? el('p', {}, s.intro) : undefined, body)
}

/** The validation as one self-contained HTML page (inline styles, no scripts), summary first. */
export function renderValidationHtml(r: ValidationResult): string {
  const title = validationTitle(r)
  const cards = validationSummary(r).map((f) => el('div', { class: 'card' }, el('div', { class: 'muted' }, f.label), el('div', {}, f.value)))
  return htmlDocument(title, el('h1', {}, title), el('p', { class: 'muted' }, `Run ${r.runId}`), el('section', { id: 'summary' }, el('h2', {}, 'Summary'), el('div', { class: 'summary' }, cards)), validationSections(r).map(section))
}
