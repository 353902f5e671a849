import { supports } from '../../target.js'
import type { Expr } from '../ast.js'
import type { ExprRule } from './index.js'
import { args, binary, num, pgCall, supportCall } from './build.js'
import { ORACLE_PACKAGE } from './resolution.js'

/**
 * Calls into Oracle supplied packages that PostgreSQL built-ins do exactly. Anything else of a
 * supplied package stays an action item (resolution.ts).
 */

/** `[SYS.]PACKAGE.FUNCTION` → [package, function], or undefined for anything else. */
function packageFunction(e: Expr): readonly [string, string] | undefined {
  if (e.kind !== 'call' || e.target) return undefined
  const name = e.name[0] === 'SYS' ? e.name.slice(1) : e.name
  return name.length === 2 ? [name[0]!, name[1]!] : undefined
}

/**
 * `DBMS_RANDOM.VALUE` without parentheses is a call in Oracle (a PL/SQL function without
 * arguments), not a column: made one, so the rules below or resolution see it.
 */
const packageCallWithoutParens: ExprRule = (e, rc) => {
  if (e.kind !== 'column' || e.path.length < 2 || rc.g.resolveName?.(e.path) !== undefined) return undefined
  const owner = e.path[e.path.length - 2]!
  if (!ORACLE_PACKAGE.test(owner)) return undefined
  for (let s: typeof rc.scope | undefined = rc.scope; s; s = s.parent) if (s.tables.has(e.path[0]!)) return undefined
  return { kind: 'call', name: e.path, args: [], at: e.at }
}

/**
 * DBMS_RANDOM: VALUE is uniform on [0, 1) as random() is; VALUE(low, high) on [low, high);
 * RANDOM an integer on [-2^31, 2^31); NORMAL a standard normal deviate (random_normal() from
 * PostgreSQL 16, a support function before). SEED/INITIALIZE/STRING stay action items.
 */
const dbmsRandom: ExprRule = (e, rc) => {
  const f = packageFunction(e)
  if (!f || f[0] !== 'DBMS_RANDOM' || e.kind !== 'call') return undefined
  const [low, high] = args(e)
  switch (f[1]) {
    case 'VALUE':
      if (!low) return pgCall('random')
      if (!high) return undefined
      return binary('+', low, binary('*', pgCall('random'), binary('-', high, low)))
    case 'RANDOM':
      return { kind: 'pg-cast', expr: pgCall('floor', binary('-', binary('*', pgCall('random'), num('4294967296')), num('2147483648'))), type: 'integer' }
    case 'NORMAL':
      return supports(rc.g.target, 'randomNormal') ? pgCall('random_normal') : supportCall(rc, 'random_normal')
    default:
      return undefined
  }
}

/**
 * DBMS_LOB.GETLENGTH counts characters of a CLOB and bytes of a BLOB, as length() does on text
 * and bytea; DBMS_LOB.SUBSTR(lob, amount = 32767, offset = 1) is substr(lob, offset, amount).
 */
const dbmsLob: ExprRule = (e) => {
  const f = packageFunction(e)
  if (!f || f[0] !== 'DBMS_LOB' || e.kind !== 'call' || e.args.some((a) => a.name)) return undefined
  const [lob, amount, offset] = args(e)
  if (!lob) return undefined
  if (f[1] === 'GETLENGTH' && e.args.length === 1) return pgCall('length', lob)
  if (f[1] === 'SUBSTR') return pgCall('substr', lob, offset ?? num(1), amount ?? num(32767))
  return undefined
}

export const suppliedPackageRules: readonly ExprRule[] = [packageCallWithoutParens, dbmsRandom, dbmsLob]
