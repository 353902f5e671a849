import type { SqlText } from '../../model/location.js'
import type { TranslateContext } from '../translate-context.js'
import { TokenCursor } from './cursor.js'
import { parseExpression, parseQuery, parseSqlStatement } from './parser/index.js'
import { generateExpression, generateQuery, generateStatement } from './postgres/index.js'
import { tokenize } from './tokenizer.js'

/**
 * The converter's entry points for SQL: source text in, PostgreSQL text out. Positions in
 * errors are file positions because the text is tokenized from where it starts in its file.
 */
function cursorFor(src: SqlText): TokenCursor {
  return new TokenCursor(tokenize(src.text, src.at), src.text, src.at?.file ?? '<input>')
}

function expectEnd(c: TokenCursor): void {
  c.acceptOp(';')
  if (!c.atEnd()) c.fail('unexpected text after the end of the statement')
}

/** A column default, check condition, index or virtual-column expression. */
export function translateExpression(src: SqlText, ctx: TranslateContext): string {
  const c = cursorFor(src)
  const e = parseExpression(c)
  expectEnd(c)
  return generateExpression(e, ctx)
}

/** A view's query. */
export function translateQuery(src: SqlText, ctx: TranslateContext): string {
  const c = cursorFor(src)
  const q = parseQuery(c)
  expectEnd(c)
  return generateQuery(q, ctx)
}

/**
 * A top-level INSERT/UPDATE/DELETE/MERGE of a script. COMMIT and ROLLBACK become nothing: psql
 * runs the output in autocommit mode.
 */
export function translateDataStatement(src: SqlText, ctx: TranslateContext): string[] {
  const c = cursorFor(src)
  const s = parseSqlStatement(c)
  expectEnd(c)
  if (s.kind === 'commit' || (s.kind === 'rollback' && !s.savepoint)) return []
  return [generateStatement(s, ctx)]
}
