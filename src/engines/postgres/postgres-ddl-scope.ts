import { createHash } from 'node:crypto'
import type { Severity } from '../../model/finding.js'
import type { SourceLocation } from '../../model/location.js'
import type { LogicalType } from '../../model/logical-type.js'
import type { NativeType, QualifiedName, SchemaModel } from '../../model/schema.js'
import { actionItem, commentedOut } from '../../convert/comment-out.js'
import type { TypeFormatter } from '../../convert/format-type.js'
import { displayName, pgIdent, pgStoredName } from '../../convert/naming.js'
import type { CodeTranslator, TranslateContext } from '../../convert/translate-context.js'
import { asTranslationFailure } from '../../convert/translation-failure.js'

/** One PostgreSQL statement of the output, in pg_dump's sections (data is loaded between them). */
export interface DdlStatement {
  readonly phase: 'pre-data' | 'post-data' | 'code'
  /** `TABLE HR.EMPLOYEES`, `INDEX HR.EMP_NAME_IX`: what the statement creates, for reports. */
  readonly object: string
  readonly sql: string
}

export type DdlPhase = DdlStatement['phase']

/** What every rendering step shares: the model, the translator seam, and where statements go. */
export interface DdlScope {
  readonly model: SchemaModel
  readonly translator: CodeTranslator
  readonly context: (object: string) => TranslateContext
  readonly out: DdlStatement[]
}

/** What could not be rendered: its source text (to keep, commented out) and the reason. */
export class NotRenderable extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly at?: SourceLocation,
  ) {
    super(message)
    this.name = 'NotRenderable'
  }
}

/**
 * Renders one object. A translator's refusal or a NotRenderable becomes the object's source,
 * commented out, plus an action item: an object is never silently dropped. Returns whether the
 * object was rendered, so what depends on it (partitions, comments) can be left out with it.
 */
export function renderObject(
  scope: DdlScope,
  phase: DdlPhase,
  object: string,
  source: { readonly text: string; readonly at?: SourceLocation },
  render: (ctx: TranslateContext) => readonly string[],
): boolean {
  const ctx = scope.context(object)
  let statements: readonly string[]
  try {
    statements = render(ctx)
  } catch (e) {
    const failure = e instanceof NotRenderable ? { code: e.code, message: e.message, at: e.at } : asTranslationFailure(e)
    if (!failure) throw e
    const at = failure.at ?? source.at
    ctx.findings.push(actionItem(object, failure.code, failure.message, at, source.text))
    scope.out.push({ phase, object, sql: commentedOut(source.text, failure.message, at) })
    return false
  }
  for (const sql of statements) scope.out.push({ phase, object, sql })
  return true
}

export function note(ctx: TranslateContext, severity: Severity, code: string, message: string, at?: SourceLocation): void {
  ctx.findings.push({ code, severity, object: ctx.object, message, at })
}

/** `TABLE HR.EMPLOYEES`: how findings and statements name an object. */
export function objectLabel(kind: string, q: QualifiedName): string {
  return `${kind} ${displayName(q)}`
}

/** PostgreSQL truncates names to 63 bytes (NAMEDATALEN - 1). */
const PG_NAME_BYTES = 63
const FOLDED = /^[A-Z_][A-Z0-9_$#]*$/

/**
 * An identifier for a name PostgreSQL would truncate: cut to fit and given a short hash of the
 * full name, so two long names sharing a prefix stay distinct. `truncated` tells the caller to
 * report it.
 */
export function pgLongIdent(name: string): { readonly sql: string; readonly truncated: boolean } {
  const stored = pgStoredName(name)
  if (Buffer.byteLength(stored) <= PG_NAME_BYTES) return { sql: pgIdent(name), truncated: false }
  const hash = createHash('sha1').update(name).digest('hex').slice(0, 8)
  let head = stored
  while (Buffer.byteLength(head) > PG_NAME_BYTES - hash.length - 1) head = head.slice(0, -1)
  const short = `${head}_${hash}`
  // A folded name stays folded (unquoted lower case); any other keeps its exact spelling.
  return { sql: FOLDED.test(name) ? pgIdent(short.toUpperCase()) : pgIdent(short), truncated: true }
}

/** pgLongIdent, reporting a truncation as an info finding on the context's object. */
export function namedIdent(ctx: TranslateContext, name: string, what: string): string {
  const n = pgLongIdent(name)
  if (n.truncated) note(ctx, 'info', 'NAME_TRUNCATED', `${what} name ${name} is longer than ${PG_NAME_BYTES} bytes; written as ${n.sql}`)
  return n.sql
}

/**
 * A column's or attribute's PostgreSQL type. The model's logical type is passed along because an
 * earlier stage may have settled it (text for a type PostgreSQL lacks); overrides still win.
 */
export function formatColumnType(ctx: TranslateContext, native: NativeType, logical: LogicalType): string {
  const format: TypeFormatter = ctx.formatType
  return format(native, logical)
}
