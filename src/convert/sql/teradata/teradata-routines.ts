import type { SourceLocation } from '../../../model/location.js'
import type { CodeObjectDef, ColumnDef, NativeType } from '../../../model/schema.js'
import { parseTeradataType } from '../../../engines/teradata/teradata-ddl-types.js'
import { pgIdent } from '../../naming.js'
import { dollarQuote, qualifiedIdent } from '../../plsql/pg-names.js'
import { UnsupportedConstructError, type TranslateContext } from '../../translate-context.js'
import type { Query, SqlStatement } from '../ast.js'
import { TokenCursor } from '../cursor.js'
import { generationFor, type SqlDialect } from '../translate-sql.js'
import { parseExpression, parseSqlStatement } from '../parser/index.js'
import { generateExpression, generateStatement, type GenerateContext } from '../postgres/index.js'
import { findTable } from '../rewrites/scope.js'
import { tokenize } from '../tokenizer.js'
import { queryColumns } from '../view-columns.js'

/**
 * Teradata macros and SQL functions → PostgreSQL routines. A macro whose body is data
 * statements becomes a LANGUAGE sql procedure (CALL m(…) replaces EXEC m(…)); a SQL function
 * (`RETURN expr`) becomes a LANGUAGE sql function. Parameters are referenced by position, so a
 * column of the same name never captures them. A procedure that only opens one result-set
 * cursor, and a macro whose last statement is a SELECT, become set-returning functions; other
 * stored procedures (SPL) are action items with the reason.
 */

interface Parameter {
  readonly name: string
  readonly type: NativeType
}

interface RoutineHeader {
  readonly kind: 'MACRO' | 'FUNCTION' | 'PROCEDURE'
  readonly name: readonly string[]
  readonly params: readonly Parameter[]
  readonly at: SourceLocation | undefined
}

/** `[CREATE [OR REPLACE] | REPLACE] MACRO|FUNCTION|PROCEDURE name [(parameters)]`, leaving the cursor at what follows. */
function readHeader(c: TokenCursor): RoutineHeader {
  if (!c.acceptWord('REPLACE')) {
    c.expectWord('CREATE')
    c.acceptWords('OR', 'REPLACE')
  }
  const at = c.location()
  const kind = c.identifier('MACRO, FUNCTION or PROCEDURE')
  if (kind !== 'MACRO' && kind !== 'FUNCTION' && kind !== 'PROCEDURE') c.fail('expected MACRO, FUNCTION or PROCEDURE')
  const name = [c.identifier('routine name')]
  while (c.acceptOp('.')) name.push(c.identifier('routine name'))
  const params = c.isOp('(') ? parseParameters(c) : []
  return { kind, name, params, at }
}

function routineCursor(def: CodeObjectDef, dialect: SqlDialect): TokenCursor {
  const src = def.source
  return new TokenCursor(tokenize(src.text, src.at, dialect.tokenizer), src.text, src.at?.file ?? '<input>', dialect.parser)
}

/** Whether a macro returns rows (it has a SELECT), so that `EXEC` of it becomes a SELECT from the function it is converted to. */
export function macroReturnsRows(def: CodeObjectDef, dialect: SqlDialect): boolean {
  try {
    const c = routineCursor(def, dialect)
    return readHeader(c).kind === 'MACRO' && macroBody(c).some((s) => s.kind === 'query')
  } catch {
    // A macro that does not parse is reported where it is converted; EXEC of it stays a CALL.
    return false
  }
}

export function translateTeradataRoutine(def: CodeObjectDef, ctx: TranslateContext, dialect: SqlDialect): string[] {
  const src = def.source
  const c = routineCursor(def, dialect)
  const { kind, name, params, at } = readHeader(c)
  const qualified = qualifiedIdent(ctx.targetSchema, name.at(-1)!, name.length > 1 ? name.at(-2) : def.schema)
  const signature = params.map((p) => `${pgIdent(p.name)} ${ctx.formatType(p.type)}`).join(', ')
  const g: GenerateContext = {
    ...generationFor(dialect, ctx),
    // `:p` in a macro, `p` in a function: the parameter's position.
    resolveName: (path) => {
      const bare = path.length === 1 ? path[0]!.replace(/^:/, '') : undefined
      const i = bare === undefined ? -1 : params.findIndex((p) => p.name === bare)
      if (i < 0 && path[0]!.startsWith(':')) throw new UnsupportedConstructError(`${path.join('.')} is not a parameter of ${def.name} (Teradata rejects it too)`, src.at, 'TERADATA_MACRO_PARAMETER')
      return i < 0 ? undefined : `$${i + 1}`
    },
  }
  if (kind === 'FUNCTION') return [sqlFunction(c, qualified, signature, g)]
  if (kind === 'PROCEDURE') return [resultSetProcedure(c, def, qualified, signature, g, at)]
  const statements = macroBody(c)
  const body = statements.map((s) => `${generateStatement(s, g)};`).join('\n')
  const q = dollarQuote(body)
  const rows = macroRows(def, statements, g)
  if (!rows) return [`CREATE OR REPLACE PROCEDURE ${qualified}(${signature}) LANGUAGE sql AS ${q}\n${body}\n${q}`]
  g.findings.push({ code: 'TERADATA_MACRO_ROWS', severity: 'info', object: g.object, message: `returns its rows as a set-returning function: EXEC ${def.name}(…) becomes SELECT * FROM ${qualified}(…)`, at })
  // Data statements before the SELECT make it VOLATILE: a STABLE function may not write, and its SELECT would not see the writes.
  const volatility = statements.length > 1 ? 'VOLATILE' : 'STABLE'
  return [`CREATE OR REPLACE FUNCTION ${qualified}(${signature}) RETURNS ${returnsTable(rows, g)} LANGUAGE sql ${volatility} AS ${q}\n${body}\n${q}`]
}

/** `AS ( statement; … )`: a macro's statements. */
function macroBody(c: TokenCursor): SqlStatement[] {
  c.expectWord('AS')
  c.expectOp('(')
  const statements: SqlStatement[] = []
  while (!c.isOp(')')) {
    statements.push(parseSqlStatement(c))
    c.expectOp(';')
  }
  c.expectOp(')')
  c.acceptOp(';')
  if (!c.atEnd()) c.fail('unexpected text after the end of the macro')
  return statements
}

/**
 * The row type of a macro that returns rows: its one SELECT, last, with every column named and
 * typed (queryColumns). A macro of data statements only returns none (undefined). PostgreSQL
 * routines return one result, so several SELECTs, a SELECT before other statements, or a column
 * whose type cannot be known are action items.
 */
function macroRows(def: CodeObjectDef, statements: readonly SqlStatement[], g: GenerateContext): ColumnDef[] | undefined {
  const queries = statements.filter((s): s is Extract<SqlStatement, { kind: 'query' }> => s.kind === 'query')
  if (queries.length === 0) return undefined
  const refuse = (why: string) => new UnsupportedConstructError(`macro ${def.name} returns rows, ${why}`, queries[0]!.at, 'TERADATA_MACRO_SELECT')
  if (queries.length > 1) throw refuse(`${queries.length} result sets: a PostgreSQL function returns one; split it into one function per SELECT`)
  if (statements.at(-1) !== queries[0]) throw refuse('and statements follow its SELECT: make the SELECT the last statement')
  const columns = queryColumns(queries[0]!.query, g)
  if (!columns) throw refuse('and a column of its SELECT has no name or no known type (an unaliased expression, or * over a relation the schema does not define): alias or CAST it')
  return columns
}

/** `(name type [attributes], …)`. */
function parseParameters(c: TokenCursor): Parameter[] {
  c.expectOp('(')
  const params: Parameter[] = []
  if (!c.isOp(')')) {
    do {
      c.acceptWord('IN')
      const name = c.identifier('parameter name')
      params.push({ name, type: parseTeradataType(c) })
      // DEFAULT values and FORMAT/TITLE attributes do not change the parameter's type.
      while (!c.isOp(',') && !c.isOp(')') && !c.atEnd()) c.next()
    } while (c.acceptOp(','))
  }
  c.expectOp(')')
  return params
}

/** `RETURNS type [LANGUAGE SQL …characteristics] RETURN expr`. */
function sqlFunction(c: TokenCursor, qualified: string, signature: string, g: GenerateContext): string {
  c.expectWord('RETURNS')
  const returns = parseTeradataType(c)
  let deterministic = false
  while (!c.isWord('RETURN') && !c.atEnd()) {
    if (c.isWord('DETERMINISTIC') && !c.isWord('NOT', -1)) deterministic = true
    c.next()
  }
  const at = c.location()
  if (!c.acceptWord('RETURN')) throw new UnsupportedConstructError('external (C/Java) functions are not translated: only SQL functions with RETURN expr', at, 'TERADATA_EXTERNAL_FUNCTION')
  const body = `SELECT ${generateExpression(parseExpression(c), g)}`
  c.acceptOp(';')
  if (!c.atEnd()) c.fail('unexpected text after the function body')
  const q = dollarQuote(body)
  return `CREATE OR REPLACE FUNCTION ${qualified}(${signature}) RETURNS ${g.formatType(returns)} LANGUAGE sql ${deterministic ? 'IMMUTABLE' : 'STABLE'} AS ${q}\n${body}\n${q}`
}

/**
 * The one SPL shape translated: a procedure whose body only opens a result-set cursor
 * (`DYNAMIC RESULT SETS 1 BEGIN DECLARE c CURSOR WITH RETURN [ONLY] FOR SELECT …; OPEN c; END`)
 * returns the query's rows: a set-returning LANGUAGE sql function (of t's row type for
 * `SELECT * FROM t`, else of the query's typed columns), called as `SELECT * FROM p(…)` instead
 * of `CALL p(…)` (info TERADATA_RESULT_SET_PROCEDURE). Any other SPL is an action item.
 */
function resultSetProcedure(c: TokenCursor, def: CodeObjectDef, qualified: string, signature: string, g: GenerateContext, at: SourceLocation | undefined): string {
  const refuse = (why: string) => new UnsupportedConstructError(`stored procedure ${def.name}: ${why}; rewrite it in PL/pgSQL`, at, 'TERADATA_PROCEDURE')
  const read = (): { query: Query; cursor: string } => {
    if (c.acceptWords('DYNAMIC', 'RESULT', 'SETS')) c.next()
    c.expectWord('BEGIN')
    c.expectWord('DECLARE')
    const cursor = c.identifier('cursor name')
    c.expectWord('CURSOR')
    c.expectWord('WITH')
    c.expectWord('RETURN')
    c.acceptWord('ONLY')
    if (c.acceptWord('TO')) c.next()
    c.expectWord('FOR')
    const s = parseSqlStatement(c)
    if (s.kind !== 'query') throw refuse('the cursor is not over a query')
    c.expectOp(';')
    c.expectWord('OPEN')
    if (c.identifier('cursor name') !== cursor) throw refuse('it opens another cursor than the one it declares')
    c.expectOp(';')
    c.expectWord('END')
    c.acceptOp(';')
    if (!c.atEnd()) throw refuse('statements follow its END')
    return { query: s.query, cursor }
  }
  let query: Query
  try {
    query = read().query
  } catch (e) {
    if (e instanceof UnsupportedConstructError) throw e
    throw refuse('Teradata SPL other than one result-set cursor is not translated in this version')
  }
  const from = query.kind === 'select' && query.items.length === 1 && query.items[0]!.expr.kind === 'star' && !query.items[0]!.expr.qualifier && query.from.length === 1 ? query.from[0]! : undefined
  const table = from?.kind === 'table' ? findTable(from.name, g) : undefined
  const columns = table ? undefined : queryColumns(query, g)
  if (!table && !columns) throw refuse('a column of its result set has no name or no known type, so its row type is not known (alias or CAST it)')
  const body = generateStatement({ kind: 'query', query, at: query.at }, g)
  g.findings.push({ code: 'TERADATA_RESULT_SET_PROCEDURE', severity: 'info', object: g.object, message: `returns its result set as a set-returning function: call it as SELECT * FROM ${qualified}(…) instead of CALL`, at })
  const q = dollarQuote(body)
  // SELECT * of one table keeps the table's row type, so a column added to the table later is returned too.
  const returns = table ? `SETOF ${qualifiedIdent(g.targetSchema, table.name, table.schema)}` : returnsTable(columns!, g)
  return `CREATE OR REPLACE FUNCTION ${qualified}(${signature}) RETURNS ${returns} LANGUAGE sql STABLE AS ${q}\n${body}\n${q}`
}

function returnsTable(columns: readonly ColumnDef[], g: GenerateContext): string {
  return `TABLE (${columns.map((col) => `${pgIdent(col.name)} ${g.formatType(col.nativeType)}`).join(', ')})`
}
