import type { Token } from '../sql/token.js'
import { CODE_KINDS, type AssessedKind, type ModelObject } from './assessable-object.js'
import { findPackageVariables } from './package-variables.js'
import { anyWord, op, stringLiteral, word, wordPrefix, words, type TokenPattern } from './token-pattern.js'

/**
 * How godwit handles a construct. `automatic`: the converter rewrites it, a person only checks
 * the result. `review`: rewritten or mapped, but semantics differ enough to need a look and a
 * test. `manual`: no PostgreSQL equivalent; a person redesigns that part.
 */
export type Handling = 'automatic' | 'review' | 'manual'

/**
 * How a construct is found: token patterns over the object's source text (any one matches),
 * a scan of those tokens that needs more than a pattern, or a look at the model's structure
 * (partitioning, column types, index kinds), returning one sample text per occurrence.
 */
export type ConstructDetector =
  | { readonly tokens: readonly TokenPattern[] }
  | { readonly scan: (tokens: readonly Token[], object: ModelObject) => number[] }
  | { readonly model: (object: ModelObject) => readonly string[] }

export interface ConstructRule {
  readonly id: string
  readonly title: string
  /** Object kinds whose text or structure is examined for this construct. */
  readonly appliesTo: readonly AssessedKind[]
  readonly detect: ConstructDetector
  /** Minutes of work per object that uses it (once per object, however often it occurs there). */
  readonly minutes: number
  readonly handling: Handling
  /** Why it costs work: what differs in PostgreSQL, and the usual way through. */
  readonly why: string
}

const CODE: readonly AssessedKind[] = CODE_KINDS
const SQL: readonly AssessedKind[] = ['view', 'materialized-view', ...CODE_KINDS]
const EXPRESSIONS: readonly AssessedKind[] = [...SQL, 'table', 'index']
const DATA_TYPES: readonly AssessedKind[] = ['table', 'type', ...CODE_KINDS]

const call = (name: string): TokenPattern => [word(name), op('(')]
const packageCall = (prefix: string, except?: readonly string[]): TokenPattern => [wordPrefix(prefix, except), op('.')]

function tableOnly(test: (o: Extract<ModelObject, { kind: 'table' }>) => readonly string[]) {
  return (o: ModelObject): readonly string[] => (o.kind === 'table' ? test(o) : [])
}
function indexOnly(test: (o: Extract<ModelObject, { kind: 'index' }>) => boolean) {
  return (o: ModelObject): readonly string[] => (o.kind === 'index' && test(o) ? [o.def.name] : [])
}
function typeOnly(test: (o: Extract<ModelObject, { kind: 'type' }>) => boolean) {
  return (o: ModelObject): readonly string[] => (o.kind === 'type' && test(o) ? [o.def.name] : [])
}

const BIGINT_MAX = 9223372036854775807n
function beyondBigint(value: string | undefined): value is string {
  if (value === undefined || !/^-?\d+$/.test(value)) return false
  const n = BigInt(value)
  return n > BIGINT_MAX || n < -BIGINT_MAX - 1n
}

/**
 * The construct catalogue: what makes an Oracle object cost more than a routine conversion.
 * Weights are minutes of a person's work per object using the construct; docs/assessment.md
 * explains the effort model they feed.
 */
export const CONSTRUCTS: readonly ConstructRule[] = [
  // --- queries (views and code) ---
  {
    id: 'connect-by',
    title: 'CONNECT BY hierarchical query',
    appliesTo: SQL,
    detect: { tokens: [words('CONNECT BY')] },
    minutes: 60,
    handling: 'review',
    why: 'Becomes a recursive CTE (WITH RECURSIVE); LEVEL, ORDER SIBLINGS BY and cycle handling must be rebuilt and checked.',
  },
  {
    id: 'connect-by-functions',
    title: 'SYS_CONNECT_BY_PATH / CONNECT_BY_ROOT / NOCYCLE',
    appliesTo: SQL,
    detect: { tokens: [[word('SYS_CONNECT_BY_PATH')], [word('CONNECT_BY_ROOT')], [word('CONNECT_BY_ISLEAF')], [word('CONNECT_BY_ISCYCLE')], [word('NOCYCLE')]] },
    minutes: 30,
    handling: 'manual',
    why: 'No PostgreSQL counterpart: paths, roots, leaf and cycle flags are carried as extra columns of the recursive CTE by hand.',
  },
  {
    id: 'outer-join-plus',
    title: '(+) outer join',
    appliesTo: SQL,
    detect: { tokens: [[op('(+)')]] },
    minutes: 15,
    handling: 'review',
    why: 'Rewritten as ANSI LEFT/RIGHT JOIN; filters on the optional side move into ON, which is where mistakes hide.',
  },
  {
    id: 'decode',
    title: 'DECODE',
    appliesTo: EXPRESSIONS,
    detect: { tokens: [call('DECODE')] },
    minutes: 2,
    handling: 'automatic',
    why: 'Rewritten as CASE; DECODE treats two NULLs as equal, so the CASE uses IS NOT DISTINCT FROM.',
  },
  {
    id: 'nvl',
    title: 'NVL / NVL2',
    appliesTo: EXPRESSIONS,
    detect: { tokens: [call('NVL'), call('NVL2')] },
    minutes: 1,
    handling: 'automatic',
    why: 'Rewritten as COALESCE / CASE.',
  },
  {
    id: 'sysdate',
    title: 'SYSDATE / SYSTIMESTAMP',
    appliesTo: EXPRESSIONS,
    detect: { tokens: [[word('SYSDATE')], [word('SYSTIMESTAMP')]] },
    minutes: 1,
    handling: 'automatic',
    why: 'Mapped to clock_timestamp()/statement time; Oracle DATE keeps a time part, so comparisons with dates need a look.',
  },
  {
    id: 'rownum',
    title: 'ROWNUM',
    appliesTo: SQL,
    detect: { tokens: [[word('ROWNUM')]] },
    minutes: 15,
    handling: 'review',
    why: 'ROWNUM is numbered before ORDER BY; LIMIT and row_number() are not, so top-N queries must be checked.',
  },
  {
    id: 'rowid',
    title: 'ROWID',
    appliesTo: [...SQL, 'table'],
    detect: { tokens: [[word('ROWID')], [word('UROWID')]] },
    minutes: 30,
    handling: 'manual',
    why: 'PostgreSQL ctid changes on every update and after VACUUM FULL; code that keeps row addresses needs a key instead.',
  },
  {
    id: 'merge',
    title: 'MERGE',
    appliesTo: CODE,
    detect: { tokens: [words('MERGE INTO')] },
    minutes: 30,
    handling: 'review',
    why: 'PostgreSQL 15+ has MERGE (godwit turns DELETE WHERE into a DELETE branch); for PostgreSQL 14 godwit writes data-modifying CTEs, which behave differently under concurrent writes (a warning says how).',
  },
  {
    id: 'sequence-pseudo-columns',
    title: 'sequence.NEXTVAL / CURRVAL',
    appliesTo: EXPRESSIONS,
    detect: { tokens: [[op('.'), word('NEXTVAL')], [op('.'), word('CURRVAL')]] },
    minutes: 1,
    handling: 'automatic',
    why: "Rewritten as nextval('seq') / currval('seq').",
  },
  {
    id: 'pivot',
    title: 'PIVOT / UNPIVOT',
    appliesTo: SQL,
    detect: { tokens: [[word('PIVOT'), op('(')], [word('UNPIVOT'), op('(')], [word('PIVOT'), word('XML')], [word('UNPIVOT'), word('INCLUDE')], [word('UNPIVOT'), word('EXCLUDE')]] },
    minutes: 15,
    handling: 'review',
    why: 'Converted to a grouped subquery (PIVOT) or a LATERAL UNION ALL (UNPIVOT) when the source columns are known; PIVOT XML, IN (ANY | subquery) and SELECT * over UNPIVOT of an unknown table stay manual.',
  },
  {
    id: 'flashback-query',
    title: 'Flashback query (AS OF / VERSIONS BETWEEN)',
    appliesTo: SQL,
    detect: { tokens: [[word('AS'), word('OF'), word('SCN')], [word('AS'), word('OF'), word('TIMESTAMP')], words('VERSIONS BETWEEN')] },
    minutes: 90,
    handling: 'manual',
    why: 'PostgreSQL cannot read past row versions; history tables or temporal design replace it.',
  },
  {
    id: 'keep-dense-rank',
    title: 'KEEP (DENSE_RANK FIRST/LAST)',
    appliesTo: SQL,
    detect: { tokens: [[word('KEEP'), op('('), word('DENSE_RANK')]] },
    minutes: 10,
    handling: 'review',
    why: 'Converted to a scalar subquery over the group\'s arrays of values and keys; KEEP … OVER (…) stays manual.',
  },
  {
    id: 'regexp',
    title: 'REGEXP_* functions',
    appliesTo: EXPRESSIONS,
    detect: { tokens: [[wordPrefix('REGEXP_'), op('(')]] },
    minutes: 10,
    handling: 'review',
    why: 'PostgreSQL has regexp_* functions with different argument orders, flags and match-position rules.',
  },
  {
    id: 'sys-context',
    title: "SYS_CONTEXT / USERENV",
    appliesTo: EXPRESSIONS,
    detect: { tokens: [call('SYS_CONTEXT'), call('USERENV')] },
    minutes: 20,
    handling: 'manual',
    why: 'Session context has no direct counterpart: current_setting() with custom settings, set by the application.',
  },
  {
    id: 'sys-guid',
    title: 'SYS_GUID',
    appliesTo: EXPRESSIONS,
    detect: { tokens: [[word('SYS_GUID')]] },
    minutes: 5,
    handling: 'automatic',
    why: 'Replaced by gen_random_uuid(); the value is a uuid rather than RAW(16), so column types follow.',
  },
  {
    id: 'db-link',
    title: 'Database link (@dblink)',
    appliesTo: SQL,
    detect: { tokens: [[anyWord, op('@'), anyWord]] },
    minutes: 120,
    handling: 'manual',
    why: 'Remote objects need postgres_fdw foreign tables (or dblink), set up per remote database; distributed transactions change.',
  },
  {
    id: 'xml-functions',
    title: 'SQL/XML and XMLTYPE methods',
    appliesTo: SQL,
    detect: {
      tokens: [call('EXTRACTVALUE'), call('EXISTSNODE'), call('XMLSEQUENCE'), call('XMLQUERY'), [word('XMLTABLE'), op('(')], [op('.'), word('GETCLOBVAL')], [op('.'), word('GETSTRINGVAL')], [op('.'), word('EXTRACT'), op('(')]],
    },
    minutes: 45,
    handling: 'manual',
    why: 'Oracle XML functions and XMLTYPE methods map to xpath()/XMLTABLE with different namespaces and result types.',
  },
  {
    id: 'oracle-text',
    title: 'Oracle Text (CONTAINS, CATSEARCH, CTX_*)',
    appliesTo: SQL,
    detect: { tokens: [call('CONTAINS'), call('CATSEARCH'), packageCall('CTX_'), [word('CTXSYS'), op('.')]] },
    minutes: 120,
    handling: 'manual',
    why: 'Full-text search is redesigned with tsvector columns, to_tsquery and GIN indexes; ranking and stemming differ.',
  },
  // --- PL/SQL ---
  {
    id: 'dbms-package',
    title: 'DBMS_* package calls',
    appliesTo: SQL,
    detect: { tokens: [packageCall('DBMS_', ['DBMS_OUTPUT'])] },
    minutes: 45,
    handling: 'manual',
    why: 'Oracle supplied packages (DBMS_LOB, DBMS_SQL, DBMS_SCHEDULER, DBMS_LOCK ...) have no built-in PostgreSQL counterpart; each call is rewritten or backed by an extension.',
  },
  {
    id: 'dbms-output',
    title: 'DBMS_OUTPUT',
    appliesTo: SQL,
    detect: { tokens: [packageCall('DBMS_OUTPUT')] },
    minutes: 2,
    handling: 'automatic',
    why: 'Becomes RAISE NOTICE; the client no longer collects a buffer, so scripts reading the output change.',
  },
  {
    id: 'utl-package',
    title: 'UTL_* package calls',
    appliesTo: SQL,
    detect: { tokens: [packageCall('UTL_')] },
    minutes: 60,
    handling: 'manual',
    why: 'UTL_FILE, UTL_HTTP, UTL_SMTP and friends do I/O from the database; PostgreSQL needs an extension or moving that work to the application.',
  },
  {
    id: 'execute-immediate',
    title: 'EXECUTE IMMEDIATE (dynamic SQL)',
    appliesTo: CODE,
    detect: { tokens: [words('EXECUTE IMMEDIATE'), [word('OPEN'), anyWord, word('FOR'), stringLiteral]] },
    minutes: 30,
    handling: 'manual',
    why: 'The SQL is built at run time in Oracle dialect, so no converter can see it; each statement text is translated by hand (EXECUTE ... USING).',
  },
  {
    id: 'bulk-collect',
    title: 'BULK COLLECT',
    appliesTo: CODE,
    detect: { tokens: [words('BULK COLLECT')] },
    minutes: 20,
    handling: 'review',
    why: 'Becomes array_agg into an array variable or a plain loop; LIMIT batches disappear.',
  },
  {
    id: 'forall',
    title: 'FORALL',
    appliesTo: CODE,
    detect: { tokens: [[word('FORALL')]] },
    minutes: 20,
    handling: 'review',
    why: 'Becomes a set-based statement over unnest(array) or a loop; SAVE EXCEPTIONS / SQL%BULK_ROWCOUNT need rework.',
  },
  {
    id: 'conditional-compilation',
    title: 'Conditional compilation ($IF … $END)',
    appliesTo: CODE,
    detect: { tokens: [[word('$IF')]] },
    minutes: 15,
    handling: 'review',
    why: 'Resolved at conversion as Oracle resolves it at compile time; conditions on DBMS_DB_VERSION or package constants, and PLSQL_CCFLAGS flags, depend on how the source compiled the unit: check the branch kept.',
  },
  {
    id: 'autonomous-transaction',
    title: 'PRAGMA AUTONOMOUS_TRANSACTION',
    appliesTo: CODE,
    detect: { tokens: [[word('PRAGMA'), word('AUTONOMOUS_TRANSACTION')]] },
    minutes: 120,
    handling: 'manual',
    why: 'PostgreSQL functions run inside the caller\'s transaction; independent commits need dblink/pg_background or a redesign (often audit logging).',
  },
  {
    id: 'exception-init',
    title: 'PRAGMA EXCEPTION_INIT',
    appliesTo: CODE,
    detect: { tokens: [[word('PRAGMA'), word('EXCEPTION_INIT')]] },
    minutes: 15,
    handling: 'review',
    why: 'Oracle error numbers map to SQLSTATE codes; each mapping is chosen by hand.',
  },
  {
    id: 'package-variables',
    title: 'Package variables (session state)',
    appliesTo: ['package', 'package-body'],
    detect: { scan: (tokens, object) => findPackageVariables(tokens, object.kind === 'package-body') },
    minutes: 60,
    handling: 'manual',
    why: 'PostgreSQL has no packages: state kept across calls in a session moves to custom settings (set_config) or a temporary table.',
  },
  {
    id: 'rowtype',
    title: '%ROWTYPE',
    appliesTo: CODE,
    detect: { tokens: [[op('%'), word('ROWTYPE')]] },
    minutes: 3,
    handling: 'automatic',
    why: 'PL/pgSQL supports %ROWTYPE; the referenced table must exist under its PostgreSQL name.',
  },
  {
    id: 'cursor-attributes',
    title: 'SQL%ROWCOUNT / cursor%NOTFOUND attributes',
    appliesTo: CODE,
    detect: { tokens: [[op('%'), word('ROWCOUNT')], [op('%'), word('NOTFOUND')], [op('%'), word('FOUND')], [op('%'), word('ISOPEN')]] },
    minutes: 5,
    handling: 'review',
    why: 'Become GET DIAGNOSTICS or the FOUND variable, which is set by fewer statements than in Oracle.',
  },
  {
    id: 'ref-cursor',
    title: 'REF CURSOR / SYS_REFCURSOR',
    appliesTo: CODE,
    detect: { tokens: [words('REF CURSOR'), [word('SYS_REFCURSOR')]] },
    minutes: 20,
    handling: 'review',
    why: 'Become refcursor; callers fetch by portal name inside a transaction, so client code changes too.',
  },
  {
    id: 'plsql-record',
    title: 'PL/SQL RECORD types and SUBTYPEs',
    appliesTo: CODE,
    detect: { tokens: [words('IS RECORD'), [word('SUBTYPE')]] },
    minutes: 2,
    handling: 'automatic',
    why: 'Records become composite types created before the unit, subtypes their base type; NOT NULL record fields and subtype RANGEs are not enforced (warnings).',
  },
  {
    id: 'plsql-collection',
    title: 'PL/SQL collections (TABLE OF, VARRAY, INDEX BY)',
    appliesTo: CODE,
    detect: { tokens: [words('IS TABLE OF'), words('IS VARRAY'), words('IS VARYING ARRAY'), words('INDEX BY')] },
    minutes: 30,
    handling: 'manual',
    why: 'Become arrays (dense) or jsonb/hstore (associative arrays); collection methods (.COUNT, .EXTEND, .DELETE) are rewritten.',
  },
  {
    id: 'pipelined-function',
    title: 'PIPELINED table function',
    appliesTo: CODE,
    detect: { tokens: [[word('PIPELINED')], words('PIPE ROW')] },
    minutes: 10,
    handling: 'automatic',
    why: 'Converted to RETURNS SETOF type / RETURNS TABLE (column_value …) with RETURN NEXT, and callers\' TABLE(f(…)) to FROM f(…); PostgreSQL computes all the rows before the caller reads one, so a function that relies on the caller stopping early (NO_DATA_NEEDED) needs a look.',
  },
  {
    id: 'polymorphic-table-function',
    title: 'Polymorphic or interface table function (PIPELINED … POLYMORPHIC / USING)',
    appliesTo: CODE,
    detect: { tokens: [[word('PIPELINED'), word('USING')], [word('PIPELINED'), anyWord, word('POLYMORPHIC')]] },
    minutes: 120,
    handling: 'manual',
    why: 'PostgreSQL has neither polymorphic table functions (DBMS_TF) nor the ODCITable interface: write a set-returning function per row shape.',
  },
  {
    id: 'compound-trigger',
    title: 'COMPOUND TRIGGER',
    appliesTo: ['trigger'],
    detect: { tokens: [words('COMPOUND TRIGGER')] },
    minutes: 90,
    handling: 'manual',
    why: 'Split into statement- and row-level PostgreSQL triggers with transition tables to share state.',
  },
  {
    id: 'instead-of-trigger',
    title: 'INSTEAD OF trigger',
    appliesTo: ['trigger'],
    detect: { tokens: [words('INSTEAD OF')] },
    minutes: 20,
    handling: 'review',
    why: 'PostgreSQL supports INSTEAD OF row triggers on views only; the trigger function is written separately.',
  },
  {
    id: 'goto',
    title: 'GOTO',
    appliesTo: CODE,
    detect: { tokens: [[word('GOTO')]] },
    minutes: 30,
    handling: 'manual',
    why: 'PL/pgSQL has no GOTO; the control flow is restructured with loops and EXIT/CONTINUE.',
  },
  // --- data types (columns, type attributes, variables) ---
  {
    id: 'xmltype',
    title: 'XMLTYPE',
    appliesTo: DATA_TYPES,
    detect: { tokens: [[word('XMLTYPE')]] },
    minutes: 30,
    handling: 'review',
    why: 'Maps to xml; XML schemas, storage options and XMLTYPE methods do not carry over.',
  },
  {
    id: 'bfile',
    title: 'BFILE',
    appliesTo: DATA_TYPES,
    detect: { tokens: [[word('BFILE')]] },
    minutes: 120,
    handling: 'manual',
    why: 'A pointer to a file on the database server; PostgreSQL keeps either the path as text or the content as bytea, and the files move separately.',
  },
  {
    id: 'lob',
    title: 'LOB columns (CLOB, NCLOB, BLOB)',
    appliesTo: ['table', 'type'],
    detect: { tokens: [[word('CLOB')], [word('NCLOB')], [word('BLOB')]] },
    minutes: 10,
    handling: 'automatic',
    why: 'Map to text/bytea (1 GB limit); DBMS_LOB piecewise access and LOB storage clauses do not carry over.',
  },
  {
    id: 'long',
    title: 'LONG / LONG RAW',
    appliesTo: ['table', 'type'],
    detect: { tokens: [[word('LONG')]] },
    minutes: 10,
    handling: 'automatic',
    why: 'Deprecated types mapped to text/bytea; their restrictions (one per table, no functions) vanish, code around them is often obsolete.',
  },
  {
    id: 'spatial',
    title: 'SDO_GEOMETRY (Oracle Spatial)',
    appliesTo: DATA_TYPES,
    detect: { tokens: [[word('SDO_GEOMETRY')], packageCall('SDO_')] },
    minutes: 120,
    handling: 'manual',
    why: 'Needs PostGIS: geometry columns, SRIDs and spatial functions are mapped one by one.',
  },
  // --- tables (structure) ---
  {
    id: 'partitioned-table',
    title: 'Partitioned table',
    appliesTo: ['table'],
    detect: { model: tableOnly((t) => (t.def.partitioning ? [t.def.partitioning.method] : [])) },
    minutes: 30,
    handling: 'review',
    why: 'Becomes declarative partitioning; primary and unique keys must include the partition key, and partition maintenance scripts change.',
  },
  {
    id: 'interval-partitioning',
    title: 'Interval partitioning',
    appliesTo: ['table'],
    detect: { model: tableOnly((t) => (t.def.partitioning?.interval ? [t.def.partitioning.interval] : [])) },
    minutes: 60,
    handling: 'manual',
    why: 'PostgreSQL does not create partitions on demand: pre-create them or schedule pg_partman.',
  },
  {
    id: 'reference-partitioning',
    title: 'REFERENCE / SYSTEM partitioning',
    appliesTo: ['table'],
    detect: { model: tableOnly((t) => (t.def.partitioning && ['reference', 'system'].includes(t.def.partitioning.method) ? [t.def.partitioning.method] : [])) },
    minutes: 120,
    handling: 'manual',
    why: 'No PostgreSQL equivalent: the partition key is copied into the child table or the table is left unpartitioned.',
  },
  {
    id: 'subpartitioning',
    title: 'Composite partitioning (subpartitions)',
    appliesTo: ['table'],
    detect: { model: tableOnly((t) => (t.def.partitioning?.subpartitioning ? [t.def.partitioning.subpartitioning.method] : [])) },
    minutes: 30,
    handling: 'review',
    why: 'Becomes multi-level partitioning: each partition is itself partitioned, which multiplies the DDL to check.',
  },
  {
    id: 'global-temporary-table',
    title: 'Global temporary table',
    appliesTo: ['table'],
    detect: { model: tableOnly((t) => (t.def.temporary ? [`ON COMMIT ${t.def.temporary.onCommit.toUpperCase()} ROWS`] : [])) },
    minutes: 45,
    handling: 'review',
    why: 'PostgreSQL temporary tables exist per session and must be created by each session before use (or emulated with an unlogged table keyed by session).',
  },
  {
    id: 'object-table',
    title: 'Object table (CREATE TABLE ... OF type)',
    appliesTo: ['table'],
    detect: { model: tableOnly((t) => (t.def.ofType ? [t.def.ofType.name] : [])) },
    minutes: 90,
    handling: 'manual',
    why: 'Typed tables exist in PostgreSQL but object identifiers, REFs and methods do not.',
  },
  {
    id: 'object-column',
    title: 'Columns of user-defined type',
    appliesTo: ['table'],
    detect: { model: tableOnly((t) => t.def.columns.filter((c) => c.type.kind === 'user-defined').map((c) => c.name)) },
    minutes: 45,
    handling: 'manual',
    why: 'Object, VARRAY and nested-table columns become composite types, arrays or child tables; loading and queries that reach into them change.',
  },
  {
    id: 'unsupported-type',
    title: 'Columns of a type with no mapping',
    appliesTo: ['table'],
    detect: { model: tableOnly((t) => t.def.columns.filter((c) => c.type.kind === 'unsupported').map((c) => `${c.name} ${c.nativeType.text}`)) },
    minutes: 60,
    handling: 'manual',
    why: 'godwit has no PostgreSQL type for it; choose one with a type override and decide how values are converted.',
  },
  {
    id: 'virtual-column',
    title: 'Virtual column',
    appliesTo: ['table'],
    detect: { model: tableOnly((t) => t.def.columns.filter((c) => c.virtualExpr).map((c) => c.name)) },
    minutes: 10,
    handling: 'automatic',
    why: 'Becomes GENERATED ALWAYS AS (...) STORED: computed on write, not on read, and the expression must be immutable.',
  },
  {
    id: 'index-organized-table',
    title: 'Index-organized table',
    appliesTo: ['table'],
    detect: { model: tableOnly((t) => (t.def.organization === 'index' ? ['ORGANIZATION INDEX'] : [])) },
    minutes: 15,
    handling: 'review',
    why: 'Becomes a heap table with a primary key; CLUSTER orders it once but does not keep it ordered.',
  },
  {
    id: 'external-table',
    title: 'External table',
    appliesTo: ['table'],
    detect: { model: tableOnly((t) => (t.def.organization === 'external' ? ['ORGANIZATION EXTERNAL'] : [])) },
    minutes: 90,
    handling: 'manual',
    why: 'An ORACLE_LOADER table over one delimited file becomes a file_fdw foreign table (the file must be on the database server; file_fdw needs a superuser); any other becomes a regular table filled by a COPY job written by hand.',
  },
  // --- indexes ---
  {
    id: 'bitmap-index',
    title: 'Bitmap index',
    appliesTo: ['index'],
    detect: { model: indexOnly((i) => i.def.kind === 'bitmap') },
    minutes: 10,
    handling: 'review',
    why: 'PostgreSQL builds bitmaps at query time; a B-tree (or BRIN/GIN) index is chosen by the query pattern.',
  },
  {
    id: 'domain-index',
    title: 'Domain index (Oracle Text, Spatial)',
    appliesTo: ['index'],
    detect: { model: indexOnly((i) => i.def.kind === 'domain') },
    minutes: 120,
    handling: 'manual',
    why: 'Domain indexes (CTXSYS.CONTEXT, MDSYS.SPATIAL_INDEX) become GIN full-text or PostGIS GiST indexes, designed with the queries that use them.',
  },
  {
    id: 'function-based-index',
    title: 'Function-based index',
    appliesTo: ['index'],
    detect: { model: indexOnly((i) => i.def.keys.some((k) => k.expr !== undefined)) },
    minutes: 10,
    handling: 'review',
    why: 'The expression is translated and must be IMMUTABLE in PostgreSQL; queries must use the same translated expression to hit it.',
  },
  {
    id: 'reverse-key-index',
    title: 'Reverse key index',
    appliesTo: ['index'],
    detect: { model: indexOnly((i) => i.def.kind === 'reverse') },
    minutes: 5,
    handling: 'review',
    why: 'No reverse key indexes; a plain B-tree (or hash) index is used instead.',
  },
  {
    id: 'global-partitioned-index',
    title: 'Global index on a partitioned table',
    appliesTo: ['index'],
    detect: { model: indexOnly((i) => i.def.partitioned === 'global') },
    minutes: 30,
    handling: 'review',
    why: 'PostgreSQL indexes on partitioned tables are always local; unique global indexes must include the partition key.',
  },
  // --- views, types, sequences, synonyms ---
  {
    id: 'materialized-view-refresh',
    title: 'Materialized view refresh',
    appliesTo: ['materialized-view'],
    detect: { model: (o) => (o.kind === 'materialized-view' ? [o.def.name] : []) },
    minutes: 45,
    handling: 'review',
    why: 'PostgreSQL refreshes materialized views only on REFRESH MATERIALIZED VIEW: FAST and ON COMMIT refresh need a schedule or triggers.',
  },
  {
    id: 'object-view',
    title: 'Object view (OF type)',
    appliesTo: ['view', 'materialized-view'],
    detect: { model: (o) => ((o.kind === 'view' || o.kind === 'materialized-view') && o.def.ofType ? [o.def.ofType.name] : []) },
    minutes: 60,
    handling: 'manual',
    why: 'Object identifiers and REFs of object views have no PostgreSQL meaning; the view is redesigned as a plain view.',
  },
  {
    id: 'object-type',
    title: 'Object type',
    appliesTo: ['type'],
    detect: { model: typeOnly((t) => t.def.kind === 'object') },
    minutes: 30,
    handling: 'review',
    why: 'Becomes a composite type; constructors, NULL objects and attribute access in SQL behave differently.',
  },
  {
    id: 'type-methods',
    title: 'Type methods (MEMBER / STATIC / MAP / ORDER)',
    appliesTo: ['type', 'type-body'],
    detect: { tokens: [[word('MEMBER'), word('FUNCTION')], [word('MEMBER'), word('PROCEDURE')], [word('STATIC'), word('FUNCTION')], [word('MAP'), word('MEMBER')], [word('ORDER'), word('MEMBER')]] },
    minutes: 60,
    handling: 'manual',
    why: 'Composite types have no methods: each becomes a function taking the value, and MAP/ORDER methods become operators or sort keys.',
  },
  {
    id: 'type-inheritance',
    title: 'Type inheritance (UNDER, NOT FINAL)',
    appliesTo: ['type'],
    detect: { model: typeOnly((t) => t.def.under !== undefined || t.def.final === false) },
    minutes: 90,
    handling: 'manual',
    why: 'Composite types cannot inherit; substitutable columns are flattened or split into tables.',
  },
  {
    id: 'varray-type',
    title: 'VARRAY type',
    appliesTo: ['type'],
    detect: { model: typeOnly((t) => t.def.kind === 'varray') },
    minutes: 20,
    handling: 'review',
    why: 'Becomes an array of the element type; the size limit is a CHECK on array_length if it matters.',
  },
  {
    id: 'nested-table-type',
    title: 'Nested table type',
    appliesTo: ['type'],
    detect: { model: typeOnly((t) => t.def.kind === 'nested-table') },
    minutes: 30,
    handling: 'review',
    why: 'Becomes an array, or a child table when the rows are queried on their own (TABLE(...) unnesting).',
  },
  {
    id: 'sequence-beyond-bigint',
    title: 'Sequence bound beyond bigint',
    appliesTo: ['sequence'],
    detect: {
      model: (o) => (o.kind === 'sequence' ? [o.def.start, o.def.min, o.def.max].filter(beyondBigint) : []),
    },
    minutes: 10,
    handling: 'review',
    why: 'PostgreSQL sequences are bigint; Oracle bounds up to 10^28 are clamped, which matters only if values get that large.',
  },
  {
    id: 'synonym',
    title: 'Synonym',
    appliesTo: ['synonym'],
    detect: { model: (o) => (o.kind === 'synonym' ? [o.def.public ? 'PUBLIC' : 'private'] : []) },
    minutes: 5,
    handling: 'review',
    why: 'PostgreSQL has no synonyms: search_path, a view or a wrapper function takes its place.',
  },
  {
    id: 'synonym-db-link',
    title: 'Synonym for a remote object',
    appliesTo: ['synonym'],
    detect: { model: (o) => (o.kind === 'synonym' && o.def.dbLink ? [o.def.dbLink] : []) },
    minutes: 120,
    handling: 'manual',
    why: 'The remote object needs a postgres_fdw foreign table (or dblink) on the target.',
  },
]
