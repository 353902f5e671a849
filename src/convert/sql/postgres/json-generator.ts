import { pgIdent, pgStoredName } from '../../naming.js'
import { needsNewerTarget, supports } from '../../target.js'
import type { Argument, Expr, FromItem, JsonClauses, JsonTableColumn } from '../ast.js'
import { emitExpr, emitOrderBy, quoteString } from './expression-generator.js'
import type { GenerateContext } from './generate-context.js'

/**
 * SQL/JSON for the target version. PostgreSQL 16 has IS JSON and the constructors (JSON_OBJECT,
 * JSON_ARRAY, JSON_OBJECTAGG, JSON_ARRAYAGG), 17 the query functions (JSON_VALUE, JSON_QUERY,
 * JSON_EXISTS) and JSON_TABLE. Below those versions each construct is printed as its exact
 * equivalent on json_build_* / jsonb_path_* or a godwit support function, or raises an action
 * item naming the version that has it. Clauses are printed in the order PostgreSQL's grammar
 * takes them, whatever order Oracle's source used.
 */

type ClauseKind = 'on-null' | 'on-empty' | 'on-error' | 'wrapper' | 'quotes' | 'unique'

export function clauseKind(option: string): ClauseKind | undefined {
  if (/ ON NULL$/.test(option)) return 'on-null'
  if (/ ON EMPTY$/.test(option)) return 'on-empty'
  if (/ ON ERROR$/.test(option)) return 'on-error'
  if (/WRAPPER$/.test(option)) return 'wrapper'
  if (/QUOTES( ON SCALAR STRING)?$/.test(option)) return 'quotes'
  if (/UNIQUE( KEYS)?$/.test(option)) return 'unique'
  return undefined
}

function clause(j: JsonClauses, kind: ClauseKind): string | undefined {
  return j.options.find((o) => clauseKind(o) === kind)
}

const ORDER: readonly ClauseKind[] = ['on-null', 'unique', 'wrapper', 'quotes', 'on-empty', 'on-error']

/** Clauses in PostgreSQL's order: ON NULL, UNIQUE KEYS, RETURNING (constructors) or RETURNING, wrapper, quotes, ON EMPTY, ON ERROR. */
function emitClauses(j: JsonClauses, g: GenerateContext, constructor: boolean): string {
  const returning = j.returning ? ` RETURNING ${g.formatType(j.returning)}` : ''
  const ordered = ORDER.flatMap((k) => j.options.filter((o) => clauseKind(o) === k)).map((o) => ` ${o}`).join('')
  return constructor ? `${ordered}${returning}` : `${returning}${ordered}`
}

function emitArg(a: Argument, g: GenerateContext): string {
  return `${emitExpr(a.value, g)}${a.formatJson ? ' FORMAT JSON' : ''}`
}

/** The SQL/JSON value of an argument before 16: FORMAT JSON text becomes json. */
function jsonValueArg(a: Argument, g: GenerateContext): string {
  const text = emitExpr(a.value, g)
  return a.formatJson ? `(${text})::json` : text
}

/** A `call` node whose `json` clauses are set (a SQL/JSON function). */
export function emitJsonCall(e: Extract<Expr, { kind: 'call' }>, g: GenerateContext): string {
  const name = e.name[e.name.length - 1]!
  const json = e.json ?? { options: [] }
  switch (name) {
    case 'JSON_VALUE':
    case 'JSON_QUERY':
    case 'JSON_EXISTS':
      return supports(g.target, 'sqlJsonQueryFunctions') ? standardQuery(name, e, json, g) : pathQuery(name, e, json, g)
    case 'JSON_ARRAY':
    case 'JSON_ARRAYAGG': {
      if (supports(g.target, 'sqlJsonConstructors')) {
        const order = e.orderBy?.length ? ` ORDER BY ${emitOrderBy(e.orderBy, g)}` : ''
        return `${name}(${e.args.map((a) => emitArg(a, g)).join(', ')}${order}${emitClauses(json, g, true)})`
      }
      return name === 'JSON_ARRAY' ? buildArray(e, json, g) : aggregateArray(e, json, g)
    }
    default:
      if (!supports(g.target, 'jsonSerialize')) throw needsNewerTarget(name, 'jsonSerialize', g.target, e.at)
      return `${name}(${e.args.map((a) => emitArg(a, g)).join(', ')}${emitClauses(json, g, false)})`
  }
}

function standardQuery(name: string, e: Extract<Expr, { kind: 'call' }>, json: JsonClauses, g: GenerateContext): string {
  const [doc, path] = e.args.filter((a) => !a.passing)
  if (name === 'JSON_QUERY' && !clause(json, 'wrapper')) {
    g.findings.push({ code: 'JSON_QUERY_SCALAR', severity: 'warning', object: g.object, message: "JSON_QUERY without a wrapper clause: PostgreSQL returns a scalar the path selects, where Oracle's default (DISALLOW SCALARS) gives NULL", at: e.at })
  }
  const passing = e.args.filter((a) => a.passing).map((a) => `${emitExpr(a.value, g)} AS ${pgIdent(a.name!)}`)
  const head = [doc && emitArg(doc, g), path && emitExpr(path.value, g)].filter(Boolean).join(', ')
  return `${name}(${head}${passing.length ? ` PASSING ${passing.join(', ')}` : ''}${emitClauses(json, g, false)})`
}

/** Path variables are case-sensitive: `$v` in the path reads `PASSING … AS v`, stored as PostgreSQL stores names. */
function passingName(a: Argument): string {
  return pgStoredName(a.name!)
}

/** JSON_VALUE / JSON_QUERY / JSON_EXISTS before 17: jsonb_path_* and godwit support functions. */
function pathQuery(name: string, e: Extract<Expr, { kind: 'call' }>, json: JsonClauses, g: GenerateContext): string {
  const [doc, path] = e.args.filter((a) => !a.passing)
  if (!doc || !path) throw needsNewerTarget(`${name} without a path`, 'sqlJsonQueryFunctions', g.target, e.at)
  const passing = e.args.filter((a) => a.passing)
  const vars = passing.length ? `jsonb_build_object(${passing.map((a) => `${quoteString(passingName(a))}, ${emitExpr(a.value, g)}`).join(', ')})` : "'{}'::jsonb"
  const docText = doc.value.kind === 'pg-cast' && doc.value.type === 'jsonb' ? emitExpr(doc.value, g) : `(${emitExpr(doc.value, g)})::jsonb`
  const target = `${docText}, ${emitExpr(path.value, g)}, ${vars}`
  const onError = clause(json, 'on-error')
  const onEmpty = clause(json, 'on-empty')
  const refuse = (what: string) => needsNewerTarget(`${name}(… ${what})`, 'sqlJsonQueryFunctions', g.target, e.at)
  if (name === 'JSON_EXISTS') {
    // Oracle's default is FALSE ON ERROR; jsonb_path_exists with silent => true gives NULL on an error.
    if (!onError || onError === 'FALSE ON ERROR') return `coalesce(jsonb_path_exists(${target}, true), false)`
    if (onError === 'TRUE ON ERROR') return `coalesce(jsonb_path_exists(${target}, true), true)`
    if (onError === 'UNKNOWN ON ERROR') return `jsonb_path_exists(${target}, true)`
    return `jsonb_path_exists(${target})`
  }
  if (onError && onError !== 'NULL ON ERROR') throw refuse(onError)
  if (onEmpty && onEmpty !== 'NULL ON EMPTY') throw refuse(onEmpty)
  if (name === 'JSON_VALUE') {
    g.support.add('json_value')
    const value = `godwit_ora.json_value(${target})`
    if (!json.returning) return value
    // NULL ON ERROR covers a value that does not convert to the RETURNING type; the cast raises.
    g.findings.push({ code: 'JSON_VALUE_CAST', severity: 'warning', object: g.object, message: `JSON_VALUE … RETURNING ${json.returning.name}: below PostgreSQL 17 a value that does not convert raises an error instead of giving NULL`, at: e.at })
    return `${value}::${g.formatType(json.returning)}`
  }
  if (clause(json, 'quotes')) throw refuse(clause(json, 'quotes')!)
  const wrapper = clause(json, 'wrapper')
  const mode = !wrapper || /^WITHOUT/.test(wrapper) ? 'WITHOUT' : /CONDITIONAL/.test(wrapper) && !/UNCONDITIONAL/.test(wrapper) ? 'CONDITIONAL' : 'UNCONDITIONAL'
  g.support.add('json_query')
  const value = `godwit_ora.json_query(${target}, ${quoteString(mode)})`
  return json.returning ? `${value}::${g.formatType(json.returning)}` : value
}

function returningCast(sql: string, json: JsonClauses, g: GenerateContext): string {
  return json.returning ? `(${sql})::${g.formatType(json.returning)}` : sql
}

function uniqueKeys(json: JsonClauses, what: string, g: GenerateContext, at?: import('../../../model/location.js').SourceLocation): void {
  const u = clause(json, 'unique')
  if (u && !u.startsWith('WITHOUT')) throw needsNewerTarget(`${what} … WITH UNIQUE KEYS`, 'sqlJsonConstructors', g.target, at)
}

function isNonNullLiteral(a: Argument): boolean {
  return a.value.kind === 'number' || (a.value.kind === 'string' && a.value.value !== '')
}

/** JSON_ARRAY before 16: json_build_array; ABSENT ON NULL (the default) drops the null elements. */
function buildArray(e: Extract<Expr, { kind: 'call' }>, json: JsonClauses, g: GenerateContext): string {
  const built = `json_build_array(${e.args.map((a) => jsonValueArg(a, g)).join(', ')})`
  const absent = clause(json, 'on-null') !== 'NULL ON NULL'
  if (!absent || e.args.every(isNonNullLiteral)) return returningCast(built, json, g)
  return returningCast(`(SELECT coalesce(json_agg(elem), '[]'::json) FROM json_array_elements(${built}) AS elem WHERE json_typeof(elem) <> 'null')`, json, g)
}

/** JSON_ARRAYAGG before 16: json_agg, skipping NULLs unless NULL ON NULL. */
function aggregateArray(e: Extract<Expr, { kind: 'call' }>, json: JsonClauses, g: GenerateContext): string {
  const [value] = e.args
  if (!value || e.args.length > 1) throw needsNewerTarget('JSON_ARRAYAGG with more than one argument', 'sqlJsonConstructors', g.target, e.at)
  const order = e.orderBy?.length ? ` ORDER BY ${emitOrderBy(e.orderBy, g)}` : ''
  const absent = clause(json, 'on-null') !== 'NULL ON NULL'
  const filter = absent ? ` FILTER (WHERE ${emitExpr(value.value, g)} IS NOT NULL)` : ''
  return returningCast(`json_agg(${jsonValueArg(value, g)}${order})${filter}`, json, g)
}

export function emitJsonObject(e: Extract<Expr, { kind: 'json-object' }>, g: GenerateContext): string {
  if (supports(g.target, 'sqlJsonConstructors')) {
    const entries = e.entries.map((x) => `${emitExpr(x.key, g)} VALUE ${emitExpr(x.value, g)}${x.formatJson ? ' FORMAT JSON' : ''}`)
    return `${e.aggregate ? 'JSON_OBJECTAGG' : 'JSON_OBJECT'}(${entries.join(', ')}${emitClauses(e.json, g, true)})`
  }
  const what = e.aggregate ? 'JSON_OBJECTAGG' : 'JSON_OBJECT'
  uniqueKeys(e.json, what, g)
  const absent = clause(e.json, 'on-null') === 'ABSENT ON NULL'
  const value = (x: (typeof e.entries)[number]) => jsonValueArg({ value: x.value, formatJson: x.formatJson }, g)
  if (e.aggregate) {
    const [x] = e.entries
    const filter = absent ? ` FILTER (WHERE ${emitExpr(x!.value, g)} IS NOT NULL)` : ''
    return returningCast(`json_object_agg(${emitExpr(x!.key, g)}, ${value(x!)})${filter}`, e.json, g)
  }
  const built = `json_build_object(${e.entries.map((x) => `${emitExpr(x.key, g)}, ${value(x)}`).join(', ')})`
  if (!absent) return returningCast(built, e.json, g)
  return returningCast(`(SELECT coalesce(json_object_agg(m.key, m.value), '{}'::json) FROM json_each(${built}) AS m WHERE json_typeof(m.value) <> 'null')`, e.json, g)
}

/** `x IS [NOT] JSON [WITH UNIQUE KEYS]`; before 16 a support function that tries the cast. */
export function emitIsJson(e: Extract<Expr, { kind: 'is-json' }>, operandText: string, g: GenerateContext): string {
  if (supports(g.target, 'isJsonPredicate')) return `${operandText} IS ${e.negated ? 'NOT ' : ''}JSON${e.uniqueKeys ? ' WITH UNIQUE KEYS' : ''}`
  g.support.add('is_json')
  const call = `godwit_ora.is_json(${emitExpr(e.expr, g)}${e.uniqueKeys ? ', true' : ''})`
  return e.negated ? `NOT ${call}` : call
}

type JsonTable = Extract<FromItem, { kind: 'json-table' }>

/**
 * JSON_TABLE before 17: a LATERAL subquery over jsonb_path_query … WITH ORDINALITY, one level
 * per NESTED PATH joined LEFT (a parent row without nested items keeps its columns, as in
 * Oracle). Columns read their path with the JSON_VALUE / JSON_QUERY / JSON_EXISTS equivalents,
 * errors giving NULL as Oracle's default NULL ON ERROR does. Sibling NESTED PATHs (Oracle joins
 * them as a union) need 17.
 */
export function emitJsonTableBefore17(f: JsonTable, g: GenerateContext, alias: string): string {
  if ((f.options ?? []).some((o) => o !== 'NULL ON ERROR' && o !== 'NULL ON EMPTY')) throw needsNewerTarget(`JSON_TABLE … ${f.options!.join(' ')}`, 'jsonTable', g.target, f.at)
  const select: string[] = []
  const from: string[] = []
  let level = 0
  const walk = (columns: readonly JsonTableColumn[], item: string, ordinal: string) => {
    const nested = columns.filter((c) => c.kind === 'nested')
    if (nested.length > 1) throw needsNewerTarget('JSON_TABLE with sibling NESTED PATH clauses', 'jsonTable', g.target, f.at)
    for (const c of columns) {
      if (c.kind === 'ordinality') select.push(`${ordinal} AS ${pgIdent(c.name)}`)
      else if (c.kind === 'value') select.push(`${jsonTableColumn(c, item, g, f)} AS ${pgIdent(c.name)}`)
    }
    const [inner] = nested
    if (inner?.kind !== 'nested') return
    level += 1
    from.push(`LEFT JOIN LATERAL jsonb_path_query(${item}, ${quoteString(inner.path)}, '{}'::jsonb, true) WITH ORDINALITY AS level_${level}(item, ordinal) ON true`)
    walk(inner.columns, `level_${level}.item`, `level_${level}.ordinal`)
  }
  const doc = f.expr.kind === 'pg-cast' && f.expr.type === 'jsonb' ? emitExpr(f.expr, g) : `(${emitExpr(f.expr, g)})::jsonb`
  walk(f.columns, 'level_0.item', 'level_0.ordinal')
  const rows = `jsonb_path_query(${doc}, ${emitExpr(f.path, g)}, '{}'::jsonb, true) WITH ORDINALITY AS level_0(item, ordinal)`
  return `LATERAL (SELECT ${select.join(', ')} FROM ${[rows, ...from].join(' ')}) ${alias}`
}

function jsonTableColumn(c: Extract<JsonTableColumn, { kind: 'value' }>, item: string, g: GenerateContext, f: JsonTable): string {
  const options = c.options ?? []
  if (options.some((o) => o !== 'NULL ON ERROR' && o !== 'NULL ON EMPTY' && o !== 'WITHOUT WRAPPER' && o !== 'WITHOUT ARRAY WRAPPER')) {
    throw needsNewerTarget(`JSON_TABLE column ${c.name} … ${options.join(' ')}`, 'jsonTable', g.target, f.at)
  }
  const path = quoteString(c.path ?? `$.${pgStoredName(c.name)}`)
  if (c.exists) return `coalesce(jsonb_path_exists(${item}, ${path}, '{}'::jsonb, true), false)`
  if (c.formatJson) {
    g.support.add('json_query')
    return `godwit_ora.json_query(${item}, ${path}, '{}'::jsonb, 'WITHOUT')`
  }
  g.support.add('json_value')
  const value = `godwit_ora.json_value(${item}, ${path}, '{}'::jsonb)`
  if (!c.type) return value
  const type = g.formatType(c.type)
  if (!/^(text|varchar|character varying)/.test(type)) {
    g.findings.push({ code: 'JSON_VALUE_CAST', severity: 'warning', object: g.object, message: `JSON_TABLE column ${c.name} ${c.type.name}: below PostgreSQL 17 a value that does not convert raises an error instead of giving NULL`, at: f.at })
  }
  return `${value}::${type}`
}
