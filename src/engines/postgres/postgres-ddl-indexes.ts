import type { IndexDef, IndexKey, TableDef } from '../../model/schema.js'
import { displayName, pgIdent, pgQualified } from '../../convert/naming.js'
import type { TranslateContext } from '../../convert/translate-context.js'
import { withPartitionKey } from './partition-key.js'
import { namedIdent, NotRenderable, note, objectLabel, renderObject, type DdlScope } from './postgres-ddl-scope.js'

/** Oracle Text index types: PostgreSQL's counterpart is full-text search over a tsvector. */
const TEXT_INDEX_TYPES = new Set(['CTXSYS.CONTEXT', 'CTXSYS.CTXCAT'])

/**
 * Renders one index: post-data for a table's; the caller decides which indexes a constraint has
 * taken over. A materialized view's index goes in the code phase, right after the view.
 */
export function renderIndex(scope: DdlScope, index: IndexDef, table: TableDef | undefined, phase: 'post-data' | 'code' = 'post-data'): void {
  renderObject(scope, phase, objectLabel('INDEX', { schema: index.schema ?? index.table.schema, name: index.name }), { text: oracleSketch(index), at: index.at }, (ctx) => [
    indexSql(scope, index, table, ctx),
  ])
}

function indexSql(scope: DdlScope, index: IndexDef, table: TableDef | undefined, ctx: TranslateContext): string {
  const name = namedIdent(ctx, index.name, 'index')
  const on = pgQualified(index.table)
  if (index.kind === 'domain') return textIndexSql(index, name, on, ctx)
  if (index.kind === 'bitmap') note(ctx, 'info', 'BITMAP_INDEX', 'bitmap index is created as a btree index (PostgreSQL builds bitmaps at query time)', index.at)
  if (index.kind === 'reverse') note(ctx, 'info', 'REVERSE_INDEX', 'reverse key index is created as a plain btree index', index.at)
  const keys = index.unique ? uniqueKeys(index, table, ctx) : index.keys
  const keySql = keys.map((k) => keyColumnSql(scope, k, ctx))
  return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${name} ON ${on} (${keySql.join(', ')});`
}

/** A unique index on a partitioned table must hold the partition key (see withPartitionKey). */
function uniqueKeys(index: IndexDef, table: TableDef | undefined, ctx: TranslateContext): readonly IndexKey[] {
  if (index.keys.some((k) => k.column === undefined)) {
    if (table?.partitioning) {
      throw new NotRenderable('a unique index on expressions cannot include the partition key of a partitioned table in PostgreSQL', 'UNIQUE_EXPRESSION_INDEX_PARTITIONED', index.at)
    }
    return index.keys
  }
  const columns = withPartitionKey(index.keys.map((k) => k.column!), table, 'unique index', ctx)
  return columns.map((column) => index.keys.find((k) => k.column === column) ?? { column })
}

function keyColumnSql(scope: DdlScope, k: IndexKey, ctx: TranslateContext): string {
  const base = k.column !== undefined ? pgIdent(k.column) : `(${scope.translator.expression(k.expr!, ctx)})`
  return k.descending ? `${base} DESC` : base
}

/**
 * Oracle Text (CONTAINS) indexes become GIN indexes over to_tsvector. The 'simple' configuration
 * keeps words as written (no language stemming), the closest to Oracle Text's default lexer.
 */
function textIndexSql(index: IndexDef, name: string, on: string, ctx: TranslateContext): string {
  const type = (index.indexType ?? '').toUpperCase()
  if (!TEXT_INDEX_TYPES.has(type)) {
    throw new NotRenderable(`domain index of type ${index.indexType ?? '(unknown)'} has no PostgreSQL equivalent`, 'DOMAIN_INDEX_UNSUPPORTED', index.at)
  }
  const columns = index.keys.map((k) => k.column)
  if (columns.length !== 1 || columns[0] === undefined) {
    throw new NotRenderable(`${type} index on ${columns.length} keys: expected one column`, 'DOMAIN_INDEX_UNSUPPORTED', index.at)
  }
  note(
    ctx,
    'warning',
    'TEXT_INDEX',
    `${type} index becomes a GIN index on to_tsvector('simple', …): queries using CONTAINS/CATSEARCH must be rewritten to to_tsvector('simple', ${pgIdent(columns[0])}::text) @@ to_tsquery(…) to use it`,
    index.at,
  )
  return `CREATE INDEX ${name} ON ${on} USING gin (to_tsvector('simple', ${pgIdent(columns[0])}::text));`
}

function oracleSketch(index: IndexDef): string {
  const kind = index.unique ? 'UNIQUE ' : index.kind === 'bitmap' ? 'BITMAP ' : ''
  const keys = index.keys.map((k) => `${k.column ?? k.expr?.text ?? ''}${k.descending ? ' DESC' : ''}`).join(', ')
  const domain = index.kind === 'domain' ? ` INDEXTYPE IS ${index.indexType ?? ''}` : ''
  return `CREATE ${kind}INDEX ${index.name} ON ${displayName(index.table)} (${keys})${domain}`
}
