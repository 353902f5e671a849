import type { Finding } from './finding.js'
import type { SqlText } from './location.js'
import type { SchemaModel } from './schema.js'

/** A script to read, with the positional arguments it is run with (SQL*Plus `@script v3`). */
export interface ScriptInput {
  readonly path: string
  readonly args?: readonly string[]
}

/** What a source engine's offline reader hands to convert: one schema, its data statements, findings. */
export interface SourceInput {
  readonly schema: SchemaModel
  readonly data: readonly SqlText[]
  readonly findings: readonly Finding[]
  /** Every file read, includes too. */
  readonly files: readonly string[]
}
