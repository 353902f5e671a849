import type { LogicalType } from '../model/logical-type.js'

/**
 * One table as one side compares it: its columns in line order (key columns first, then the
 * others in the order both sides agreed on), so position i on the source side and position i on
 * the target side are the same logical column. Engines turn this into SQL.
 */
export interface SideColumn {
  /** The name as stored on this side. */
  readonly name: string
  readonly type: LogicalType
  /** This engine's own type text, e.g. `numeric(12,2)`: bounds are cast to it. */
  readonly nativeType: string
}

export interface SideTable {
  readonly schema: string
  readonly name: string
  readonly columns: readonly SideColumn[]
  /** How many leading `columns` form the key; 0 for a table compared as a multiset of rows. */
  readonly keyLength: number
  /** A filter both sides apply (`--where`), in SQL both engines accept. */
  readonly where?: string
}

/** One row's canonical column texts, in `SideTable.columns` order. */
export type CanonicalRow = readonly (string | null)[]

export function qualifiedName(t: Pick<SideTable, 'schema' | 'name'>): string {
  return `${t.schema}.${t.name}`
}
