import { pgIdent } from '../naming.js'
import type { Expr } from '../sql/ast.js'

/**
 * Rewrites PL/SQL-only forms inside SQL-layer expression trees before generation: the trees are
 * plain data, so a structural walk reaches every nested expression (subqueries included).
 * `replace` returns the new node for an expression, or undefined to keep it and descend.
 */
export function mapExpressions<T>(node: T, replace: (e: Expr) => Expr | undefined): T {
  if (Array.isArray(node)) return node.map((n) => mapExpressions(n, replace)) as T
  if (node === null || typeof node !== 'object') return node
  if ('kind' in node) {
    const replaced = replace(node as unknown as Expr)
    if (replaced) return replaced as unknown as T
  }
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(node)) out[k] = mapExpressions(v, replace)
  return out as T
}

/**
 * `v(i)` on a collection variable is a subscript: PostgreSQL writes `v[i]`. The SQL parser reads
 * it as a call, so the call node becomes a subscript node of target text.
 */
export function collectionSubscript(e: Expr, collections: ReadonlySet<string>, generate: (e: Expr) => string): Expr | undefined {
  if (e.kind !== 'call' || e.name.length !== 1 || e.args.length !== 1 || !collections.has(e.name[0]!)) return undefined
  return { kind: 'raw', sql: `${pgIdent(e.name[0]!)}[${generate(e.args[0]!.value)}]` }
}

/** Oracle calls a parameterless function without parentheses (`v := f;`); PostgreSQL needs `f()`. */
export function parameterlessCall(e: Expr, isFunction: (path: readonly string[]) => boolean): Expr | undefined {
  if (e.kind !== 'column' || !isFunction(e.path)) return undefined
  return { kind: 'raw', sql: `${e.path.map(pgIdent).join('.')}()` }
}

/** `num_list(1, 2)` / `num_list()`: a collection constructor becomes an array literal of its type. */
export function collectionConstructor(e: Expr, arrayTypeOf: (name: readonly string[]) => string | undefined, generate: (e: Expr) => string): Expr | undefined {
  if (e.kind !== 'call' || e.name.length > 2) return undefined
  const type = arrayTypeOf(e.name)
  if (!type) return undefined
  return { kind: 'raw', sql: `ARRAY[${e.args.map((a) => generate(a.value)).join(', ')}]::${type}` }
}

/** `v.EXISTS(i)`: whether subscript i is inside the array's bounds (arrays are dense). */
export function collectionExists(e: Expr, collections: ReadonlySet<string>, generate: (e: Expr) => string): Expr | undefined {
  if (e.kind !== 'call' || e.name.length !== 2 || e.name[1] !== 'EXISTS' || e.args.length !== 1 || !collections.has(e.name[0]!)) return undefined
  const v = pgIdent(e.name[0]!)
  return { kind: 'raw', sql: `coalesce(${generate(e.args[0]!.value)} BETWEEN array_lower(${v}, 1) AND array_upper(${v}, 1), false)` }
}

/**
 * `v.NEXT(i)` / `v.PRIOR(i)`: the next or previous subscript in use, NULL past the end. Arrays
 * are dense, so that is i ± 1 inside the bounds (and the first or last from outside them).
 */
export function collectionNavigation(e: Expr, collections: ReadonlySet<string>, generate: (e: Expr) => string): Expr | undefined {
  if (e.kind !== 'call' || e.name.length !== 2 || e.args.length !== 1 || !collections.has(e.name[0]!)) return undefined
  const v = pgIdent(e.name[0]!)
  const i = `(${generate(e.args[0]!.value)})`
  if (e.name[1] === 'NEXT') return { kind: 'raw', sql: `(CASE WHEN ${i} < array_lower(${v}, 1) THEN array_lower(${v}, 1) WHEN ${i} < array_upper(${v}, 1) THEN ${i} + 1 END)` }
  if (e.name[1] === 'PRIOR') return { kind: 'raw', sql: `(CASE WHEN ${i} > array_upper(${v}, 1) THEN array_upper(${v}, 1) WHEN ${i} > array_lower(${v}, 1) THEN ${i} - 1 END)` }
  return undefined
}
