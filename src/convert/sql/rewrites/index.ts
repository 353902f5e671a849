import type { Expr, MultiInsertBranch, Query, SelectQuery, SqlStatement } from '../ast.js'
import type { RewriteRules } from '../dialect.js'
import type { GenerateContext } from '../postgres/generate-context.js'
import { aggregateRules } from './aggregates.js'
import { analyticOptionRules } from './analytic-options.js'
import { arithmeticRules } from './arithmetic.js'
import { builtinConversionRules } from './builtin-conversions.js'
import { builtinRules } from './builtins.js'
import { rewriteConnectBy } from './connect-by.js'
import { conversionErrorRules } from './conversion-errors.js'
import { dateRules } from './dates.js'
import { rewriteDual } from './dual.js'
import { implicitDateValue, insertColumnTypes } from './implicit-dates.js'
import { jsonRules, rewriteJsonTableInput } from './json.js'
import { nullFunctionRules } from './null-functions.js'
import { objectRules, objectTableValues } from './objects.js'
import { rewriteOuterJoins } from './outer-join.js'
import { rewritePivots } from './pivot.js'
import { pipelinedTableCalls } from './pipelined-calls.js'
import { regexpRules } from './regexp.js'
import { rejectDictionaryViews, resolutionRules } from './resolution.js'
import { rewriteRownum, rownumRules } from './rownum.js'
import { columnType, scopeOf, type RewriteContext, type Scope } from './scope.js'
import { refRules } from './refs.js'
import { sequenceRules } from './sequences.js'
import { spatialRules } from './spatial.js'
import { rewriteSetOperation } from './set-ops.js'
import { stringRules } from './strings.js'
import { suppliedPackageRules } from './supplied-packages.js'
import { mapChildren, mapSelectExprs } from './walk.js'

/**
 * A rewrite rule on one expression node: returns a replacement built from the node's original
 * (not yet rewritten) children, or undefined when it does not apply. The driver rewrites the
 * replacement's children afterwards, so a rule sees Oracle semantics (and types) of its
 * operands, sqlglot-style.
 */
export type ExprRule = (e: Expr, rc: RewriteContext) => Expr | undefined

/** A rule on a whole select (join syntax, ROWNUM, CONNECT BY …), before its expressions. */
export type SelectRule = (q: SelectQuery, rc: RewriteContext) => Query

const EXPR_RULES: readonly ExprRule[] = [
  ...conversionErrorRules,
  ...sequenceRules,
  ...nullFunctionRules,
  ...arithmeticRules,
  ...rownumRules,
  ...dateRules,
  ...stringRules,
  ...regexpRules,
  ...aggregateRules,
  ...analyticOptionRules,
  ...jsonRules,
  ...spatialRules,
  ...refRules,
  ...objectRules,
  ...suppliedPackageRules,
  ...builtinRules,
  ...builtinConversionRules,
  ...resolutionRules,
]

const SELECT_RULES: readonly SelectRule[] = [rewritePivots, rejectDictionaryViews, rewriteOuterJoins, rewriteRownum, rewriteDual, rewriteJsonTableInput, pipelinedTableCalls]

/** Oracle → PostgreSQL: the rules a generation context without a dialect's own rules gets. */
export const ORACLE_RULES: RewriteRules = { expr: EXPR_RULES, select: SELECT_RULES }

/** Applies every rule to `e` and below. */
export function rewriteExpr(e: Expr, rc: RewriteContext): Expr {
  let current = e
  // Rules emit PostgreSQL-named nodes that no Oracle rule matches, so this settles quickly.
  const rules = (rc.g.rules ?? ORACLE_RULES).expr
  for (let round = 0; round < 8; round++) {
    const next = rules.reduce<Expr | undefined>((found, rule) => found ?? rule(current, rc), undefined)
    if (!next) break
    current = next
  }
  return mapChildren(current, { expr: (x) => rewriteExpr(x, rc), query: (q) => rewriteQuery(q, rc.g, rc.scope) })
}

export function rewriteQuery(q: Query, g: GenerateContext, parent?: Scope): Query {
  const withClause = q.with && {
    ...q.with,
    ctes: q.with.ctes.map((cte) => ({ ...cte, query: rewriteQuery(cte.query, g, parent) })),
  }
  if (q.kind === 'set') {
    const set = rewriteSetOperation(q)
    return { ...set, with: withClause, left: rewriteQuery(set.left, g, parent), right: rewriteQuery(set.right, g, parent), orderBy: set.orderBy }
  }
  if (q.hierarchy) return rewriteQuery(rewriteConnectBy(q, { g, scope: scopeOf(q.from, g, parent) }), g, parent)
  let current: Query = { ...q, with: withClause }
  for (const rule of (g.rules ?? ORACLE_RULES).select) {
    if (current.kind !== 'select') break
    current = rule(current, { g, scope: scopeOf(current.from, g, parent) })
  }
  if (current.kind !== 'select') return rewriteQuery(current, g, parent)
  const scope = scopeOf(current.from, g, parent)
  const rc: RewriteContext = { g, scope }
  return mapSelectExprs(current, { expr: (x) => rewriteExpr(x, rc), query: (sub) => rewriteQuery(sub, g, scope) })
}

export function rewriteStatement(s: SqlStatement, g: GenerateContext): SqlStatement {
  switch (s.kind) {
    case 'query':
      return { ...s, query: rewriteQuery(s.query, g) }
    case 'insert': {
      const rc = dmlContext(s.table.name, s.table.alias, g)
      const values = s.source.kind === 'values' && !s.columns ? objectTableValues(s.table.name, s.source.values, rc) : undefined
      const types = insertColumnTypes(s.table.name, s.columns, rc)
      const source =
        s.source.kind === 'values'
          ? { ...s.source, values: (values ?? s.source.values).map((v, i) => rewriteExpr(implicitDateValue(v, types[i], rc), rc)) }
          : { ...s.source, query: rewriteQuery(s.source.query, g) }
      return { ...s, source, returning: s.returning && { ...s.returning, values: s.returning.values.map((v) => rewriteExpr(v, rc)) } }
    }
    case 'insert-multi': {
      // The branches read the subquery's columns, which the catalog does not type.
      const rc: RewriteContext = { g, scope: scopeOf([], g) }
      const branch = (b: MultiInsertBranch): MultiInsertBranch => ({ ...b, when: b.when && rewriteExpr(b.when, rc), values: b.values?.map((v) => rewriteExpr(v, rc)) })
      return { ...s, query: rewriteQuery(s.query, g), branches: s.branches.map(branch), elseBranches: s.elseBranches?.map(branch) }
    }
    case 'update': {
      const rc = dmlContext(s.table.name, s.table.alias, g)
      return {
        ...s,
        set: s.set.map((c) => ({ ...c, value: rewriteExpr(c.columns.length === 1 ? implicitDateValue(c.value, columnType(c.columns[0]!, rc), rc) : c.value, rc) })),
        where: s.where && rewriteExpr(s.where, rc),
        returning: s.returning && { ...s.returning, values: s.returning.values.map((v) => rewriteExpr(v, rc)) },
      }
    }
    case 'delete': {
      const rc = dmlContext(s.table.name, s.table.alias, g)
      return { ...s, where: s.where && rewriteExpr(s.where, rc), returning: s.returning && { ...s.returning, values: s.returning.values.map((v) => rewriteExpr(v, rc)) } }
    }
    case 'merge': {
      const scope = scopeOf([{ kind: 'table', name: s.target.name, alias: s.target.alias, at: s.target.at }, s.source], g)
      const rc: RewriteContext = { g, scope }
      const source = s.source.kind === 'subquery' ? { ...s.source, query: rewriteQuery(s.source.query, g) } : s.source
      const rw = (x: Expr) => rewriteExpr(x, rc)
      return {
        ...s,
        source,
        on: rw(s.on),
        matched: s.matched && { set: s.matched.set.map((c) => ({ ...c, value: rw(c.value) })), where: s.matched.where && rw(s.matched.where), deleteWhere: s.matched.deleteWhere && rw(s.matched.deleteWhere) },
        notMatched: s.notMatched && { ...s.notMatched, values: s.notMatched.values.map(rw), where: s.notMatched.where && rw(s.notMatched.where) },
      }
    }
    default:
      return s
  }
}

function dmlContext(name: readonly string[], alias: string | undefined, g: GenerateContext): RewriteContext {
  return { g, scope: scopeOf([{ kind: 'table', name, alias, at: { file: '', line: 0, column: 0 } }], g) }
}
