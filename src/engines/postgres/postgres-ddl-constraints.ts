import type { CheckDef, ConstraintState, ForeignKeyDef, IndexDef, KeyDef, QualifiedName, TableDef } from '../../model/schema.js'
import { displayName, pgIdent, pgQualified, quoteLiteral } from '../../convert/naming.js'
import type { TranslateContext } from '../../convert/translate-context.js'
import { withPartitionKey } from './partition-key.js'
import { renderIndex } from './postgres-ddl-indexes.js'
import { namedIdent, NotRenderable, note, objectLabel, renderObject, type DdlScope } from './postgres-ddl-scope.js'

/**
 * Post-data, in the order PostgreSQL needs: primary and unique keys (with the indexes they take
 * over), checks, the other indexes, then foreign keys (they need the keys they reference), then
 * identity sequences moved past the loaded ids.
 */
export function renderPostData(scope: DdlScope): void {
  const tables = new Map(scope.model.tables.map((t) => [key(t), t]))
  const taken = new Set<IndexDef>()
  const uniqueColumns = new Map<string, string[][]>()
  for (const table of scope.model.tables) {
    const keys = [...(table.primaryKey ? [{ def: table.primaryKey, kind: 'PRIMARY KEY' as const }] : []), ...table.uniques.map((def) => ({ def, kind: 'UNIQUE' as const }))]
    for (const k of keys) {
      const index = indexTakenOver(scope.model.indexes, table, k.def)
      if (index) taken.add(index)
      const columns = renderKey(scope, table, k.def, k.kind, index)
      if (columns) uniqueColumns.set(key(table), [...(uniqueColumns.get(key(table)) ?? []), [...columns]])
    }
    for (const c of table.checks) renderCheck(scope, table, c)
  }
  const materialized = new Set(scope.model.views.filter((v) => v.materialized).map(key))
  for (const index of scope.model.indexes) {
    // An index on a materialized view follows the view, in the code phase (postgres-ddl-views.ts).
    if (!taken.has(index) && (tables.has(key(index.table)) || !materialized.has(key(index.table)))) renderIndex(scope, index, tables.get(key(index.table)))
  }
  for (const table of scope.model.tables) {
    for (const fk of table.foreignKeys) renderForeignKey(scope, table, fk, tables, uniqueColumns)
  }
  for (const table of scope.model.tables) renderIdentityResets(scope, table)
}

function key(q: QualifiedName): string {
  return `${q.schema ?? ''}.${q.name}`
}

/**
 * Oracle lets a key use an existing index, often of the same name (HR: CREATE UNIQUE INDEX
 * emp_emp_id_pk, then CONSTRAINT emp_emp_id_pk PRIMARY KEY). In PostgreSQL the constraint
 * would create a second index of that name. A same-named index, or a unique index on exactly
 * the key's columns, is taken over by the constraint.
 */
function indexTakenOver(indexes: readonly IndexDef[], table: TableDef, k: KeyDef): IndexDef | undefined {
  const onTable = indexes.filter((i) => key(i.table) === key(table))
  const sameName = k.name === undefined ? undefined : onTable.find((i) => i.name === k.name)
  if (sameName) return sameName
  return onTable.find((i) => canBackConstraint(i, table) && sameColumns(i, k.columns))
}

/** What `ADD CONSTRAINT … USING INDEX` accepts: a unique btree index on plain ascending columns, not on a partitioned table. */
function canBackConstraint(i: IndexDef, table: TableDef): boolean {
  const plain = i.keys.every((k) => k.column !== undefined && !k.descending)
  return i.unique && (i.kind === 'btree' || i.kind === 'reverse') && plain && !table.partitioning
}

function sameColumns(i: IndexDef, columns: readonly string[]): boolean {
  return i.keys.length === columns.length && i.keys.every((k, n) => k.column === columns[n])
}

/** Returns the columns the key was created on, or undefined when it was not created. */
function renderKey(scope: DdlScope, table: TableDef, k: KeyDef, kind: 'PRIMARY KEY' | 'UNIQUE', index: IndexDef | undefined): readonly string[] | undefined {
  let columns: readonly string[] | undefined
  const object = constraintLabel(table, k.name, kind)
  const usable = index && canBackConstraint(index, table) && sameColumns(index, k.columns)
  if (index && usable) renderIndex(scope, index, table)
  const draft = (ctx: TranslateContext): string => {
    const name = k.name === undefined ? '' : `CONSTRAINT ${namedIdent(ctx, k.name, 'constraint')} `
    if (usable) return `ALTER TABLE ${pgQualified(table)} ADD ${name}${kind} USING INDEX ${namedIdent(ctx, index.name, 'index')}${deferrable(k)};`
    columns = withPartitionKey(k.columns, table, kind.toLowerCase(), ctx)
    return `ALTER TABLE ${pgQualified(table)} ADD ${name}${kind} (${columns.map(pgIdent).join(', ')})${deferrable(k)};`
  }
  const rendered = renderObject(scope, 'post-data', object, { text: draftText(draft, scope, object), at: k.at }, (ctx) => {
    if (index && !usable) {
      note(ctx, 'info', 'INDEX_MERGED_INTO_CONSTRAINT', `index ${index.name} is not created: the ${kind.toLowerCase()} creates its own index of that name`, index.at)
    }
    if (k.validated === false) {
      note(ctx, 'warning', 'NOVALIDATE_KEY', `${kind} is NOVALIDATE in the source: PostgreSQL validates keys, so creating it fails if the data has duplicates`, k.at)
    }
    refuseDisabled(k, kind)
    return [draft(ctx)]
  })
  return rendered ? (columns ?? k.columns) : undefined
}

function renderCheck(scope: DdlScope, table: TableDef, c: CheckDef): void {
  const object = constraintLabel(table, c.name, 'CHECK')
  const oracle = `ALTER TABLE ${displayName(table)} ADD ${c.name ? `CONSTRAINT ${c.name} ` : ''}CHECK (${c.expr.text})`
  renderObject(scope, 'post-data', object, { text: oracle, at: c.expr.at }, (ctx) => {
    if (c.deferrable) note(ctx, 'info', 'DEFERRABLE_CHECK', 'PostgreSQL check constraints cannot be deferred; it is checked immediately', c.expr.at)
    refuseDisabled(c, 'CHECK')
    const name = c.name === undefined ? '' : `CONSTRAINT ${namedIdent(ctx, c.name, 'constraint')} `
    return [`ALTER TABLE ${pgQualified(table)} ADD ${name}CHECK (${scope.translator.expression(c.expr, ctx)})${notValid(c)};`]
  })
}

function renderForeignKey(scope: DdlScope, table: TableDef, fk: ForeignKeyDef, tables: ReadonlyMap<string, TableDef>, uniqueColumns: ReadonlyMap<string, string[][]>): void {
  const object = constraintLabel(table, fk.name, 'FOREIGN KEY')
  const draft = (ctx: TranslateContext): string => {
    const name = fk.name === undefined ? '' : `CONSTRAINT ${namedIdent(ctx, fk.name, 'constraint')} `
    const refColumns = fk.refColumns ? ` (${fk.refColumns.map(pgIdent).join(', ')})` : ''
    const onDelete = fk.onDelete && fk.onDelete !== 'no action' ? ` ON DELETE ${fk.onDelete.toUpperCase()}` : ''
    return `ALTER TABLE ${pgQualified(table)} ADD ${name}FOREIGN KEY (${fk.columns.map(pgIdent).join(', ')}) REFERENCES ${pgQualified(fk.references)}${refColumns}${onDelete}${deferrable(fk)}${foreignKeyNotValid(table, fk, ctx)};`
  }
  renderObject(scope, 'post-data', object, { text: draftText(draft, scope, object), at: fk.at }, (ctx) => {
    refuseDisabled(fk, 'FOREIGN KEY')
    const target = tables.get(key(fk.references))
    const referenced = fk.refColumns ?? target?.primaryKey?.columns
    if (target && referenced && !(uniqueColumns.get(key(target)) ?? []).some((cols) => sameList(cols, referenced))) {
      throw new NotRenderable(
        `references (${referenced.join(', ')}) of ${target.name}, which has no primary key or unique constraint on exactly those columns in PostgreSQL (partition key added, or the key was not created)`,
        'FOREIGN_KEY_NO_UNIQUE_TARGET',
        fk.at,
      )
    }
    return [draft(ctx)]
  })
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

/**
 * A constraint disabled in the source is not created (the data may break it), but kept,
 * commented out, with an action item to enable it once the data is checked.
 */
function refuseDisabled(c: ConstraintState, kind: string): void {
  if (c.enabled === false) {
    throw new NotRenderable(`${kind} is DISABLED in the source; check the data, then create it from the statement below`, 'CONSTRAINT_DISABLED')
  }
}

function deferrable(c: ConstraintState): string {
  if (!c.deferrable) return ''
  return c.initiallyDeferred ? ' DEFERRABLE INITIALLY DEFERRED' : ' DEFERRABLE'
}

/** NOVALIDATE: existing rows are not checked, new ones are — PostgreSQL's NOT VALID. */
function notValid(c: ConstraintState): string {
  return c.validated === false ? ' NOT VALID' : ''
}

/** PostgreSQL cannot add a NOT VALID foreign key on a partitioned table (SH's sales): it is validated there. */
function foreignKeyNotValid(table: TableDef, fk: ForeignKeyDef, ctx: TranslateContext): string {
  if (fk.validated !== false || !table.partitioning) return notValid(fk)
  note(ctx, 'warning', 'NOVALIDATE_KEY', 'foreign key is NOVALIDATE in the source, but PostgreSQL validates foreign keys on partitioned tables: creating it fails if existing rows break it', fk.at)
  return ''
}

/** The PostgreSQL statement (without findings) as the text kept when it cannot be created. */
function draftText(draft: (ctx: TranslateContext) => string, scope: DdlScope, object: string): string {
  const quiet = { ...scope.context(object), findings: [] }
  return draft(quiet)
}

function constraintLabel(table: TableDef, name: string | undefined, kind: string): string {
  return objectLabel('CONSTRAINT', { schema: table.schema, name: name ?? `${table.name} ${kind}` })
}

/**
 * Rows were loaded with their source ids, so each identity sequence is moved past the highest
 * one; on an empty table the sequence keeps its START WITH.
 */
function renderIdentityResets(scope: DdlScope, table: TableDef): void {
  for (const c of table.columns.filter((col) => col.identity)) {
    const name = pgQualified(table)
    const column = pgIdent(c.name)
    scope.out.push({
      phase: 'post-data',
      object: objectLabel('TABLE', table),
      sql: `SELECT setval(pg_get_serial_sequence(${quoteLiteral(name)}, ${quoteLiteral(stripQuotes(column))}), max(${column})) FROM ${name} HAVING max(${column}) IS NOT NULL;`,
    })
  }
}

/** pg_get_serial_sequence takes the column as a name, not an identifier: no quotes. */
function stripQuotes(ident: string): string {
  return ident.startsWith('"') ? ident.slice(1, -1).replace(/""/g, '"') : ident
}
