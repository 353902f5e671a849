import type { ColumnDef, NativeType, TypeDef } from '../../../model/schema.js'
import { UnsupportedConstructError } from '../../translate-context.js'
import type { Expr } from '../ast.js'
import type { ExprRule } from './index.js'
import { args } from './build.js'
import { findTable, type RewriteContext, type Scope } from './scope.js'

/**
 * Object types and collections. Object types are composite types (`ROW(a, b)::typ`);
 * VARRAY/nested tables are domains over arrays (`ARRAY[a, b]::coll`); TABLE(coll) in FROM is
 * unnest(coll) (printed by the query generator).
 */
function findType(name: readonly string[], rc: RewriteContext): TypeDef | undefined {
  const typeName = name[name.length - 1]
  const schema = name.length > 1 ? name[name.length - 2] : undefined
  return rc.g.catalog.types.find((t) => t.name === typeName && (!schema || !t.schema || t.schema === schema))
}

function typeText(t: TypeDef, rc: RewriteContext): string {
  const native: NativeType = { name: t.name, schema: t.schema, text: t.name }
  return rc.g.formatType(native)
}

const constructor: ExprRule = (e, rc) => {
  const call = e.kind === 'call' && !e.target ? e : undefined
  if (!call || call.over) return undefined
  const t = findType(call.name, rc)
  if (!t) return undefined
  const values = args(call)
  if (t.kind === 'object') return { kind: 'pg-cast', expr: { kind: 'call', name: ['ROW'], args: values.map((value) => ({ value })), target: true }, type: typeText(t, rc) }
  return { kind: 'pg-cast', expr: { kind: 'array', items: values }, type: typeText(t, rc) }
}

/** CAST(MULTISET(SELECT …) AS coll) → ARRAY(SELECT ROW(…)::elem …)::coll. */
const castMultiset: ExprRule = (e, rc) => {
  if (e.kind !== 'cast-multiset') return undefined
  const coll = findType([...(e.type.schema ? [e.type.schema] : []), e.type.name], rc)
  if (!coll || coll.kind === 'object' || !coll.element) return undefined
  const q = e.query
  const element = coll.element.nativeType
  const elementType = findType([...(element.schema ? [element.schema] : []), element.name], rc)
  let inner = q
  if (elementType?.kind === 'object' && q.kind === 'select') {
    const row: Expr = { kind: 'pg-cast', expr: { kind: 'call', name: ['ROW'], args: q.items.map((i) => ({ value: i.expr })), target: true }, type: typeText(elementType, rc) }
    inner = { ...q, items: [{ expr: row }] }
  }
  const array: Expr = { kind: 'call', name: ['ARRAY'], args: [{ value: { kind: 'subquery', query: inner } }], target: true }
  return { kind: 'pg-cast', expr: array, type: typeText(coll, rc) }
}

/** The table column a path starts with (`alias.col…` or `col…`), and how many parts name it. */
function objectColumn(path: readonly string[], rc: RewriteContext): { column: ColumnDef; parts: number } | undefined {
  for (let s: Scope | undefined = rc.scope; s; s = s.parent) {
    const table = s.tables.get(path[0]!)
    if (table && path.length >= 3) {
      const column = table.columns.find((c) => c.name === path[1])
      return column ? { column, parts: 2 } : undefined
    }
    if (s.tables.has(path[0]!)) return undefined
    for (const t of s.tables.values()) {
      const column = t?.columns.find((c) => c.name === path[0])
      if (column) return { column, parts: 1 }
    }
  }
  return undefined
}

/**
 * `alias.obj_col.attr`: Oracle reads attributes of object columns by path; PostgreSQL needs the
 * composite in parentheses, `(alias.obj_col).attr`.
 */
const attributeAccess: ExprRule = (e, rc) => {
  if (e.kind !== 'column' || e.path.length < 2) return undefined
  const found = objectColumn(e.path, rc)
  if (!found || found.column.type.kind !== 'user-defined' || e.path.length <= found.parts) return undefined
  let out: Expr = { ...e, path: e.path.slice(0, found.parts) }
  for (const field of e.path.slice(found.parts)) out = { kind: 'field', expr: out, field }
  return out
}

export const objectRules: readonly ExprRule[] = [constructor, castMultiset, attributeAccess]

/**
 * `INSERT INTO object_table VALUES (typ(a, b))`: an Oracle object table takes one object value;
 * a PostgreSQL typed table (`CREATE TABLE t OF typ`) takes its attributes as columns, so the
 * constructor's arguments become the values. A subtype's value cannot go into a table of its
 * supertype in PostgreSQL (a typed table holds exactly its type), so that stays an action item.
 */
export function objectTableValues(table: readonly string[], values: readonly Expr[], rc: RewriteContext): readonly Expr[] {
  const def = findTable(table, rc.g)
  const [value] = values
  if (!def?.ofType || values.length !== 1 || value?.kind !== 'call' || value.target) return values
  const type = findType(value.name, rc)
  if (!type) return values
  if (type.name !== def.ofType.name) {
    throw new UnsupportedConstructError(
      `a ${type.name} value inserted into ${def.name}, a table of ${def.ofType.name}: PostgreSQL typed tables hold exactly their type (no substitutable object tables); store ${type.name} rows in a table of their own`,
      value.at,
    )
  }
  return args(value)
}
