import type { LogicalType } from '../model/logical-type.js'

/** A table as an engine's catalog describes it, enough to pair and compare it (engine-neutral). */
export interface CatalogColumn {
  readonly name: string
  readonly type: LogicalType
  /** The engine's own type text, e.g. `numeric(12,2)`, `VARCHAR2(20 CHAR)`. */
  readonly nativeType: string
  readonly nullable: boolean
}

export interface CatalogTable {
  readonly schema: string
  readonly name: string
  readonly columns: readonly CatalogColumn[]
  /** Primary key, else a unique key over NOT NULL columns. */
  readonly key?: readonly string[]
  /** Every key the engine enforces (primary and unique). */
  readonly enforcedKeys: readonly (readonly string[])[]
  /** Row estimate from statistics (no scan); sizes the segment plan. */
  readonly estimatedRows: number
}

/** Catalogs hold names in different cases (Oracle upper, PostgreSQL lower): tables and columns pair case-insensitively. */
export function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

/** One side's catalog, as validation reads it. */
export interface ValidationCatalog {
  /** User tables whose `schema.table` (or bare name) matches a glob; all when none is given. */
  listTables(patterns: readonly string[]): Promise<CatalogTable[]>
  close(): Promise<void>
}
