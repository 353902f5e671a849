import type { TokenCursor } from '../../convert/sql/cursor.js'
import type { CodeObjectDef, ViewDef } from '../../model/schema.js'
import { addFinding, expectStatementEnd, objectLabel, readQualifiedName, sqlTextBetween, statementLocation, type DdlContext } from '../ddl-reader/ddl-context.js'
import { identifierList, parenthesisedItems, skipItem, skipRest } from '../ddl-reader/ddl-syntax.js'

/**
 * CREATE|REPLACE [RECURSIVE] VIEW name [(cols)] AS [LOCKING …] query (after CREATE/REPLACE).
 * The query is kept verbatim, LOCKING modifier included, in Teradata SQL: the SQL translator
 * reads it. REPLACE replaces an earlier definition, as Teradata does.
 */
export function readCreateView(ctx: DdlContext): void {
  const { c } = ctx
  const at = statementLocation(c)
  const recursive = c.acceptWord('RECURSIVE')
  c.expectWord('VIEW')
  const name = readQualifiedName(ctx, 'view name')
  const view: { -readonly [K in keyof ViewDef]: ViewDef[K] } = { ...name, query: { text: '' }, at }
  if (c.isOp('(')) view.columns = parenthesisedItems(c).map((r) => c.tokens[r.from]!.value)
  c.expectWord('AS')
  view.query = queryText(c, () => false)
  if (recursive) addFinding(ctx, 'RECURSIVE_VIEW', 'info', objectLabel('VIEW', name), 'RECURSIVE view: PostgreSQL has CREATE RECURSIVE VIEW with the same meaning', at)
  ctx.catalog.views.upsert(view)
}

/** The query up to the statement end or a trailing clause `isTrailer` recognises at depth 0. */
function queryText(c: TokenCursor, isTrailer: (c: TokenCursor) => boolean): ViewDef['query'] {
  const from = c.pos
  while (!c.atEnd() && !c.isOp(';') && !isTrailer(c)) skipItem(c)
  if (c.pos === from) c.fail('expected a query')
  return sqlTextBetween(c, from)
}

/**
 * CREATE JOIN INDEX name [, options] AS SELECT … [ORDER BY …] [PRIMARY INDEX (…)] [INDEX …]
 * [PARTITION BY …]: a join index is rows Teradata keeps up to date from a query, which is what
 * a PostgreSQL materialized view holds (refreshed on demand, not on every change: a warning).
 * The clauses after the query are Teradata's row placement and are not kept.
 */
export function readCreateJoinIndex(ctx: DdlContext): void {
  const { c } = ctx
  const at = statementLocation(c)
  c.expectWord('JOIN')
  c.expectWord('INDEX')
  const name = readQualifiedName(ctx, 'join index name')
  while (!c.atEnd() && !c.isWord('AS')) c.next()
  c.expectWord('AS')
  const isTail = (cur: TokenCursor) =>
    cur.isWords('ORDER', 'BY') || cur.isWords('PRIMARY', 'INDEX') || cur.isWords('UNIQUE', 'PRIMARY') || cur.isWords('NO', 'PRIMARY') || cur.isWord('INDEX') || cur.isWords('PARTITION', 'BY')
  const query = queryText(c, isTail)
  skipRest(c)
  ctx.catalog.views.upsert({ ...name, materialized: true, query, at })
  addFinding(ctx, 'JOIN_INDEX', 'warning', objectLabel('MATERIALIZED VIEW', name), 'join index becomes a materialized view: Teradata keeps it current on every change, PostgreSQL only on REFRESH MATERIALIZED VIEW (schedule it, or drop it if it only served as an access path)', at)
}

/**
 * CREATE HASH INDEX name [, options] (cols) ON table [BY (cols)] [ORDER BY …]: a vertical copy
 * of some columns Teradata uses as an access path; a btree index over those columns serves the
 * same lookups in PostgreSQL.
 */
export function readCreateHashIndex(ctx: DdlContext): void {
  const { c } = ctx
  const at = statementLocation(c)
  c.expectWord('HASH')
  c.expectWord('INDEX')
  const name = readQualifiedName(ctx, 'hash index name')
  while (!c.atEnd() && !c.isOp('(')) c.next()
  const columns = identifierList(c)
  c.expectWord('ON')
  const table = readQualifiedName(ctx, 'table name')
  skipRest(c)
  ctx.catalog.indexes.upsert({ ...name, table, unique: false, kind: 'btree', keys: columns.map((column) => ({ column })), at })
  addFinding(ctx, 'HASH_INDEX', 'info', objectLabel('INDEX', name), 'hash index becomes a btree index on its columns', at)
}

/** CREATE [UNIQUE] INDEX [name] [ALL] (cols) [ORDER BY …] ON table (Teradata's order: the columns before ON). */
export function readCreateIndex(ctx: DdlContext): void {
  const { c } = ctx
  const at = statementLocation(c)
  const unique = c.acceptWord('UNIQUE')
  c.expectWord('INDEX')
  const given = c.isIdentifier() && !c.isWord('ALL') ? c.identifier('index name') : undefined
  c.acceptWord('ALL')
  const columns = identifierList(c)
  if (c.acceptWords('ORDER', 'BY')) {
    if (!c.acceptWord('VALUES')) c.acceptWord('HASH')
    if (c.isOp('(')) c.skipParens()
  }
  c.expectWord('ON')
  c.acceptWord('TEMPORARY')
  const table = readQualifiedName(ctx, 'table name')
  expectStatementEnd(c)
  const name = given ?? `${table.name}_${columns.join('_')}_IX`
  ctx.catalog.indexes.upsert({ ...(table.schema !== undefined && { schema: table.schema }), name, table, unique, kind: 'btree', keys: columns.map((column) => ({ column })), at })
}

const CODE_KINDS: Readonly<Record<string, CodeObjectDef['kind']>> = { MACRO: 'macro', PROCEDURE: 'procedure', FUNCTION: 'function', TRIGGER: 'trigger' }

export function isCodeObjectStart(c: TokenCursor): boolean {
  return c.current.kind === 'word' && CODE_KINDS[c.current.value] !== undefined
}

/**
 * MACRO, PROCEDURE, FUNCTION, TRIGGER (after CREATE/REPLACE): name and kind from the header, the
 * whole statement kept as source text in Teradata SQL for the translator.
 */
export function readCodeObject(ctx: DdlContext): void {
  const { c } = ctx
  const kind = CODE_KINDS[c.next().value]!
  const name = readQualifiedName(ctx, `${kind} name`)
  let table: CodeObjectDef['table']
  if (kind === 'trigger') {
    while (!c.atEnd() && !c.isWord('ON')) skipItem(c)
    if (c.acceptWord('ON')) table = readQualifiedName(ctx, 'trigger table')
  }
  const source = sqlTextBetween(c, 0, c.tokens.length - 1)
  ctx.catalog.code.upsert({ ...name, kind, ...(table && { table }), source })
}
