import type { Expr, FromItem, JsonClauses } from '../ast.js'
import { pgCall, str } from './build.js'
import type { ExprRule, SelectRule } from './index.js'
import { columnType, type RewriteContext } from './scope.js'

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

const BINARY_TYPES = /^(BLOB|RAW|LONG RAW)$/

/**
 * JSON kept in a BLOB (Oracle's advice before 21c, e.g. CO's products.product_details) is bytea
 * in PostgreSQL, which SQL/JSON does not read: the bytes are decoded (Oracle stores JSON in
 * binary columns as UTF-8) and cast to jsonb.
 */
function jsonInput(e: Expr, rc: RewriteContext): Expr {
  const t = e.kind === 'column' ? columnType(e.path, rc) : undefined
  if (!t || !BINARY_TYPES.test(t.name)) return e
  return { kind: 'pg-cast', expr: pgCall('convert_from', e, str('UTF8')), type: 'jsonb' }
}

/** The functions whose first argument is the JSON they read. */
const CONTEXT_ITEM_FUNCTIONS = new Set(['JSON_VALUE', 'JSON_QUERY', 'JSON_EXISTS'])

const jsonFunctions: ExprRule = (e, rc) => {
  if (e.kind === 'call' && e.json && !e.target) {
    const args = CONTEXT_ITEM_FUNCTIONS.has(e.name[0]!) ? e.args.map((a, i) => (i === 0 ? { ...a, value: jsonInput(a.value, rc) } : a)) : e.args
    return { ...e, target: true, name: [e.name[0]!], args, json: pgClauses(e.json, e, rc) }
  }
  if (e.kind === 'json-object' && e.json.options.some((o) => ORACLE_ONLY.test(o))) return { ...e, json: pgClauses(e.json, e, rc) }
  return undefined
}

export const jsonRules: readonly ExprRule[] = [jsonFunctions]

/** JSON_TABLE(binary_column, …) reads the decoded column (see jsonInput). */
export const rewriteJsonTableInput: SelectRule = (q, rc) => {
  const item = (f: FromItem): FromItem => {
    if (f.kind === 'json-table') return { ...f, expr: jsonInput(f.expr, rc) }
    if (f.kind === 'join') return { ...f, left: item(f.left), right: item(f.right) }
    return f
  }
  return { ...q, from: q.from.map(item) }
}
