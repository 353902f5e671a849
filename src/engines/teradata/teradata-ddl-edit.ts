import type { TableDef } from '../../model/schema.js'
import { addFinding, expectStatementEnd, objectLabel, readQualifiedName, type DdlContext } from '../ddl-reader/ddl-context.js'
import { skipRest, stringLiteral } from '../ddl-reader/ddl-syntax.js'
import { isTableConstraintStart, readTableConstraint, readTeradataColumn } from './teradata-ddl-columns.js'
import { applyConstraint } from './teradata-ddl-table.js'

const COMMENT_KINDS = new Set(['TABLE', 'VIEW', 'COLUMN', 'MACRO', 'PROCEDURE', 'FUNCTION', 'DATABASE', 'USER', 'TRIGGER', 'INDEX', 'PROFILE', 'ROLE', 'GROUP', 'MAP', 'FILE', 'METHOD', 'TYPE', 'CONSTRAINT'])

/**
 * COMMENT [ON] [kind] name [AS|IS] 'text': on a table, view or column it becomes the object's
 * comment; on other objects (macros, functions, databases …) it is reported as info, the model
 * has no place for it. Without a kind, a three-part name is a column and a two-part name a
 * table or view, as Teradata resolves them.
 */
export function readComment(ctx: DdlContext): void {
  const { c } = ctx
  c.expectWord('COMMENT')
  c.acceptWord('ON')
  const kind = c.current.kind === 'word' && COMMENT_KINDS.has(c.current.value) && c.peek().kind !== 'op' ? c.next().value : undefined
  const parts = [c.identifier('object name')]
  while (c.acceptOp('.')) parts.push(c.identifier('object name'))
  if (!c.acceptWord('AS')) c.acceptWord('IS')
  const text = stringLiteral(c, 'comment')
  expectStatementEnd(c)
  const isColumn = kind === 'COLUMN' || (kind === undefined && parts.length === 3)
  if (isColumn && parts.length >= 2) {
    const column = parts.pop()!
    const table = qualified(ctx, parts)
    const found = ctx.catalog.tables.update(table, (t) => ({ ...t, columns: t.columns.map((col) => (col.name === column ? { ...col, comment: text } : col)) }))
    if (found) return
    const view = ctx.catalog.views.update(table, (v) => ({ ...v, columnComments: { ...v.columnComments, [column]: text } }))
    if (!view) addFinding(ctx, 'TERADATA_COMMENT_SKIPPED', 'info', `COLUMN ${[...parts, column].join('.')}`, 'comment on a column of an object the scripts do not define as a table or view (a macro or function parameter?); not kept')
    return
  }
  if (kind === undefined || kind === 'TABLE' || kind === 'VIEW') {
    const q = qualified(ctx, parts)
    if (ctx.catalog.tables.update(q, (t) => ({ ...t, comment: text })) || ctx.catalog.views.update(q, (v) => ({ ...v, comment: text }))) return
  }
  addFinding(ctx, 'TERADATA_COMMENT_SKIPPED', 'info', `${kind ?? 'OBJECT'} ${parts.join('.')}`, 'comment on an object that has no PostgreSQL comment in the output; not kept')
}

function qualified(ctx: DdlContext, parts: readonly string[]): { schema?: string; name: string } {
  const name = parts[parts.length - 1]!
  const schema = parts.length > 1 ? parts[parts.length - 2] : ctx.defaultSchema
  return schema === undefined ? { name } : { schema, name }
}

/** DROP TABLE|VIEW|MACRO|PROCEDURE|FUNCTION|JOIN INDEX name: the object leaves the model; other drops are reported. */
export function readDrop(ctx: DdlContext): void {
  const { c } = ctx
  c.expectWord('DROP')
  const kind = c.next().value
  if (kind === 'JOIN' || kind === 'HASH') c.expectWord('INDEX')
  if (!['TABLE', 'VIEW', 'MACRO', 'PROCEDURE', 'FUNCTION', 'JOIN', 'HASH'].includes(kind)) {
    skipRest(c)
    addFinding(ctx, 'TERADATA_DROP_SKIPPED', 'info', `DROP ${kind}`, `DROP ${kind} is not applied to the model`)
    return
  }
  const name = readQualifiedName(ctx, `${kind.toLowerCase()} name`)
  skipRest(c)
  const removed =
    kind === 'TABLE' ? ctx.catalog.tables.remove(name)
    : kind === 'VIEW' || kind === 'JOIN' ? ctx.catalog.views.remove(name)
    : kind === 'HASH' ? ctx.catalog.indexes.remove(name)
    : ctx.catalog.code.remove(name)
  if (!removed) addFinding(ctx, 'DDL_UNKNOWN_OBJECT', 'info', objectLabel(kind, name), `DROP of ${name.name}, which the scripts read do not define before it`)
}

/**
 * ALTER TABLE name ADD [CONSTRAINT …] key|column, DROP column, [, option …]: constraints and
 * columns change the table in the model; storage options are reported; anything else is a
 * warning that the table is kept as created.
 */
export function readAlterTable(ctx: DdlContext): void {
  const { c } = ctx
  c.expectWord('ALTER')
  c.expectWord('TABLE')
  const name = readQualifiedName(ctx, 'table name')
  const label = objectLabel('TABLE', name)
  const existing = ctx.catalog.tables.find(name)
  if (!existing) {
    skipRest(c)
    addFinding(ctx, 'DDL_UNKNOWN_OBJECT', 'warning', label, `ALTER TABLE of ${name.name}, which the scripts read do not define; not applied`)
    return
  }
  const table: { -readonly [K in keyof TableDef]: TableDef[K] } = { ...existing }
  do {
    if (c.acceptWord('ADD')) {
      if (isTableConstraintStart(c)) applyConstraint(table, readTableConstraint(ctx))
      else {
        c.acceptWord('COLUMN')
        const col = readTeradataColumn(ctx)
        table.columns = [...table.columns, col.column]
        for (const k of col.constraints) applyConstraint(table, k)
      }
    } else if (c.acceptWord('DROP') && !c.isWord('CONSTRAINT')) {
      c.acceptWord('COLUMN')
      const column = c.identifier('column name')
      table.columns = table.columns.filter((col) => col.name !== column)
    } else {
      skipRest(c)
      addFinding(ctx, 'TERADATA_ALTER_SKIPPED', 'warning', label, 'ALTER TABLE clause not applied to the model (only ADD constraint/column and DROP column are); check the converted table')
      return
    }
  } while (c.acceptOp(','))
  expectStatementEnd(c)
  ctx.catalog.tables.upsert(table)
}
