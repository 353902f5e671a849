/**
 * A renderer-neutral table: report builders decide the content once, and the Markdown and HTML
 * renderers only decide the markup. A `{ code }` cell is source text shown verbatim.
 */
export type ReportCell = string | number | { readonly code: string }

export interface ReportColumn {
  readonly title: string
  readonly align?: 'left' | 'right'
}

export interface ReportTable {
  readonly columns: readonly ReportColumn[]
  readonly rows: ReadonlyArray<readonly ReportCell[]>
}

export interface ReportSection {
  readonly title: string
  /** A sentence or two above the table. */
  readonly intro?: string
  readonly table?: ReportTable
  /** Shown instead of an empty table. */
  readonly empty?: string
}

/** One headline figure of a report's summary. */
export interface SummaryFigure {
  readonly label: string
  readonly value: string
}
