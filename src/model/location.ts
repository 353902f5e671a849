/** Where a piece of source text came from: a DDL file position, or a catalog object. */
export interface SourceLocation {
  readonly file: string
  readonly line: number
  readonly column: number
}

/** Source SQL kept verbatim (an expression, a query, a routine body) with where it starts. */
export interface SqlText {
  readonly text: string
  readonly at?: SourceLocation
}
