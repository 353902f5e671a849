/**
 * What Oracle privilege names mean, for the renderers of grants: a name without an ON clause is
 * a system privilege, a role Oracle predefines, or a role of the application (Oracle keeps both
 * in one namespace; system privileges are several words or one of the SYS* administrative ones).
 */
export type UnqualifiedPrivilege = { readonly kind: 'role' } | { readonly kind: 'system' | 'oracle-role'; readonly reason: string }

const ADMINISTRATIVE = new Set(['SYSDBA', 'SYSOPER', 'SYSBACKUP', 'SYSDG', 'SYSKM', 'SYSRAC', 'SYSASM'])

/** Oracle's predefined roles with what stands in for them in PostgreSQL. */
const ORACLE_ROLES: Readonly<Record<string, string>> = {
  CONNECT: 'Oracle role CONNECT lets a user log in: give the PostgreSQL role LOGIN (ALTER ROLE … LOGIN)',
  RESOURCE: 'Oracle role RESOURCE lets a user create objects in its schema: GRANT CREATE ON SCHEMA … to the PostgreSQL role',
  DBA: 'Oracle role DBA holds every system privilege: make the PostgreSQL role a superuser, or grant the pg_* predefined roles it needs',
  SELECT_CATALOG_ROLE: 'Oracle role SELECT_CATALOG_ROLE reads the data dictionary: pg_read_all_settings and pg_read_all_stats (or pg_monitor) cover the PostgreSQL catalogs',
  EXECUTE_CATALOG_ROLE: 'Oracle role EXECUTE_CATALOG_ROLE runs the supplied packages, which PostgreSQL does not have',
}
const OTHER_ORACLE_ROLES = new Set([
  'DELETE_CATALOG_ROLE', 'EXP_FULL_DATABASE', 'IMP_FULL_DATABASE', 'DATAPUMP_EXP_FULL_DATABASE', 'DATAPUMP_IMP_FULL_DATABASE', 'AQ_ADMINISTRATOR_ROLE',
  'AQ_USER_ROLE', 'SCHEDULER_ADMIN', 'GATHER_SYSTEM_STATISTICS', 'RECOVERY_CATALOG_OWNER', 'HS_ADMIN_ROLE', 'OEM_MONITOR', 'JAVAUSERPRIV', 'JAVASYSPRIV',
  'JAVADEBUGPRIV', 'CTXAPP', 'XDBADMIN', 'AUDIT_ADMIN', 'AUDIT_VIEWER', 'CDB_DBA', 'PDB_DBA', 'SODA_APP', 'DB_DEVELOPER_ROLE', 'LOGSTDBY_ADMINISTRATOR',
])

/** System privileges that have a PostgreSQL way to the same end, by pattern; the first match wins. */
const SYSTEM_HINTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^CREATE SESSION$/, 'give the PostgreSQL role LOGIN (ALTER ROLE … LOGIN); CONNECT on the database belongs to PUBLIC by default'],
  [/^UNLIMITED TABLESPACE$/, 'PostgreSQL has no space quotas'],
  [/^CREATE (?:TABLE|VIEW|SEQUENCE|PROCEDURE|TRIGGER|TYPE|SYNONYM|MATERIALIZED VIEW)$/, 'creating objects in a schema needs CREATE on that schema in PostgreSQL (GRANT CREATE ON SCHEMA …)'],
  [/^SELECT ANY (?:TABLE|SEQUENCE)$/, 'the predefined role pg_read_all_data (PostgreSQL 14+) reads every table, view and sequence of every schema'],
  [/^(?:INSERT|UPDATE|DELETE) ANY TABLE$/, 'the predefined role pg_write_all_data (PostgreSQL 14+) allows INSERT, UPDATE and DELETE together on every table; otherwise grant on each schema (GRANT … ON ALL TABLES IN SCHEMA …)'],
  [/\bANY\b/, 'no PostgreSQL privilege spans every schema: grant on each schema (GRANT … ON ALL TABLES|SEQUENCES|ROUTINES IN SCHEMA …) or make the role the objects\' owner'],
  [/^(?:ALTER|AUDIT) SYSTEM$|^ALTER DATABASE$|^CREATE (?:USER|ROLE)$|^ALTER (?:USER|ROLE)$|^DROP (?:USER|ROLE)$/, 'give the PostgreSQL role CREATEROLE (users and roles) or superuser (server settings)'],
]

export function unqualifiedPrivilege(privilege: string): UnqualifiedPrivilege {
  const p = privilege.toUpperCase()
  if (ORACLE_ROLES[p]) return { kind: 'oracle-role', reason: ORACLE_ROLES[p] }
  if (OTHER_ORACLE_ROLES.has(p)) return { kind: 'oracle-role', reason: `${p} is a role Oracle predefines for its own features; PostgreSQL has no counterpart` }
  if (ADMINISTRATIVE.has(p)) return { kind: 'system', reason: `${p} is an Oracle administrative privilege: make the PostgreSQL role a superuser or grant the pg_* predefined roles it needs` }
  if (!/\s/.test(privilege) && p !== 'ALL') return { kind: 'role' }
  const hint = SYSTEM_HINTS.find(([re]) => re.test(p))?.[1] ?? 'PostgreSQL has no privilege of that name: give the role the attributes, memberships or object privileges it stands for'
  return { kind: 'system', reason: `system privilege ${p}: ${hint}` }
}

/** Object privileges Oracle has and PostgreSQL does not, with why. */
export const ORACLE_ONLY_OBJECT_PRIVILEGES: Readonly<Record<string, string>> = {
  ALTER: 'in PostgreSQL only the owner (or a member of the owning role) may ALTER an object',
  INDEX: 'in PostgreSQL only the table\'s owner (or a member of the owning role) may create indexes on it',
  DEBUG: 'PostgreSQL has no debugging privilege (pldebugger is used by superusers)',
  FLASHBACK: 'PostgreSQL has no flashback queries',
  'QUERY REWRITE': 'PostgreSQL does not rewrite queries to use materialized views',
  'ON COMMIT REFRESH': 'PostgreSQL materialized views refresh only by REFRESH MATERIALIZED VIEW, run by their owner',
  'MERGE VIEW': 'an optimizer privilege of Oracle\'s view merging; PostgreSQL needs none',
  UNDER: 'PostgreSQL has no type or view hierarchies',
  'KEEP SEQUENCE': 'PostgreSQL has no application continuity',
  'INHERIT PRIVILEGES': 'PostgreSQL functions run with their caller\'s or (SECURITY DEFINER) their owner\'s privileges; there is nothing to inherit',
  'INHERIT REMOTE PRIVILEGES': 'PostgreSQL has no database links',
  'TRANSLATE SQL': 'PostgreSQL has no SQL translation profiles',
}
