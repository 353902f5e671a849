import type { Severity } from '../../model/finding.js'
import type { SqlText } from '../../model/location.js'
import type { TranslateContext } from '../translate-context.js'
import { TokenCursor } from './cursor.js'
import { tokenize } from './tokenizer.js'

/** A script statement the converter reads itself (ANALYZE, TRUNCATE, CREATE TABLE … AS): its tokens and where its findings go. */
export interface ScriptStatement {
  readonly c: TokenCursor
  /** A finding about the statement, placed at its start. */
  note(severity: Severity, code: string, message: string): void
  /** `[schema.]name`, as written (upper-cased unless quoted). */
  name(what: string): string[]
}

export function scriptStatement(src: SqlText, ctx: TranslateContext): ScriptStatement {
  const c = new TokenCursor(tokenize(src.text, src.at), src.text, src.at?.file ?? '<input>')
  const at = c.location()
  return {
    c,
    note(severity, code, message) {
      ctx.findings.push({ code, severity, object: ctx.object, message, at })
    },
    name(what) {
      const parts = [c.identifier(what)]
      if (c.acceptOp('.')) parts.push(c.identifier(what))
      return parts
    },
  }
}
