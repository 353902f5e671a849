import type { Expr, JsonClauses } from '../ast.js'
import type { ExprRule } from './index.js'
import type { RewriteContext } from './scope.js'

/**
 * SQL/JSON: PostgreSQL 17 has JSON_VALUE, JSON_QUERY, JSON_EXISTS, JSON_OBJECT, JSON_ARRAY,
 * JSON_ARRAYAGG, JSON_OBJECTAGG, IS JSON and JSON_TABLE with the standard's clauses. Oracle-only
 * formatting options (PRETTY, ASCII, TRUNCATE, STRICT/LAX outside the path) are dropped, with a
 * note; the rest passes through.
 */
const ORACLE_ONLY = /^(PRETTY|ASCII|TRUNCATE|STRICT|LAX|ALLOW SCALARS|DISALLOW SCALARS)$/

function pgClauses(j: JsonClauses, e: Expr, rc: RewriteContext): JsonClauses {
  const dropped = j.options.filter((o) => ORACLE_ONLY.test(o))
  if (!dropped.length) return j
  rc.g.findings.push({ code: 'JSON_OPTION_DROPPED', severity: 'info', object: rc.g.object, message: `JSON option(s) ${dropped.join(', ')} have no PostgreSQL equivalent and were dropped`, at: e.kind === 'call' ? e.at : undefined })
  return { ...j, options: j.options.filter((o) => !ORACLE_ONLY.test(o)) }
}

const jsonFunctions: ExprRule = (e, rc) => {
  if (e.kind === 'call' && e.json && !e.target) return { ...e, target: true, name: [e.name[0]!], json: pgClauses(e.json, e, rc) }
  if (e.kind === 'json-object' && e.json.options.some((o) => ORACLE_ONLY.test(o))) return { ...e, json: pgClauses(e.json, e, rc) }
  return undefined
}

export const jsonRules: readonly ExprRule[] = [jsonFunctions]
