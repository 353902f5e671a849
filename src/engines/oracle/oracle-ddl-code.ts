import type { CodeObjectDef, QualifiedName } from '../../model/schema.js'
import { readQualifiedName, sqlTextBetween, type DdlContext } from '../ddl-reader/ddl-context.js'
import { skipItem } from '../ddl-reader/ddl-syntax.js'

/** The kinds of code a CREATE statement can start with, as `KIND [BODY]` words. */
export function isCodeObjectStart(ctx: DdlContext): boolean {
  const { c } = ctx
  return c.isWord('FUNCTION') || c.isWord('PROCEDURE') || c.isWord('PACKAGE') || c.isWord('TRIGGER') || c.isWords('TYPE', 'BODY')
}

/**
 * FUNCTION, PROCEDURE, PACKAGE [BODY], TRIGGER, TYPE BODY (after `CREATE [OR REPLACE]
 * [EDITIONABLE]`): name and kind come from the header, a trigger's table from its `ON` clause;
 * the whole statement is kept as source text for the PL/SQL translator.
 */
export function readCodeObject(ctx: DdlContext): void {
  const { c } = ctx
  const kind = codeKind(ctx)
  c.acceptWords('IF', 'NOT', 'EXISTS')
  const name = readQualifiedName(ctx, `${kind} name`)
  const table = kind === 'trigger' ? triggerTable(ctx) : undefined
  const source = sqlTextBetween(c, 0, c.tokens.length - 1)
  const def: CodeObjectDef = { ...name, kind, ...(table && { table }), source }
  ctx.catalog.code.upsert(def)
}

function codeKind(ctx: DdlContext): CodeObjectDef['kind'] {
  const { c } = ctx
  if (c.acceptWord('FUNCTION')) return 'function'
  if (c.acceptWord('PROCEDURE')) return 'procedure'
  if (c.acceptWord('TRIGGER')) return 'trigger'
  if (c.acceptWords('TYPE', 'BODY')) return 'type-body'
  c.expectWord('PACKAGE')
  return c.acceptWord('BODY') ? 'package-body' : 'package'
}

/**
 * The table or view after the trigger's `ON` (`ON [NESTED TABLE col OF] t`); database and schema
 * event triggers (`ON DATABASE`, `ON SCHEMA`) have none.
 */
function triggerTable(ctx: DdlContext): QualifiedName | undefined {
  const { c } = ctx
  while (!c.atEnd() && !c.isWord('ON')) {
    if (c.isWord('BEGIN') || c.isWord('DECLARE') || c.isWords('COMPOUND', 'TRIGGER')) return undefined
    skipItem(c)
  }
  if (!c.acceptWord('ON')) return undefined
  if (c.acceptWords('NESTED', 'TABLE')) {
    c.identifier('nested table column')
    c.expectWord('OF')
  }
  if (c.isWord('DATABASE') || c.isWord('SCHEMA') || c.isWords('PLUGGABLE', 'DATABASE')) return undefined
  const table = readQualifiedName(ctx, 'trigger table')
  return table.name === 'SCHEMA' ? undefined : table
}
