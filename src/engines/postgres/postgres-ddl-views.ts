import type { QualifiedName, ViewDef } from '../../model/schema.js'
import { displayName, pgIdent, pgQualified, pgStoredName, quoteLiteral, searchPathFor } from '../../convert/naming.js'
import { tokenize } from '../../convert/sql/tokenizer.js'
import { dependsOnUnconverted, type TranslateContext } from '../../convert/translate-context.js'
import { dependencyOrder } from './dependency-order.js'
import { renderIndex } from './postgres-ddl-indexes.js'
import { note, objectLabel, renderObject, type DdlScope } from './postgres-ddl-scope.js'

/** Views and materialized views (code phase), each after the views its query reads. */
export function renderViews(scope: DdlScope): void {
  const keysByName = new Map<string, string[]>()
  for (const v of scope.model.views) keysByName.set(v.name, [...(keysByName.get(v.name) ?? []), viewKey(v)])
  const ordered = dependencyOrder(scope.model.views, viewKey, (v) => referencedNames(v, keysByName).flatMap((n) => keysByName.get(n) ?? []))
  // A view that reads a view left as an action item cannot be created either: it says which.
  const refused = new Set<string>()
  for (const v of ordered) {
    const label = objectLabel(v.materialized ? 'MATERIALIZED VIEW' : 'VIEW', v)
    const needs = referencedNames(v, keysByName).filter((n) => refused.has(n))
    const render = (ctx: TranslateContext) => {
      if (needs.length) throw dependsOnUnconverted('reads', needs, v.query.at)
      return [viewSql(scope, v, ctx)]
    }
    if (renderObject(scope, 'code', label, { text: oracleSketch(v), at: v.query.at }, render)) {
      renderViewComments(scope, v, label)
      if (v.materialized) renderMaterializedViewIndexes(scope, v)
    } else refused.add(v.name)
  }
}

/**
 * The names of other views a query mentions. A token scan is enough: a false match (a column
 * named like a view) only moves a view later, never breaks the order.
 */
function viewKey(v: QualifiedName): string {
  return `${v.schema ?? ''}.${v.name}`
}

function referencedNames(v: ViewDef, views: ReadonlyMap<string, unknown>): string[] {
  const found = new Set<string>()
  for (const t of tokenize(v.query.text, v.query.at)) {
    if ((t.kind === 'word' || t.kind === 'qident') && t.value !== v.name && views.has(t.value)) found.add(t.value)
  }
  return [...found]
}

function viewSql(scope: DdlScope, v: ViewDef, ctx: TranslateContext): string {
  const names = v.columns?.length ? v.columns : objectViewColumns(scope, v)
  const columns = names.length ? ` (${names.map(pgIdent).join(', ')})` : ''
  const query = scope.translator.query(v.query, ctx).trim().replace(/;$/, '')
  if (v.ofType) note(ctx, 'info', 'OBJECT_VIEW', `object view OF ${displayName(v.ofType)} is created as a plain view`, v.query.at)
  if (v.materialized) {
    note(ctx, 'info', 'MATERIALIZED_VIEW_REFRESH', 'refresh options are not kept: refresh it with REFRESH MATERIALIZED VIEW (e.g. from pg_cron)', v.query.at)
    return inViewSchema(v, ctx, `CREATE MATERIALIZED VIEW ${pgQualified(v)}${columns} AS\n${query};`)
  }
  const create = inViewSchema(v, ctx, `CREATE VIEW ${pgQualified(v)}${columns} AS\n${query}${v.withCheckOption ? '\nWITH CHECK OPTION' : ''};`)
  if (!v.readOnly) return create
  // WITH READ ONLY: PostgreSQL's simple views take DML, so an INSTEAD OF trigger refuses it as
  // Oracle does (ORA-42399), for every role including the owner.
  ctx.support.add('read_only_view')
  const trigger = pgIdent(`${v.name}_READ_ONLY`)
  return `${create}\n\nCREATE TRIGGER ${trigger} INSTEAD OF INSERT OR UPDATE OR DELETE ON ${pgQualified(v)} FOR EACH ROW EXECUTE FUNCTION godwit_ora.read_only_view();`
}

/**
 * A view of another schema than the target (CREATE SCHEMA AUTHORIZATION, ALTER SESSION SET
 * CURRENT_SCHEMA, `CREATE VIEW hr.v`) reads the unqualified names of its query in its own schema
 * first, as Oracle does; PostgreSQL binds them when the view is created, so the search_path is
 * set for that statement and put back after it.
 */
function inViewSchema(v: ViewDef, ctx: TranslateContext, create: string): string {
  const schema = v.schema && pgStoredName(v.schema)
  if (!schema || schema === ctx.targetSchema) return create
  return `SET search_path = ${searchPathFor(ctx.targetSchema, schema)};\n${create}\nSET search_path = ${searchPathFor(ctx.targetSchema)};`
}

/**
 * An object view (`OF type`) names its columns after the type's attributes, supertypes' first,
 * whatever its query calls them (OE's oc_inventories selects an unnamed warehouse_typ(…) as
 * WAREHOUSE); the plain view PostgreSQL gets must say so.
 */
function objectViewColumns(scope: DdlScope, v: ViewDef): string[] {
  const find = (q: QualifiedName) => scope.model.types.find((t) => t.name === q.name && (!q.schema || !t.schema || t.schema === q.schema))
  const attributes = (q: QualifiedName | undefined, depth: number): string[] => {
    const t = q && depth < 20 ? find(q) : undefined
    return t ? [...attributes(t.under, depth + 1), ...(t.attributes ?? []).map((a) => a.name)] : []
  }
  return attributes(v.ofType, 0)
}

/** A materialized view's indexes can only be created once it exists, which is in the code phase. */
function renderMaterializedViewIndexes(scope: DdlScope, v: ViewDef): void {
  const isTable = scope.model.tables.some((t) => viewKey(t) === viewKey(v))
  if (isTable) return
  for (const index of scope.model.indexes) if (viewKey(index.table) === viewKey(v)) renderIndex(scope, index, undefined, 'code')
}

function renderViewComments(scope: DdlScope, v: ViewDef, label: string): void {
  const name = pgQualified(v)
  const kind = v.materialized ? 'MATERIALIZED VIEW' : 'VIEW'
  if (v.comment !== undefined) scope.out.push({ phase: 'code', object: label, sql: `COMMENT ON ${kind} ${name} IS ${quoteLiteral(v.comment)};` })
  for (const [column, text] of Object.entries(v.columnComments ?? {})) {
    scope.out.push({ phase: 'code', object: label, sql: `COMMENT ON COLUMN ${name}.${pgIdent(column)} IS ${quoteLiteral(text)};` })
  }
}

function oracleSketch(v: ViewDef): string {
  const columns = v.columns?.length ? ` (${v.columns.join(', ')})` : ''
  return `CREATE ${v.materialized ? 'MATERIALIZED ' : ''}VIEW ${displayName(v)}${columns} AS\n${v.query.text}`
}
