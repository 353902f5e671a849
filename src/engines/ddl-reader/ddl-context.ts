import type { TokenCursor } from '../../convert/sql/cursor.js'
import type { Finding, Severity } from '../../model/finding.js'
import type { SourceLocation, SqlText } from '../../model/location.js'
import type { QualifiedName } from '../../model/schema.js'
import type { DdlCatalog } from './ddl-catalog.js'

/** One statement of a script as the script reader cut it out: its text and where it starts. */
export interface DdlSourceStatement {
  readonly text: string
  readonly at: SourceLocation
}

/** What every statement reader gets: the cursor over one statement, the model so far, where findings go. */
export interface DdlContext {
  readonly c: TokenCursor
  readonly statement: DdlSourceStatement
  readonly catalog: DdlCatalog
  readonly findings: Finding[]
  readonly defaultSchema?: string
  /** Statements handed to the converter as written, in script order (CREATE TABLE … AS SELECT: its columns come from the query). */
  readonly data?: SqlText[]
  /** Changes the default schema for the statements after this one (Oracle: ALTER SESSION SET CURRENT_SCHEMA). */
  readonly setDefaultSchema?: (schema: string) => void
}

/** `[schema.]name`; an unqualified name gets the default schema (Oracle: the current user; Teradata: the default database). */
export function readQualifiedName(ctx: DdlContext, what = 'object name'): QualifiedName {
  const first = ctx.c.identifier(what)
  if (ctx.c.acceptOp('.')) return { schema: first, name: ctx.c.identifier(what) }
  return ctx.defaultSchema === undefined ? { name: first } : { schema: ctx.defaultSchema, name: first }
}

/** `KIND SCHEMA.NAME`, the form findings name their object by. */
export function objectLabel(kind: string, q: QualifiedName): string {
  return `${kind} ${q.schema ? `${q.schema}.` : ''}${q.name}`
}

export function addFinding(
  ctx: DdlContext,
  code: string,
  severity: Severity,
  object: string,
  message: string,
  at: SourceLocation = ctx.statement.at,
): void {
  ctx.findings.push({ code, severity, object, message, at, source: ctx.statement.text })
}

/** Verbatim text of tokens [from, to) with the position of its first token. */
export function sqlTextBetween(c: TokenCursor, from: number, to: number = c.pos): SqlText {
  return { text: c.textBetween(from, to), at: c.location(c.tokens[from]) }
}

/** A statement ends here: an optional `;` (PL/SQL units keep theirs) and nothing else. */
export function expectStatementEnd(c: TokenCursor): void {
  c.acceptOp(';')
  if (!c.atEnd()) c.fail('unexpected text at the end of the statement')
}

/** Where the statement's first token is (its text may start with comments). */
export function statementLocation(c: TokenCursor): SourceLocation {
  return c.location(c.tokens[0])
}
