import type { ViewDef } from '../../model/schema.js'
import { displayName, pgIdent, pgQualified } from '../../convert/naming.js'
import { tokenize } from '../../convert/sql/tokenizer.js'
import type { TranslateContext } from '../../convert/translate-context.js'
import { dependencyOrder } from './dependency-order.js'
import { note, objectLabel, quoteLiteral, renderObject, type DdlScope } from './postgres-ddl-scope.js'

/** Views and materialized views (code phase), each after the views its query reads. */
export function renderViews(scope: DdlScope): void {
  const keysByName = new Map<string, string[]>()
  for (const v of scope.model.views) keysByName.set(v.name, [...(keysByName.get(v.name) ?? []), viewKey(v)])
  const ordered = dependencyOrder(scope.model.views, viewKey, (v) => referencedNames(v, keysByName).flatMap((n) => keysByName.get(n) ?? []))
  for (const v of ordered) {
    const label = objectLabel(v.materialized ? 'MATERIALIZED VIEW' : 'VIEW', v)
    if (renderObject(scope, 'code', label, { text: oracleSketch(v), at: v.query.at }, (ctx) => [viewSql(scope, v, ctx)])) {
      renderViewComments(scope, v, label)
    }
  }
}

/**
 * The names of other views a query mentions. A token scan is enough: a false match (a column
 * named like a view) only moves a view later, never breaks the order.
 */
function viewKey(v: ViewDef): string {
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
  const columns = v.columns?.length ? ` (${v.columns.map(pgIdent).join(', ')})` : ''
  const query = scope.translator.query(v.query, ctx).trim().replace(/;$/, '')
  if (v.ofType) note(ctx, 'info', 'OBJECT_VIEW', `object view OF ${displayName(v.ofType)} is created as a plain view`, v.query.at)
  if (v.materialized) {
    note(ctx, 'info', 'MATERIALIZED_VIEW_REFRESH', 'refresh options are not kept: refresh it with REFRESH MATERIALIZED VIEW (e.g. from pg_cron)', v.query.at)
    return `CREATE MATERIALIZED VIEW ${pgQualified(v)}${columns} AS\n${query};`
  }
  if (v.readOnly) note(ctx, 'info', 'READ_ONLY_VIEW', 'WITH READ ONLY is not kept: revoke INSERT/UPDATE/DELETE on the view to keep it read-only', v.query.at)
  return `CREATE VIEW ${pgQualified(v)}${columns} AS\n${query}${v.withCheckOption ? '\nWITH CHECK OPTION' : ''};`
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
