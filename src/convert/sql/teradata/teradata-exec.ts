import type { SqlText } from '../../../model/location.js'
import { pgIdent } from '../../naming.js'
import type { TranslateContext } from '../../translate-context.js'
import { TokenCursor } from '../cursor.js'
import { parseExpressionList } from '../parser/expression-parser.js'
import { generateExpression } from '../postgres/index.js'
import { tokenize } from '../tokenizer.js'
import type { SqlDialect } from '../translate-sql.js'
import { macroReturnsRows } from './teradata-routines.js'

export const EXEC_START = /^\s*EXEC(?:UTE)?\b/i

/**
 * `EXEC m (args)`: a macro of data statements is a procedure in PostgreSQL (teradata-routines.ts),
 * so `CALL m(args)`; a macro that returns rows is a set-returning function, so `SELECT * FROM m(args)`.
 */
export function translateExec(src: SqlText, ctx: TranslateContext, dialect: SqlDialect): string[] {
  const c = new TokenCursor(tokenize(src.text, src.at, dialect.tokenizer), src.text, src.at?.file ?? '<input>', dialect.parser)
  if (!c.acceptWord('EXECUTE')) c.expectWord('EXEC')
  const name = [c.identifier('macro name')]
  while (c.acceptOp('.')) name.push(c.identifier('macro name'))
  let args: string[] = []
  if (c.acceptOp('(')) {
    if (!c.isOp(')')) args = parseExpressionList(c).map((e) => generateExpression(e, { ...ctx, rules: dialect.rules }))
    c.expectOp(')')
  }
  c.acceptOp(';')
  if (!c.atEnd()) c.fail('unexpected text after the end of the statement')
  const call = `${name.map(pgIdent).join('.')}(${args.join(', ')})`
  const macro = ctx.catalog.code.find((d) => d.kind === 'macro' && d.name === name.at(-1) && (name.length === 1 || d.schema === name.at(-2)))
  return [macro && macroReturnsRows(macro, dialect) ? `SELECT * FROM ${call}` : `CALL ${call}`]
}
