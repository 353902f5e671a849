import { UnsupportedConstructError } from '../../translate-context.js'
import type { Expr } from '../ast.js'
import type { ExprRule } from './index.js'
import { args, isOracleCall, pgCall, str } from './build.js'
import type { RewriteContext, Scope } from './scope.js'

/**
 * Object references. PostgreSQL has no REF type: a REF attribute or column is created as text
 * (resolve-types.ts), and a reference becomes the text of the referenced row's key, the object
 * identifier Oracle builds it from: MAKE_REF(view, k…) the view's WITH OBJECT IDENTIFIER key,
 * REF(alias) the primary key of the object table behind the alias (OE's categories_tab). Values
 * of several keys are joined with commas. Following a reference (DEREF, ref.attr) stays an action
 * item: it becomes a join on that key.
 */
function keyText(keys: readonly Expr[]): Expr {
  const text = keys.map((k): Expr => ({ kind: 'pg-cast', expr: k, type: 'text' }))
  return text.length === 1 ? text[0]! : pgCall('concat_ws', str(','), ...text)
}

function note(e: Extract<Expr, { kind: 'call' }>, rc: RewriteContext): void {
  rc.g.findings.push({
    code: 'REF_AS_KEY',
    severity: 'warning',
    object: rc.g.object,
    message: `${e.name.join('.')}(…) becomes the referenced row's key as text: code that follows the reference (DEREF, ref.attribute) must join on that key instead`,
    at: e.at,
  })
}

const makeRef: ExprRule = (e, rc) => {
  if (!isOracleCall(e, 'MAKE_REF')) return undefined
  const keys = args(e).slice(1)
  if (keys.length === 0) throw new UnsupportedConstructError('MAKE_REF without key values', e.at, 'UNSUPPORTED_FUNCTION')
  note(e, rc)
  return keyText(keys)
}

const ref: ExprRule = (e, rc) => {
  if (!isOracleCall(e, 'REF')) return undefined
  const [target] = args(e)
  const column = target?.kind === 'column' && target.path.length === 1 ? target : undefined
  const alias = column?.path[0]
  let table
  for (let s: Scope | undefined = rc.scope; s && alias && !table; s = s.parent) table = s.tables.get(alias)
  const key = table?.primaryKey?.columns
  if (!column || !alias || !key?.length) throw new UnsupportedConstructError('REF(…) of a row without a primary key: PostgreSQL has no object identifiers', e.at, 'UNSUPPORTED_FUNCTION')
  note(e, rc)
  return keyText(key.map((c): Expr => ({ kind: 'column', path: [alias, c], at: column.at })))
}

export const refRules: readonly ExprRule[] = [makeRef, ref]
