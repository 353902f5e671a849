import { pgIdent, pgStoredName, quoteLiteral } from '../naming.js'
import { dollarQuote, storedIdent } from './pg-names.js'
import { UnsupportedConstructError } from '../translate-context.js'
import type { SourceLocation } from '../../model/location.js'
import type { Declaration, PlType } from './plsql-ast.js'
import type { PlsqlScope } from './plsql-scope.js'
import { baseType, pgTypeText } from './plpgsql-types.js'
import type { Expr, SqlStatement } from '../sql/ast.js'
import { needsNewerTarget, supports } from '../target.js'
import { cursorRow } from './cursor-row-types.js'

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
  /** Field names, as the source spells them. */
  readonly fields: readonly string[]
  /** PostgreSQL expressions of the fields' defaults (NULL where Oracle has none), or undefined when no field has one. */
  readonly defaults?: readonly string[]
}

/**
 * Registers a RECORD type in the scope and queues its CREATE TYPE. A field's NOT NULL has no
 * composite-type form: it becomes a warning. `expr` writes a default's PostgreSQL expression.
 */
export function declareRecordType(d: Extract<Declaration, { kind: 'record-type' }>, scope: PlsqlScope, expr: (e: Expr) => string): void {
  const pgName = uniqueTypeName(d.name, scope)
  const fields = d.fields.map((f) => ({ name: pgIdent(f.name), type: concreteType(f.type, scope, `record type ${d.name} field ${f.name}`, d.at) }))
  const notNullSubtype = (t: PlType) => t.kind === 'native' && !t.native.schema && scope.subtypes.get(t.native.name)?.notNull === true
  for (const f of d.fields.filter((x) => x.notNull || notNullSubtype(x.type))) {
    scope.flag('RECORD_FIELD_NOT_NULL', `record type ${d.name} field ${f.name} is NOT NULL: PostgreSQL composite types cannot enforce it, so assigning NULL to it no longer fails`, d.at, 'warning')
  }
  // A field of a record type with defaults starts as that record's initial value, as in Oracle.
  const values = d.fields.map((f) => (f.default ? expr(f.default) : recordInitializer(f.type, scope)))
  const defaults = values.some((v) => v !== undefined) ? values.map((v) => v ?? 'NULL') : undefined
  scope.recordTypes.set(d.name, { pgName, fields: d.fields.map((f) => f.name), defaults })
  scope.createdTypes.push(createTypeSql(pgName, fields))
}

/** `<where>.<prefix>name`, numbered when another block of the unit declared the same name. */
function uniqueTypeName(name: string, scope: PlsqlScope): string {
  const ns = scope.typeNamespace
  const taken = new Set([...scope.recordTypes.values()].map((r) => r.pgName))
  for (let n = 1; ; n++) {
    const pgName = `${ns.schema}.${pgIdent(`${ns.prefix}${name}${n === 1 ? '' : `_${n}`}`)}`
    if (!taken.has(pgName)) return pgName
  }
}

/** A field's type: PostgreSQL type text, or a query that finds it on the target when it is created. */
type FieldType = { readonly text: string } | { readonly lookup: string }

/**
 * CREATE TYPE, or when a field is anchored to a column the catalog does not show, a DO block
 * that reads the column's type from the target's catalog and creates the type with it (the
 * tables exist by then: code comes after them), which is what %TYPE means.
 */
function createTypeSql(pgName: string, fields: ReadonlyArray<{ readonly name: string; readonly type: FieldType }>): string {
  if (fields.every((f) => 'text' in f.type)) return `CREATE TYPE ${pgName} AS (${fields.map((f) => `${f.name} ${(f.type as { text: string }).text}`).join(', ')})`
  const template = fields.map((f) => `${f.name} ${'text' in f.type ? f.type.text.replace(/%/g, '%%') : '%s'}`).join(', ')
  const lookups = fields.flatMap((f) => ('lookup' in f.type ? [f.type.lookup] : []))
  const body = `BEGIN\n  EXECUTE format(${quoteLiteral(`CREATE TYPE ${pgName} AS (${template})`)},\n    ${lookups.join(',\n    ')});\nEND;`
  const quote = dollarQuote(body)
  return `DO ${quote}\n${body}\n${quote}`
}

/**
 * The named type of `c%ROWTYPE` (cursor-row-types.ts): the table's row type, or a composite type
 * `<where>.<prefix>c_row` created once per cursor.
 */
function cursorRowTypeText(cursor: string, scope: PlsqlScope, at: SourceLocation): string {
  // Kept with the record types under a name no PL/SQL type can have.
  const key = `${cursor}%ROWTYPE`
  const known = scope.recordTypes.get(key)
  if (known) return known.pgName
  const query = scope.cursorQueries.get(cursor)
  if (!query) throw new UnsupportedConstructError(`${cursor}%ROWTYPE: a cursor variable's rows have no named type; declare a RECORD type with its columns`, at)
  const row = cursorRow(cursor, query, scope, at)
  if ('table' in row) return row.table
  const pgName = uniqueTypeName(`${cursor}_ROW`, scope)
  const fields = row.fields.map((f) => ({ name: pgIdent(f.name), type: concreteType(f.type, scope, `${cursor}%ROWTYPE column ${f.name}`, at) }))
  scope.recordTypes.set(key, { pgName, fields: row.fields.map((f) => f.name) })
  scope.createdTypes.push(createTypeSql(pgName, fields))
  return pgName
}

/**
 * `r_t(1, 'x')` / `r_t(id => 1)`, a qualified expression of a record type (Oracle 18): the row
 * of the composite type, with the fields' defaults where an argument is left out.
 */
export function recordConstructor(e: Expr, scope: PlsqlScope, generate: (e: Expr) => string): Expr | undefined {
  if (e.kind !== 'call' || e.name.length !== 1 || scope.variables.has(e.name[0]!)) return undefined
  const record = scope.recordTypes.get(e.name[0]!)
  if (!record) return undefined
  const values = record.fields.map((field, i) => {
    const arg = e.args.some((a) => a.name) ? e.args.find((a) => a.name === field) : e.args[i]
    return arg ? generate(arg.value) : (record.defaults?.[i] ?? 'NULL')
  })
  return { kind: 'raw', sql: `ROW(${values.join(', ')})::${record.pgName}` }
}

/** The initial value a variable of a record type gets from its fields' defaults, if any. */
export function recordInitializer(declared: PlType, scope: PlsqlScope): string | undefined {
  const t = baseType(declared, scope)
  const record = t.kind === 'native' && !t.native.schema ? scope.recordTypes.get(t.native.name) : undefined
  return record?.defaults ? `ROW(${record.defaults.join(', ')})::${record.pgName}` : undefined
}

/**
 * The element type of a VARRAY / TABLE OF type, for its array type. `t%ROWTYPE` is the table's
 * row type; `t.c%TYPE` the column's type when the catalog shows it (PL/pgSQL reads `t.c%TYPE[]`
 * only from PostgreSQL 17).
 */
export function collectionElementText(t: PlType, scope: PlsqlScope, what: string, at: SourceLocation): string {
  const type = concreteType(t, scope, what, at)
  if ('text' in type) return type.text
  if (supports(scope.ctx.target, 'plpgsqlAnchoredArrays')) return pgTypeText(t, scope, true)
  const anchor = t.kind === 'anchored' ? t.path.join('.') : ''
  throw needsNewerTarget(`${what}: an array of ${anchor}%TYPE, a column the converted schema does not define,`, 'plpgsqlAnchoredArrays', scope.ctx.target, at)
}

/**
 * A type written where only a real type name will do (a CREATE TYPE attribute): `%TYPE` is
 * resolved against the catalog's tables or the unit's variables, else looked up on the target;
 * a table's `%ROWTYPE` is its row type.
 */
function concreteType(t: PlType, scope: PlsqlScope, what: string, at: SourceLocation): FieldType {
  if (t.kind === 'native') return { text: pgTypeText(t, scope, true) }
  const path = t.path
  if (t.attribute === 'ROWTYPE') {
    if (scope.cursors.has(path[0]!)) return { text: cursorRowTypeText(path[0]!, scope, at) }
    return { text: path.map(pgIdent).join('.') }
  }
  const variable = path.length === 1 ? scope.nativeTypes.get(path[0]!) : undefined
  if (variable) return { text: scope.ctx.formatType(variable) }
  const [column, table, schema] = [...path].reverse()
  if (!column || !table) throw new UnsupportedConstructError(`${what} is ${path.join('.')}%TYPE of a name the unit does not declare`, at)
  const def = scope.ctx.catalog.tables.find((x) => x.name === table && (schema === undefined || x.schema === undefined || x.schema === schema))
  const col = def?.columns.find((x) => x.name === column)
  if (col) return { text: scope.ctx.formatType(col.nativeType) }
  const relation = `${schema ? pgIdent(schema) : storedIdent(scope.ctx.targetSchema)}.${pgIdent(table)}`
  const missing = `${path.join('.')}%TYPE (no such column)`
  return {
    lookup:
      `coalesce((SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = ${quoteLiteral(relation)}::regclass ` +
      `AND attname = ${quoteLiteral(pgStoredName(column))} AND NOT attisdropped), quote_ident(${quoteLiteral(missing)}))`,
  }
}

/**
 * `UPDATE t SET ROW = rec …` sets every column from a record, in the table's column order:
 * `SET (c1, c2, …) = (SELECT (rec).*)`, the columns read from the catalog (the SQL parser reads
 * `ROW` as a column name).
 */
export function updateSetRow(s: SqlStatement, scope: PlsqlScope, generate: (e: Expr) => string): SqlStatement | undefined {
  if (s.kind !== 'update' || s.set.length !== 1 || s.set[0]!.columns.length !== 1 || s.set[0]!.columns[0]!.join('.') !== 'ROW') return undefined
  const name = s.table.name
  const table = scope.ctx.catalog.tables.find((t) => t.name === name[name.length - 1] && (name.length === 1 || t.schema === undefined || t.schema === name[0]))
  if (!table) throw new UnsupportedConstructError(`UPDATE ${name.join('.')} SET ROW = …: the converted schema does not define ${name.join('.')}, whose columns PostgreSQL needs listed`, s.at)
  const value: Expr = { kind: 'raw', sql: `(SELECT (${generate(s.set[0]!.value)}).*)` }
  return { ...s, set: [{ columns: table.columns.map((c) => [c.name]), value }] }
}
