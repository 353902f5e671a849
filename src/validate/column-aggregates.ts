import type { ColumnAggregate } from './checksum-side.js'
import type { AggregateCheck } from './validation-result.js'
import type { SideTable } from './side-table.js'
import type { TableComparison } from './table-comparison.js'

const AGGREGATED = new Set(['int', 'decimal', 'float', 'date', 'timestamp'])

/**
 * Column level of validation (as DVT's column validation): null count, sum, min and max of every
 * numeric and date/time column, computed by each engine, compared as canonical text. Cheap and
 * readable, but never a proof of equality (swapped values keep every aggregate).
 */
export async function compareAggregates(c: TableComparison): Promise<AggregateCheck[]> {
  const columns = aggregatedColumns(c.s)
  const [src, tgt] = await c.limit(() => Promise.all([c.source.aggregates(c.s, columns), c.target.aggregates(c.t, columns)]))
  return src.flatMap((a, i) => checks(c.shape.names[columns[i]!]!, a, tgt[i]!))
}

function aggregatedColumns(t: SideTable): number[] {
  return t.columns.flatMap((c, i) => (AGGREGATED.has(c.type.kind) ? [i] : []))
}

function checks(column: string, s: ColumnAggregate, t: ColumnAggregate): AggregateCheck[] {
  const out: AggregateCheck[] = [
    { column, aggregate: 'nulls', source: String(s.nulls), target: String(t.nulls), equal: s.nulls === t.nulls },
    { column, aggregate: 'min', source: s.min, target: t.min, equal: s.min === t.min },
    { column, aggregate: 'max', source: s.max, target: t.max, equal: s.max === t.max },
  ]
  if (s.sum !== undefined && s.sum !== null) out.splice(1, 0, { column, aggregate: 'sum', source: s.sum, target: t.sum ?? null, equal: s.sum === t.sum })
  return out
}
