import type { Severity } from '../../model/finding.js'
import { addFinding, expectStatementEnd, objectLabel, readQualifiedName, type DdlContext } from '../ddl-reader/ddl-context.js'
import { readSequenceOptions } from './oracle-ddl-sequence.js'
import { skipRest } from '../ddl-reader/ddl-syntax.js'

/** Statements that act on the session or the transaction, or only read: nothing to convert. */
const SESSION_STATEMENTS: Readonly<Record<string, string>> = {
  COMMIT: 'transaction control is implied by how godwit applies the output',
  ROLLBACK: 'transaction control is implied by how godwit applies the output',
  SAVEPOINT: 'transaction control is implied by how godwit applies the output',
  SET: 'session/transaction setting of the Oracle script',
  PURGE: 'the recycle bin is Oracle-only',
  SELECT: 'a query of the script returns rows but changes nothing',
  WITH: 'a query of the script returns rows but changes nothing',
  TRUNCATE: 'the script truncates a table it created; the converted tables start empty',
  LOCK: 'table locks last one transaction of the Oracle script',
  EXPLAIN: 'execution plans are Oracle-only',
  AUDIT: 'auditing is configured separately in PostgreSQL (pgaudit)',
  NOAUDIT: 'auditing is configured separately in PostgreSQL (pgaudit)',
  FLASHBACK: 'flashback is Oracle-only',
  ASSOCIATE: 'optimizer statistics types are Oracle-only',
  DISASSOCIATE: 'optimizer statistics types are Oracle-only',
}

export function isSessionStatement(ctx: DdlContext): boolean {
  const t = ctx.c.current
  return t.kind === 'word' && Object.hasOwn(SESSION_STATEMENTS, t.value)
}

export function readSessionStatement(ctx: DdlContext): void {
  const word = ctx.c.current.value
  skipRest(ctx.c)
  addFinding(ctx, 'STATEMENT_SKIPPED', 'info', `STATEMENT ${word}`, `${word} skipped: ${SESSION_STATEMENTS[word]}`)
}

const LINK_REASON = 'database links become postgres_fdw servers and user mappings, set up by hand'
const JAVA_REASON = 'Java stored code does not run in PostgreSQL; rewrite it in PL/pgSQL or move it to the application'

/** CREATE kinds with no PostgreSQL counterpart: never silently dropped, each with why. */
const ORACLE_ONLY: ReadonlyArray<{ readonly words: readonly string[]; readonly severity: Severity; readonly reason: string }> = [
  { words: ['DIMENSION'], severity: 'warning', reason: 'dimensions are optimizer metadata for query rewrite; PostgreSQL has none, and the tables and data are unaffected' },
  { words: ['CONTEXT'], severity: 'action', reason: 'application contexts (SYS_CONTEXT namespaces) have no PostgreSQL equivalent; use custom settings (set_config/current_setting) in the code that reads them' },
  { words: ['DATABASE', 'LINK'], severity: 'action', reason: LINK_REASON },
  { words: ['PUBLIC', 'DATABASE', 'LINK'], severity: 'action', reason: LINK_REASON },
  { words: ['DIRECTORY'], severity: 'action', reason: 'directory objects name server paths; file access must be redesigned (COPY, file_fdw, pg_read_file)' },
  { words: ['JAVA', 'SOURCE'], severity: 'action', reason: JAVA_REASON },
  { words: ['JAVA', 'CLASS'], severity: 'action', reason: JAVA_REASON },
  { words: ['JAVA', 'RESOURCE'], severity: 'action', reason: 'Java resources are used by Java stored code, which does not run in PostgreSQL' },
  { words: ['JAVA'], severity: 'action', reason: JAVA_REASON },
  { words: ['LIBRARY'], severity: 'action', reason: 'external C libraries must be rebuilt as PostgreSQL extensions' },
  { words: ['CLUSTER'], severity: 'warning', reason: 'table clusters are physical storage; PostgreSQL has none' },
  { words: ['INDEXTYPE'], severity: 'action', reason: 'user-defined index types have no PostgreSQL equivalent' },
  { words: ['OPERATOR'], severity: 'action', reason: 'user-defined operators must be recreated with CREATE OPERATOR by hand' },
  { words: ['USER'], severity: 'warning', reason: 'users are created by the target administrator (CREATE ROLE … LOGIN)' },
  { words: ['ROLE'], severity: 'warning', reason: 'roles are created by the target administrator' },
  { words: ['TABLESPACE'], severity: 'info', reason: 'tablespaces are physical storage' },
  { words: ['PROFILE'], severity: 'warning', reason: 'password/resource profiles are Oracle-only' },
  { words: ['OUTLINE'], severity: 'info', reason: 'stored outlines are Oracle plan hints' },
  { words: ['EDITION'], severity: 'warning', reason: 'edition-based redefinition is Oracle-only' },
]

/** After `CREATE [OR REPLACE] …`: is this a kind PostgreSQL has no counterpart for? */
export function isOracleOnlyCreate(ctx: DdlContext): boolean {
  return ORACLE_ONLY.some((o) => ctx.c.isWords(...o.words))
}

export function readOracleOnlyCreate(ctx: DdlContext): void {
  const { c } = ctx
  const entry = ORACLE_ONLY.find((o) => c.isWords(...o.words))!
  c.pos += entry.words.length
  const kind = entry.words.filter((w) => w !== 'PUBLIC').join(' ')
  c.acceptWord('NAMED')
  const name = c.isIdentifier() ? c.current.value : ''
  skipRest(c)
  addFinding(ctx, 'ORACLE_ONLY_OBJECT', entry.severity, `${kind} ${name}`.trim(), `CREATE ${kind} ${name} not converted: ${entry.reason}`)
}

/**
 * ALTER of anything but a table or type (after `ALTER`): ALTER SEQUENCE is merged into the
 * sequence; session/system settings, recompiles and trigger/index switches are info findings.
 */
export function readOtherAlter(ctx: DdlContext): void {
  const { c } = ctx
  if (c.acceptWord('SEQUENCE')) {
    const name = readQualifiedName(ctx, 'sequence name')
    c.acceptWord('RESTART')
    const options = readSequenceOptions(c)
    expectStatementEnd(c)
    const changed = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined))
    if (!ctx.catalog.sequences.update(name, (s) => ({ ...s, ...changed }))) {
      addFinding(ctx, 'DDL_UNKNOWN_OBJECT', 'warning', objectLabel('SEQUENCE', name), `ALTER SEQUENCE of ${name.name}, which the scripts read do not define; not applied`)
    }
    return
  }
  const kind = c.current.text.toUpperCase()
  skipRest(c)
  const disabledTrigger = kind === 'TRIGGER' && /\bDISABLE\s*;?\s*$/i.test(ctx.statement.text)
  addFinding(
    ctx,
    disabledTrigger ? 'TRIGGER_DISABLED' : 'STATEMENT_SKIPPED',
    disabledTrigger ? 'warning' : 'info',
    `ALTER ${kind}`,
    disabledTrigger ? 'the script leaves this trigger disabled; the converted trigger is enabled unless disabled by hand (ALTER TABLE … DISABLE TRIGGER)' : `ALTER ${kind} skipped: it changes nothing the converted schema holds`,
  )
}
