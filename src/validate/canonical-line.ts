import type { CanonicalRow } from './side-table.js'

/**
 * A row's canonical line: column texts joined by TAB, each escaped as in COPY text format
 * (`\` → `\\`, TAB → `\t`, LF → `\n`, CR → `\r`) and NULL written `\N`. The escaping makes the
 * line unambiguous — no value can forge a separator or the NULL marker, so NULL and '' differ —
 * and it is the text the loader sends to COPY. Engines build the same line in SQL.
 */
export function canonicalLine(row: CanonicalRow): string {
  return row.map((v) => (v === null ? '\\N' : escapeCopyText(v))).join('\t')
}

export function escapeCopyText(v: string): string {
  return /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : v
}

const COPY_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' }
