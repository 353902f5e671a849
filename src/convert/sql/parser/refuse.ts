import { UnsupportedConstructError } from '../../translate-context.js'
import type { TokenCursor } from '../cursor.js'
import type { Token } from '../token.js'

/**
 * Valid Oracle the converter does not translate, met while parsing: an action item at the
 * current token's position (UNSUPPORTED_CONSTRUCT), not a syntax error, which would say the
 * input is wrong.
 */
export function refuse(c: TokenCursor, message: string, at: Token = c.current): never {
  throw new UnsupportedConstructError(message, c.location(at))
}
