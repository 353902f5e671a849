import type { SqlText } from '../../model/location.js'
import type { CodeTranslator, TranslateContext } from '../translate-context.js'
import { TokenCursor } from './cursor.js'
import { parseNativeType } from '../../engines/oracle/oracle-types.js'
import { BASE_TOKENIZER, type SourceDialect } from './dialect.js'
import { parseExpression, parseQuery, parseSqlStatement } from './parser/index.js'
import { generateExpression, generateQuery, generateStatement, type GenerateContext } from './postgres/index.js'
import { ORACLE_RULES } from './rewrites/index.js'
import { tokenize } from './tokenizer.js'
import { withViewColumns } from './view-columns.js'
import type { Query, SqlStatement } from './ast.js'
import type { ViewDef } from '../../model/schema.js'

/** What reading and lowering a dialect's SQL needs: its tokenizer settings, parser hooks and rules. */
export type SqlDialect = Pick<SourceDialect, 'tokenizer' | 'parser' | 'rules'> & {
  /** Rules look up the columns of views as they do of tables (withViewColumns). */
  readonly typesViewColumns?: boolean
}

/**
 * The converter's entry points for SQL: source text in, PostgreSQL text out, for one source
 * dialect. Positions in errors are file positions because the text is tokenized from where it
 * starts in its file.
 */
export function sqlTranslator(dialect: SqlDialect): Omit<CodeTranslator, 'code'> {
  const cursorFor = (src: SqlText, ctx?: TranslateContext): TokenCursor => dialectCursor(dialect, src, ctx)
  const generation = (ctx: TranslateContext): GenerateContext => generationFor(dialect, ctx)
  return {
    /** A column default, check condition, index or virtual-column expression. */
    expression(src, ctx) {
      const c = cursorFor(src, ctx)
      const e = parseExpression(c)
      expectEnd(c)
      return generateExpression(e, generation(ctx))
    },
    /** A view's query. */
    query(src, ctx) {
      const c = cursorFor(src, ctx)
      const q = parseQuery(c)
      expectEnd(c)
      return generateQuery(q, generation(ctx))
    },
    /**
     * A top-level INSERT/UPDATE/DELETE/MERGE of a script. COMMIT and ROLLBACK become nothing:
     * psql runs the output in autocommit mode.
     */
    dataStatement(src, ctx) {
      const c = cursorFor(src, ctx)
      const s = parseSqlStatement(c)
      expectEnd(c)
      if (s.kind === 'commit' || (s.kind === 'rollback' && !s.savepoint)) return []
      const parameters = bindParameters(c)
      const { statement, wait } = withoutLockWait(s)
      const sql = generateStatement(statement, { ...generation(ctx), resolveName: (path) => (path.length === 1 ? parameters.get(path[0]!) : undefined) })
      if (parameters.size > 0) {
        const mapping = [...parameters].map(([bind, p]) => `${bind} → ${p}`).join(', ')
        ctx.findings.push({ code: 'BIND_PARAMETERS', severity: 'info', object: ctx.object, message: `bind variables became positional parameters (${mapping}): run the statement as a prepared statement and bind the values in that order`, at: src.at })
      }
      if (wait === undefined) return [sql]
      ctx.findings.push({ code: 'LOCK_WAIT', severity: 'info', object: ctx.object, message: `FOR UPDATE WAIT ${wait}: the session's lock_timeout is set to ${wait}s around the query and put back after it; it bounds every lock the query waits for, not only row locks, and a timeout raises lock_not_available (55P03) where Oracle raises ORA-30006; run the last statement also when the query fails`, at: src.at })
      return [setLockTimeout(`${wait}s`), sql, RESTORE_LOCK_TIMEOUT]
    },
  }
}

/** A top-level `SELECT … FOR UPDATE WAIT n` (the only place Oracle allows it) as plain FOR UPDATE, and its n. */
function withoutLockWait(s: SqlStatement): { statement: SqlStatement; wait?: number } {
  if (s.kind !== 'query' || typeof s.query.forUpdate?.wait !== 'number') return { statement: s }
  return { statement: { ...s, query: { ...s.query, forUpdate: { ...s.query.forUpdate, wait: undefined } } }, wait: s.query.forUpdate.wait }
}

/**
 * PostgreSQL has no per-statement lock wait: the session's lock_timeout is saved in a custom
 * setting, set for the query, and put back after it (SET … RESET would lose a value the
 * application had set).
 */
function setLockTimeout(timeout: string): string {
  return `SELECT set_config('godwit.saved_lock_timeout', current_setting('lock_timeout'), false), set_config('lock_timeout', '${timeout}', false)`
}

const RESTORE_LOCK_TIMEOUT = "SELECT set_config('lock_timeout', current_setting('godwit.saved_lock_timeout'), false)"

/** A cursor over source text in the dialect, past its request modifiers (noted as findings when `ctx` is given). */
function dialectCursor(dialect: SqlDialect, src: SqlText, ctx?: TranslateContext): TokenCursor {
  const c = new TokenCursor(tokenize(src.text, src.at, dialect.tokenizer), src.text, src.at?.file ?? '<input>', dialect.parser)
  for (const note of dialect.parser.requestModifiers?.(c) ?? []) ctx?.findings.push({ ...note, severity: 'info', object: ctx.object })
  return c
}

/** What the generator needs for one dialect: its rules, and a catalog in which views have typed columns when the dialect asks for it. */
export function generationFor(dialect: SqlDialect, ctx: TranslateContext): GenerateContext {
  const parseView = (v: ViewDef): Query => parseQuery(dialectCursor(dialect, v.query))
  return { ...ctx, rules: dialect.rules, catalog: dialect.typesViewColumns ? withViewColumns(ctx, parseView) : ctx.catalog }
}

/** Oracle's SQL is the shared grammar itself: the base tokenizer, no hooks but its type parser, Oracle's rules. */
export const ORACLE_SQL: SqlDialect = { tokenizer: BASE_TOKENIZER, parser: { parseType: parseNativeType }, rules: ORACLE_RULES }

const oracleSql = sqlTranslator(ORACLE_SQL)
export const translateExpression = oracleSql.expression
export const translateQuery = oracleSql.query
export const translateDataStatement = oracleSql.dataStatement

/**
 * Application SQL binds values (`:name`, `:1`); a top-level statement becomes a PostgreSQL
 * prepared statement whose parameters are numbered in order of first appearance in the source,
 * a repeated name reusing its number. Keyed `:NAME`, the path the generator resolves a bind by.
 */
function bindParameters(c: TokenCursor): Map<string, string> {
  const parameters = new Map<string, string>()
  for (const t of c.tokens) if (t.kind === 'bind' && !parameters.has(`:${t.value}`)) parameters.set(`:${t.value}`, `$${parameters.size + 1}`)
  return parameters
}

function expectEnd(c: TokenCursor): void {
  c.acceptOp(';')
  if (!c.atEnd()) c.fail('unexpected text after the end of the statement')
}
