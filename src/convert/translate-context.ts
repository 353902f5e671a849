import type { Finding } from '../model/finding.js'
import type { SourceLocation, SqlText } from '../model/location.js'
import type { CodeObjectDef, NativeType, SchemaModel } from '../model/schema.js'
import type { TargetDialect } from './target.js'

/**
 * What every translation step (expression, query, DML, PL/SQL) gets: the object being translated
 * (for messages), where to put findings, the whole source schema for lookups (is `X.NEXTVAL` a
 * sequence? what is the type of `T.C%TYPE`? is `PKG.F` a package function?), and the type rule.
 */
export interface TranslateContext {
  /** `VIEW HR.EMP_DETAILS_VIEW`, `TRIGGER HR.UPDATE_JOB_HISTORY`. */
  readonly object: string
  readonly findings: Finding[]
  readonly catalog: SchemaModel
  /** PostgreSQL schema that unqualified source names land in (e.g. `hr`). */
  readonly targetSchema: string
  /** PostgreSQL type text for a source type, with the user's overrides applied. */
  readonly formatType: (native: NativeType) => string
  /**
   * Names of godwit's PostgreSQL support functions the translation used (e.g. `months_between`);
   * the converter emits their definitions first (src/convert/sql/support-functions.ts).
   */
  readonly support: Set<string>
  /** The database and version the output must run on; every emitted construct exists there. */
  readonly target: TargetDialect
}

/**
 * Thrown when a construct has no PostgreSQL translation. The caller keeps the object's source
 * commented out in the output and records an action item with this message and position;
 * nothing is silently dropped.
 */
export class UnsupportedConstructError extends Error {
  readonly code: string
  readonly at?: SourceLocation

  constructor(message: string, at?: SourceLocation, code = 'UNSUPPORTED_CONSTRUCT') {
    super(message)
    this.name = 'UnsupportedConstructError'
    this.code = code
    this.at = at
  }
}

/** A view or statement that uses objects left as action items cannot run either: it names them. */
export function dependsOnUnconverted(verb: string, needs: readonly string[], at?: SourceLocation): UnsupportedConstructError {
  return new UnsupportedConstructError(`${verb} ${needs.join(', ')}, which ${needs.length > 1 ? 'are' : 'is'} not converted (see the action items): convert that first`, at, 'DEPENDS_ON_UNCONVERTED')
}

/** The seam between the DDL renderer and the SQL/PL/SQL translators. */
export interface CodeTranslator {
  /** A column default, check condition, index or virtual-column expression. */
  expression(src: SqlText, ctx: TranslateContext): string
  /** A view's or materialized view's query. */
  query(src: SqlText, ctx: TranslateContext): string
  /** A top-level DML statement or anonymous block from a script: zero or more PostgreSQL statements. */
  dataStatement(src: SqlText, ctx: TranslateContext): string[]
  /** Function, procedure, package (spec + body), trigger, type body: PostgreSQL statements. */
  code(def: CodeObjectDef, ctx: TranslateContext): string[]
}
