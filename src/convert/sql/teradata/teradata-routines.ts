import type { CodeObjectDef, NativeType } from '../../../model/schema.js'
import { parseTeradataType } from '../../../engines/teradata/teradata-ddl-types.js'
import { pgIdent } from '../../naming.js'
import { dollarQuote, qualifiedIdent } from '../../plsql/pg-names.js'
import { UnsupportedConstructError, type TranslateContext } from '../../translate-context.js'
import { TokenCursor } from '../cursor.js'
import type { SqlDialect } from '../translate-sql.js'
import { parseExpression, parseSqlStatement } from '../parser/index.js'
import { generateExpression, generateStatement, type GenerateContext } from '../postgres/index.js'
import { tokenize } from '../tokenizer.js'

/**
 * Teradata macros and SQL functions → PostgreSQL routines. A macro whose body is data
 * statements becomes a LANGUAGE sql procedure (CALL m(…) replaces EXEC m(…)); a SQL function
 * (`RETURN expr`) becomes a LANGUAGE sql function. Parameters are referenced by position, so a
 * column of the same name never captures them. Stored procedures (SPL) and macros that return
 * rows are action items with the reason.
 */

interface Parameter {
  readonly name: string
  readonly type: NativeType
}

export function translateTeradataRoutine(def: CodeObjectDef, ctx: TranslateContext, dialect: SqlDialect): string[] {
  const src = def.source
  const c = new TokenCursor(tokenize(src.text, src.at, dialect.tokenizer), src.text, src.at?.file ?? '<input>', dialect.parser)
  if (!c.acceptWord('REPLACE')) {
    c.expectWord('CREATE')
    c.acceptWords('OR', 'REPLACE')
  }
  const at = c.location()
  const kind = c.identifier('MACRO, FUNCTION or PROCEDURE')
  if (kind === 'PROCEDURE') throw new UnsupportedConstructError(`stored procedure ${def.name}: Teradata SPL is not translated in this version; rewrite it in PL/pgSQL`, at, 'TERADATA_PROCEDURE')
  if (kind !== 'MACRO' && kind !== 'FUNCTION') c.fail('expected MACRO, FUNCTION or PROCEDURE')
  const name = [c.identifier('routine name')]
  while (c.acceptOp('.')) name.push(c.identifier('routine name'))
  const params = c.isOp('(') ? parseParameters(c) : []
  const qualified = qualifiedIdent(ctx.targetSchema, name.at(-1)!, name.length > 1 ? name.at(-2) : def.schema)
  const signature = params.map((p) => `${pgIdent(p.name)} ${ctx.formatType(p.type)}`).join(', ')
  const g: GenerateContext = {
    ...ctx,
    rules: dialect.rules,
    // `:p` in a macro, `p` in a function: the parameter's position.
    resolveName: (path) => {
      const bare = path.length === 1 ? path[0]!.replace(/^:/, '') : undefined
      const i = bare === undefined ? -1 : params.findIndex((p) => p.name === bare)
      if (i < 0 && path[0]!.startsWith(':')) throw new UnsupportedConstructError(`${path.join('.')} is not a parameter of ${def.name} (Teradata rejects it too)`, src.at, 'TERADATA_MACRO_PARAMETER')
      return i < 0 ? undefined : `$${i + 1}`
    },
  }
  if (kind === 'FUNCTION') return [sqlFunction(c, qualified, signature, g)]
  c.expectWord('AS')
  c.expectOp('(')
  const statements: string[] = []
  while (!c.isOp(')')) {
    const s = parseSqlStatement(c)
    if (s.kind === 'query') throw new UnsupportedConstructError(`macro ${def.name} returns rows: make it a set-returning function with the column types of its SELECT`, s.at, 'TERADATA_MACRO_SELECT')
    statements.push(generateStatement(s, g))
    c.expectOp(';')
  }
  c.expectOp(')')
  c.acceptOp(';')
  if (!c.atEnd()) c.fail('unexpected text after the end of the macro')
  const body = statements.map((s) => `${s};`).join('\n')
  const q = dollarQuote(body)
  return [`CREATE OR REPLACE PROCEDURE ${qualified}(${signature}) LANGUAGE sql AS ${q}\n${body}\n${q}`]
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
