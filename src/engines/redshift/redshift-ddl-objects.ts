import type { GrantDef, SchemaModel, ViewDef } from '../../model/schema.js'
import { pgIdent, pgQualified } from '../../convert/naming.js'
import { NotRenderable, note, objectLabel, renderObject, type DdlScope } from '../postgres/postgres-ddl-scope.js'
import { grantLabel } from '../postgres/postgres-ddl-grants.js'

/** Redshift has no user-defined types: each is an action item (columns of such a type are too). */
export function renderRedshiftTypes(scope: DdlScope): void {
  for (const t of scope.model.types) {
    if (t.kind === 'forward') continue
    renderObject(scope, 'pre-data', objectLabel('TYPE', t), t.source, () => {
      throw new NotRenderable('Amazon Redshift has no user-defined types: keep such values as columns of their own, or as SUPER (JSON)', 'REDSHIFT_NO_TYPES', t.source.at)
    })
  }
}

/**
 * Views as PostgreSQL's renderer writes them, from a model lowered to what Redshift has:
 * Redshift views take no DML (so READ ONLY and CHECK OPTION have nothing to guard), a
 * materialized view takes no column list (one with names becomes a plain view), and its
 * indexes do not exist. Each lowering is a finding on the view.
 */
export function viewsForRedshift(scope: DdlScope): SchemaModel {
  const views = scope.model.views.map((v) => lowerView(scope, v))
  return { ...scope.model, views, indexes: [] }
}

function lowerView(scope: DdlScope, v: ViewDef): ViewDef {
  const label = objectLabel(v.materialized ? 'MATERIALIZED VIEW' : 'VIEW', v)
  const ctx = scope.context(label)
  if (v.readOnly || v.withCheckOption) {
    note(ctx, 'info', 'REDSHIFT_VIEW_NO_DML', `${v.readOnly ? 'WITH READ ONLY' : 'WITH CHECK OPTION'} is not written: Redshift views take no INSERT, UPDATE or DELETE`, v.query.at)
  }
  const namedMaterialized = v.materialized && (v.columns?.length ?? 0) > 0
  if (namedMaterialized) {
    note(ctx, 'warning', 'REDSHIFT_MATERIALIZED_VIEW_COLUMNS', 'materialized view with a column list becomes a plain view: Redshift materialized views take their column names from the query; alias the query\'s columns and make it materialized again', v.query.at)
  }
  return { ...v, readOnly: false, withCheckOption: false, materialized: v.materialized && !namedMaterialized }
}

const TABLE_PRIVILEGES = new Set(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'REFERENCES', 'ALL'])

/**
 * Grants (code phase, last) on tables and views, as plain GRANT statements: Redshift has no DO
 * blocks to skip a missing grantee, so the users and roles must exist before the file runs.
 */
export function renderRedshiftGrants(scope: DdlScope): void {
  for (const g of scope.model.grants) {
    const label = grantLabel(g)
    renderObject(scope, 'code', label, { text: label, at: g.at }, (ctx) => {
      const sql = grantSql(scope.model, g)
      note(ctx, 'info', 'REDSHIFT_GRANTEE_MUST_EXIST', `create the users or roles (${g.to.join(', ')}) before running this grant; a role takes GRANT … TO ROLE`)
      return sql
    })
  }
}

function grantSql(model: SchemaModel, g: GrantDef): string[] {
  if (!g.on) throw new NotRenderable('system privilege: give the Redshift user or role the matching privileges by hand', 'GRANT_SYSTEM_PRIVILEGE', g.at)
  const on = g.on
  if (g.onKind && !['TABLE', 'VIEW', 'MATERIALIZED VIEW'].includes(g.onKind)) throw new NotRenderable(`${g.onKind} ${on.name}: grant on the Redshift object that replaces it by hand`, 'GRANT_ON_CODE', g.at)
  const same = (o: { schema?: string; name: string }) => o.name === on.name && (on.schema === undefined || o.schema === on.schema)
  if (model.code.some(same) || model.sequences.some(same)) {
    throw new NotRenderable(`${g.privileges.join(', ')} on a routine or sequence: grant EXECUTE on the stored procedures that replace it`, 'GRANT_ON_CODE', g.at)
  }
  const privileges = [...new Set(g.privileges.map((p) => p.toUpperCase().replace(/^READ$/, 'SELECT').replace(/^ALL PRIVILEGES$/, 'ALL')).filter((p) => TABLE_PRIVILEGES.has(p)))]
  if (privileges.length === 0) throw new NotRenderable(`no Redshift privilege matches ${g.privileges.join(', ')}`, 'GRANT_PRIVILEGE_UNSUPPORTED', g.at)
  const option = g.withGrantOption && !g.revoke ? ' WITH GRANT OPTION' : ''
  const grantee = (name: string) => (name.toUpperCase() === 'PUBLIC' ? 'PUBLIC' : pgIdent(name))
  // Redshift's REVOKE has no CASCADE (only RESTRICT).
  if (g.revoke) return g.to.map((name) => `REVOKE ${privileges.join(', ')} ON TABLE ${pgQualified(on)} FROM ${grantee(name)};`)
  return g.to.map((name) => `GRANT ${privileges.join(', ')} ON TABLE ${pgQualified(on)} TO ${grantee(name)}${option};`)
}
