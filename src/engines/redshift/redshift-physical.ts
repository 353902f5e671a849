import type { QualifiedName, SchemaModel, TableDef } from '../../model/schema.js'

/**
 * A table with at most this many rows (source statistics) that another table references by a
 * foreign key is a dimension: copied to every node (DISTSTYLE ALL), so joins to it never move
 * rows. AWS's guidance is "small, slowly changing"; 100,000 rows keeps the copies to a few MB.
 */
export const SMALL_DIMENSION_ROWS = 100_000

export type DistStyle = 'AUTO' | 'ALL' | 'EVEN' | 'KEY'

/** How a table is laid out on Redshift, and why (each reason becomes an info finding). */
export interface PhysicalDesign {
  readonly distStyle: DistStyle
  readonly distKey?: string
  /** Compound sort key columns; empty: SORTKEY AUTO. */
  readonly sortKey: readonly string[]
  readonly reasons: readonly string[]
}

/** Kinds Redshift cannot distribute or sort by (SUPER, intervals, long text kept as VARCHAR(65535)). */
const UNKEYABLE = new Set(['json', 'interval', 'user-defined', 'clob', 'xml'])

/** Whether every named column can be a Redshift DISTKEY or SORTKEY column. */
function keyable(table: TableDef, columns: readonly string[]): boolean {
  return columns.every((name) => {
    const c = table.columns.find((col) => col.name === name)
    return c !== undefined && !UNKEYABLE.has(c.type.kind)
  })
}

function key(q: QualifiedName): string {
  return `${q.schema ?? ''}.${q.name}`
}

function isReferenced(table: TableDef, model: SchemaModel): boolean {
  return model.tables.some((t) => t !== table && t.foreignKeys.some((fk) => key(fk.references) === key(table)))
}

/**
 * The rules of docs/redshift.md, "Physical design", in order:
 * 1. a small dimension (stats rows ≤ SMALL_DIMENSION_ROWS, referenced by a foreign key) → ALL;
 * 2. a one-column Teradata PRIMARY INDEX → DISTKEY on it (rows land where Teradata put them:
 *    joins and aggregations on it stay node-local); a NoPI table → EVEN (round robin, as Teradata);
 * 3. an Oracle HASH partitioning on one column → DISTKEY on it;
 * 4. otherwise AUTO (Redshift picks ALL while small, then EVEN or a key it learns).
 * Sort key: the range/list partitioning columns (the table's own pruning key); else the table's
 * only date or timestamp column; else SORTKEY AUTO.
 */
export function physicalDesign(table: TableDef, model: SchemaModel): PhysicalDesign {
  const reasons: string[] = []
  const dist = distribution(table, model, reasons)
  const sortKey = sortColumns(table, reasons)
  return { ...dist, sortKey, reasons }
}

function distribution(table: TableDef, model: SchemaModel, reasons: string[]): { distStyle: DistStyle; distKey?: string } {
  const rows = table.stats?.rows
  if (rows !== undefined && rows <= SMALL_DIMENSION_ROWS && isReferenced(table, model)) {
    reasons.push(`DISTSTYLE ALL: a dimension (${rows} rows, referenced by a foreign key) is copied to every node`)
    return { distStyle: 'ALL' }
  }
  const d = table.distribution
  if (d?.kind === 'primary-index') {
    if (d.columns.length === 1 && keyable(table, d.columns)) {
      reasons.push(`DISTKEY (${d.columns[0]}): the source's PRIMARY INDEX`)
      return { distStyle: 'KEY', distKey: d.columns[0] }
    }
    reasons.push(
      d.columns.length === 1
        ? `DISTSTYLE AUTO: the PRIMARY INDEX column ${d.columns[0]} cannot be a DISTKEY in Redshift (its type)`
        : `DISTSTYLE AUTO: the PRIMARY INDEX (${d.columns.join(', ')}) has several columns and a DISTKEY takes one; make one of them the DISTKEY if joins use it`,
    )
    return { distStyle: 'AUTO' }
  }
  if (d?.kind === 'none') {
    reasons.push('DISTSTYLE EVEN: a NoPI table, spread round robin as in the source')
    return { distStyle: 'EVEN' }
  }
  const p = table.partitioning
  if (p?.method === 'hash' && p.columns.length === 1 && keyable(table, p.columns)) {
    reasons.push(`DISTKEY (${p.columns[0]}): the source's hash partitioning key`)
    return { distStyle: 'KEY', distKey: p.columns[0] }
  }
  return { distStyle: 'AUTO' }
}

function sortColumns(table: TableDef, reasons: string[]): string[] {
  const p = table.partitioning
  if (p && (p.method === 'range' || p.method === 'list') && p.columns.length > 0 && keyable(table, p.columns)) {
    reasons.push(`SORTKEY (${p.columns.join(', ')}): the source's ${p.method} partitioning key (Redshift has no partitions; sorted blocks prune as partitions did)`)
    return [...p.columns]
  }
  const dated = table.columns.filter((c) => c.type.kind === 'date' || c.type.kind === 'timestamp')
  if (dated.length === 1) {
    reasons.push(`SORTKEY (${dated[0]!.name}): the table's only date/time column`)
    return [dated[0]!.name]
  }
  if (dated.length > 1) reasons.push(`SORTKEY AUTO: several date/time columns (${dated.map((c) => c.name).join(', ')}); name the one queries filter on with a SORTKEY if Redshift's choice is poor`)
  return []
}
