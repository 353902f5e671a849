import type { Expr, Query, SqlStatement } from '../ast.js'
import { rewriteExpr, rewriteQuery, rewriteStatement } from '../rewrites/index.js'
import { scopeOfObject } from '../rewrites/scope.js'
import { emitExpr } from './expression-generator.js'
import type { GenerateContext } from './generate-context.js'
import { emitQuery } from './query-generator.js'
import { emitStatement } from './statement-generator.js'

export type { GenerateContext } from './generate-context.js'

/**
 * The PostgreSQL generator: Oracle AST in, PostgreSQL text out. Each entry point first runs the
 * Oracle → PostgreSQL rewrites (src/convert/sql/rewrites) as AST transforms, then prints. A
 * construct without a translation throws UnsupportedConstructError with its position.
 */
export function generateExpression(e: Expr, g: GenerateContext): string {
  return emitExpr(rewriteExpr(e, { g, scope: scopeOfObject(g) }), g)
}

export function generateQuery(q: Query, g: GenerateContext): string {
  return emitQuery(rewriteQuery(q, g), g)
}

export function generateStatement(s: SqlStatement, g: GenerateContext): string {
  return emitStatement(rewriteStatement(s, g), g)
}
