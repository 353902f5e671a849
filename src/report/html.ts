/**
 * Generic HTML building blocks for self-contained reports (no scripts, fonts or other external
 * assets). Text is escaped by construction: strings passed as children are always escaped, and
 * only values made by these helpers (`Html`) are inserted as markup.
 */

export class Html {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html
  }
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!)
}

export type HtmlChild = Html | string | number | undefined | false | readonly HtmlChild[]

function render(child: HtmlChild): string {
  if (child === undefined || child === false) return ''
  if (child instanceof Html) return child.html
  if (Array.isArray(child)) return child.map(render).join('')
  return escapeHtml(String(child))
}

/** An element; attribute values and text children are escaped. Tag and attribute names come from code, never from data. */
export function el(tag: string, attrs: Readonly<Record<string, string | number | undefined>> = {}, ...children: HtmlChild[]): Html {
  const attrText = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeHtml(String(v))}"`)
    .join('')
  return new Html(`<${tag}${attrText}>${children.map(render).join('')}</${tag}>`)
}

export interface HtmlColumn {
  readonly title: string
  readonly align?: 'left' | 'right'
}

export function htmlTable(columns: readonly HtmlColumn[], rows: ReadonlyArray<readonly HtmlChild[]>, caption?: string): Html {
  const cls = (c: HtmlColumn | undefined) => (c?.align === 'right' ? 'num' : undefined)
  return el(
    'table',
    {},
    caption === undefined ? undefined : el('caption', {}, caption),
    el('thead', {}, el('tr', {}, columns.map((c) => el('th', { class: cls(c) }, c.title)))),
    el('tbody', {}, rows.map((r) => el('tr', {}, r.map((v, i) => el('td', { class: cls(columns[i]) }, v))))),
  )
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2330;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #d8dde6;padding-bottom:.25rem}
table{border-collapse:collapse;margin:.75rem 0;width:100%}caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #d8dde6;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f2f4f8}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}
.summary{display:flex;flex-wrap:wrap;gap:1rem}.card{border:1px solid #d8dde6;border-radius:6px;padding:.75rem 1rem;min-width:10rem}
.card .value{font-size:1.5rem;font-weight:600}.muted{color:#5c6575}
`

/** A complete document with the shared inline stylesheet. */
export function htmlDocument(title: string, ...body: HtmlChild[]): string {
  return `<!DOCTYPE html>\n${el(
    'html',
    { lang: 'en' },
    el('head', {}, new Html('<meta charset="utf-8">'), new Html('<meta name="viewport" content="width=device-width, initial-scale=1">'), el('title', {}, title), el('style', {}, new Html(STYLE))),
    el('body', {}, ...body),
  ).html}\n`
}
