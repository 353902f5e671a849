import type { SourceLocation } from '../../model/location.js'
import type { NativeType } from '../../model/schema.js'
import type { Expr, Query, SqlStatement } from '../sql/ast.js'

/**
 * The PL/SQL AST: plain data produced by plsql-parser.ts and read by plpgsql-generator.ts.
 * Expressions, queries and DML are the SQL layer's nodes; only the procedural structure is ours.
 * Names are as the tokenizer gives them (unquoted → upper case).
 */

/** A declared type: a datatype, `x%TYPE` / `t%ROWTYPE`, or a type declared in the same block. */
export type PlType =
  | { readonly kind: 'native'; readonly native: NativeType }
  | { readonly kind: 'anchored'; readonly path: readonly string[]; readonly attribute: 'TYPE' | 'ROWTYPE' }

/** A variable, record field or `:NEW.col` written to, with an optional collection subscript. */
export interface Target {
  readonly path: readonly string[]
  /** `:NEW` / `:OLD`: the path started with a bind. */
  readonly bind: boolean
  readonly index?: Expr
  readonly at: SourceLocation
}

export interface Param {
  readonly name: string
  readonly mode: 'IN' | 'OUT' | 'IN OUT'
  readonly type: PlType
  readonly default?: Expr
}

export interface Argument {
  readonly name?: string
  readonly value: Expr
  /** The argument is one string literal (DBMS_STATS owner/table names): its value. */
  readonly literal?: string
}

export type Declaration =
  | { readonly kind: 'variable'; readonly name: string; readonly type: PlType; readonly constant: boolean; readonly notNull: boolean; readonly init?: Expr; readonly at: SourceLocation }
  | { readonly kind: 'cursor'; readonly name: string; readonly params: readonly Param[]; readonly query: Query; readonly at: SourceLocation }
  | { readonly kind: 'exception'; readonly name: string; readonly at: SourceLocation }
  | { readonly kind: 'exception-init'; readonly name: string; readonly code: number; readonly at: SourceLocation }
  /** `TYPE t IS VARRAY(n) OF x` / `TABLE OF x`: becomes an array of the element type. */
  | { readonly kind: 'collection-type'; readonly name: string; readonly element: PlType; readonly at: SourceLocation }
  /** `TYPE t IS RECORD (…)`: becomes a composite type created before the unit (record-types.ts). */
  | { readonly kind: 'record-type'; readonly name: string; readonly fields: readonly RecordField[]; readonly at: SourceLocation }
  /** `TYPE t IS REF CURSOR [RETURN …]` and `SUBTYPE t IS base [NOT NULL] [RANGE …]`: another name for a type. */
  | { readonly kind: 'subtype'; readonly name: string; readonly base: PlType; readonly notNull: boolean; readonly range?: string; readonly at: SourceLocation }
  | { readonly kind: 'pragma'; readonly name: string; readonly at: SourceLocation }
  | { readonly kind: 'subprogram'; readonly routine: Routine }
  /** A subprogram declared without a body (package spec, forward declaration). */
  | { readonly kind: 'subprogram-spec'; readonly routine: RoutineHeading }

export interface RecordField {
  readonly name: string
  readonly type: PlType
  readonly notNull: boolean
  readonly default?: Expr
}

export interface ExceptionHandler {
  /** Upper-case exception names; `OTHERS` for WHEN OTHERS. */
  readonly names: readonly string[]
  readonly body: readonly Statement[]
}

export interface Block {
  readonly label?: string
  readonly declarations: readonly Declaration[]
  readonly body: readonly Statement[]
  readonly handlers: readonly ExceptionHandler[]
  readonly at: SourceLocation
}

export interface SqlInto {
  readonly targets: readonly Target[]
  /** BULK COLLECT INTO. */
  readonly bulk: boolean
}

interface Positioned {
  readonly at: SourceLocation
}

export type Statement = Positioned &
  (
    | { readonly kind: 'assign'; readonly target: Target; readonly value: Expr }
    | { readonly kind: 'if'; readonly branches: ReadonlyArray<{ readonly cond: Expr; readonly body: readonly Statement[] }>; readonly otherwise?: readonly Statement[] }
    | { readonly kind: 'case'; readonly selector?: Expr; readonly whens: ReadonlyArray<{ readonly cond: Expr; readonly body: readonly Statement[] }>; readonly otherwise?: readonly Statement[] }
    | { readonly kind: 'loop'; readonly label?: string; readonly body: readonly Statement[] }
    | { readonly kind: 'while'; readonly label?: string; readonly cond: Expr; readonly body: readonly Statement[] }
    | { readonly kind: 'for-range'; readonly label?: string; readonly index: string; readonly reverse: boolean; readonly low: Expr; readonly high: Expr; readonly body: readonly Statement[] }
    | { readonly kind: 'for-cursor'; readonly label?: string; readonly record: string; readonly cursor: string; readonly args: readonly Argument[]; readonly body: readonly Statement[] }
    | { readonly kind: 'for-query'; readonly label?: string; readonly record: string; readonly query: Query; readonly body: readonly Statement[] }
    | { readonly kind: 'forall'; readonly index: string; readonly low: Expr; readonly high: Expr; readonly statement: Statement }
    | { readonly kind: 'exit' | 'continue'; readonly label?: string; readonly when?: Expr }
    | { readonly kind: 'null' }
    | { readonly kind: 'return'; readonly value?: Expr }
    | { readonly kind: 'call'; readonly name: readonly string[]; readonly args: readonly Argument[] }
    | { readonly kind: 'sql'; readonly statement: SqlStatement; readonly into?: SqlInto; readonly returning?: { readonly values: readonly Expr[]; readonly into: SqlInto } }
    | { readonly kind: 'transaction'; readonly text: string }
    | { readonly kind: 'open'; readonly cursor: string; readonly args: readonly Argument[] }
    | { readonly kind: 'open-for'; readonly cursor: string; readonly query?: Query; readonly dynamic?: Expr; readonly literal?: string; readonly using: readonly Expr[] }
    | { readonly kind: 'fetch'; readonly cursor: string; readonly into: SqlInto; readonly limit?: Expr }
    | { readonly kind: 'close'; readonly cursor: string }
    | { readonly kind: 'execute-immediate'; readonly sql: Expr; readonly literal?: string; readonly into?: SqlInto; readonly using: readonly Expr[] }
    /** RAISE_APPLICATION_ERROR(code, message): `code` is absent when it is not a literal. */
    | { readonly kind: 'raise-application-error'; readonly code?: number; readonly message: Expr }
    | { readonly kind: 'raise'; readonly exception?: string }
    | { readonly kind: 'block'; readonly block: Block }
    /** PIPE ROW (value): one row of a pipelined table function. */
    | { readonly kind: 'pipe-row'; readonly value: Expr }
  )

export interface RoutineHeading {
  readonly kind: 'function' | 'procedure'
  readonly name: string
  /** Only on a CREATE FUNCTION/PROCEDURE: `hr.f`. */
  readonly schema?: string
  readonly params: readonly Param[]
  readonly returns?: PlType
  /** Type-body methods: MEMBER (takes SELF), STATIC, CONSTRUCTOR, MAP/ORDER. */
  readonly method?: 'member' | 'static' | 'constructor' | 'map' | 'order'
  /** PIPELINED: a table function returning its rows one by one with PIPE ROW. */
  readonly pipelined?: Pipelined
  readonly at: SourceLocation
}

export interface Pipelined {
  /** `USING impl_type` (interface approach) or `ROW|TABLE POLYMORPHIC [USING pkg]`, as written. */
  readonly implementation?: string
  /** PARALLEL_ENABLE with its partitioning and ORDER/CLUSTER … BY clauses, as written. */
  readonly parallel?: string
}

export interface Routine extends RoutineHeading {
  readonly block: Block
}

export interface TriggerEvent {
  readonly event: 'INSERT' | 'UPDATE' | 'DELETE'
  readonly columns?: readonly string[]
}

export interface Trigger {
  readonly name: string
  readonly timing: 'BEFORE' | 'AFTER' | 'INSTEAD OF'
  readonly events: readonly TriggerEvent[]
  readonly table: readonly string[]
  readonly forEachRow: boolean
  readonly referencing: { readonly NEW: string; readonly OLD: string }
  readonly when?: Expr
  /** Created DISABLEd. */
  readonly disabled: boolean
  /** FOLLOWS / PRECEDES other triggers: an order PostgreSQL does not take (it fires by name). */
  readonly ordering?: string
  readonly block: Block
  readonly at: SourceLocation
}

export interface PackageSpec {
  readonly name: string
  readonly declarations: readonly Declaration[]
  readonly at: SourceLocation
}

export interface PackageBody {
  readonly name: string
  readonly declarations: readonly Declaration[]
  /** The package's initialisation section (`BEGIN … END` after the subprograms). */
  readonly initialization?: Block
  readonly at: SourceLocation
}

export interface TypeBody {
  readonly name: readonly string[]
  readonly methods: readonly Routine[]
  readonly at: SourceLocation
}

export type CodeUnit =
  | { readonly kind: 'routine'; readonly routine: Routine; readonly schema?: string }
  | { readonly kind: 'trigger'; readonly trigger: Trigger; readonly schema?: string }
  | { readonly kind: 'package'; readonly spec: PackageSpec; readonly schema?: string }
  | { readonly kind: 'package-body'; readonly body: PackageBody; readonly schema?: string }
  | { readonly kind: 'type-body'; readonly typeBody: TypeBody; readonly schema?: string }
