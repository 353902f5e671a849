import type { SourceLocation } from '../model/location.js'
import type { ReportCell } from './report-table.js'

/** Source text shown in a report cell: flattened to one line, at most this many characters. */
const SOURCE_EXCERPT = 120

/** `file:line:column`, or nothing for an object read from a catalog. */
export function positionCell(at: SourceLocation | undefined): string {
  return at ? `${at.file}:${at.line}:${at.column}` : ''
}

/** The start of the source text a finding is about, verbatim (as code). */
export function excerptCell(text: string | undefined): ReportCell {
  if (text === undefined) return ''
  const flat = text.replace(/\s+/g, ' ').trim()
  return { code: flat.length > SOURCE_EXCERPT ? `${flat.slice(0, SOURCE_EXCERPT - 1)}…` : flat }
}
