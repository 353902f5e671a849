import { pgIdent } from '../naming.js'
import { UnsupportedConstructError } from '../translate-context.js'
import type { Declaration, PlType } from './plsql-ast.js'
import type { PlsqlScope } from './plsql-scope.js'
import { pgTypeText } from './plpgsql-types.js'
import type { Expr } from '../sql/ast.js'

/**
 * PL/SQL RECORD types. PL/pgSQL declares no types of its own, so each record type becomes a
 * composite type (CREATE TYPE … AS) created before the unit that declares it, named after where
 * it is declared so that two units' records of the same name cannot collide:
 * `schema.routine_type` for a routine's, `pkg.type` in a package's schema for a package's (the
 * name other units write, `pkg.type`, then resolves as is), `pg_temp.type` for an anonymous
 * block's, which the session drops at its end.
 */

/** Where a unit's record types go: `schema` is an identifier, `prefix` a source-style name part. */
export interface TypeNamespace {
  readonly schema: string
  readonly prefix: string
}

export interface RecordType {
  /** The composite type, qualified: `hr.proc_t_rec`. */
  readonly pgName: string
  /** PostgreSQL expressions of the fields' defaults (NULL where Oracle has none), or undefined when no field has one. */
  readonly defaults?: readonly string[]
}

/**
 * Registers a RECORD type in the scope and queues its CREATE TYPE. A field's NOT NULL has no
 * composite-type form: it becomes a warning. `expr` writes a default's PostgreSQL expression.
 */
export function declareRecordType(d: Extract<Declaration, { kind: 'record-type' }>, scope: PlsqlScope, expr: (e: Expr) => string): void {
  const ns = scope.typeNamespace
  const pgName = `${ns.schema}.${pgIdent(`${ns.prefix}${d.name}`)}`
  const fields = d.fields.map((f) => `${pgIdent(f.name)} ${concreteTypeText(f.type, scope, `record type ${d.name} field ${f.name}`)}`)
  for (const f of d.fields.filter((x) => x.notNull)) {
    scope.flag('RECORD_FIELD_NOT_NULL', `record type ${d.name} field ${f.name} is NOT NULL: PostgreSQL composite types cannot enforce it, so assigning NULL to it no longer fails`, d.at, 'warning')
  }
  // A field of a record type with defaults starts as that record's initial value, as in Oracle.
  const values = d.fields.map((f) => (f.default ? expr(f.default) : recordInitializer(f.type, scope)))
  const defaults = values.some((v) => v !== undefined) ? values.map((v) => v ?? 'NULL') : undefined
  scope.recordTypes.set(d.name, { pgName, defaults })
  scope.createdTypes.push(`CREATE TYPE ${pgName} AS (${fields.join(', ')})`)
}

/** The initial value a variable of a record type gets from its fields' defaults, if any. */
export function recordInitializer(t: PlType, scope: PlsqlScope): string | undefined {
  const record = t.kind === 'native' && !t.native.schema ? scope.recordTypes.get(t.native.name) : undefined
  return record?.defaults ? `ROW(${record.defaults.join(', ')})::${record.pgName}` : undefined
}

/**
 * A type written where only a real type name will do (a CREATE TYPE attribute): `%TYPE` is
 * resolved against the catalog's tables or the unit's variables, and a table's `%ROWTYPE` is its row type.
 */
function concreteTypeText(t: PlType, scope: PlsqlScope, what: string): string {
  if (t.kind === 'native') return pgTypeText(t, scope, true)
  const path = t.path
  if (t.attribute === 'ROWTYPE') {
    if (scope.cursors.has(path[0]!)) throw new UnsupportedConstructError(`${what} is ${path.join('.')}%ROWTYPE of a cursor: PostgreSQL composite types need a named type; declare the field's columns`)
    return path.map(pgIdent).join('.')
  }
  const variable = path.length === 1 ? scope.nativeTypes.get(path[0]!) : undefined
  if (variable) return scope.ctx.formatType(variable)
  const [column, table, schema] = [...path].reverse()
  const def = scope.ctx.catalog.tables.find((x) => x.name === table && (schema === undefined || x.schema === undefined || x.schema === schema))
  const col = def?.columns.find((x) => x.name === column)
  if (!col) throw new UnsupportedConstructError(`${what} is ${path.join('.')}%TYPE, which the converted schema does not define: a PostgreSQL composite type needs the column's type written out`)
  return scope.ctx.formatType(col.nativeType)
}
