/**
 * The SQL godwit runs against Oracle's data dictionary, one function per view, each beside the
 * shape of the rows it returns (column names as Oracle reports them, upper case). The mapping
 * (oracle-catalog-mapping.ts) reads only these row shapes, so it is tested from JSON fixtures
 * without a database.
 *
 * Every query is written once for both dictionary families: `ALL_*` (objects the user can see,
 * needs no extra privilege) and `DBA_*` (every schema, needs SELECT_CATALOG_ROLE); the columns
 * used are the same in both. LONG columns (DATA_DEFAULT, SEARCH_CONDITION, HIGH_VALUE, TEXT,
 * QUERY, COLUMN_EXPRESSION) are fetched as strings by the connection (oracle-connection.ts).
 * Sequence bounds go up to 10^28, beyond a JavaScript number, so they are fetched with TO_CHAR.
 */
export type DictionaryFamily = 'ALL' | 'DBA'

export interface CatalogQuery {
  readonly sql: string
  readonly binds: Readonly<Record<string, string>>
}

type YesNo = 'YES' | 'NO'
type YN = 'Y' | 'N'

export interface TableRow {
  readonly OWNER: string
  readonly TABLE_NAME: string
  readonly TEMPORARY: YN
  /** SYS$SESSION (ON COMMIT PRESERVE ROWS) or SYS$TRANSACTION (ON COMMIT DELETE ROWS). */
  readonly DURATION: string | null
  readonly IOT_TYPE: string | null
  readonly PARTITIONED: YesNo
  readonly NUM_ROWS: number | null
}

export interface ColumnRow {
  readonly OWNER: string
  readonly TABLE_NAME: string
  readonly COLUMN_NAME: string
  /** Null for invisible columns; INTERNAL_COLUMN_ID orders those. */
  readonly COLUMN_ID: number | null
  readonly INTERNAL_COLUMN_ID: number
  readonly DATA_TYPE: string
  readonly DATA_TYPE_MOD: string | null
  readonly DATA_TYPE_OWNER: string | null
  readonly DATA_LENGTH: number
  readonly DATA_PRECISION: number | null
  readonly DATA_SCALE: number | null
  readonly CHAR_LENGTH: number
  readonly CHAR_USED: 'B' | 'C' | null
  readonly NULLABLE: YN
  readonly DATA_DEFAULT: string | null
  readonly DEFAULT_ON_NULL: YesNo | null
  readonly VIRTUAL_COLUMN: YesNo
  readonly HIDDEN_COLUMN: YesNo
  readonly IDENTITY_COLUMN: YesNo
}

export interface IdentityColumnRow {
  readonly OWNER: string
  readonly TABLE_NAME: string
  readonly COLUMN_NAME: string
  readonly GENERATION_TYPE: 'ALWAYS' | 'BY DEFAULT'
  /** `START WITH: 1, INCREMENT BY: 1, MAX_VALUE: …, …` */
  readonly IDENTITY_OPTIONS: string
}

export interface ConstraintRow {
  readonly OWNER: string
  readonly CONSTRAINT_NAME: string
  /** P primary key, U unique, R foreign key, C check (and NOT NULL), V view check option, O view read only. */
  readonly CONSTRAINT_TYPE: string
  readonly TABLE_NAME: string
  readonly SEARCH_CONDITION: string | null
  readonly R_OWNER: string | null
  readonly R_CONSTRAINT_NAME: string | null
  readonly DELETE_RULE: string | null
  readonly STATUS: 'ENABLED' | 'DISABLED'
  readonly DEFERRABLE: string | null
  readonly DEFERRED: string | null
  readonly VALIDATED: string | null
  readonly GENERATED: 'GENERATED NAME' | 'USER NAME'
  readonly INDEX_NAME: string | null
}

export interface ConstraintColumnRow {
  readonly OWNER: string
  readonly CONSTRAINT_NAME: string
  readonly TABLE_NAME: string
  readonly COLUMN_NAME: string
  readonly POSITION: number | null
}

export interface IndexRow {
  readonly OWNER: string
  readonly INDEX_NAME: string
  readonly TABLE_OWNER: string
  readonly TABLE_NAME: string
  /** NORMAL, NORMAL/REV, BITMAP, FUNCTION-BASED NORMAL, FUNCTION-BASED BITMAP, DOMAIN, … */
  readonly INDEX_TYPE: string
  readonly UNIQUENESS: 'UNIQUE' | 'NONUNIQUE'
  readonly PARTITIONED: YesNo
  readonly ITYP_OWNER: string | null
  readonly ITYP_NAME: string | null
}

export interface IndexColumnRow {
  readonly INDEX_OWNER: string
  readonly INDEX_NAME: string
  readonly COLUMN_NAME: string
  readonly COLUMN_POSITION: number
  readonly DESCEND: 'ASC' | 'DESC'
}

export interface IndexExpressionRow {
  readonly INDEX_OWNER: string
  readonly INDEX_NAME: string
  readonly COLUMN_EXPRESSION: string
  readonly COLUMN_POSITION: number
}

export interface PartIndexRow {
  readonly OWNER: string
  readonly INDEX_NAME: string
  readonly LOCALITY: 'LOCAL' | 'GLOBAL'
}

export interface PartTableRow {
  readonly OWNER: string
  readonly TABLE_NAME: string
  readonly PARTITIONING_TYPE: string
  readonly SUBPARTITIONING_TYPE: string
  readonly PARTITION_COUNT: number
  readonly DEF_SUBPARTITION_COUNT: number | null
  readonly INTERVAL: string | null
}

export interface PartKeyColumnRow {
  readonly OWNER: string
  readonly NAME: string
  readonly COLUMN_NAME: string
  readonly COLUMN_POSITION: number
}

export interface TabPartitionRow {
  readonly TABLE_OWNER: string
  readonly TABLE_NAME: string
  readonly PARTITION_NAME: string
  readonly PARTITION_POSITION: number
  readonly HIGH_VALUE: string | null
  /** YES for partitions Oracle made on demand under INTERVAL partitioning. */
  readonly INTERVAL: YesNo
}

export interface SequenceRow {
  readonly SEQUENCE_OWNER: string
  readonly SEQUENCE_NAME: string
  readonly MIN_VALUE: string
  readonly MAX_VALUE: string
  readonly INCREMENT_BY: string
  readonly CYCLE_FLAG: YN
  readonly CACHE_SIZE: number
  /** The next value a new session gets (cached values are lost on restart, as in Oracle). */
  readonly LAST_NUMBER: string
}

export interface ViewRow {
  readonly OWNER: string
  readonly VIEW_NAME: string
  readonly TEXT: string
}

export interface MviewRow {
  readonly OWNER: string
  readonly MVIEW_NAME: string
  readonly QUERY: string
}

export interface TypeRow {
  readonly OWNER: string
  readonly TYPE_NAME: string
  readonly TYPECODE: string
  readonly FINAL: YesNo
  readonly INSTANTIABLE: YesNo
  readonly INCOMPLETE: YesNo
  readonly SUPERTYPE_OWNER: string | null
  readonly SUPERTYPE_NAME: string | null
}

export interface TypeAttributeRow {
  readonly OWNER: string
  readonly TYPE_NAME: string
  readonly ATTR_NAME: string
  readonly ATTR_TYPE_MOD: string | null
  readonly ATTR_TYPE_OWNER: string | null
  readonly ATTR_TYPE_NAME: string
  readonly LENGTH: number | null
  readonly PRECISION: number | null
  readonly SCALE: number | null
  readonly CHAR_USED: 'B' | 'C' | null
  readonly ATTR_NO: number
  readonly INHERITED: YesNo
}

export interface CollectionTypeRow {
  readonly OWNER: string
  readonly TYPE_NAME: string
  readonly COLL_TYPE: 'VARYING ARRAY' | 'TABLE'
  readonly UPPER_BOUND: number | null
  readonly ELEM_TYPE_MOD: string | null
  readonly ELEM_TYPE_OWNER: string | null
  readonly ELEM_TYPE_NAME: string
  readonly LENGTH: number | null
  readonly PRECISION: number | null
  readonly SCALE: number | null
  readonly CHAR_USED: 'B' | 'C' | null
}

export interface SourceRow {
  readonly OWNER: string
  readonly NAME: string
  /** FUNCTION, PROCEDURE, PACKAGE, PACKAGE BODY, TRIGGER, TYPE, TYPE BODY. */
  readonly TYPE: string
  readonly LINE: number
  readonly TEXT: string
}

export interface TriggerRow {
  readonly OWNER: string
  readonly TRIGGER_NAME: string
  readonly TABLE_OWNER: string | null
  readonly TABLE_NAME: string | null
}

export interface SynonymRow {
  readonly OWNER: string
  readonly SYNONYM_NAME: string
  readonly TABLE_OWNER: string | null
  readonly TABLE_NAME: string
  readonly DB_LINK: string | null
}

export interface TableCommentRow {
  readonly OWNER: string
  readonly TABLE_NAME: string
  readonly COMMENTS: string | null
}

export interface ColumnCommentRow {
  readonly OWNER: string
  readonly TABLE_NAME: string
  readonly COLUMN_NAME: string
  readonly COMMENTS: string | null
}

export interface TablePrivilegeRow {
  readonly GRANTEE: string
  readonly TABLE_SCHEMA: string
  readonly TABLE_NAME: string
  readonly PRIVILEGE: string
  readonly GRANTABLE: YesNo
}

/** Every dictionary row set the mapping reads; the introspector fills one from the queries below. */
export interface OracleCatalogRows {
  /** ISO time the catalog was read. */
  readonly capturedAt?: string
  readonly tables: readonly TableRow[]
  readonly columns: readonly ColumnRow[]
  readonly identityColumns: readonly IdentityColumnRow[]
  readonly constraints: readonly ConstraintRow[]
  readonly constraintColumns: readonly ConstraintColumnRow[]
  readonly indexes: readonly IndexRow[]
  readonly indexColumns: readonly IndexColumnRow[]
  readonly indexExpressions: readonly IndexExpressionRow[]
  readonly partIndexes: readonly PartIndexRow[]
  readonly partTables: readonly PartTableRow[]
  readonly partKeyColumns: readonly PartKeyColumnRow[]
  readonly subpartKeyColumns: readonly PartKeyColumnRow[]
  readonly tabPartitions: readonly TabPartitionRow[]
  readonly sequences: readonly SequenceRow[]
  readonly views: readonly ViewRow[]
  readonly mviews: readonly MviewRow[]
  readonly types: readonly TypeRow[]
  readonly typeAttributes: readonly TypeAttributeRow[]
  readonly collectionTypes: readonly CollectionTypeRow[]
  readonly source: readonly SourceRow[]
  readonly triggers: readonly TriggerRow[]
  readonly synonyms: readonly SynonymRow[]
  readonly tableComments: readonly TableCommentRow[]
  readonly columnComments: readonly ColumnCommentRow[]
  readonly tablePrivileges: readonly TablePrivilegeRow[]
}

/** `OWNER IN (:s0, :s1)` with its binds: schema names are always bound, never spliced into SQL. */
function ownerIn(column: string, schemas: readonly string[]): { clause: string; binds: Record<string, string> } {
  const binds: Record<string, string> = {}
  const names = schemas.map((s, i) => {
    binds[`s${i}`] = s
    return `:s${i}`
  })
  return { clause: `${column} IN (${names.join(', ')})`, binds }
}

function query(schemas: readonly string[], ownerColumn: string, build: (ownerClause: string) => string): CatalogQuery {
  const { clause, binds } = ownerIn(ownerColumn, schemas)
  return { sql: build(clause), binds }
}

/**
 * Ordinary tables only: IOT overflow/mapping segments, nested-table storage, secondary (domain
 * index) tables and recycle-bin tables belong to other objects, and are not migrated as tables.
 */
export function tablesQuery(f: DictionaryFamily, schemas: readonly string[]): CatalogQuery {
  return query(schemas, 't.OWNER', (owner) => `
SELECT t.OWNER, t.TABLE_NAME, t.TEMPORARY, t.DURATION, t.IOT_TYPE, t.PARTITIONED, t.NUM_ROWS
  FROM ${f}_TABLES t
 WHERE ${owner}
   AND t.NESTED = 'NO' AND t.SECONDARY = 'N' AND t.DROPPED = 'NO'
   AND (t.IOT_TYPE IS NULL OR t.IOT_TYPE = 'IOT')
 ORDER BY t.OWNER, t.TABLE_NAME`)
}

/** ALL_TAB_COLS, not ALL_TAB_COLUMNS: invisible columns are hidden and only the former lists them. */
export function columnsQuery(f: DictionaryFamily, schemas: readonly string[]): CatalogQuery {
  return query(schemas, 'c.OWNER', (owner) => `
SELECT c.OWNER, c.TABLE_NAME, c.COLUMN_NAME, c.COLUMN_ID, c.INTERNAL_COLUMN_ID, c.DATA_TYPE, c.DATA_TYPE_MOD,
       c.DATA_TYPE_OWNER, c.DATA_LENGTH, c.DATA_PRECISION, c.DATA_SCALE, c.CHAR_LENGTH, c.CHAR_USED, c.NULLABLE,
       c.DATA_DEFAULT, c.DEFAULT_ON_NULL, c.VIRTUAL_COLUMN, c.HIDDEN_COLUMN, c.IDENTITY_COLUMN
  FROM ${f}_TAB_COLS c
 WHERE ${owner} AND c.USER_GENERATED = 'YES'
 ORDER BY c.OWNER, c.TABLE_NAME, c.INTERNAL_COLUMN_ID`)
}

export function identityColumnsQuery(f: DictionaryFamily, schemas: readonly string[]): CatalogQuery {
  return query(schemas, 'OWNER', (owner) => `
SELECT OWNER, TABLE_NAME, COLUMN_NAME, GENERATION_TYPE, IDENTITY_OPTIONS
  FROM ${f}_TAB_IDENTITY_COLS
 WHERE ${owner}`)
}

export function constraintsQuery(f: DictionaryFamily, schemas: readonly string[]): CatalogQuery {
  return query(schemas, 'OWNER', (owner) => `
SELECT OWNER, CONSTRAINT_NAME, CONSTRAINT_TYPE, TABLE_NAME, SEARCH_CONDITION, R_OWNER, R_CONSTRAINT_NAME,
       DELETE_RULE, STATUS, DEFERRABLE, DEFERRED, VALIDATED, GENERATED, INDEX_NAME
  FROM ${f}_CONSTRAINTS
 WHERE ${owner} AND CONSTRAINT_TYPE IN ('P', 'U', 'R', 'C', 'V', 'O')
   AND TABLE_NAME NOT LIKE 'BIN$%'
 ORDER BY OWNER, TABLE_NAME, CONSTRAINT_NAME`)
}

/** Foreign keys may reference another schema's key, so the referenced owners are not filtered here. */
export function constraintColumnsQuery(f: DictionaryFamily, schemas: readonly string[]): CatalogQuery {
  return query(schemas, 'cc.OWNER', (owner) => `
SELECT cc.OWNER, cc.CONSTRAINT_NAME, cc.TABLE_NAME, cc.COLUMN_NAME, cc.POSITION
  FROM ${f}_CONS_COLUMNS cc
 WHERE ${owner}
    OR (cc.OWNER, cc.CONSTRAINT_NAME) IN (
         SELECT r.R_OWNER, r.R_CONSTRAINT_NAME FROM ${f}_CONSTRAINTS r
          WHERE r.CONSTRAINT_TYPE = 'R' AND ${owner.replace('cc.OWNER', 'r.OWNER')})
 ORDER BY cc.OWNER, cc.CONSTRAINT_NAME, cc.POSITION`)
}

/** LOB and IOT-TOP indexes are storage of their table, not indexes anyone created. */
export function indexesQuery(f: DictionaryFamily, schemas: readonly string[]): CatalogQuery {
  return query(schemas, 'i.TABLE_OWNER', (owner) => `
SELECT i.OWNER, i.INDEX_NAME, i.TABLE_OWNER, i.TABLE_NAME, i.INDEX_TYPE, i.UNIQUENESS, i.PARTITIONED,
       i.ITYP_OWNER, i.ITYP_NAME
  FROM ${f}_INDEXES i
 WHERE ${owner} AND i.INDEX_TYPE NOT IN ('LOB', 'IOT - TOP', 'CLUSTER') AND i.TABLE_TYPE = 'TABLE'
   AND i.DROPPED = 'NO'
 ORDER BY i.OWNER, i.INDEX_NAME`)
}

export function indexColumnsQuery(f: DictionaryFamily, schemas: readonly string[]): CatalogQuery {
  return query(schemas, 'TABLE_OWNER', (owner) => `
SELECT INDEX_OWNER, INDEX_NAME, COLUMN_NAME, COLUMN_POSITION, DESCEND
  FROM ${f}_IND_COLUMNS
 WHERE ${owner}
 ORDER BY INDEX_OWNER, INDEX_NAME, COLUMN_POSITION`)
}

export function indexExpressionsQuery(f: DictionaryFamily, schemas: readonly string[]): CatalogQuery {
  return query(schemas, 'TABLE_OWNER', (owner) => `
SELECT INDEX_OWNER, INDEX_NAME, COLUMN_EXPRESSION, COLUMN_POSITION
  FROM ${f}_IND_EXPRESSIONS
 WHERE ${owner}`)
}

export function partIndexesQuery(f: DictionaryFamily, schemas: readonly string[]): CatalogQuery {
  return query(schemas, 'OWNER', (owner) => `SELECT OWNER, INDEX_NAME, LOCALITY FROM ${f}_PART_INDEXES WHERE ${owner}`)
}

export function partTablesQuery(f: DictionaryFamily, schemas: readonly string[]): CatalogQuery {
  return query(schemas, 'OWNER', (owner) => `
SELECT OWNER, TABLE_NAME, PARTITIONING_TYPE, SUBPARTITIONING_TYPE, PARTITION_COUNT, DEF_SUBPARTITION_COUNT, INTERVAL
  FROM ${f}_PART_TABLES
 WHERE ${owner}`)
}

export function partKeyColumnsQuery(f: DictionaryFamily, schemas: readonly string[]): CatalogQuery {
  return keyColumnsQuery(`${f}_PART_KEY_COLUMNS`, schemas)
}

export function subpartKeyColumnsQuery(f: DictionaryFamily, schemas: readonly string[]): CatalogQuery {
  return keyColumnsQuery(`${f}_SUBPART_KEY_COLUMNS`, schemas)
}

function keyColumnsQuery(view: string, schemas: readonly string[]): CatalogQuery {
  return query(schemas, 'OWNER', (owner) => `
SELECT OWNER, NAME, COLUMN_NAME, COLUMN_POSITION
  FROM ${view}
 WHERE ${owner} AND TRIM(OBJECT_TYPE) = 'TABLE'
 ORDER BY OWNER, NAME, COLUMN_POSITION`)
}

export function tabPartitionsQuery(f: DictionaryFamily, schemas: readonly string[]): CatalogQuery {
  return query(schemas, 'TABLE_OWNER', (owner) => `
SELECT TABLE_OWNER, TABLE_NAME, PARTITION_NAME, PARTITION_POSITION, HIGH_VALUE, INTERVAL
  FROM ${f}_TAB_PARTITIONS
 WHERE ${owner}
 ORDER BY TABLE_OWNER, TABLE_NAME, PARTITION_POSITION`)
}

export function sequencesQuery(f: DictionaryFamily, schemas: readonly string[]): CatalogQuery {
  return query(schemas, 'SEQUENCE_OWNER', (owner) => `
SELECT SEQUENCE_OWNER, SEQUENCE_NAME, TO_CHAR(MIN_VALUE) AS MIN_VALUE, TO_CHAR(MAX_VALUE) AS MAX_VALUE,
       TO_CHAR(INCREMENT_BY) AS INCREMENT_BY, CYCLE_FLAG, CACHE_SIZE, TO_CHAR(LAST_NUMBER) AS LAST_NUMBER
  FROM ${f}_SEQUENCES
 WHERE ${owner}
   AND SEQUENCE_NAME NOT LIKE 'ISEQ$$%'
 ORDER BY SEQUENCE_OWNER, SEQUENCE_NAME`)
}

export function viewsQuery(f: DictionaryFamily, schemas: readonly string[]): CatalogQuery {
  return query(schemas, 'OWNER', (owner) => `SELECT OWNER, VIEW_NAME, TEXT FROM ${f}_VIEWS WHERE ${owner} ORDER BY OWNER, VIEW_NAME`)
}

export function mviewsQuery(f: DictionaryFamily, schemas: readonly string[]): CatalogQuery {
  return query(schemas, 'OWNER', (owner) => `SELECT OWNER, MVIEW_NAME, QUERY FROM ${f}_MVIEWS WHERE ${owner} ORDER BY OWNER, MVIEW_NAME`)
}

export function typesQuery(f: DictionaryFamily, schemas: readonly string[]): CatalogQuery {
  return query(schemas, 'OWNER', (owner) => `
SELECT OWNER, TYPE_NAME, TYPECODE, FINAL, INSTANTIABLE, INCOMPLETE, SUPERTYPE_OWNER, SUPERTYPE_NAME
  FROM ${f}_TYPES
 WHERE ${owner}
 ORDER BY OWNER, TYPE_NAME`)
}

export function typeAttributesQuery(f: DictionaryFamily, schemas: readonly string[]): CatalogQuery {
  return query(schemas, 'OWNER', (owner) => `
SELECT OWNER, TYPE_NAME, ATTR_NAME, ATTR_TYPE_MOD, ATTR_TYPE_OWNER, ATTR_TYPE_NAME, LENGTH, PRECISION, SCALE,
       CHAR_USED, ATTR_NO, INHERITED
  FROM ${f}_TYPE_ATTRS
 WHERE ${owner}
 ORDER BY OWNER, TYPE_NAME, ATTR_NO`)
}

export function collectionTypesQuery(f: DictionaryFamily, schemas: readonly string[]): CatalogQuery {
  return query(schemas, 'OWNER', (owner) => `
SELECT OWNER, TYPE_NAME, COLL_TYPE, UPPER_BOUND, ELEM_TYPE_MOD, ELEM_TYPE_OWNER, ELEM_TYPE_NAME, LENGTH,
       PRECISION, SCALE, CHAR_USED
  FROM ${f}_COLL_TYPES
 WHERE ${owner}`)
}

export function sourceQuery(f: DictionaryFamily, schemas: readonly string[]): CatalogQuery {
  return query(schemas, 'OWNER', (owner) => `
SELECT OWNER, NAME, TYPE, LINE, TEXT
  FROM ${f}_SOURCE
 WHERE ${owner}
   AND TYPE IN ('FUNCTION', 'PROCEDURE', 'PACKAGE', 'PACKAGE BODY', 'TRIGGER', 'TYPE', 'TYPE BODY')
 ORDER BY OWNER, TYPE, NAME, LINE`)
}

export function triggersQuery(f: DictionaryFamily, schemas: readonly string[]): CatalogQuery {
  return query(schemas, 'OWNER', (owner) => `
SELECT OWNER, TRIGGER_NAME, TABLE_OWNER, TABLE_NAME
  FROM ${f}_TRIGGERS
 WHERE ${owner}`)
}

/** The schemas' own synonyms, and public synonyms that point into them. */
export function synonymsQuery(f: DictionaryFamily, schemas: readonly string[]): CatalogQuery {
  return query(schemas, 'OWNER', (owner) => `
SELECT OWNER, SYNONYM_NAME, TABLE_OWNER, TABLE_NAME, DB_LINK
  FROM ${f}_SYNONYMS
 WHERE ${owner}
    OR (OWNER = 'PUBLIC' AND ${owner.replace('OWNER', 'TABLE_OWNER')})
 ORDER BY OWNER, SYNONYM_NAME`)
}

export function tableCommentsQuery(f: DictionaryFamily, schemas: readonly string[]): CatalogQuery {
  return query(schemas, 'OWNER', (owner) => `
SELECT OWNER, TABLE_NAME, COMMENTS FROM ${f}_TAB_COMMENTS WHERE ${owner} AND COMMENTS IS NOT NULL`)
}

export function columnCommentsQuery(f: DictionaryFamily, schemas: readonly string[]): CatalogQuery {
  return query(schemas, 'OWNER', (owner) => `
SELECT OWNER, TABLE_NAME, COLUMN_NAME, COMMENTS FROM ${f}_COL_COMMENTS WHERE ${owner} AND COMMENTS IS NOT NULL`)
}

/** DBA_TAB_PRIVS names the object's schema OWNER; ALL_TAB_PRIVS calls it TABLE_SCHEMA. */
export function tablePrivilegesQuery(f: DictionaryFamily, schemas: readonly string[]): CatalogQuery {
  const schemaColumn = f === 'DBA' ? 'OWNER' : 'TABLE_SCHEMA'
  return query(schemas, schemaColumn, (owner) => `
SELECT GRANTEE, ${schemaColumn} AS TABLE_SCHEMA, TABLE_NAME, PRIVILEGE, GRANTABLE
  FROM ${f}_TAB_PRIVS
 WHERE ${owner}
 ORDER BY ${schemaColumn}, TABLE_NAME, GRANTEE, PRIVILEGE`)
}

/** Cheap probe: can this user read the DBA_* views? */
export const DBA_PROBE = 'SELECT 1 FROM DBA_TABLES WHERE ROWNUM = 1'

/** The connected user, the default schema when none is selected. */
export const CURRENT_SCHEMA = `SELECT SYS_CONTEXT('USERENV', 'CURRENT_SCHEMA') AS SCHEMA_NAME FROM DUAL`

export type CatalogQueryBuilder = (f: DictionaryFamily, schemas: readonly string[]) => CatalogQuery

/** Which query fills which row set of OracleCatalogRows. */
export const CATALOG_QUERIES: Readonly<Record<Exclude<keyof OracleCatalogRows, 'capturedAt'>, CatalogQueryBuilder>> = {
  tables: tablesQuery,
  columns: columnsQuery,
  identityColumns: identityColumnsQuery,
  constraints: constraintsQuery,
  constraintColumns: constraintColumnsQuery,
  indexes: indexesQuery,
  indexColumns: indexColumnsQuery,
  indexExpressions: indexExpressionsQuery,
  partIndexes: partIndexesQuery,
  partTables: partTablesQuery,
  partKeyColumns: partKeyColumnsQuery,
  subpartKeyColumns: subpartKeyColumnsQuery,
  tabPartitions: tabPartitionsQuery,
  sequences: sequencesQuery,
  views: viewsQuery,
  mviews: mviewsQuery,
  types: typesQuery,
  typeAttributes: typeAttributesQuery,
  collectionTypes: collectionTypesQuery,
  source: sourceQuery,
  triggers: triggersQuery,
  synonyms: synonymsQuery,
  tableComments: tableCommentsQuery,
  columnComments: columnCommentsQuery,
  tablePrivileges: tablePrivilegesQuery,
}
