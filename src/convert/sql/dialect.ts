import type { EngineName } from '../../engines/registry.js'
import type { SourceLocation } from '../../model/location.js'
import type { LogicalType } from '../../model/logical-type.js'
import type { NativeType } from '../../model/schema.js'
import type { CodeTranslator } from '../translate-context.js'
import type { Expr, QueryTail, SelectQuery } from './ast.js'
import type { TokenCursor } from './cursor.js'
import type { ExprRule, SelectRule } from './rewrites/index.js'

/**
 * A source SQL dialect, in sqlglot's shape: the settings and hooks by which one engine's SQL
 * differs from the shared grammar, and the rules that take its AST to PostgreSQL. The pipeline
 * is tokenize(settings) → parse(hooks, type parser) → rules (source normalisation, then target
 * lowering) → the shared PostgreSQL generator. The base grammar is Oracle's (it came first), so
 * Oracle's dialect sets no hooks; another engine lists only what it adds or reads differently.
 */
export interface SourceDialect {
  readonly engine: Extract<EngineName, 'oracle' | 'teradata'>
  readonly tokenizer: TokenizerSettings
  readonly parser: ParserHooks
  /** Source → PostgreSQL rules over the parsed AST, run inside the generator's entry points. */
  readonly rules: RewriteRules
  /** The type table: a native type of this engine → the logical type the target renders. */
  readonly logicalType: (native: NativeType) => LogicalType
  /** The translator behind `convert` for this source (expressions, views, data statements, code). */
  readonly translator: CodeTranslator
}

export interface TokenizerSettings {
  /** Oracle's q'[…]' and nq'[…]' alternative quoting. */
  readonly alternativeQuoting: boolean
  /** Oracle's BINARY_FLOAT/DOUBLE literal suffixes (`2.5f`, `1d`). */
  readonly floatSuffixes: boolean
  /**
   * Quoted identifiers name the same object as unquoted ones in any case (Teradata): their
   * value is folded to upper case like an unquoted word's, so the naming rule treats both alike.
   */
  readonly foldQuotedIdentifiers: boolean
  /** Words read as another keyword (Teradata's SEL → SELECT); the token keeps its text. */
  readonly keywordAliases: Readonly<Record<string, string>>
}

/**
 * A parser for a construct that starts at the cursor; it consumes what belongs to it, or
 * returns undefined without consuming anything to leave the construct to the shared grammar.
 */
export type ExprParser = (c: TokenCursor) => Expr | undefined

/**
 * Extension points of the shared parser (sqlglot's FUNCTION_PARSERS, RANGE_PARSERS …). Each is
 * consulted where the base grammar would otherwise fail or read the construct differently.
 */
export interface ParserHooks {
  /** A datatype (CAST targets). Absent: Oracle's parseNativeType. */
  readonly parseType?: (c: TokenCursor) => NativeType
  /** Parsers for `WORD (` constructs whose arguments are not an expression list (CAST … FORMAT, POSITION(a IN b)). */
  readonly functions?: Readonly<Record<string, ExprParser>>
  /** Infix words at the level of `*` and `/`: word → the function call they stand for (`x MOD 3`). */
  readonly multiplicativeWords?: Readonly<Record<string, string>>
  /**
   * Whether a `(` at the cursor opens a postfix phrase (`(NAMED x)`, `(FORMAT '…')`) rather
   * than call arguments; `afterName`: it follows a bare name, which may be a function's.
   */
  readonly isPostfixPhrase?: (c: TokenCursor, afterName: boolean) => boolean
  /** Reads such a phrase after `e`. */
  readonly postfix?: (c: TokenCursor, e: Expr) => Expr
  /** After SELECT [DISTINCT]: row-limiting modifiers such as `TOP n [WITH TIES]`. */
  readonly selectModifiers?: (c: TokenCursor) => Pick<QueryTail, 'fetch'> | undefined
  /** Clauses after HAVING (QUALIFY, SAMPLE): they complete the select. */
  readonly selectClauses?: (c: TokenCursor, q: SelectQuery) => SelectQuery
  /** Words that end a select item or table reference instead of naming its alias. */
  readonly notAnAlias?: ReadonlySet<string>
  /** `FROM t AS x`, `(subquery) AS x`: AS may introduce a table alias. */
  readonly tableAliasAs?: boolean
  /** SAMPLE is a clause of the whole select (read by selectClauses), not Oracle's table sample. */
  readonly sampleClosesSelect?: boolean
  /** `INSERT [INTO] t`: INTO may be left out. */
  readonly optionalInsertInto?: boolean
  /** `INSERT t (1, 'x')`: a value list with no VALUES keyword (a list names columns only when VALUES or a query follows). */
  readonly valuesWithoutKeyword?: boolean
  /**
   * Skips words before a statement that change how it runs but not what it means (Teradata's
   * `LOCKING ROW FOR ACCESS`); each one skipped is reported back, to become a finding.
   */
  readonly requestModifiers?: (c: TokenCursor) => readonly ParseNote[]
}

/** Something the parser left out on purpose, for the report. */
export interface ParseNote {
  readonly code: string
  readonly message: string
  readonly at: SourceLocation
}

/** Source → PostgreSQL rules: expression rules in order, then rules over whole selects. */
export interface RewriteRules {
  readonly expr: readonly ExprRule[]
  readonly select: readonly SelectRule[]
}

/** The shared grammar's tokenizer settings: Oracle's. */
export const BASE_TOKENIZER: TokenizerSettings = {
  alternativeQuoting: true,
  floatSuffixes: true,
  foldQuotedIdentifiers: false,
  keywordAliases: {},
}
