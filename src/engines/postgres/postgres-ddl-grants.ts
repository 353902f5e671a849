import type { GrantDef, QualifiedName, SchemaModel } from '../../model/schema.js'
import { displayName, pgIdent, pgQualified, pgStoredName } from '../../convert/naming.js'
import type { TranslateContext } from '../../convert/translate-context.js'
import { NotRenderable, note, quoteLiteral, renderObject, type DdlScope } from './postgres-ddl-scope.js'

/** Object privileges PostgreSQL has under the same name, for tables and views. */
const TABLE_PRIVILEGES = new Set(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'REFERENCES', 'TRIGGER', 'ALL', 'ALL PRIVILEGES'])

/**
 * Grants (code phase, last). The roles may not exist on the target yet, so each grant runs only
 * if its role does and otherwise raises a NOTICE: the script runs everywhere.
 */
export function renderGrants(scope: DdlScope): void {
  for (const g of scope.model.grants) {
    const label = `GRANT ${g.privileges.join(', ')}${g.on ? ` ON ${displayName(g.on)}` : ''} TO ${g.to.join(', ')}`
    renderObject(scope, 'code', label, { text: label, at: g.at }, (ctx) => grantSql(scope.model, g, ctx))
  }
}

function grantSql(model: SchemaModel, g: GrantDef, ctx: TranslateContext): string[] {
  if (!g.on) throw new NotRenderable('system privilege: give the PostgreSQL role the matching attributes or memberships by hand', 'GRANT_SYSTEM_PRIVILEGE', g.at)
  const target = grantTarget(model, g.on, g.privileges, ctx)
  const option = g.withGrantOption ? ' WITH GRANT OPTION' : ''
  return g.to.map((grantee) => {
    if (grantee.toUpperCase() === 'PUBLIC') return `GRANT ${target.privileges} ON ${target.object} TO PUBLIC${option};`
    const role = pgStoredName(grantee)
    return [
      'DO $godwit$',
      'BEGIN',
      `  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${quoteLiteral(role)}) THEN`,
      `    GRANT ${target.privileges} ON ${target.object} TO ${pgIdent(grantee)}${option};`,
      '  ELSE',
      `    RAISE NOTICE 'role % does not exist: GRANT ${target.privileges.replace(/'/g, "''")} ON ${target.object.replace(/'/g, "''")} skipped', ${quoteLiteral(role)};`,
      '  END IF;',
      'END',
      '$godwit$;',
    ].join('\n')
  })
}

/** `ON TABLE t` or `ON SEQUENCE s` with the privileges PostgreSQL has for it. */
function grantTarget(model: SchemaModel, on: QualifiedName, privileges: readonly string[], ctx: TranslateContext): { object: string; privileges: string } {
  const same = (o: QualifiedName) => o.name === on.name && (on.schema === undefined || o.schema === on.schema)
  if (model.code.some(same)) {
    throw new NotRenderable(`${privileges.join(', ')} on a routine or package: grant EXECUTE on the translated functions by signature`, 'GRANT_ON_CODE')
  }
  const upper = privileges.map((p) => p.toUpperCase())
  if (model.sequences.some(same)) {
    // Oracle's SELECT on a sequence is what NEXTVAL needs: USAGE in PostgreSQL.
    const kept = [...new Set(upper.flatMap((p) => (p === 'SELECT' ? ['USAGE', 'SELECT'] : p === 'ALL' || p === 'ALL PRIVILEGES' ? ['ALL'] : [])))]
    return { object: `SEQUENCE ${pgQualified(on)}`, privileges: keepOrRefuse(kept, upper, ctx) }
  }
  // Oracle READ is SELECT without SELECT … FOR UPDATE.
  const kept = [...new Set(upper.map((p) => (p === 'READ' ? 'SELECT' : p)).filter((p) => TABLE_PRIVILEGES.has(p)))]
  return { object: `TABLE ${pgQualified(on)}`, privileges: keepOrRefuse(kept, upper, ctx) }
}

function keepOrRefuse(kept: readonly string[], asked: readonly string[], ctx: TranslateContext): string {
  if (kept.length === 0) throw new NotRenderable(`no PostgreSQL privilege matches ${asked.join(', ')}`, 'GRANT_PRIVILEGE_UNSUPPORTED')
  const dropped = asked.filter((p) => !kept.includes(p) && p !== 'READ' && !(p === 'SELECT' && kept.includes('USAGE')))
  if (dropped.length > 0) note(ctx, 'info', 'GRANT_PRIVILEGE_DROPPED', `${dropped.join(', ')} has no PostgreSQL counterpart and is not granted`)
  return kept.join(', ')
}
