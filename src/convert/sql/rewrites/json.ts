import type { Expr, FromItem, JsonClauses } from '../ast.js'
import { UnsupportedConstructError } from '../../translate-context.js'
import { clauseKind } from '../postgres/json-generator.js'
import { pgCall, str } from './build.js'
import type { ExprRule, SelectRule } from './index.js'
import { columnType, type RewriteContext } from './scope.js'

/**
 * SQL/JSON: the standard's clauses (ON NULL, ON EMPTY, ON ERROR, wrappers, UNIQUE KEYS) are kept
 * for the generator, which prints them for the target version (postgres/json-generator.ts).
 * Oracle-only output options are dropped with a note saying what changes: PRETTY, ASCII and
 * TRUNCATE only format the text; STRICT asks Oracle to check FORMAT JSON input for standard
 * syntax, which PostgreSQL always does. A clause PostgreSQL does not know is an action item.
 */
const ORACLE_ONLY: Readonly<Record<string, string>> = {
  PRETTY: 'the JSON text is not indented',
  ASCII: 'non-ASCII characters are not escaped',
  TRUNCATE: 'a value too long for the RETURNING type raises an error instead of being cut',
  STRICT: 'PostgreSQL always reads JSON input with strict (standard) syntax',
  LAX: "PostgreSQL reads JSON input with strict (standard) syntax only: Oracle's lax extras (unquoted names, single quotes) are errors",
  'ALLOW SCALARS': 'PostgreSQL always allows scalar JSON values',
}

function pgClauses(j: JsonClauses, e: Extract<Expr, { kind: 'call' | 'json-object' }>, rc: RewriteContext): JsonClauses {
  const at = e.kind === 'call' ? e.at : undefined
  const name = e.kind === 'call' ? e.name[0]! : e.aggregate ? 'JSON_OBJECTAGG' : 'JSON_OBJECT'
  const options: string[] = []
  for (const o of j.options) {
    const dropped = ORACLE_ONLY[o]
    if (dropped) {
      rc.g.findings.push({ code: 'JSON_OPTION_DROPPED', severity: o === 'LAX' ? 'warning' : 'info', object: rc.g.object, message: `${name} … ${o} has no PostgreSQL counterpart: ${dropped}`, at })
    } else if (name === 'JSON_EXISTS' && clauseKind(o) === 'on-empty') {
      rc.g.findings.push({ code: 'JSON_OPTION_DROPPED', severity: 'info', object: rc.g.object, message: `JSON_EXISTS … ${o} dropped: an empty result is FALSE in PostgreSQL, as in Oracle`, at })
    } else if (clauseKind(o)) {
      options.push(o)
    } else {
      throw new UnsupportedConstructError(`${name} … ${o} has no PostgreSQL counterpart`, at, 'UNSUPPORTED_JSON_CLAUSE')
    }
  }
  return { ...j, options }
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
  if (e.kind === 'json-object' && e.json.options.some((o) => !clauseKind(o))) return { ...e, json: pgClauses(e.json, e, rc) }
  return undefined
}

/** IS JSON without STRICT reads Oracle's lax syntax, which PostgreSQL does not accept: said once per use. */
const isJson: ExprRule = (e, rc) => {
  if (e.kind !== 'is-json' || e.strict !== undefined) return undefined
  rc.g.findings.push({ code: 'JSON_LAX_SYNTAX', severity: 'warning', object: rc.g.object, message: "IS JSON (LAX by default in Oracle): PostgreSQL accepts standard JSON syntax only, so text with Oracle's lax extras (unquoted names, single quotes, trailing commas) is not JSON there", at: e.at })
  return { ...e, strict: false }
}

export const jsonRules: readonly ExprRule[] = [jsonFunctions, isJson]

/** JSON_TABLE(binary_column, …) reads the decoded column (see jsonInput). */
export const rewriteJsonTableInput: SelectRule = (q, rc) => {
  const item = (f: FromItem): FromItem => {
    if (f.kind === 'json-table') return { ...f, expr: jsonInput(f.expr, rc) }
    if (f.kind === 'join') return { ...f, left: item(f.left), right: item(f.right) }
    return f
  }
  return { ...q, from: q.from.map(item) }
}
