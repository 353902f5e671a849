import type { CutoverResult } from '../cutover/cutover-result.js'
import { el, htmlDocument, htmlTable, Html, type HtmlChild } from './html.js'
import { lagChartSvg } from './cutover-lag-chart.js'
import { lagLine } from './cutover-markdown.js'
import type { ReportCell, ReportSection } from './report-table.js'
import { cutoverSections, cutoverSummary, cutoverTitle } from './cutover-sections.js'

const GOOD = new Set(['PASS', 'GO', 'done'])
const BAD = new Set(['FAIL', 'ERROR', 'NO-GO', 'failed'])

function cell(c: ReportCell): HtmlChild {
  if (typeof c === 'object') return el('pre', {}, el('code', {}, c.code))
  if (typeof c === 'string' && GOOD.has(c)) return el('strong', { class: 'good' }, c)
  if (typeof c === 'string' && BAD.has(c)) return el('strong', { class: 'bad' }, c)
  return c
}

function section(s: ReportSection): HtmlChild {
  const body = s.table && s.table.rows.length > 0 ? htmlTable(s.table.columns, s.table.rows.map((r) => r.map(cell))) : s.empty ? el('p', { class: 'muted' }, s.empty) : undefined
  return el('section', {}, el('h2', {}, s.title), s.intro ? el('p', {}, s.intro) : undefined, body)
}

const EXTRA_STYLE = `.good{color:#1a7f37}.bad{color:#cf222e}pre{margin:0;white-space:pre-wrap;word-break:break-word}
.decision{font-size:1.1rem;padding:.75rem 1rem;border-radius:6px;margin:1rem 0}.decision.go{background:#dafbe1;border:1px solid #1a7f37}
.decision.nogo{background:#ffebe9;border:1px solid #cf222e}.decision.dry{background:#f2f4f8;border:1px solid #d8dde6}`

function decisionBanner(r: CutoverResult): Html {
  const cls = r.state === 'dry-run' ? 'dry' : r.decision === 'GO' ? 'go' : 'nogo'
  const text =
    r.state === 'dry-run'
      ? r.failure ? `Dry run: not ready — ${r.failure.message}` : 'Dry run: every pre-check passed; nothing was frozen or switched.'
      : r.decision === 'GO'
        ? 'GO: every gate passed, the final validation is PASS at the frozen position, and the switch ran.'
        : `NO-GO: stopped at ${r.failure?.step ?? '?'} — ${r.failure?.message ?? ''}`
  return el('div', { class: `decision ${cls}` }, el('strong', {}, text))
}

/** Step start/finish times as chart markers: the freeze and the switch are what a reader looks for on the lag line. */
function markers(r: CutoverResult): { at: string; label: string }[] {
  const out: { at: string; label: string }[] = []
  const freeze = r.steps.find((s) => s.name === 'freeze')
  if (freeze?.finishedAt) out.push({ at: freeze.finishedAt, label: 'frozen' })
  const drain = r.steps.find((s) => s.name === 'drain')
  if (drain?.state === 'done' && drain.finishedAt) out.push({ at: drain.finishedAt, label: 'drained' })
  const sw = r.steps.find((s) => s.name === 'switch')
  if (sw?.state === 'done' && sw.finishedAt) out.push({ at: sw.finishedAt, label: 'switched' })
  return out
}

/** The cutover as one self-contained HTML page (inline styles and SVG, no scripts). */
export function renderCutoverHtml(r: CutoverResult): string {
  const title = cutoverTitle(r)
  const cards = cutoverSummary(r).map((f) => el('div', { class: 'card' }, el('div', { class: 'muted' }, f.label), el('div', {}, f.value)))
  const [timeline, ...rest] = cutoverSections(r).map(section)
  return htmlDocument(
    title,
    el('style', {}, new Html(EXTRA_STYLE)),
    el('h1', {}, title),
    decisionBanner(r),
    el('section', { id: 'summary' }, el('h2', {}, 'Summary'), el('div', { class: 'summary' }, cards)),
    timeline,
    el('section', { id: 'lag' }, el('h2', {}, 'CDC lag'), el('p', {}, lagLine(r)), lagChartSvg(r.lag, r.maxLagMs, markers(r))),
    rest,
  )
}
