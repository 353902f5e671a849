import type { TableDef } from '../../model/schema.js'
import type { TranslateContext } from '../../convert/translate-context.js'
import { note } from './postgres-ddl-scope.js'

/**
 * PostgreSQL enforces uniqueness on a partitioned table only per partition, so a primary key or
 * unique constraint/index must include every partition key column. Godwit appends the missing
 * ones (a warning: uniqueness is then over the wider key) rather than dropping the constraint;
 * a foreign key that references the original columns cannot follow and is reported separately.
 */
export function withPartitionKey(columns: readonly string[], table: TableDef | undefined, what: string, ctx: TranslateContext): readonly string[] {
  const p = table?.partitioning
  if (!p || !['range', 'list', 'hash'].includes(p.method)) return columns
  const keys = [...p.columns, ...(p.subpartitioning?.columns ?? [])]
  const missing = keys.filter((k) => !columns.includes(k))
  if (missing.length === 0) return columns
  note(
    ctx,
    'warning',
    'PARTITION_KEY_ADDED',
    `${what} (${columns.join(', ')}) on partitioned table ${table!.name} must include the partition key in PostgreSQL; it is created on (${[...columns, ...missing].join(', ')}), so uniqueness of (${columns.join(', ')}) alone is no longer enforced`,
  )
  return [...columns, ...missing]
}
