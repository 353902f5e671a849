import type { GrantDef, QualifiedName, SchemaModel } from '../../model/schema.js'
import { displayName, pgIdent, pgQualified, pgStoredName, quoteLiteral } from '../../convert/naming.js'
import { ORACLE_ONLY_OBJECT_PRIVILEGES, unqualifiedPrivilege } from '../../convert/oracle-privileges.js'
import type { TranslateContext } from '../../convert/translate-context.js'
import { NotRenderable, note, renderObject, type DdlScope } from './postgres-ddl-scope.js'

type ObjectKind = 'table' | 'sequence' | 'routine' | 'package' | 'type'

/** PostgreSQL privileges per kind of object, for each Oracle privilege that has one. */
const PRIVILEGES: Readonly<Record<ObjectKind, Readonly<Record<string, readonly string[]>>>> = {
  // Oracle READ is SELECT without SELECT … FOR UPDATE.
  table: { SELECT: ['SELECT'], READ: ['SELECT'], INSERT: ['INSERT'], UPDATE: ['UPDATE'], DELETE: ['DELETE'], REFERENCES: ['REFERENCES'], TRIGGER: ['TRIGGER'], TRUNCATE: ['TRUNCATE'], ALL: ['ALL'] },
  // Oracle's SELECT on a sequence is what NEXTVAL needs: USAGE in PostgreSQL.
  sequence: { SELECT: ['USAGE', 'SELECT'], USAGE: ['USAGE'], ALL: ['ALL'] },
  routine: { EXECUTE: ['EXECUTE'], ALL: ['EXECUTE'] },
  package: { EXECUTE: ['EXECUTE'], ALL: ['EXECUTE'] },
  type: { EXECUTE: ['USAGE'], USAGE: ['USAGE'], ALL: ['USAGE'] },
}

/** Privileges that may name columns: `UPDATE (salary)`. */
const COLUMN_PRIVILEGE = /^(SELECT|INSERT|UPDATE|REFERENCES)\s*\((.*)\)$/is

/** `ON kind object` as the statement writes it: the PostgreSQL kind, or why there is none. */
const ON_KIND: Readonly<Record<string, ObjectKind | string>> = {
  TABLE: 'table',
  VIEW: 'table',
  'MATERIALIZED VIEW': 'table',
  SEQUENCE: 'sequence',
  PROCEDURE: 'routine',
  FUNCTION: 'routine',
  ROUTINE: 'routine',
  PACKAGE: 'package',
  TYPE: 'type',
  DIRECTORY: 'directory objects do not exist in PostgreSQL: file access is redesigned (COPY, file_fdw, pg_read_file)',
  USER: 'privileges on a user (INHERIT PRIVILEGES) govern Oracle invoker-rights code; PostgreSQL has none',
  EDITION: 'PostgreSQL has no editions',
  'MINING MODEL': 'PostgreSQL has no mining models',
  'JAVA SOURCE': 'Java stored code does not run in PostgreSQL',
  'JAVA RESOURCE': 'Java stored code does not run in PostgreSQL',
  'SQL TRANSLATION PROFILE': 'PostgreSQL has no SQL translation profiles',
}

/**
 * Grants and revokes (code phase, last), in script order. The roles may not exist on the target
 * yet, so each statement runs only if its roles do and otherwise raises a NOTICE: the script runs
 * everywhere.
 */
export function renderGrants(scope: DdlScope): void {
  for (const g of scope.model.grants) {
    const label = grantLabel(g)
    renderObject(scope, 'code', label, { text: label, at: g.at }, (ctx) => (g.on ? objectGrantSql(scope.model, g, g.on, ctx) : roleGrantSql(g, ctx)))
  }
}

/** `GRANT SELECT ON HR.T TO OE`, `REVOKE …`: how findings and the kept source name a grant. */
export function grantLabel(g: GrantDef): string {
  return `${verb(g)} ${g.privileges.join(', ')}${g.on ? ` ON ${g.onKind ? `${g.onKind} ` : ''}${displayName(g.on)}` : ''} ${g.revoke ? 'FROM' : 'TO'} ${g.to.join(', ')}`
}

/** System privileges and roles: role grants become memberships; the rest are action items. */
function roleGrantSql(g: GrantDef, ctx: TranslateContext): string[] {
  const roles: string[] = []
  const reasons: string[] = []
  for (const p of g.privileges) {
    const meaning = unqualifiedPrivilege(p)
    if (meaning.kind === 'role') roles.push(p)
    else reasons.push(g.revoke ? `${meaning.reason} (REVOKE: undo that)` : meaning.reason)
  }
  if (roles.length === 0) throw new NotRenderable(reasons.join('; '), 'GRANT_SYSTEM_PRIVILEGE', g.at)
  for (const reason of reasons) note(ctx, 'action', 'GRANT_SYSTEM_PRIVILEGE', reason, g.at)
  const option = g.withGrantOption && !g.revoke ? ' WITH ADMIN OPTION' : ''
  return roles.flatMap((role) => g.to.map((grantee) => guarded([`${verb(g)} ${pgIdent(role)} ${g.revoke ? 'FROM' : 'TO'} ${roleName(grantee)}${option}`], [role, grantee])))
}

function objectGrantSql(model: SchemaModel, g: GrantDef, on: QualifiedName, ctx: TranslateContext): string[] {
  const kind = objectKind(model, on, g.onKind)
  if (!isObjectKind(kind)) throw new NotRenderable(`${g.onKind} ${displayName(on)}: ${kind}`, 'GRANT_ORACLE_ONLY_OBJECT', g.at)
  if (kind === 'table' && !g.onKind && g.privileges.every((p) => p.toUpperCase() === 'EXECUTE') && !model.tables.some((t) => t.name === on.name)) {
    throw new NotRenderable(`EXECUTE on ${displayName(on)}, which the scripts read do not define: it is a routine, package or type, and its PostgreSQL form is not known; grant it by hand (GRANT EXECUTE ON ROUTINE …, or ON ALL ROUTINES IN SCHEMA for a package)`, 'GRANT_ON_CODE', g.at)
  }
  const kept: string[] = []
  const missing: string[] = []
  for (const p of g.privileges) {
    const mapped = mapPrivilege(kind, p)
    if (mapped) kept.push(...mapped)
    else missing.push(`${p.toUpperCase()}: ${ORACLE_ONLY_OBJECT_PRIVILEGES[p.toUpperCase()] ?? `PostgreSQL has no such privilege on a ${kind}`}`)
  }
  const privileges = [...new Set(kept)].join(', ')
  if (g.revoke) {
    // Never granted by the converted schema, so there is nothing to take away.
    for (const m of missing) note(ctx, 'info', 'REVOKE_PRIVILEGE_ABSENT', `${m}; the converted schema never grants it`, g.at)
    if (!privileges) return []
  } else {
    if (!privileges) throw new NotRenderable(`no PostgreSQL privilege matches ${missing.join('; ')}`, 'GRANT_PRIVILEGE_UNSUPPORTED', g.at)
    for (const m of missing) note(ctx, 'action', 'GRANT_PRIVILEGE_DROPPED', `${m}; not granted`, g.at)
  }
  return g.to.map((grantee) => guarded(objectStatements(g, kind, on, privileges, grantee), [grantee]))
}

/** Oracle revokes the grants made with the revoked grant option as well: PostgreSQL's CASCADE. */
function objectStatements(g: GrantDef, kind: ObjectKind, on: QualifiedName, privileges: string, grantee: string): string[] {
  const tail = g.revoke ? ` FROM ${roleName(grantee)} CASCADE` : ` TO ${roleName(grantee)}${g.withGrantOption ? ' WITH GRANT OPTION' : ''}`
  if (kind === 'package') {
    // A package is a schema of functions in the output (src/convert/plsql/package.ts).
    const schema = pgIdent(on.name)
    const statements = [`${verb(g)} USAGE ON SCHEMA ${schema}${tail}`, `${verb(g)} EXECUTE ON ALL ROUTINES IN SCHEMA ${schema}${tail}`]
    return g.revoke ? statements.reverse() : statements
  }
  return [`${verb(g)} ${privileges} ON ${kind.toUpperCase()} ${pgQualified(on)}${tail}`]
}

function objectKind(model: SchemaModel, on: QualifiedName, written: string | undefined): ObjectKind | string {
  if (written) return ON_KIND[written] ?? `PostgreSQL has no ${written.toLowerCase()} objects`
  const same = (o: QualifiedName) => o.name === on.name && (on.schema === undefined || o.schema === on.schema)
  const code = model.code.find(same)
  if (code) return code.kind === 'package' || code.kind === 'package-body' ? 'package' : code.kind === 'type-body' ? 'type' : 'routine'
  if (model.types.some(same)) return 'type'
  if (model.sequences.some(same)) return 'sequence'
  return 'table'
}

function isObjectKind(kind: string): kind is ObjectKind {
  return Object.hasOwn(PRIVILEGES, kind)
}

function mapPrivilege(kind: ObjectKind, privilege: string): readonly string[] | undefined {
  const p = privilege.toUpperCase().replace(/^ALL PRIVILEGES$/, 'ALL')
  const columns = COLUMN_PRIVILEGE.exec(privilege)
  if (columns && kind === 'table') return [`${columns[1]!.toUpperCase()} (${columns[2]!.split(',').map((c) => pgIdent(oracleName(c))).join(', ')})`]
  return PRIVILEGES[kind][p]
}

/** A column as Oracle stores it: quoted names as written, others upper-cased. */
function oracleName(text: string): string {
  const t = text.trim()
  return t.startsWith('"') ? t.slice(1, -1).replace(/""/g, '"') : t.toUpperCase()
}

function verb(g: GrantDef): string {
  return g.revoke ? 'REVOKE' : 'GRANT'
}

function roleName(grantee: string): string {
  return grantee.toUpperCase() === 'PUBLIC' ? 'PUBLIC' : pgIdent(grantee)
}

/** The statements, run only when every role they name exists (PUBLIC always does). */
function guarded(statements: readonly string[], roles: readonly string[]): string {
  const names = [...new Set(roles.filter((r) => r.toUpperCase() !== 'PUBLIC').map(pgStoredName))]
  if (names.length === 0) return statements.map((s) => `${s};`).join('\n')
  const what = statements[0]!.replace(/ (?:TO|FROM) \S+( CASCADE| WITH (?:GRANT|ADMIN) OPTION)?$/, '')
  return [
    'DO $godwit$',
    'BEGIN',
    `  IF ${names.map((n) => `EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${quoteLiteral(n)})`).join(' AND ')} THEN`,
    ...statements.map((s) => `    ${s};`),
    '  ELSE',
    `    RAISE NOTICE 'role ${names.map(() => '%').join(' or ')} does not exist: ${what.replace(/'/g, "''").replace(/%/g, '%%')} skipped', ${names.map(quoteLiteral).join(', ')};`,
    '  END IF;',
    'END',
    '$godwit$;',
  ].join('\n')
}
