import type { ConstraintState, ForeignKeyDef, IndexDef, KeyDef, QualifiedName, SchemaModel, TableDef } from '../../model/schema.js'
import { displayName, pgIdent, pgQualified } from '../../convert/naming.js'
import { namedIdent, NotRenderable, note, objectLabel, renderObject, type DdlScope } from '../postgres/postgres-ddl-scope.js'

/** A key Redshift keeps but does not enforce, for load and validate to check instead. */
export interface UnenforcedKey {
  readonly table: string
  readonly kind: 'PRIMARY KEY' | 'UNIQUE' | 'FOREIGN KEY'
  readonly columns: readonly string[]
  readonly references?: string
}

/**
 * Post-data on Redshift: primary keys, unique keys and foreign keys are created but only inform
 * the planner (Redshift does not enforce them, and a false one gives wrong query results), so
 * one disabled or not validated in the source is left out; checks and indexes do not exist there.
 */
export function renderRedshiftPostData(scope: DdlScope): void {
  for (const table of scope.model.tables) {
    if (table.primaryKey) renderKey(scope, table, table.primaryKey, 'PRIMARY KEY')
    for (const k of table.uniques) renderKey(scope, table, k, 'UNIQUE')
    for (const c of table.checks) {
      const object = constraintLabel(table, c.name, 'CHECK')
      renderObject(scope, 'post-data', object, { text: `ALTER TABLE ${displayName(table)} ADD ${c.name ? `CONSTRAINT ${c.name} ` : ''}CHECK (${c.expr.text})`, at: c.expr.at }, () => {
        throw new NotRenderable('Amazon Redshift has no CHECK constraints: the loading job or a validation query must check it', 'REDSHIFT_NO_CHECK', c.expr.at)
      })
    }
  }
  for (const index of scope.model.indexes) renderIndexNote(scope, index)
  for (const table of scope.model.tables) for (const fk of table.foreignKeys) renderForeignKey(scope, table, fk)
  const keys = unenforcedKeys(scope.model)
  if (keys.length > 0) {
    note(
      scope.context('SCHEMA'),
      'warning',
      'REDSHIFT_CONSTRAINTS_NOT_ENFORCED',
      `Redshift does not enforce PRIMARY KEY, UNIQUE or FOREIGN KEY: the ${keys.length} keys are created for the planner only, and the report lists them for the load and validation to check`,
    )
  }
}

/** The keys of the model Redshift will hold without enforcing, for the report. */
export function unenforcedKeys(model: SchemaModel): UnenforcedKey[] {
  return model.tables.flatMap((t) => [
    ...(t.primaryKey && creatable(t.primaryKey) ? [{ table: displayName(t), kind: 'PRIMARY KEY' as const, columns: t.primaryKey.columns }] : []),
    ...t.uniques.filter(creatable).map((k) => ({ table: displayName(t), kind: 'UNIQUE' as const, columns: k.columns })),
    ...t.foreignKeys.filter(creatable).map((fk) => ({ table: displayName(t), kind: 'FOREIGN KEY' as const, columns: fk.columns, references: displayName(fk.references) })),
  ])
}

function creatable(c: ConstraintState): boolean {
  return c.enabled !== false && c.validated !== false
}

/** A disabled or NOVALIDATE key may be false in the data; Redshift would trust it. */
function refuseUntrusted(c: ConstraintState, kind: string): void {
  if (!creatable(c)) {
    throw new NotRenderable(`${kind} is ${c.enabled === false ? 'DISABLED' : 'NOVALIDATE'} in the source: Redshift's planner trusts keys it does not check, so it is not created; check the data, then create it`, 'REDSHIFT_UNTRUSTED_KEY')
  }
}

function renderKey(scope: DdlScope, table: TableDef, k: KeyDef, kind: 'PRIMARY KEY' | 'UNIQUE'): void {
  const source = `ALTER TABLE ${displayName(table)} ADD ${k.name ? `CONSTRAINT ${k.name} ` : ''}${kind} (${k.columns.join(', ')})`
  renderObject(scope, 'post-data', constraintLabel(table, k.name, kind), { text: source, at: k.at }, (ctx) => {
    refuseUntrusted(k, kind)
    const name = k.name === undefined ? '' : `CONSTRAINT ${namedIdent(ctx, k.name, 'constraint')} `
    return [`ALTER TABLE ${pgQualified(table)} ADD ${name}${kind} (${k.columns.map(pgIdent).join(', ')});`]
  })
}

function renderForeignKey(scope: DdlScope, table: TableDef, fk: ForeignKeyDef): void {
  const refColumns = fk.refColumns ? ` (${fk.refColumns.map(pgIdent).join(', ')})` : ''
  const source = `ALTER TABLE ${displayName(table)} ADD ${fk.name ? `CONSTRAINT ${fk.name} ` : ''}FOREIGN KEY (${fk.columns.join(', ')}) REFERENCES ${displayName(fk.references)}`
  renderObject(scope, 'post-data', constraintLabel(table, fk.name, 'FOREIGN KEY'), { text: source, at: fk.at }, (ctx) => {
    refuseUntrusted(fk, 'FOREIGN KEY')
    if (fk.onDelete && fk.onDelete !== 'no action') {
      note(ctx, 'warning', 'REDSHIFT_NO_REFERENTIAL_ACTIONS', `ON DELETE ${fk.onDelete.toUpperCase()} is not kept: Redshift does not act on foreign keys; deletes must reach the child rows by CDC or the loading job`, fk.at)
    }
    const name = fk.name === undefined ? '' : `CONSTRAINT ${namedIdent(ctx, fk.name, 'constraint')} `
    return [`ALTER TABLE ${pgQualified(table)} ADD ${name}FOREIGN KEY (${fk.columns.map(pgIdent).join(', ')}) REFERENCES ${pgQualified(fk.references)}${refColumns};`]
  })
}

/** Redshift has no indexes: each is a note and a comment in post-data, never silence. */
function renderIndexNote(scope: DdlScope, index: IndexDef): void {
  const label = objectLabel('INDEX', { schema: index.schema ?? index.table.schema, name: index.name })
  const keys = index.keys.map((k) => k.column ?? k.expr?.text ?? '').join(', ').replace(/\s+/g, ' ')
  const message = `Redshift has no indexes: ${index.unique ? 'unique ' : ''}index ${index.name} on ${displayName(index.table)} (${keys}) is not created; the table's SORTKEY and DISTKEY do its work${index.unique ? ', and uniqueness is checked by load and validation only if a key says so' : ''}`
  note(scope.context(label), 'info', 'REDSHIFT_NO_INDEXES', message, index.at)
  scope.out.push({ phase: 'post-data', object: label, sql: `-- INDEX ${index.name} ON ${displayName(index.table)} (${keys}): not created, Redshift has no indexes` })
}

function constraintLabel(table: QualifiedName, name: string | undefined, kind: string): string {
  return objectLabel('CONSTRAINT', { schema: table.schema, name: name ?? `${table.name} ${kind}` })
}
