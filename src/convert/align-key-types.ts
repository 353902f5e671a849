import type { Finding } from '../model/finding.js'
import type { ColumnDef, SchemaModel, TableDef } from '../model/schema.js'
import { identityColumnType } from '../engines/postgres/postgres-ddl-tables.js'
import type { TypeFormatter } from './format-type.js'
import { displayName } from './naming.js'

/**
 * A foreign key column gets the PostgreSQL type of the column it references, as ora2pg does.
 * Oracle compares NUMBER with NUMBER whatever the precision, but PostgreSQL refuses a foreign
 * key between numeric and bigint, and the two sides often map differently: an identity column
 * must be an integer type, an INTEGER (NUMBER(38)) column becomes numeric(38), a user's
 * --type-map may hit one side only. Runs until nothing changes, so chains (A → B → C) settle.
 */
export function alignForeignKeyTypes(
  model: SchemaModel,
  formatType: TypeFormatter,
  targetSchemaOf: (schema?: string) => string,
): { model: SchemaModel; findings: Finding[] } {
  const findings: Finding[] = []
  const key = (schema: string | undefined, name: string) => `${targetSchemaOf(schema)}.${name}`
  const tables = new Map(model.tables.map((t) => [key(t.schema, t.name), t]))
  const typeOf = (c: ColumnDef) => {
    const text = formatType(c.nativeType, c.type)
    return c.identity ? identityColumnType(text) : text
  }

  // Bounded: each pass can only copy a type one step further along a chain of keys.
  for (let pass = 0, changed = true; changed && pass <= tables.size; pass++) {
    changed = false
    for (const [tableKey, table] of tables) {
      let columns = table.columns
      for (const fk of table.foreignKeys) {
        const target = tables.get(key(fk.references.schema, fk.references.name))
        const refColumns = fk.refColumns ?? target?.primaryKey?.columns
        if (!target || !refColumns || refColumns.length !== fk.columns.length) continue
        fk.columns.forEach((name, i) => {
          const col = columns.find((c) => c.name === name)
          const ref = target.columns.find((c) => c.name === refColumns[i])
          if (!col || !ref || col.identity) return
          const from = typeOf(col)
          const to = typeOf(ref)
          if (from === to) return
          const aligned = alignedColumn(col, ref, to)
          const label = `column ${col.name} references ${displayName(target)}.${ref.name}`
          if (typeOf(aligned) !== to) {
            findings.push({ code: 'FOREIGN_KEY_TYPE_MISMATCH', severity: 'action', object: `TABLE ${displayName(table)}`, message: `${label} (${to}) but stays ${from} (a --type-map entry?): PostgreSQL will refuse foreign key ${fk.name ?? ''}; give both columns one type`, at: fk.at ?? table.at })
            return
          }
          findings.push({ code: 'FOREIGN_KEY_TYPE_ALIGNED', severity: 'info', object: `TABLE ${displayName(table)}`, message: `${label}: it is ${to}, not ${from}, so the foreign key can be created`, at: fk.at ?? table.at })
          columns = columns.map((c) => (c === col ? aligned : c))
          changed = true
        })
      }
      if (columns !== table.columns) tables.set(tableKey, { ...table, columns } satisfies TableDef)
    }
  }
  return { model: { ...model, tables: model.tables.map((t) => tables.get(key(t.schema, t.name)) ?? t) }, findings }
}

/**
 * The referencing column with the referenced one's type: its source type too, so a --type-map
 * entry that chose the referenced type chooses this one as well. An identity column became an
 * integer whatever its source type said, so then only the integer is taken.
 */
function alignedColumn(col: ColumnDef, ref: ColumnDef, refType: string): ColumnDef {
  const bytes = INTEGER_BYTES[refType]
  if (ref.identity && bytes) return { ...col, type: { kind: 'int', bytes } }
  return { ...col, nativeType: ref.nativeType, type: ref.type }
}

const INTEGER_BYTES: Readonly<Record<string, 2 | 4 | 8>> = { smallint: 2, integer: 4, bigint: 8 }
