import type { Finding } from '../model/finding.js'
import type { LogicalType } from '../model/logical-type.js'
import type { ColumnDef, SchemaModel, TableDef, TypeAttributeDef, TypeDef } from '../model/schema.js'
import { displayName } from './naming.js'

/**
 * A column whose type the target cannot take (an Oracle-only type such as SDO_GEOMETRY, or a
 * user-defined type that the input never defines) still gets its table created: the column
 * becomes `text` (Oracle can render every such value as text) and an action item names it.
 * The table is never dropped for one column. Object type attributes and collection elements
 * get the same rule (a REF attribute, as in OE's order_item_typ), so the type and every type
 * and table built on it are still created.
 */
export function resolveColumnTypes(model: SchemaModel, targetSchemaOf: (schema?: string) => string): { model: SchemaModel; findings: Finding[] } {
  const findings: Finding[] = []
  const known = new Set(model.types.map((t) => typeKey(t.schema, t.name, targetSchemaOf)))
  const fallback: LogicalType = { kind: 'text', fixed: false }
  /** The member with text for its type, or the member itself when its type is fine. */
  const resolve = <M extends ColumnDef | TypeAttributeDef | NonNullable<TypeDef['element']>>(member: M, object: string, what: string, at: TableDef['at']): M => {
    const problem = typeProblem(member.type, known, targetSchemaOf)
    if (!problem) return member
    findings.push({
      code: 'UNSUPPORTED_TYPE',
      severity: 'action',
      object,
      message: `${what} has type ${member.nativeType.text}: ${problem}; created as text — choose a target type (--type-map) or convert the values`,
      at,
    })
    return { ...member, type: fallback }
  }

  const tables = model.tables.map((table): TableDef => {
    const columns = table.columns.map((col) => resolve(col, `TABLE ${displayName(table)}`, `column ${col.name}`, table.at))
    return columns.some((c, i) => c !== table.columns[i]) ? { ...table, columns } : table
  })
  const types = model.types.map((t): TypeDef => {
    const object = `TYPE ${displayName(t)}`
    const attributes = t.attributes?.map((a) => resolve(a, object, `attribute ${a.name}`, t.source.at))
    const element = t.element && resolve(t.element, object, 'element', t.source.at)
    const changed = element !== t.element || attributes?.some((a, i) => a !== t.attributes![i])
    return changed ? { ...t, attributes, element } : t
  })
  return { model: { ...model, tables, types }, findings }
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
