import type { SqlText, SourceLocation } from './location.js'
import type { LogicalType } from './logical-type.js'

/**
 * The schema model: plain, JSON-serialisable data. A schema read from a live catalog and one
 * parsed from DDL files are the same model; conversion never talks to a database.
 *
 * Names are kept as the source catalog stores them: Oracle folds unquoted names to upper case,
 * so `employees` is `EMPLOYEES` here, and `"Mixed"` stays `Mixed`. The target's naming rule
 * (src/convert/naming.ts) decides how they are written.
 */
export type EngineName = 'oracle' | 'teradata' | 'postgres' | 'redshift'

export interface QualifiedName {
  readonly schema?: string
  readonly name: string
}

/** A type as the source spells it, parsed. `name` is upper case and multi-word (`TIMESTAMP WITH TIME ZONE`). */
export interface NativeType {
  readonly name: string
  /** Owner of a user-defined type (`SYS.XMLTYPE`, `OE.CUST_ADDRESS_TYP`). */
  readonly schema?: string
  readonly length?: number
  readonly precision?: number
  readonly scale?: number
  /** VARCHAR2(10 CHAR) vs VARCHAR2(10 BYTE); absent means the session default (BYTE). */
  readonly semantics?: 'BYTE' | 'CHAR'
  /** TIMESTAMP(6), INTERVAL DAY(2) TO SECOND(6): the fractional-seconds precision. */
  readonly fractionalPrecision?: number
  /** INTERVAL YEAR(4) / DAY(3): the leading field precision. */
  readonly leadingPrecision?: number
  /** The text as written, for messages and overrides. */
  readonly text: string
}

export interface IdentitySpec {
  readonly always: boolean
  readonly onNull?: boolean
  readonly start?: string
  readonly increment?: string
}

export interface ColumnDef {
  readonly name: string
  readonly nativeType: NativeType
  readonly type: LogicalType
  readonly nullable: boolean
  readonly defaultExpr?: SqlText
  readonly identity?: IdentitySpec
  /** Oracle virtual column: `GENERATED ALWAYS AS (expr) VIRTUAL`. */
  readonly virtualExpr?: SqlText
  readonly invisible?: boolean
  readonly comment?: string
  /** Teradata [NOT] CASESPECIFIC: false when comparisons of the column ignore case. Absent: the engine's default. */
  readonly caseSpecific?: boolean
}

export interface ConstraintState {
  /** DISABLE / NOVALIDATE in the source: still created, reported. */
  readonly enabled?: boolean
  readonly validated?: boolean
  readonly deferrable?: boolean
  readonly initiallyDeferred?: boolean
}

export interface KeyDef extends ConstraintState {
  readonly name?: string
  readonly columns: readonly string[]
  readonly at?: SourceLocation
}

export interface CheckDef extends ConstraintState {
  readonly name?: string
  readonly expr: SqlText
}

export interface ForeignKeyDef extends ConstraintState {
  readonly name?: string
  readonly columns: readonly string[]
  readonly references: QualifiedName
  /** Absent: the referenced table's primary key. */
  readonly refColumns?: readonly string[]
  readonly onDelete?: 'cascade' | 'set null' | 'no action'
  readonly at?: SourceLocation
}

export interface PartitionDef {
  readonly name?: string
  /** Range: `VALUES LESS THAN (...)` bound list; list: the values; hash: empty. Oracle SQL text. */
  readonly values?: readonly string[]
  readonly subpartitions?: readonly PartitionDef[]
}

export interface PartitioningDef {
  readonly method: 'range' | 'list' | 'hash' | 'reference' | 'system'
  readonly columns: readonly string[]
  /** Oracle INTERVAL partitioning: new partitions are made on demand (text of the interval). */
  readonly interval?: string
  /** Oracle AUTOMATIC list partitioning: a partition is made for each new value on demand. */
  readonly automatic?: boolean
  readonly partitions: readonly PartitionDef[]
  readonly subpartitioning?: { readonly method: 'range' | 'list' | 'hash'; readonly columns: readonly string[]; readonly count?: number }
  /** HASH ... PARTITIONS n without names. */
  readonly count?: number
}

export interface IndexKey {
  /** A plain column, or an expression (function-based index). */
  readonly column?: string
  readonly expr?: SqlText
  readonly descending?: boolean
}

export interface IndexDef {
  readonly schema?: string
  readonly name: string
  readonly table: QualifiedName
  readonly unique: boolean
  readonly kind: 'btree' | 'bitmap' | 'domain' | 'reverse'
  readonly keys: readonly IndexKey[]
  /** LOCAL / GLOBAL on a partitioned table. */
  readonly partitioned?: 'local' | 'global'
  /** Domain indexes: the indextype, e.g. CTXSYS.CONTEXT. */
  readonly indexType?: string
  readonly at?: SourceLocation
}

export interface TableDef {
  readonly schema?: string
  readonly name: string
  readonly columns: readonly ColumnDef[]
  readonly primaryKey?: KeyDef
  readonly uniques: readonly KeyDef[]
  readonly checks: readonly CheckDef[]
  readonly foreignKeys: readonly ForeignKeyDef[]
  readonly partitioning?: PartitioningDef
  /** `CREATE TABLE t OF some_type`: an object table. */
  readonly ofType?: QualifiedName
  /** A temporary table: its definition is permanent (Oracle and Teradata GLOBAL TEMPORARY) or lives only for the creating session (`session`: Teradata VOLATILE, Oracle PRIVATE TEMPORARY). */
  readonly temporary?: { readonly onCommit: 'delete' | 'preserve'; readonly scope?: 'session' }
  readonly comment?: string
  /** Organisation and other storage facts worth reporting (`index`, `external`, compression...). */
  readonly organization?: 'heap' | 'index' | 'external'
  /** `ORGANIZATION EXTERNAL (…)`: the files the rows are read from and how. */
  readonly external?: ExternalTableDef
  readonly stats?: { readonly rows: number; readonly bytes?: number }
  /**
   * How the source spreads rows over its units of parallelism: Teradata's PRIMARY INDEX (unique
   * or not), or none (NoPI). Targets that distribute rows (Redshift's DISTKEY) read it.
   */
  readonly distribution?: { readonly kind: 'primary-index'; readonly columns: readonly string[]; readonly unique: boolean } | { readonly kind: 'none' }
  /** Teradata SET table: the engine silently drops duplicate rows. */
  readonly rejectsDuplicateRows?: boolean
  readonly at?: SourceLocation
}

/** Oracle's external table clause: an access driver reads the rows from files in directory objects. */
export interface ExternalTableDef {
  /** `TYPE ORACLE_LOADER | ORACLE_DATAPUMP | ORACLE_HDFS | ORACLE_HIVE | ORACLE_BIGDATA`; absent means ORACLE_LOADER. */
  readonly driver?: string
  readonly defaultDirectory?: string
  /** `ACCESS PARAMETERS ( … )`: the text inside, verbatim (the driver's own language), and what ORACLE_LOADER's part of it says. */
  readonly accessParameters?: { readonly text: string; readonly format?: LoaderFormat }
  /** `ACCESS PARAMETERS USING CLOB (subquery)`: parameters computed when the table is read. */
  readonly accessParametersQuery?: boolean
  /** `LOCATION ([directory:]'file', …)`. */
  readonly locations: ReadonlyArray<{ readonly directory?: string; readonly file: string }>
  /** `REJECT LIMIT n | UNLIMITED` (absent: 0, the first bad row is an error). */
  readonly rejectLimit?: string
}

/**
 * What ORACLE_LOADER access parameters say about delimited records; `clauses` names every other
 * clause found (BADFILE, LOAD WHEN, PREPROCESSOR, POSITION, RECORDS FIXED, …), for a target to
 * judge whether it can read the file the same way.
 */
export interface LoaderFormat {
  /** `RECORDS DELIMITED BY [DETECTED] NEWLINE`, also ORACLE_LOADER's default when no RECORDS clause is given. */
  readonly records?: 'newline'
  /** `FIELDS TERMINATED BY 'x'`. */
  readonly fieldTerminator?: string
  /** `[OPTIONALLY] ENCLOSED BY 'x'`. */
  readonly enclosedBy?: string
  readonly optionallyEnclosed?: boolean
  /** `FIELDS CSV`: comma-separated, optionally enclosed by double quotes. */
  readonly csv?: boolean
  /** `SKIP n`: records skipped at the start of the file. */
  readonly skip?: number
  readonly fieldNames?: 'first file' | 'all files' | 'none'
  /** `CHARACTERSET name`, Oracle's name (AL32UTF8, WE8ISO8859P1 …). */
  readonly characterSet?: string
  readonly missingFieldValuesAreNull?: boolean
  /** LRTRIM, NOTRIM, LTRIM, RTRIM, LDRTRIM (absent: LDRTRIM, Oracle's default). */
  readonly trim?: string
  /** The field list's names, in file order. */
  readonly fields?: readonly string[]
  readonly clauses: readonly string[]
}

/** `CREATE DIRECTORY name AS 'path'`: an Oracle name for a path on the database server. */
export interface DirectoryDef {
  readonly name: string
  readonly path: string
  readonly at?: SourceLocation
}

export interface SequenceDef {
  readonly schema?: string
  readonly name: string
  /** Decimal strings: Oracle sequences go up to 10^28. */
  readonly start?: string
  readonly increment?: string
  readonly min?: string
  readonly max?: string
  readonly cache?: number
  readonly cycle?: boolean
  readonly at?: SourceLocation
}

export interface ViewDef {
  readonly schema?: string
  readonly name: string
  readonly columns?: readonly string[]
  /** The SELECT (without CREATE VIEW ... AS), in the source dialect. */
  readonly query: SqlText
  readonly materialized?: boolean
  readonly withCheckOption?: boolean
  readonly readOnly?: boolean
  readonly comment?: string
  readonly columnComments?: Readonly<Record<string, string>>
  /** Object views: `OF type WITH OBJECT IDENTIFIER (...)`. */
  readonly ofType?: QualifiedName
  readonly at?: SourceLocation
}

export interface TypeAttributeDef {
  readonly name: string
  readonly nativeType: NativeType
  readonly type: LogicalType
}

export interface TypeDef {
  readonly schema?: string
  readonly name: string
  readonly kind: 'object' | 'varray' | 'nested-table' | 'forward'
  readonly attributes?: readonly TypeAttributeDef[]
  /** VARRAY / TABLE OF element. */
  readonly element?: { readonly nativeType: NativeType; readonly type: LogicalType }
  readonly limit?: number
  /** `UNDER supertype`. */
  readonly under?: QualifiedName
  readonly final?: boolean
  readonly instantiable?: boolean
  /** Member methods declared in the spec, verbatim. */
  readonly methods?: readonly string[]
  readonly source: SqlText
}

/** PL/SQL and other code, kept as source text and translated by the converter. */
export interface CodeObjectDef {
  readonly schema?: string
  readonly name: string
  /** `macro`: a Teradata macro, a parameterised list of SQL statements run with EXEC. */
  readonly kind: 'function' | 'procedure' | 'macro' | 'package' | 'package-body' | 'trigger' | 'type-body'
  /** For triggers: the table or view it fires on. */
  readonly table?: QualifiedName
  /** The whole CREATE statement, in the source dialect. */
  readonly source: SqlText
}

export interface SynonymDef {
  readonly schema?: string
  readonly name: string
  readonly public: boolean
  readonly target: QualifiedName
  readonly dbLink?: string
  readonly at?: SourceLocation
}

/** A GRANT or REVOKE; the model keeps them in script order, and the output replays them. */
export interface GrantDef {
  readonly privileges: readonly string[]
  readonly on?: QualifiedName
  /** The object's kind when the statement names it: `DIRECTORY`, `JAVA SOURCE`, `TABLE`, `PROCEDURE` … */
  readonly onKind?: string
  /** The grantees (for REVOKE: the roles the privileges are taken from). */
  readonly to: readonly string[]
  readonly withGrantOption?: boolean
  /** REVOKE: the privileges are taken away. */
  readonly revoke?: boolean
  readonly at?: SourceLocation
}

export interface SchemaModel {
  readonly engine: EngineName
  /** ISO time the catalog was read, or absent for DDL files. */
  readonly capturedAt?: string
  readonly types: readonly TypeDef[]
  readonly sequences: readonly SequenceDef[]
  readonly tables: readonly TableDef[]
  readonly indexes: readonly IndexDef[]
  readonly views: readonly ViewDef[]
  readonly code: readonly CodeObjectDef[]
  readonly synonyms: readonly SynonymDef[]
  readonly grants: readonly GrantDef[]
  /** Oracle directory objects the scripts define (or the user maps), which external tables read from. */
  readonly directories?: readonly DirectoryDef[]
}

export function emptySchema(engine: EngineName): SchemaModel {
  return { engine, types: [], sequences: [], tables: [], indexes: [], views: [], code: [], synonyms: [], grants: [] }
}
