import { el, htmlDocument, htmlTable, type HtmlChild } from './html.js'
import type { ReportCell, ReportSection, SummaryFigure } from './report-table.js'

const FIGURE_CHARS = 32

/** How a plain cell is shown; a report may mark some values up (e.g. a coloured status). */
export type CellDecorator = (c: string | number) => HtmlChild

function section(s: ReportSection, decorate: CellDecorator): HtmlChild {
  const cell = (c: ReportCell): HtmlChild => (typeof c === 'object' ? el('code', {}, c.code) : decorate(c))
  const body = s.table && s.table.rows.length > 0 ? htmlTable(s.table.columns, s.table.rows.map((r) => r.map(cell))) : s.table && s.empty ? el('p', { class: 'muted' }, s.empty) : undefined
  return el('section', {}, el('h2', {}, s.title), s.intro ? el('p', {}, s.intro) : undefined, body)
}

/** A phase report as one self-contained HTML page (inline styles, no scripts): title, stamp, summary cards, sections. */
export function renderSectionsHtml(title: string, stamp: string | undefined, summary: readonly SummaryFigure[], sections: readonly ReportSection[], decorate: CellDecorator = (c) => c): string {
  // A figure is shown large; a sentence (filters, positions) at reading size.
  const cards = summary.map((f) => el('div', { class: 'card' }, el('div', { class: 'muted' }, f.label), el('div', f.value.length <= FIGURE_CHARS ? { class: 'value' } : {}, f.value)))
  return htmlDocument(
    title,
    el('h1', {}, title),
    stamp === undefined ? undefined : el('p', { class: 'muted' }, stamp),
    el('section', { id: 'summary' }, el('h2', {}, 'Summary'), el('div', { class: 'summary' }, cards)),
    sections.map((s) => section(s, decorate)),
  )
}
