import type { LogicalType } from './logical-type.js'

/** A column as the data phases (load, validation) read it from an engine's catalog. */
export interface DataColumn {
  readonly name: string
  readonly type: LogicalType
  /** The engine's own type text, e.g. `numeric(12,2)`, `VARCHAR2(20 CHAR)`. */
  readonly nativeType: string
  readonly nullable: boolean
}

/** A table as the data phases read it from an engine's catalog (engine-neutral). */
export interface DataTable {
  readonly schema: string
  readonly name: string
  readonly columns: readonly DataColumn[]
  /** Primary key, else a unique key over NOT NULL columns. */
  readonly key?: readonly string[]
  /** Every key the engine enforces (primary and unique). */
  readonly enforcedKeys: readonly (readonly string[])[]
  /** Row estimate from statistics (no scan). */
  readonly estimatedRows: number
}
