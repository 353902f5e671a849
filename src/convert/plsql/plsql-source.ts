import type { SqlText } from '../../model/location.js'
import { TokenCursor } from '../sql/cursor.js'
import { tokenize } from '../sql/tokenizer.js'
import { cursorUse, mergePlsqlPseudoNames, type CursorUse } from './plsql-tokens.js'

const UNKNOWN_ORIGIN = { file: '<plsql>', line: 1, column: 1 }

/** A cursor over PL/SQL source, positioned for file:line:column errors, plus what the body reads. */
export function plsqlCursor(src: SqlText): { cursor: TokenCursor; cursorUse: CursorUse } {
  const origin = src.at ?? UNKNOWN_ORIGIN
  const tokens = mergePlsqlPseudoNames(tokenize(src.text, origin))
  return { cursor: new TokenCursor(tokens, src.text, origin.file), cursorUse: cursorUse(tokens) }
}
