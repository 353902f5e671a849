/**
 * Generic Markdown building blocks for reports of every phase. Cell and inline text is escaped
 * so that names from a source database (which may hold `|`, `*`, backticks or newlines) cannot
 * break a table or inject markup.
 */

/** Characters that start markup anywhere in a line (links need `[`, so `(` can stay readable). */
const MARKDOWN_SPECIAL = /[\\`*_[\]<>|~]/g
/** Characters that start a block only at the beginning of a line (heading, list). */
const LINE_START_SPECIAL = /^([#+-])/

/** Escapes text for use inline or in a table cell; newlines become spaces. */
export function mdEscape(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(MARKDOWN_SPECIAL, (c) => `\\${c}`)
    .replace(LINE_START_SPECIAL, '\\$1')
}

/** Inline code; the fence is longer than any backtick run inside, so the text stays verbatim. */
export function mdCode(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ')
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((r) => r.length))
  const fence = '`'.repeat(longestRun + 1)
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${flat}${pad}${fence}`
}

export type Alignment = 'left' | 'right'

export interface MdColumn {
  readonly title: string
  readonly align?: Alignment
}

/**
 * A table. Cells are plain text and get escaped, unless given as `{ markdown }` (already built
 * with these helpers, e.g. inline code).
 */
export function mdTable(columns: readonly MdColumn[], rows: ReadonlyArray<ReadonlyArray<string | number | { readonly markdown: string }>>): string {
  const cell = (v: string | number | { readonly markdown: string }) =>
    typeof v === 'object' ? v.markdown.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|') : mdEscape(String(v))
  const header = `| ${columns.map((c) => mdEscape(c.title)).join(' | ')} |`
  const rule = `| ${columns.map((c) => (c.align === 'right' ? '---:' : '---')).join(' | ')} |`
  const body = rows.map((r) => `| ${r.map(cell).join(' | ')} |`)
  return [header, rule, ...body].join('\n')
}

export function mdHeading(level: 1 | 2 | 3 | 4, text: string): string {
  return `${'#'.repeat(level)} ${mdEscape(text)}`
}

/** Joins blocks with blank lines, leaving out absent ones. */
export function mdBlocks(blocks: ReadonlyArray<string | undefined>): string {
  return blocks.filter((b): b is string => b !== undefined && b !== '').join('\n\n')
}

/** A whole document: the blocks, ending with one newline. */
export function mdDocument(blocks: ReadonlyArray<string | undefined>): string {
  return `${mdBlocks(blocks)}\n`
}
