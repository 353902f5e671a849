import type { SqlText } from '../../model/location.js'
import type { CodeObjectDef } from '../../model/schema.js'
import { TokenCursor } from '../sql/cursor.js'
import { tokenize } from '../sql/tokenizer.js'
import type { TranslateContext } from '../translate-context.js'
import { resolveConditionalCompilation, type ConditionalUnit } from './plsql-conditional.js'
import { cursorUse, mergePlsqlPseudoNames, type CursorUse } from './plsql-tokens.js'

const UNKNOWN_ORIGIN = { file: '<plsql>', line: 1, column: 1 }

const ANONYMOUS_BLOCK: ConditionalUnit = { type: 'ANONYMOUS BLOCK' }

/**
 * A cursor over PL/SQL source, positioned for file:line:column errors, plus what the body reads.
 * Conditional compilation is resolved first, as Oracle does; `ctx` receives its warnings (the
 * translation passes it, parses for other purposes do not, so each warning is said once).
 */
export function plsqlCursor(src: SqlText, unit: ConditionalUnit = ANONYMOUS_BLOCK, ctx?: TranslateContext): { cursor: TokenCursor; cursorUse: CursorUse } {
  const origin = src.at ?? UNKNOWN_ORIGIN
  const tokens = mergePlsqlPseudoNames(resolveConditionalCompilation(tokenize(src.text, origin), origin.file, unit, ctx))
  return { cursor: new TokenCursor(tokens, src.text, origin.file), cursorUse: cursorUse(tokens) }
}

/** What $$PLSQL_UNIT and $$PLSQL_UNIT_TYPE say inside a stored unit. */
export function conditionalUnit(def: CodeObjectDef): ConditionalUnit {
  return { name: def.name, type: def.kind.replace('-', ' ').toUpperCase() }
}
