import type { NativeType } from '../../../model/schema.js'
import type { TranslateContext } from '../../translate-context.js'
import type { RewriteRules } from '../dialect.js'

/**
 * What the PostgreSQL generator needs beyond the translation context. `resolveName` lets the
 * PL/SQL generator map names it owns (`[':NEW', 'SALARY']` for a bind path, local and package
 * variables); returning undefined falls back to the default rule (pgIdent on each part).
 */
export interface GenerateContext extends TranslateContext {
  /** The source dialect's rules; absent: Oracle's (the PL/SQL generator relies on that). */
  readonly rules?: RewriteRules
  readonly resolveName?: (path: readonly string[]) => string | undefined
  /**
   * The Oracle type of a name the PL/SQL generator owns (a local variable), so date arithmetic
   * and TRUNC/ROUND can tell dates from numbers. Undefined: not known.
   */
  readonly typeOfName?: (path: readonly string[]) => NativeType | undefined
  /**
   * Whether the PL/SQL unit being generated declares the name a call starts with (a variable,
   * a collection read as `v(i)`, a cursor, a local or package routine), so the call resolves to
   * something the output defines.
   */
  readonly definesName?: (path: readonly string[]) => boolean
  /** The package whose code is being generated: an unqualified call may name one of its functions. */
  readonly packageName?: string
}
