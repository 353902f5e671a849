import type { Expr } from '../ast.js'
import type { RewriteContext } from './scope.js'

/** Helpers for rules: reading Oracle calls and building PostgreSQL nodes. */

/** The Oracle built-in a node calls (`NVL`), or undefined for anything else. */
export function oracleCall(e: Expr): Extract<Expr, { kind: 'call' }> | undefined {
  return e.kind === 'call' && !e.target && !e.method && e.name.length === 1 ? e : undefined
}

export function isOracleCall(e: Expr, ...names: string[]): e is Extract<Expr, { kind: 'call' }> {
  const c = oracleCall(e)
  return c !== undefined && names.includes(c.name[0]!)
}

/** The positional argument values of a call. */
export function args(e: Extract<Expr, { kind: 'call' }>): Expr[] {
  return e.args.map((a) => a.value)
}

/** A PostgreSQL function call. */
export function pgCall(name: string, ...values: Expr[]): Expr {
  return { kind: 'call', name: [name], args: values.map((value) => ({ value })), target: true }
}

/** A call to one of godwit's support functions (src/convert/sql/support-functions.ts), recorded for emission. */
export function supportCall(rc: RewriteContext, name: string, ...values: Expr[]): Expr {
  rc.g.support.add(name)
  return pgCall(`godwit_ora.${name}`, ...values)
}

export function raw(sql: string): Expr {
  return { kind: 'raw', sql }
}

/** PostgreSQL's empty string, which a rule may need (nullif(x, '')); not an Oracle '' (which is NULL). */
export const EMPTY_TEXT: Expr = { kind: 'raw', sql: "''" }

export function str(value: string): Expr {
  return { kind: 'string', value }
}

export function num(value: number | string): Expr {
  return { kind: 'number', value: String(value) }
}

export function binary(op: Extract<Expr, { kind: 'binary' }>['op'], left: Expr, right: Expr): Expr {
  return { kind: 'binary', op, left, right }
}

/** A bare pseudo-column such as SYSDATE, ROWNUM, LEVEL (not qualified, not a catalog column). */
export function isPseudoColumn(e: Expr, name: string): boolean {
  return e.kind === 'column' && e.path.length === 1 && e.path[0] === name
}

/** A string literal's value, or undefined. */
export function stringValue(e: Expr | undefined): string | undefined {
  return e?.kind === 'string' ? e.value : undefined
}
