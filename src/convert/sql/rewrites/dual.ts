import { UnsupportedConstructError } from '../../translate-context.js'
import type { FromItem } from '../ast.js'
import type { SelectRule } from './index.js'

function isDual(f: FromItem): boolean {
  return f.kind === 'table' && f.name[f.name.length - 1] === 'DUAL' && (f.name.length === 1 || f.name[0] === 'SYS')
}

/** `SELECT … FROM DUAL` → `SELECT …` (PostgreSQL needs no FROM for one row). */
export const rewriteDual: SelectRule = (q) => {
  const rest = q.from.filter((f) => !isDual(f))
  if (rest.length === q.from.length) return q
  // DUAL's one column is DUMMY = 'X' (what `SELECT * FROM dual` returns).
  if (rest.length === 0) return { ...q, from: [], items: q.items.map((i) => (i.expr.kind === 'star' ? { expr: { kind: 'string', value: 'X' }, alias: 'DUMMY' } : i)) }
  // DUAL has one row, so a comma join with it changes nothing.
  if (rest.length === q.from.length - 1) return { ...q, from: rest }
  throw new UnsupportedConstructError('DUAL listed more than once in FROM', q.at)
}
