import type { Severity } from '../../model/finding.js'
import { addFinding, expectStatementEnd, objectLabel, readQualifiedName, type DdlContext } from '../ddl-reader/ddl-context.js'
import { readSequenceOptions, reportDroppedOptions } from './oracle-ddl-sequence.js'
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
  LOCK: 'table locks last one transaction of the Oracle script',
  EXPLAIN: 'execution plans are Oracle-only',
  AUDIT: 'auditing is configured separately in PostgreSQL (pgaudit)',
  NOAUDIT: 'auditing is configured separately in PostgreSQL (pgaudit)',
  FLASHBACK: 'flashback is Oracle-only',
  ASSOCIATE: 'optimizer statistics types are Oracle-only',
  DISASSOCIATE: 'optimizer statistics types are Oracle-only',
  ADMINISTER: 'keystores (Transparent Data Encryption) are Oracle-only; PostgreSQL encrypts at rest below SQL (file system or storage)',
}

export function isSessionStatement(ctx: DdlContext): boolean {
  const t = ctx.c.current
  return t.kind === 'word' && Object.hasOwn(SESSION_STATEMENTS, t.value)
}

export function readSessionStatement(ctx: DdlContext): void {
  const word = ctx.c.current.value
  if (word === 'FLASHBACK' && ctx.c.isWord('TABLE', 1) && /\bTO\s+BEFORE\s+DROP\b/i.test(ctx.statement.text)) return readFlashbackBeforeDrop(ctx)
  skipRest(ctx.c)
  if (word === 'FLASHBACK' && /^\s*FLASHBACK\s+TABLE\b.*\bTO\s+(?:SCN|TIMESTAMP|RESTORE\s+POINT)\b/is.test(ctx.statement.text)) {
    addFinding(ctx, 'FLASHBACK_TABLE', 'warning', `STATEMENT ${word}`, 'FLASHBACK TABLE … TO SCN/TIMESTAMP/RESTORE POINT rewinds rows to an earlier state; PostgreSQL has no flashback, so the converted data keeps what the statements before it wrote: remove those changes from the script if the rewind matters')
    return
  }
  addFinding(ctx, 'STATEMENT_SKIPPED', 'info', `STATEMENT ${word}`, `${word} skipped: ${SESSION_STATEMENTS[word]}`)
}

/**
 * FLASHBACK TABLE t TO BEFORE DROP [RENAME TO n]: the table the script dropped (without PURGE)
 * comes back into the model with its indexes and triggers, as Oracle restores them; foreign keys
 * of other tables that referenced it stay dropped, as in Oracle.
 */
function readFlashbackBeforeDrop(ctx: DdlContext): void {
  const { c, catalog } = ctx
  c.expectWord('FLASHBACK')
  c.expectWord('TABLE')
  const name = readQualifiedName(ctx, 'table name')
  c.expectWord('TO')
  c.expectWord('BEFORE')
  c.expectWord('DROP')
  const renamed = c.acceptWords('RENAME', 'TO') ? c.identifier('new table name') : undefined
  expectStatementEnd(c)
  const at = catalog.recycleBin.findLastIndex((d) => d.table.name === name.name && (name.schema === undefined || d.table.schema === undefined || d.table.schema === name.schema))
  const label = objectLabel('TABLE', name)
  if (at < 0 || catalog.tables.find({ schema: name.schema, name: renamed ?? name.name })) {
    addFinding(ctx, 'FLASHBACK_BEFORE_DROP', 'warning', label, at < 0 ? `FLASHBACK TABLE … TO BEFORE DROP restores ${name.name}, which the scripts read did not drop (or dropped with PURGE): nothing to restore, so the converted schema may lack it` : `FLASHBACK TABLE … TO BEFORE DROP: a table named ${renamed ?? name.name} exists again, so Oracle refuses the restore; not applied`)
    return
  }
  const [dropped] = catalog.recycleBin.splice(at, 1)
  const table = renamed ? { ...dropped!.table, name: renamed } : dropped!.table
  const on = { schema: table.schema, name: table.name }
  catalog.tables.upsert(table)
  for (const index of dropped!.indexes) catalog.indexes.upsert({ ...index, table: on })
  // A trigger's source names its table: under a new name it would fire on nothing.
  const triggers = renamed ? [] : dropped!.triggers
  for (const trigger of triggers) catalog.code.upsert(trigger)
  const lost = renamed && dropped!.triggers.length > 0 ? `; its ${dropped!.triggers.length} triggers are not restored, as their source names the old table: recreate them on ${renamed}` : ''
  addFinding(
    ctx,
    'FLASHBACK_RESTORED',
    lost ? 'warning' : 'info',
    label,
    `FLASHBACK TABLE … TO BEFORE DROP: ${name.name} is converted as it was before its DROP${renamed ? `, named ${renamed}` : ''}, with its ${dropped!.indexes.length} indexes and ${triggers.length} triggers (foreign keys of other tables that referenced it stay dropped, as in Oracle)${lost}`,
  )
}

const LINK_REASON = 'database links become postgres_fdw servers and user mappings, set up by hand'
const JAVA_REASON = 'Java stored code does not run in PostgreSQL; rewrite it in PL/pgSQL or move it to the application'

/** CREATE kinds with no PostgreSQL counterpart: never silently dropped, each with why. */
const ORACLE_ONLY: ReadonlyArray<{ readonly words: readonly string[]; readonly severity: Severity; readonly reason: string }> = [
  { words: ['DIMENSION'], severity: 'warning', reason: 'dimensions are optimizer metadata for query rewrite; PostgreSQL has none, and the tables and data are unaffected' },
  { words: ['CONTEXT'], severity: 'action', reason: 'application contexts (SYS_CONTEXT namespaces) have no PostgreSQL equivalent; use custom settings (set_config/current_setting) in the code that reads them' },
  { words: ['DATABASE', 'LINK'], severity: 'action', reason: LINK_REASON },
  { words: ['PUBLIC', 'DATABASE', 'LINK'], severity: 'action', reason: LINK_REASON },
  { words: ['JAVA', 'SOURCE'], severity: 'action', reason: JAVA_REASON },
  { words: ['JAVA', 'CLASS'], severity: 'action', reason: JAVA_REASON },
  { words: ['JAVA', 'RESOURCE'], severity: 'action', reason: 'Java resources are used by Java stored code, which does not run in PostgreSQL' },
  { words: ['JAVA'], severity: 'action', reason: JAVA_REASON },
  { words: ['LIBRARY'], severity: 'action', reason: 'external C libraries must be rebuilt as PostgreSQL extensions' },
  { words: ['CLUSTER'], severity: 'warning', reason: 'table clusters are physical storage; PostgreSQL has none' },
  { words: ['INDEXTYPE'], severity: 'action', reason: 'user-defined index types have no PostgreSQL equivalent' },
  { words: ['OPERATOR'], severity: 'action', reason: 'user-defined operators must be recreated with CREATE OPERATOR by hand' },
  { words: ['USER'], severity: 'warning', reason: 'users are created by the target administrator (CREATE ROLE … LOGIN)' },
  { words: ['ROLE'], severity: 'warning', reason: 'roles belong to the whole PostgreSQL cluster and are created by its administrator (CREATE ROLE name); the converted GRANTs to and of the role run once it exists (until then each raises a NOTICE)' },
  { words: ['TABLESPACE'], severity: 'info', reason: 'tablespaces are physical storage' },
  { words: ['PROFILE'], severity: 'warning', reason: 'password/resource profiles are Oracle-only' },
  { words: ['OUTLINE'], severity: 'info', reason: 'stored outlines are Oracle plan hints' },
  { words: ['EDITION'], severity: 'warning', reason: 'edition-based redefinition is Oracle-only' },
  // Database administration: the target's administrator sets these up, outside the converted schema.
  { words: ['PLUGGABLE', 'DATABASE'], severity: 'info', reason: 'pluggable databases are Oracle containers; the PostgreSQL database is created by its administrator' },
  { words: ['DATABASE'], severity: 'info', reason: 'the PostgreSQL database is created by its administrator (initdb, CREATE DATABASE)' },
  { words: ['CONTROLFILE'], severity: 'info', reason: 'control files are Oracle storage' },
  { words: ['PFILE'], severity: 'info', reason: 'server parameters live in postgresql.conf (ALTER SYSTEM)' },
  { words: ['SPFILE'], severity: 'info', reason: 'server parameters live in postgresql.conf (ALTER SYSTEM)' },
  { words: ['DISKGROUP'], severity: 'info', reason: 'ASM disk groups are Oracle storage' },
  { words: ['ROLLBACK', 'SEGMENT'], severity: 'info', reason: 'PostgreSQL keeps old row versions in the table (MVCC), not in undo segments' },
  { words: ['RESTORE', 'POINT'], severity: 'info', reason: 'restore points are Oracle backup metadata; PostgreSQL uses pg_create_restore_point() with WAL archiving' },
  { words: ['LOCKDOWN', 'PROFILE'], severity: 'info', reason: 'lockdown profiles restrict Oracle pluggable databases' },
  { words: ['FLASHBACK', 'ARCHIVE'], severity: 'warning', reason: 'flashback data archives keep row history; PostgreSQL needs history tables filled by triggers (or an extension such as temporal_tables)' },
  { words: ['AUDIT', 'POLICY'], severity: 'warning', reason: 'unified auditing is configured separately in PostgreSQL (pgaudit)' },
  { words: ['INMEMORY', 'JOIN', 'GROUP'], severity: 'info', reason: 'In-Memory join groups are Oracle storage hints' },
  { words: ['MATERIALIZED', 'ZONEMAP'], severity: 'info', reason: 'zone maps are Oracle storage metadata; a BRIN index is PostgreSQL\'s nearest' },
  { words: ['LOGICAL', 'PARTITION', 'TRACKING'], severity: 'info', reason: 'logical partition tracking serves Oracle materialized view refresh' },
  // Schema objects PostgreSQL has no counterpart for.
  { words: ['ANALYTIC', 'VIEW'], severity: 'action', reason: 'analytic views (with their attribute dimensions and hierarchies) have no PostgreSQL counterpart; rewrite the queries that use them over the star schema as views' },
  { words: ['ATTRIBUTE', 'DIMENSION'], severity: 'action', reason: 'attribute dimensions serve analytic views, which PostgreSQL does not have; rewrite the queries that use them as views' },
  { words: ['HIERARCHY'], severity: 'action', reason: 'hierarchies serve analytic views, which PostgreSQL does not have; rewrite the queries that use them as views (recursive CTEs for parent-child levels)' },
  { words: ['PROPERTY', 'GRAPH'], severity: 'action', reason: 'SQL property graphs (GRAPH_TABLE) are not in PostgreSQL up to 18; query the vertex and edge tables with joins or recursive CTEs, or use the Apache AGE extension' },
  { words: ['JSON', 'RELATIONAL', 'DUALITY', 'VIEW'], severity: 'action', reason: 'JSON duality views have no PostgreSQL counterpart; a view returning json_build_object rows, with INSTEAD OF triggers for writes, stands in' },
  { words: ['JSON', 'DUALITY', 'VIEW'], severity: 'action', reason: 'JSON duality views have no PostgreSQL counterpart; a view returning json_build_object rows, with INSTEAD OF triggers for writes, stands in' },
  { words: ['MLE', 'MODULE'], severity: 'action', reason: 'JavaScript stored code (MLE) does not run in PostgreSQL without an extension such as plv8; rewrite it in PL/pgSQL' },
  { words: ['MLE', 'ENV'], severity: 'action', reason: 'JavaScript stored code (MLE) does not run in PostgreSQL without an extension such as plv8; rewrite it in PL/pgSQL' },
  { words: ['SEARCH', 'INDEX'], severity: 'action', reason: 'search indexes (Oracle Text, JSON search) have no PostgreSQL counterpart: a GIN index (jsonb_path_ops on a jsonb column, or on a tsvector expression for text) serves the same queries once they are rewritten' },
  { words: ['VECTOR', 'INDEX'], severity: 'action', reason: 'vector indexes need the pgvector extension (an HNSW or IVFFlat index on a vector column)' },
  { words: ['DOMAIN'], severity: 'action', reason: 'godwit does not read Oracle 23ai domains yet; PostgreSQL has CREATE DOMAIN (its CHECK names the value VALUE): create it and type the columns that use it by hand' },
  { words: ['USECASE', 'DOMAIN'], severity: 'action', reason: 'godwit does not read Oracle 23ai domains yet; PostgreSQL has CREATE DOMAIN (its CHECK names the value VALUE): create it and type the columns that use it by hand' },
]

/** After `CREATE [OR REPLACE] …`: is this a kind PostgreSQL has no counterpart for? */
export function isOracleOnlyCreate(ctx: DdlContext): boolean {
  return ORACLE_ONLY.some((o) => ctx.c.isWords(...o.words))
}

/** The Oracle-only kind at the cursor (after CREATE or DROP), with why the converted schema has none. */
export function oracleOnlyKind(ctx: DdlContext): { readonly words: readonly string[]; readonly reason: string } | undefined {
  return ORACLE_ONLY.find((o) => ctx.c.isWords(...o.words))
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
    const dropped: string[] = []
    const options = readSequenceOptions(c, true, dropped)
    expectStatementEnd(c)
    reportDroppedOptions(ctx, name, dropped)
    const changed = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined))
    if (!ctx.catalog.sequences.update(name, (s) => ({ ...s, ...changed }))) {
      addFinding(ctx, 'DDL_UNKNOWN_OBJECT', 'warning', objectLabel('SEQUENCE', name), `ALTER SEQUENCE of ${name.name}, which the scripts read do not define; not applied`)
    }
    return
  }
  if (c.isWords('SESSION', 'SET', 'CURRENT_SCHEMA') && c.isOp('=', 3) && ctx.setDefaultSchema) {
    c.pos += 4
    const schema = c.identifier('schema name')
    expectStatementEnd(c)
    ctx.setDefaultSchema(schema)
    addFinding(ctx, 'CURRENT_SCHEMA', 'info', 'ALTER SESSION', `unqualified names in the statements after this one belong to schema ${schema}`)
    return
  }
  if (c.isWord('INDEX')) {
    const start = c.pos
    c.next()
    const index = readQualifiedName(ctx, 'index name')
    if (c.acceptWords('RENAME', 'TO')) {
      const to = c.identifier('new name')
      expectStatementEnd(c)
      if (!ctx.catalog.indexes.update(index, (i) => ({ ...i, name: to }))) {
        addFinding(ctx, 'DDL_UNKNOWN_OBJECT', 'warning', objectLabel('INDEX', index), `ALTER INDEX … RENAME of ${index.name}, which the scripts read do not define; not applied`)
      }
      return
    }
    c.pos = start
  }
  if (c.isWords('SESSION', 'SET') && /^(?:NLS_(?:DATE_FORMAT|TIMESTAMP(?:_TZ)?_FORMAT|NUMERIC_CHARACTERS|DATE_LANGUAGE|LANGUAGE|TERRITORY|SORT|COMP)|TIME_ZONE)$/.test(c.peek(2).value)) {
    const setting = c.peek(2).value
    const value = c.isOp('=', 3) ? c.peek(4).value.toUpperCase() : ''
    skipRest(c)
    if (/^NLS_(?:DATE_)?LANGUAGE$|^NLS_TERRITORY$/.test(setting) && (value === 'AMERICAN' || value === 'AMERICA')) {
      addFinding(ctx, 'STATEMENT_SKIPPED', 'info', 'ALTER SESSION', `${setting} = ${value} skipped: PostgreSQL's month and day names and number formats are American English too`)
      return
    }
    addFinding(ctx, 'NLS_SESSION_SETTING', 'warning', 'ALTER SESSION', `${setting} is not carried over: in Oracle the statements after it convert dates, numbers and text with this setting (implicit conversions, TO_CHAR/TO_DATE/TO_NUMBER without a format, sorting and comparing); the converted statements run with PostgreSQL's own settings (DateStyle, lc_numeric, lc_collate, TimeZone): check the data statements that rely on it`)
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
