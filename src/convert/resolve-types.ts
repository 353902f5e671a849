import type { Finding } from '../model/finding.js'
import type { LogicalType } from '../model/logical-type.js'
import type { ColumnDef, SchemaModel, TableDef } from '../model/schema.js'
import { displayName } from './naming.js'

/**
 * A column whose type the target cannot take (an Oracle-only type such as SDO_GEOMETRY, or a
 * user-defined type that the input never defines) still gets its table created: the column
 * becomes `text` (Oracle can render every such value as text) and an action item names it.
 * The table is never dropped for one column.
 */
export function resolveColumnTypes(model: SchemaModel, targetSchemaOf: (schema?: string) => string): { model: SchemaModel; findings: Finding[] } {
  const findings: Finding[] = []
  const known = new Set(model.types.map((t) => typeKey(t.schema, t.name, targetSchemaOf)))
  const fallback: LogicalType = { kind: 'text', fixed: false }

  const tables = model.tables.map((table): TableDef => {
    let changed = false
    const columns = table.columns.map((col): ColumnDef => {
      const problem = typeProblem(col.type, known, targetSchemaOf)
      if (!problem) return col
      changed = true
      findings.push({
        code: 'UNSUPPORTED_TYPE',
        severity: 'action',
        object: `TABLE ${displayName(table)}`,
        message: `column ${col.name} has type ${col.nativeType.text}: ${problem}; created as text — choose a target type (--type-map) or convert the values`,
        at: table.at,
      })
      return { ...col, type: fallback }
    })
    return changed ? { ...table, columns } : table
  })
  return { model: { ...model, tables }, findings }
}

function typeKey(schema: string | undefined, name: string, targetSchemaOf: (s?: string) => string): string {
  return `${targetSchemaOf(schema)}.${name}`
}

function typeProblem(t: LogicalType, known: Set<string>, targetSchemaOf: (s?: string) => string): string | undefined {
  if (t.kind === 'unsupported') return 'PostgreSQL has no equivalent type'
  if (t.kind !== 'user-defined') return undefined
  // A type in another schema may come from a schema converted earlier (OE's types used by PM).
  if (t.schema && targetSchemaOf(t.schema) !== targetSchemaOf(undefined)) return undefined
  return known.has(typeKey(t.schema, t.name, targetSchemaOf)) ? undefined : 'the type is not defined in the input'
}
