import type { DataTable } from '../model/data-table.js'

/** Catalogs hold names in different cases (Oracle upper, PostgreSQL lower): tables and columns pair case-insensitively. */
export function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

/** One side's catalog, as validation reads it. */
export interface ValidationCatalog {
  /** User tables whose `schema.table` (or bare name) matches a glob; all when none is given. */
  listTables(patterns: readonly string[]): Promise<DataTable[]>
  close(): Promise<void>
}
