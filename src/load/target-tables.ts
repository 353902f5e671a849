import { TargetError } from '../core/errors.js'
import type { TargetTable } from './load-target.js'
import type { SourceTable } from './source-engine.js'

/**
 * Pairs each source table with the target table of the same name, or of the same name in lower
 * case (Oracle's folded names; Redshift folds every unquoted name). `lookup` answers undefined
 * for a table the target lacks; all missing tables are named in one error.
 */
export async function pairTargetTables(tables: readonly SourceTable[], lookup: (schema: string, name: string) => Promise<TargetTable | undefined>): Promise<TargetTable[]> {
  const found: TargetTable[] = []
  const missing: string[] = []
  for (const t of tables) {
    const lower = { schema: t.schema.toLowerCase(), name: t.name.toLowerCase() }
    const same = lower.schema === t.schema && lower.name === t.name
    const table = (await lookup(t.schema, t.name)) ?? (same ? undefined : await lookup(lower.schema, lower.name))
    if (table) found.push(table)
    else missing.push(`${t.schema}.${t.name}`)
  }
  if (missing.length > 0) {
    throw new TargetError('TABLE_NOT_FOUND', `the target lacks ${missing.length === 1 ? 'table' : `${missing.length} tables:`} ${missing.join(', ')}`, {
      object: missing.join(', '),
      hint: 'Create them first: godwit convert, then apply the generated SQL (or load --create).',
    })
  }
  return found
}
