import type { TokenCursor } from '../../convert/sql/cursor.js'
import type { ViewDef } from '../../model/schema.js'
import { addFinding, expectStatementEnd, objectLabel, readQualifiedName, sqlTextBetween, statementLocation, type DdlContext } from '../ddl-reader/ddl-context.js'
import { parenthesisedItems, skipItem, skipRest } from '../ddl-reader/ddl-syntax.js'
import { readSharing } from './oracle-ddl-sharing.js'

/**
 * CREATE VIEW name [(cols)] [OF type WITH OBJECT IDENTIFIER (…) | UNDER view] AS query
 * [WITH READ ONLY | WITH CHECK OPTION] (after `CREATE [OR REPLACE] [FORCE] [EDITIONABLE]`).
 * The query is kept verbatim with its own position.
 */
export function readCreateView(ctx: DdlContext): void {
  const { c } = ctx
  const at = statementLocation(c)
  c.expectWord('VIEW')
  c.acceptWords('IF', 'NOT', 'EXISTS')
  const name = readQualifiedName(ctx, 'view name')
  readSharing(ctx, objectLabel('VIEW', name))
  const view: { -readonly [K in keyof ViewDef]: ViewDef[K] } = { ...name, query: { text: '' }, at }
  if (c.isOp('(')) view.columns = viewColumns(c)
  if (c.acceptWord('OF')) {
    view.ofType = readQualifiedName(ctx, 'type name')
    if (c.acceptWords('WITH', 'OBJECT')) {
      if (!c.acceptWord('IDENTIFIER')) c.expectWord('OID')
      if (!c.acceptWord('DEFAULT')) c.skipParens()
    } else if (c.acceptWord('UNDER')) readQualifiedName(ctx, 'superview name')
    if (c.isOp('(')) c.skipParens()
  }
  for (;;) {
    if (c.acceptWord('BEQUEATH')) c.identifier('BEQUEATH value')
    else if (c.acceptWords('DEFAULT', 'COLLATION')) c.identifier('collation')
    else if (c.acceptWord('CONTAINER_DATA')) continue
    else break
  }
  c.expectWord('AS')
  view.query = readQueryUntil(c, (cur) => cur.isWords('WITH', 'READ', 'ONLY') || cur.isWords('WITH', 'CHECK', 'OPTION'))
  if (c.acceptWords('WITH', 'READ', 'ONLY')) view.readOnly = true
  else if (c.acceptWords('WITH', 'CHECK', 'OPTION')) view.withCheckOption = true
  if (c.acceptWord('CONSTRAINT')) c.identifier('constraint name')
  expectStatementEnd(c)
  keepComments(ctx, view)
}

/**
 * CREATE MATERIALIZED VIEW name [(cols)] [build/refresh/rewrite/storage options] AS query; the
 * options are skipped (the converter decides how to refresh). A materialized view LOG has no
 * PostgreSQL counterpart and becomes an info finding.
 */
export function readCreateMaterializedView(ctx: DdlContext): void {
  const { c } = ctx
  const at = statementLocation(c)
  c.expectWord('MATERIALIZED')
  c.expectWord('VIEW')
  if (c.acceptWord('LOG')) {
    c.expectWord('ON')
    const table = readQualifiedName(ctx, 'table name')
    skipRest(c)
    addFinding(ctx, 'MATERIALIZED_VIEW_LOG', 'info', objectLabel('TABLE', table), 'materialized view log skipped: PostgreSQL refreshes materialized views completely, without change logs', at)
    return
  }
  c.acceptWords('IF', 'NOT', 'EXISTS')
  const name = readQualifiedName(ctx, 'materialized view name')
  const view: { -readonly [K in keyof ViewDef]: ViewDef[K] } = { ...name, materialized: true, query: { text: '' }, at }
  if (c.isOp('(')) view.columns = viewColumns(c)
  if (c.acceptWord('OF')) view.ofType = readQualifiedName(ctx, 'type name')
  while (!c.atEnd() && !(c.isWord('AS') && (c.isWord('SELECT', 1) || c.isWord('WITH', 1) || c.isOp('(', 1)))) {
    if (c.isWords('ON', 'PREBUILT', 'TABLE')) {
      addFinding(ctx, 'MATERIALIZED_VIEW_PREBUILT', 'warning', objectLabel('MATERIALIZED VIEW', name), 'ON PREBUILT TABLE: the Oracle table kept its data; PostgreSQL creates a new materialized view from the query', c.location())
    }
    skipItem(c)
  }
  c.expectWord('AS')
  view.query = readQueryUntil(c, () => false)
  expectStatementEnd(c)
  keepComments(ctx, view)
}

/** A view's column names; constraints in the list (`CONSTRAINT pk PRIMARY KEY (…) RELY DISABLE`) are not columns. */
function viewColumns(c: TokenCursor): string[] {
  const NOT_COLUMNS = new Set(['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK', 'SCOPE', 'REF'])
  return parenthesisedItems(c)
    .map((r) => c.tokens[r.from]!)
    .filter((t) => !(t.kind === 'word' && NOT_COLUMNS.has(t.value)))
    .map((t) => t.value)
}

/** The query text: up to the statement end or a trailing clause `isTrailer` recognises at depth 0. */
function readQueryUntil(c: TokenCursor, isTrailer: (c: TokenCursor) => boolean): ViewDef['query'] {
  const from = c.pos
  while (!c.atEnd() && !c.isOp(';') && !isTrailer(c)) skipItem(c)
  if (c.pos === from) c.fail('expected a query')
  return sqlTextBetween(c, from)
}

/** CREATE OR REPLACE of a view keeps the comments made on the view it replaces, as Oracle does. */
function keepComments(ctx: DdlContext, view: ViewDef): void {
  const previous = ctx.catalog.views.find(view)
  const comments = previous && previous.materialized === view.materialized
    ? { ...(previous.comment !== undefined && { comment: previous.comment }), ...(previous.columnComments && { columnComments: previous.columnComments }) }
    : {}
  ctx.catalog.views.upsert({ ...view, ...comments })
}
