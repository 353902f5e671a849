import type { SourceLocation } from '../../model/location.js'
import type { NativeType } from '../../model/schema.js'

/**
 * The engine-neutral SQL AST: plain data, every node a union member told apart by `kind`.
 * The Oracle parser (parser/) builds it, rewrites (rewrites/) transform it, the PostgreSQL
 * generator (postgres/) prints it. Names are kept as the tokenizer gives them (unquoted → upper
 * case, quoted → as written); the generator applies the naming rule.
 */

export interface OrderItem {
  readonly expr: Expr
  readonly descending?: boolean
  readonly nulls?: 'FIRST' | 'LAST'
}

export type FrameBound =
  | { readonly kind: 'unbounded-preceding' }
  | { readonly kind: 'unbounded-following' }
  | { readonly kind: 'current-row' }
  | { readonly kind: 'preceding'; readonly offset: Expr }
  | { readonly kind: 'following'; readonly offset: Expr }

export interface WindowSpec {
  readonly partitionBy: readonly Expr[]
  readonly orderBy: readonly OrderItem[]
  readonly frame?: { readonly unit: 'ROWS' | 'RANGE' | 'GROUPS'; readonly start: FrameBound; readonly end?: FrameBound; readonly exclude?: 'CURRENT ROW' | 'GROUP' | 'TIES' | 'NO OTHERS' }
}

export interface Argument {
  /** `name => value` (named notation). */
  readonly name?: string
  readonly value: Expr
  /** `value FORMAT JSON` (the text is JSON, not a string to quote). */
  readonly formatJson?: boolean
  /** `PASSING value AS name` of JSON_VALUE/JSON_QUERY/JSON_EXISTS: `name` is the path variable. */
  readonly passing?: boolean
}

/** JSON_VALUE/JSON_QUERY/JSON_OBJECT … clauses: kept as normalised keyword text, e.g. `NULL ON ERROR`. */
export interface JsonClauses {
  readonly returning?: NativeType
  readonly options: readonly string[]
}

export type BinaryOp =
  | '+' | '-' | '*' | '/' | '**' | '||'
  | '=' | '<>' | '<' | '>' | '<=' | '>='
  | 'AND' | 'OR'
  /** Produced by rewrites: NULL-safe equality (DECODE), bitwise and (BITAND). */
  | 'IS NOT DISTINCT FROM'
  | '&'

export type Expr =
  | { readonly kind: 'number'; readonly value: string }
  | { readonly kind: 'string'; readonly value: string; readonly national?: boolean }
  | { readonly kind: 'null' }
  | { readonly kind: 'boolean'; readonly value: boolean }
  /** DATE '2020-01-31', TIMESTAMP '2020-01-31 10:00:00 +01:00'. */
  | { readonly kind: 'datetime-literal'; readonly type: 'DATE' | 'TIMESTAMP'; readonly value: string }
  /** INTERVAL '1-6' YEAR TO MONTH, INTERVAL '5' DAY(3). */
  | { readonly kind: 'interval-literal'; readonly value: string; readonly from: string; readonly to?: string; readonly at: SourceLocation }
  /** A column, pseudo-column (ROWNUM, LEVEL, SYSDATE…) or PL/SQL variable path. `outerJoin`: written `col (+)`. */
  | { readonly kind: 'column'; readonly path: readonly string[]; readonly outerJoin?: boolean; readonly at: SourceLocation }
  /** `:x`, `:NEW.col` (fields follow the bind name). */
  | { readonly kind: 'bind'; readonly name: string; readonly fields: readonly string[]; readonly at: SourceLocation }
  /** `*` or `t.*` in a select list. */
  | { readonly kind: 'star'; readonly qualifier?: readonly string[] }
  | { readonly kind: 'unary'; readonly op: '-' | '+' | 'NOT' | 'PRIOR' | 'CONNECT_BY_ROOT'; readonly operand: Expr }
  /** `target`: built by a rewrite with PostgreSQL semantics already; rules leave it alone. */
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr; readonly target?: boolean }
  | { readonly kind: 'like'; readonly negated: boolean; readonly expr: Expr; readonly pattern: Expr; readonly escape?: Expr }
  | { readonly kind: 'between'; readonly negated: boolean; readonly expr: Expr; readonly low: Expr; readonly high: Expr }
  | { readonly kind: 'in'; readonly negated: boolean; readonly expr: Expr; readonly list: readonly Expr[] | Query }
  | { readonly kind: 'is-null'; readonly negated: boolean; readonly expr: Expr }
  /** `IS [NOT] JSON [STRICT|LAX] [WITH UNIQUE KEYS]`: Oracle's default syntax is LAX. */
  | { readonly kind: 'is-json'; readonly negated: boolean; readonly expr: Expr; readonly strict?: boolean; readonly uniqueKeys?: boolean; readonly at?: SourceLocation }
  | { readonly kind: 'exists'; readonly query: Query }
  /** `x = ANY (1, 2)`, `x > ALL (SELECT …)`. */
  | { readonly kind: 'quantified'; readonly op: BinaryOp; readonly quantifier: 'ANY' | 'ALL'; readonly left: Expr; readonly list: readonly Expr[] | Query }
  | {
      readonly kind: 'call'
      /** `[schema.][package.]function`. */
      readonly name: readonly string[]
      readonly args: readonly Argument[]
      readonly distinct?: boolean
      /** COUNT(*). */
      readonly star?: boolean
      /** Aggregate ORDER BY inside the parentheses (JSON_ARRAYAGG(x ORDER BY y)). */
      readonly orderBy?: readonly OrderItem[]
      readonly withinGroup?: readonly OrderItem[]
      readonly keep?: { readonly rank: 'FIRST' | 'LAST'; readonly orderBy: readonly OrderItem[] }
      readonly over?: WindowSpec
      /** FIRST_VALUE(x IGNORE NULLS) / LAG(x) IGNORE NULLS. */
      readonly ignoreNulls?: boolean
      /** TRANSLATE(x USING NCHAR_CS). */
      readonly using?: string
      /** LISTAGG(… ON OVERFLOW …): the clause as written. */
      readonly overflow?: string
      /** TO_NUMBER / TO_DATE / TO_TIMESTAMP (x DEFAULT value ON CONVERSION ERROR, …). */
      readonly onConversionError?: Expr
      /** NTH_VALUE(…) FROM LAST. */
      readonly fromLast?: boolean
      /** JSON_* functions' RETURNING / ON ERROR / FORMAT JSON … clauses. */
      readonly json?: JsonClauses
      /** `value.name(…)`: an object method, `value` the first argument. */
      readonly method?: boolean
      /** `agg(x) FILTER (WHERE …)`, produced by rewrites. */
      readonly filter?: Expr
      /** Set by rewrites: `name` is already a PostgreSQL function name, printed as is. */
      readonly target?: boolean
      readonly at?: SourceLocation
    }
  /** JSON_OBJECT(KEY 'a' VALUE x, 'b' : y …); `aggregate`: JSON_OBJECTAGG(KEY k VALUE v). */
  | { readonly kind: 'json-object'; readonly entries: ReadonlyArray<{ readonly key: Expr; readonly value: Expr; readonly formatJson?: boolean }>; readonly json: JsonClauses; readonly aggregate?: boolean }
  | { readonly kind: 'case'; readonly operand?: Expr; readonly whens: ReadonlyArray<{ readonly when: Expr; readonly then: Expr }>; readonly otherwise?: Expr }
  /**
   * `format`: `CAST(x AS type …, fmt [, nlsparam])`, the format model and NLS parameter of the conversion.
   * `target`: a rewrite gave it the target's meaning already; rules leave it alone.
   */
  | { readonly kind: 'cast'; readonly expr: Expr; readonly type: NativeType; readonly at: SourceLocation; readonly onConversionError?: Expr; readonly format?: readonly Expr[]; readonly target?: boolean }
  /** `(a - b) DAY [(p)] TO SECOND [(s)]` / `YEAR [(p)] TO MONTH`: a datetime difference as an interval. */
  | { readonly kind: 'interval-difference'; readonly left: Expr; readonly right: Expr; readonly from: 'DAY' | 'YEAR'; readonly at: SourceLocation }
  /** Nested-table operators (arrays in the output): `a MULTISET UNION|INTERSECT|EXCEPT [ALL|DISTINCT] b`. */
  | { readonly kind: 'multiset'; readonly op: 'UNION' | 'INTERSECT' | 'EXCEPT'; readonly distinct: boolean; readonly left: Expr; readonly right: Expr; readonly at: SourceLocation }
  /**
   * Nested-table conditions: `x [NOT] MEMBER [OF] nt` (`expr` x, `of` nt), `a [NOT] SUBMULTISET
   * [OF] b`, `nt IS [NOT] A SET`, `nt IS [NOT] EMPTY`.
   */
  | { readonly kind: 'multiset-condition'; readonly test: 'member' | 'submultiset' | 'a-set' | 'empty'; readonly negated: boolean; readonly expr: Expr; readonly of?: Expr; readonly at: SourceLocation }
  /** CAST(MULTISET(subquery) AS collection_type). */
  | { readonly kind: 'cast-multiset'; readonly query: Query; readonly type: NativeType; readonly at: SourceLocation }
  | { readonly kind: 'subquery'; readonly query: Query }
  /** `(a, b)`: a row value, an IN list element, a GROUP BY set. */
  | { readonly kind: 'tuple'; readonly items: readonly Expr[] }
  /** `(expr)` kept where the parentheses carry meaning for the target: `(obj).attr`. */
  | { readonly kind: 'field'; readonly expr: Expr; readonly field: string }
  | { readonly kind: 'extract'; readonly field: string; readonly from: Expr }
  | { readonly kind: 'trim'; readonly side?: 'LEADING' | 'TRAILING' | 'BOTH'; readonly chars?: Expr; readonly from: Expr }
  | { readonly kind: 'at-time-zone'; readonly expr: Expr; readonly zone: Expr | 'LOCAL' }
  /** `expr COLLATE name` (Oracle 12.2 data-bound collation). */
  | { readonly kind: 'collate'; readonly expr: Expr; readonly collation: string; readonly at: SourceLocation }
  /** `ARRAY[a, b]`, produced by rewrites (collection constructors). */
  | { readonly kind: 'array'; readonly items: readonly Expr[] }
  /** XMLELEMENT(NAME name, XMLATTRIBUTES(value AS name, …), content, …): names as Oracle stores them (unquoted → upper case). */
  | { readonly kind: 'xml-element'; readonly name: string; readonly attributes: ReadonlyArray<{ readonly value: Expr; readonly name: string }>; readonly content: readonly Expr[]; readonly at: SourceLocation }
  /** `(array)[index]`, produced by rewrites. */
  | { readonly kind: 'subscript'; readonly expr: Expr; readonly index: Expr }
  /** `expr::type` with a PostgreSQL type name, produced by rewrites. */
  | { readonly kind: 'pg-cast'; readonly expr: Expr; readonly type: string }
  /** Target text produced by a rewrite or by the PL/SQL generator; printed as is. */
  | { readonly kind: 'raw'; readonly sql: string }
  /**
   * Teradata's data attributes after an expression, `x (NAMED n)`, `x (TITLE 't')`,
   * `x (FORMAT 'f')`, `x ([NOT] CASESPECIFIC)`, `x (INTEGER)`: source-only, removed by the
   * Teradata rules before generation.
   */
  | { readonly kind: 'attributes'; readonly expr: Expr; readonly attributes: DataAttributes; readonly at: SourceLocation }

/** Teradata data attributes (a CAST's or an expression's). */
export interface DataAttributes {
  readonly type?: NativeType
  readonly named?: string
  readonly title?: string
  readonly format?: string
  readonly caseSpecific?: boolean
  readonly uppercase?: boolean
  readonly characterSet?: string
}

export interface SelectItem {
  readonly expr: Expr
  readonly alias?: string
}

export type FromItem =
  | {
      readonly kind: 'table'
      readonly name: readonly string[]
      readonly alias?: string
      readonly dblink?: string
      /** SAMPLE [BLOCK] (percent) [SEED (n)]. */
      readonly sample?: { readonly block?: boolean; readonly percent: Expr; readonly seed?: Expr }
      readonly at: SourceLocation
    }
  | { readonly kind: 'subquery'; readonly query: Query; readonly alias?: string; readonly lateral?: boolean }
  /** TABLE(collection_expr) [alias]; `pipelined`: the expression calls a pipelined function (rewrites). */
  | { readonly kind: 'table-function'; readonly expr: Expr; readonly alias?: string; readonly pipelined?: boolean; readonly at: SourceLocation }
  | {
      readonly kind: 'join'
      readonly type: 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'CROSS'
      readonly natural?: boolean
      /** CROSS APPLY / OUTER APPLY. */
      readonly lateral?: boolean
      readonly left: FromItem
      readonly right: FromItem
      readonly on?: Expr
      readonly using?: readonly string[]
    }
  | { readonly kind: 'json-table'; readonly expr: Expr; readonly path: Expr; readonly columns: readonly JsonTableColumn[]; readonly alias?: string; readonly at: SourceLocation
      /** Clauses before COLUMNS, as readClause normalises them (`ERROR ON ERROR`). */
      readonly options?: readonly string[] }
  /** A FROM item already written in the target (rewrites: unnest(...), recursive CTE names). */
  | { readonly kind: 'raw'; readonly sql: string; readonly alias?: string }
  /**
   * XMLTABLE([XMLNAMESPACES('uri' AS p, …),] 'path' [PASSING expr] [COLUMNS …]) [alias]; no
   * COLUMNS is Oracle's one XMLType column COLUMN_VALUE.
   */
  | {
      readonly kind: 'xml-table'
      readonly namespaces: ReadonlyArray<{ readonly uri: string; readonly prefix: string }>
      readonly path: string
      readonly passing: Expr
      readonly columns?: readonly XmlTableColumn[]
      readonly alias?: string
      readonly at: SourceLocation
    }
  /**
   * `source PIVOT (agg(x) [AS a], … FOR col | (cols) IN (v | (vs) [AS alias], …)) [alias]`;
   * `text`: each IN value as written, which names its column when it has no alias.
   */
  | {
      readonly kind: 'pivot'
      readonly source: FromItem
      readonly aggregates: ReadonlyArray<{ readonly call: Expr; readonly alias?: string }>
      readonly forColumns: readonly Expr[]
      readonly values: ReadonlyArray<{ readonly values: readonly Expr[]; readonly text: string; readonly alias?: string }>
      readonly alias?: string
      readonly at: SourceLocation
    }
  /** `source UNPIVOT [INCLUDE|EXCLUDE NULLS] (v | (vs) FOR n | (ns) IN (c | (cs) [AS lit | (lits)], …)) [alias]`. */
  | {
      readonly kind: 'unpivot'
      readonly source: FromItem
      readonly includeNulls: boolean
      readonly valueColumns: readonly string[]
      readonly nameColumns: readonly string[]
      readonly columns: ReadonlyArray<{ readonly columns: readonly (readonly string[])[]; readonly names?: readonly Expr[] }>
      readonly alias?: string
      readonly at: SourceLocation
    }
  /** `f(args) AS alias(columns)`, or `ROWS FROM (f(…), g(…)) AS alias(columns)` side by side: set-returning PostgreSQL functions, produced by rewrites. */
  | { readonly kind: 'function'; readonly calls: readonly Expr[]; readonly alias: string; readonly columns: readonly string[] }

/** An XMLTABLE column: FOR ORDINALITY, or a type with the path (default: the column's name) and DEFAULT. */
export interface XmlTableColumn {
  readonly name: string
  readonly ordinality?: boolean
  readonly type?: NativeType
  readonly path?: string
  readonly default?: Expr
}

export type JsonTableColumn =
  | { readonly kind: 'value'; readonly name: string; readonly type?: NativeType; readonly path?: string; readonly exists?: boolean; readonly formatJson?: boolean; readonly options?: readonly string[] }
  | { readonly kind: 'ordinality'; readonly name: string }
  | { readonly kind: 'nested'; readonly path: string; readonly columns: readonly JsonTableColumn[] }

export type GroupingElement =
  | { readonly kind: 'expr'; readonly expr: Expr }
  | { readonly kind: 'rollup' | 'cube'; readonly items: readonly Expr[] }
  | { readonly kind: 'grouping-sets'; readonly sets: readonly GroupingElement[] }
  /** `()` in GROUPING SETS: the grand total. */
  | { readonly kind: 'empty' }

export interface CommonTableExpr {
  readonly name: string
  readonly columns?: readonly string[]
  readonly query: Query
  /** `SEARCH DEPTH|BREADTH FIRST BY cols SET ordering_column` of a recursive WITH query. */
  readonly search?: { readonly breadth: boolean; readonly by: readonly string[]; readonly set: string; readonly at: SourceLocation }
  /**
   * `CYCLE cols SET mark [TO value DEFAULT value]`: Oracle's clause of a recursive WITH query, or
   * one made for CONNECT BY NOCYCLE (mark `_cycle`, PostgreSQL's boolean).
   */
  readonly cycle?: { readonly columns: readonly string[]; readonly mark: string; readonly values?: readonly [Expr, Expr]; readonly at?: SourceLocation }
}

export interface WithClause {
  readonly recursive?: boolean
  readonly ctes: readonly CommonTableExpr[]
}

/** PL/SQL `SELECT … [BULK COLLECT] INTO targets`: targets are variable paths or binds. */
export interface IntoClause {
  readonly targets: readonly Expr[]
  readonly bulk: boolean
}

/** ORDER BY / OFFSET / FETCH / FOR UPDATE: they close a select or a whole set operation. */
export interface QueryTail {
  readonly orderBy?: readonly OrderItem[]
  readonly offset?: Expr
  readonly fetch?: { readonly count?: Expr; readonly percent?: boolean; readonly withTies?: boolean }
  readonly forUpdate?: { readonly of?: readonly Expr[]; readonly wait?: 'NOWAIT' | 'SKIP LOCKED' | number }
}

export interface SelectQuery extends QueryTail {
  readonly kind: 'select'
  readonly with?: WithClause
  readonly distinct?: boolean
  readonly items: readonly SelectItem[]
  readonly into?: IntoClause
  readonly from: readonly FromItem[]
  readonly where?: Expr
  readonly hierarchy?: { readonly connectBy: Expr; readonly startWith?: Expr; readonly noCycle: boolean }
  readonly orderSiblings?: boolean
  readonly groupBy?: readonly GroupingElement[]
  readonly having?: Expr
  /** Teradata QUALIFY: a filter over window functions, applied after them. */
  readonly qualify?: Expr
  /** Teradata SAMPLE n (rows) or SAMPLE .25 (a fraction) over the result. */
  readonly sampleRows?: Expr
  readonly at: SourceLocation
}

export interface SetQuery extends QueryTail {
  readonly kind: 'set'
  readonly with?: WithClause
  readonly op: 'UNION' | 'UNION ALL' | 'INTERSECT' | 'MINUS' | 'EXCEPT'
  readonly left: Query
  readonly right: Query
  readonly at: SourceLocation
}

export type Query = SelectQuery | SetQuery

export interface TableTarget {
  readonly name: readonly string[]
  readonly alias?: string
  readonly dblink?: string
  /** `t PARTITION (p)`: the statement reads or writes that partition only. */
  readonly partition?: string
  readonly at: SourceLocation
}

/** `RETURNING exprs INTO targets` of PL/SQL DML. */
export interface ReturningClause {
  readonly values: readonly Expr[]
  readonly into: IntoClause
}

export interface SetClause {
  /** One column, or `(a, b) = (subquery)`. */
  readonly columns: readonly (readonly string[])[]
  readonly value: Expr
}

export interface MultiInsertBranch {
  readonly when?: Expr
  readonly table: TableTarget
  readonly columns?: readonly string[]
  /** Absent: the subquery's columns in order. */
  readonly values?: readonly Expr[]
}

export type SqlStatement =
  | { readonly kind: 'query'; readonly query: Query; readonly at: SourceLocation }
  | {
      readonly kind: 'insert'
      readonly table: TableTarget
      readonly columns?: readonly string[]
      readonly source: { readonly kind: 'values'; readonly values: readonly Expr[] } | { readonly kind: 'query'; readonly query: Query }
      readonly returning?: ReturningClause
      readonly at: SourceLocation
    }
  /** INSERT ALL / INSERT FIRST … subquery. */
  | { readonly kind: 'insert-multi'; readonly first: boolean; readonly branches: readonly MultiInsertBranch[]; readonly elseBranches?: readonly MultiInsertBranch[]; readonly query: Query; readonly at: SourceLocation }
  | { readonly kind: 'update'; readonly table: TableTarget; readonly set: readonly SetClause[]; readonly where?: Expr; readonly returning?: ReturningClause; readonly at: SourceLocation }
  | { readonly kind: 'delete'; readonly table: TableTarget; readonly where?: Expr; readonly returning?: ReturningClause; readonly at: SourceLocation }
  | {
      readonly kind: 'merge'
      readonly target: TableTarget
      readonly source: FromItem
      readonly on: Expr
      readonly matched?: { readonly set: readonly SetClause[]; readonly where?: Expr; readonly deleteWhere?: Expr }
      readonly notMatched?: { readonly columns?: readonly string[]; readonly values: readonly Expr[]; readonly where?: Expr }
      readonly at: SourceLocation
    }
  | { readonly kind: 'commit'; readonly at: SourceLocation }
  | { readonly kind: 'rollback'; readonly savepoint?: string; readonly at: SourceLocation }
  | { readonly kind: 'savepoint'; readonly name: string; readonly at: SourceLocation }
  | { readonly kind: 'lock-table'; readonly tables: readonly TableTarget[]; readonly mode: string; readonly nowait: boolean; readonly at: SourceLocation }
  /** SET TRANSACTION …: the rest of the statement as written. */
  | { readonly kind: 'set-transaction'; readonly text: string; readonly at: SourceLocation }
