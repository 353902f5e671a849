import type { ColumnDef, NativeType, TableDef } from '../../../model/schema.js'
import type { CommonTableExpr, Expr, FromItem, Query, SelectItem, SelectQuery } from '../ast.js'
import type { GenerateContext } from '../postgres/generate-context.js'

/**
 * The tables visible to an expression: FROM aliases (and bare table names) mapped to their
 * catalog definitions, with the enclosing query's scope for correlated subqueries. Derived
 * tables (aliased subqueries) and WITH queries get definitions too, their columns typed from
 * their select lists, so that `d + 1` over a date computed in a subquery is still a date.
 */
export interface Scope {
  readonly tables: ReadonlyMap<string, TableDef | undefined>
  readonly parent?: Scope
  /** The WITH queries visible here (this query's and its enclosing queries'), by name. */
  readonly ctes?: ReadonlyMap<string, TableDef>
}

/** What a rule gets: the generation context and the scope of the expression being rewritten. */
export interface RewriteContext {
  readonly g: GenerateContext
  readonly scope: Scope
}

export function scopeOf(from: readonly FromItem[], g: GenerateContext, parent?: Scope, withQueries: readonly CommonTableExpr[] = []): Scope {
  const ctes = new Map<string, TableDef>()
  // A WITH query sees the ones before it (and recursive references to itself stay untyped).
  for (const cte of withQueries) ctes.set(cte.name, derivedTable(cte.name, cte.query, cte.columns, g, { tables: new Map(), parent, ctes: new Map(ctes) }))
  const visible = (name: string): TableDef | undefined => {
    for (let s: Scope | undefined = { tables: new Map(), parent, ctes }; s; s = s.parent) {
      const found = s.ctes?.get(name)
      if (found) return found
    }
    return undefined
  }
  const tables = new Map<string, TableDef | undefined>()
  const add = (f: FromItem) => {
    if (f.kind === 'join') {
      add(f.left)
      add(f.right)
    } else if (f.kind === 'table') {
      const def = (f.name.length === 1 ? visible(f.name[0]!) : undefined) ?? findTable(f.name, g)
      tables.set(f.alias ?? f.name[f.name.length - 1]!, def)
    } else if (f.kind === 'subquery' && f.alias) tables.set(f.alias, derivedTable(f.alias, f.query, undefined, g, f.lateral ? { tables, parent, ctes } : { tables: new Map(), parent, ctes }))
    else if ('alias' in f && f.alias) tables.set(f.alias, undefined)
  }
  from.forEach(add)
  return { tables, parent, ctes }
}

/** A type that stands for a family when a column is computed (its exact type is the target's business). */
const FAMILY_TYPES: Readonly<Record<TypeFamily, NativeType>> = {
  number: { name: 'NUMBER', text: 'NUMBER' },
  text: { name: 'VARCHAR', text: 'VARCHAR' },
  date: { name: 'DATE', text: 'DATE' },
  timestamp: { name: 'TIMESTAMP', text: 'TIMESTAMP' },
  interval: { name: 'INTERVAL DAY TO SECOND', text: 'INTERVAL DAY TO SECOND' },
}

const derivedCache = new WeakMap<Query, TableDef>()

/** A derived table or WITH query as a table: its select list's named columns, typed where a type can be told. */
function derivedTable(name: string, query: Query, names: readonly string[] | undefined, g: GenerateContext, outer: Scope): TableDef {
  const cached = derivedCache.get(query)
  if (cached && !names) return cached
  const select = firstSelect(query)
  const rc: RewriteContext = { g, scope: scopeOf(select.from, g, outer, select.with?.ctes) }
  const columns = select.items.flatMap((item) => selectItemColumns(item, select, rc) ?? [])
  const def: TableDef = { name, columns: names ? columns.map((c, i) => ({ ...c, name: names[i] ?? c.name })) : columns, uniques: [], checks: [], foreignKeys: [] }
  if (!names) derivedCache.set(query, def)
  return def
}

export function firstSelect(q: Query): SelectQuery {
  return q.kind === 'select' ? q : firstSelect(q.left)
}

/**
 * The columns one select item stands for, named and typed (a CAST's own type, a column's type,
 * else a type standing for the expression's family); undefined where they cannot be known.
 */
export function selectItemColumns(item: SelectItem, select: SelectQuery, rc: RewriteContext): ColumnDef[] | undefined {
  const e = item.expr
  if (e.kind === 'star') {
    const covered = select.from.filter((f) => !e.qualifier || ((f.kind === 'table' || f.kind === 'subquery') && e.qualifier.at(-1) === (f.alias ?? (f.kind === 'table' ? f.name.at(-1) : undefined))))
    const tables = covered.map((f) => (f.kind === 'table' ? rc.scope.tables.get(f.alias ?? f.name.at(-1)!) : f.kind === 'subquery' && f.alias ? rc.scope.tables.get(f.alias) : undefined))
    return tables.every((t) => t !== undefined) ? tables.flatMap((t) => t!.columns) : undefined
  }
  const name = item.alias ?? (e.kind === 'column' ? e.path.at(-1) : undefined)
  if (!name) return undefined
  const family = typeOf(e, rc)
  const nativeType = (e.kind === 'cast' && !e.target ? e.type : undefined) ?? (e.kind === 'column' ? columnType(e.path, rc) : undefined) ?? (family && FAMILY_TYPES[family])
  return nativeType ? [{ name, nativeType, type: { kind: 'unsupported', native: nativeType.text }, nullable: true }] : undefined
}

/**
 * The table a standalone expression belongs to (a default, check or index expression), told by
 * the object label of the context (`TABLE HR.EMPLOYEES`, `CHECK HR.EMPLOYEES.EMP_SALARY_MIN`).
 */
export function scopeOfObject(g: GenerateContext): Scope {
  const words = g.object.split(/\s+/)
  const tables = new Map<string, TableDef | undefined>()
  for (const t of g.catalog.tables) {
    const label = t.schema ? `${t.schema}.${t.name}` : t.name
    if (words.some((w) => w === label || w.startsWith(`${label}.`))) tables.set(t.name, t)
  }
  return { tables }
}

export function findTable(name: readonly string[], g: GenerateContext): TableDef | undefined {
  const table = name[name.length - 1]
  const schema = name.length > 1 ? name[name.length - 2] : undefined
  return g.catalog.tables.find((t) => t.name === table && (!schema || !t.schema || t.schema === schema))
}

/** The Oracle type of a column reference, looked up through the scope chain. */
export function columnType(path: readonly string[], rc: RewriteContext): NativeType | undefined {
  const fromCode = rc.g.typeOfName?.(path)
  if (fromCode) return fromCode
  const column = path[path.length - 1]!
  for (let s: Scope | undefined = rc.scope; s; s = s.parent) {
    if (path.length >= 2) {
      const t = s.tables.get(path[path.length - 2]!)
      if (t) return t.columns.find((c) => c.name === column)?.nativeType
      if (s.tables.has(path[path.length - 2]!)) return undefined
    } else {
      for (const t of s.tables.values()) {
        const c = t?.columns.find((x) => x.name === column)
        if (c) return c.nativeType
      }
    }
  }
  return undefined
}

/** The family of an Oracle type, as far as translation rules care. */
export type TypeFamily = 'date' | 'timestamp' | 'number' | 'text' | 'interval'

export function familyOf(t: NativeType | undefined): TypeFamily | undefined {
  if (!t) return undefined
  const n = t.name
  if (n === 'DATE') return 'date'
  if (n.startsWith('TIMESTAMP')) return 'timestamp'
  if (n.startsWith('INTERVAL')) return 'interval'
  if (/^(NUMBER|NUMERIC|DECIMAL|INTEGER|INT|SMALLINT|FLOAT|REAL|DOUBLE PRECISION|BINARY_FLOAT|BINARY_DOUBLE|PLS_INTEGER|BINARY_INTEGER|SIMPLE_INTEGER|NATURAL|POSITIVE)$/.test(n)) return 'number'
  if (/CHAR|CLOB|STRING|LONG$/.test(n)) return 'text'
  return undefined
}

const DATE_FUNCTIONS = new Set(['SYSDATE', 'TO_DATE', 'ADD_MONTHS', 'LAST_DAY', 'NEXT_DAY', 'CURRENT_DATE', 'NEW_TIME'])
const TIMESTAMP_FUNCTIONS = new Set(['SYSTIMESTAMP', 'TO_TIMESTAMP', 'TO_TIMESTAMP_TZ', 'CURRENT_TIMESTAMP', 'LOCALTIMESTAMP', 'FROM_TZ'])
const NUMBER_FUNCTIONS = new Set([
  'TO_NUMBER', 'LENGTH', 'LENGTHB', 'INSTR', 'MONTHS_BETWEEN', 'COUNT', 'SUM', 'AVG', 'ABS', 'MOD', 'CEIL',
  'FLOOR', 'SIGN', 'POWER', 'SQRT', 'ROW_NUMBER', 'RANK', 'DENSE_RANK', 'REGEXP_COUNT', 'REGEXP_INSTR',
  'GROUPING', 'GROUPING_ID', 'ASCII', 'BITAND',
])
const TEXT_FUNCTIONS = new Set(['TO_CHAR', 'SUBSTR', 'UPPER', 'LOWER', 'INITCAP', 'LPAD', 'RPAD', 'LTRIM', 'RTRIM', 'TRIM', 'REPLACE', 'TRANSLATE', 'CHR', 'CONCAT', 'REGEXP_SUBSTR', 'REGEXP_REPLACE', 'LISTAGG', 'USER'])
const FIRST_ARG_FUNCTIONS = new Set(['NVL', 'COALESCE', 'GREATEST', 'LEAST', 'MIN', 'MAX', 'TRUNC', 'ROUND', 'NVL2'])

/** Best-effort Oracle type family of an expression; undefined when it cannot be told. */
export function typeOf(e: Expr, rc: RewriteContext): TypeFamily | undefined {
  switch (e.kind) {
    case 'number':
      return 'number'
    case 'string':
      return 'text'
    case 'datetime-literal':
      return e.type === 'DATE' ? 'date' : 'timestamp'
    case 'interval-literal':
      return 'interval'
    case 'column': {
      const found = familyOf(columnType(e.path, rc))
      if (found || e.path.length > 1) return found
      return pseudoColumnType(e.path[0]!)
    }
    case 'cast':
      return familyOf(e.type)
    case 'extract':
      return 'number'
    case 'case':
      return typeOf(e.whens[0]!.then, rc) ?? (e.otherwise && typeOf(e.otherwise, rc))
    case 'unary':
      return e.op === '-' || e.op === '+' ? typeOf(e.operand, rc) : undefined
    case 'binary':
      return binaryType(e.op, typeOf(e.left, rc), typeOf(e.right, rc))
    case 'subquery':
      return e.query.kind === 'select' && e.query.items.length === 1 ? typeOf(e.query.items[0]!.expr, { ...rc, scope: scopeOf(e.query.from, rc.g, rc.scope) }) : undefined
    case 'call': {
      if (e.target || e.name.length !== 1) return undefined
      const name = e.name[0]!
      if (DATE_FUNCTIONS.has(name)) return 'date'
      if (TIMESTAMP_FUNCTIONS.has(name)) return 'timestamp'
      if (NUMBER_FUNCTIONS.has(name)) return 'number'
      if (TEXT_FUNCTIONS.has(name)) return 'text'
      if (name === 'DECODE') return e.args[2] && typeOf(e.args[2].value, rc)
      if (FIRST_ARG_FUNCTIONS.has(name)) {
        const arg = name === 'NVL2' ? e.args[1] : e.args[0]
        const t = arg && typeOf(arg.value, rc)
        // TRUNC/ROUND of a timestamp return a DATE.
        return (name === 'TRUNC' || name === 'ROUND') && t === 'timestamp' ? 'date' : t
      }
      return undefined
    }
    default:
      return undefined
  }
}

function pseudoColumnType(name: string): TypeFamily | undefined {
  if (name === 'SYSDATE' || name === 'CURRENT_DATE') return 'date'
  if (name === 'SYSTIMESTAMP' || name === 'CURRENT_TIMESTAMP' || name === 'LOCALTIMESTAMP') return 'timestamp'
  if (name === 'ROWNUM' || name === 'LEVEL') return 'number'
  if (name === 'USER') return 'text'
  return undefined
}

function binaryType(op: string, l: TypeFamily | undefined, r: TypeFamily | undefined): TypeFamily | undefined {
  if (op === '||') return 'text'
  if (op === '+' || op === '-') {
    const datelike = (t: TypeFamily | undefined) => t === 'date' || t === 'timestamp'
    if (datelike(l) && datelike(r) && op === '-') return l === 'date' && r === 'date' ? 'number' : 'interval'
    if (datelike(l) && (r === 'number' || r === 'interval')) return r === 'number' ? 'date' : l
    if (l === 'number' && datelike(r) && op === '+') return 'date'
    if (l === 'number' && r === 'number') return 'number'
    return undefined
  }
  if (op === '*' || op === '/' || op === '**') return l === 'interval' || r === 'interval' ? 'interval' : l === 'number' && r === 'number' ? 'number' : undefined
  return undefined
}
