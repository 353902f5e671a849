import { pgIdent } from '../naming.js'
import type { TranslateContext } from '../translate-context.js'
import { UnsupportedConstructError } from '../translate-context.js'
import type { SourceLocation } from '../../model/location.js'
import type { NativeType } from '../../model/schema.js'
import type { Declaration, PlType, Trigger } from './plsql-ast.js'
import type { PipelinedRows } from './pipelined.js'
import type { RecordType, TypeNamespace } from './record-types.js'
import { storedIdent } from './pg-names.js'
import type { GenerateContext } from '../sql/postgres/index.js'
import type { Query } from '../sql/ast.js'
import { catalogPackageType, catalogPackageVariables, getterName, type PackageVariable } from './package-state.js'
import type { PgException } from './plpgsql-exceptions.js'
import { fetchCounter, type CursorUse } from './plsql-tokens.js'

/** What the unit being generated is: decides RETURN, COMMIT and NEW/OLD handling. */
export type UnitKind = 'function' | 'procedure' | 'trigger' | 'block'

/** The row trigger a body belongs to: its NEW/OLD aliases and what it returns by default. */
export interface TriggerFrame {
  readonly referencing: Trigger['referencing']
  readonly rowLevel: boolean
  /** The PL/pgSQL RETURN that ends the trigger function (NEW, OLD or NULL as timing requires). */
  readonly returnStatement: string
}

/** Name used for SQL%ROWCOUNT: it is read with GET DIAGNOSTICS right after each SQL statement. */
export const ROWCOUNT_VARIABLE = 'godwit_sql_rowcount'

/**
 * Names declared in the unit and how PL/SQL-only names map to PL/pgSQL. One flat scope per unit:
 * PL/SQL's block-level shadowing is rare enough in practice that a flat map suffices, and every
 * name keeps its own spelling anyway.
 */
export class PlsqlScope {
  readonly cursors = new Set<string>()
  /** Queries of the declared (bound) cursors, for `c%ROWTYPE` as a named type. */
  readonly cursorQueries = new Map<string, Query>()
  /** Local VARRAY/TABLE OF types → PostgreSQL array type text. */
  readonly collectionTypes = new Map<string, string>()
  /** Local VARRAY/TABLE OF types → their element type as declared. */
  readonly collectionElements = new Map<string, PlType>()
  /** Local RECORD types → the composite type created for them (record-types.ts). */
  readonly recordTypes = new Map<string, RecordType>()
  /** SUBTYPEs and REF CURSOR types: another name for their base type. */
  readonly subtypes = new Map<string, Extract<Declaration, { kind: 'subtype' }>>()
  /** Where the unit's record types are created: `schema.<prefix><type>` (record-types.ts). */
  typeNamespace: TypeNamespace
  /** Cursors fetched with BULK COLLECT: their %FOUND is kept in a variable (bulkFoundVariable). */
  readonly bulkFetched = new Set<string>()
  /** CREATE TYPE statements for record types declared so far, for the unit's DDL to emit first. */
  readonly createdTypes: string[] = []
  /** Variables and parameters whose type is a collection (for .COUNT / .FIRST / .LAST). */
  readonly collections = new Set<string>()
  /** User exceptions declared (or initialised) in the unit. */
  readonly exceptions = new Map<string, PgException>()
  /** Declared variables, parameters and loop indexes (a name here is never a parameterless call). */
  readonly variables = new Set<string>()
  /** Oracle types of variables and parameters, for the SQL layer's date/number decisions. */
  readonly nativeTypes = new Map<string, NativeType>()
  /** Functions of the package being generated: callable without the package name. */
  readonly packageFunctions = new Set<string>()
  /** Local subprograms moved out of the routine: source name → the new routine's qualified name. */
  readonly localRoutines = new Map<string, { readonly name: string; readonly kind: 'function' | 'procedure' }>()
  /** Variables of the package being generated (spec and body), readable without the package name. */
  readonly ownPackageVariables = new Map<string, PackageVariable>()
  /** Set while a pipelined function is generated: how its PIPE ROW returns a row. */
  pipelinedRows?: PipelinedRows

  constructor(
    readonly ctx: TranslateContext,
    readonly unit: UnitKind,
    readonly cursorUse: CursorUse,
    readonly trigger?: TriggerFrame,
    /** The package the unit belongs to: unqualified calls may name its other subprograms. */
    readonly packageName?: string,
  ) {
    this.typeNamespace = { schema: storedIdent(ctx.targetSchema), prefix: '' }
  }

  /**
   * A scope for another routine generated beside this one (a hoisted local subprogram): it sees
   * the same package, package-level types and exceptions, and sibling local routines.
   */
  sibling(unit: 'function' | 'procedure'): PlsqlScope {
    const s = new PlsqlScope(this.ctx, unit, this.cursorUse, undefined, this.packageName)
    for (const [k, v] of this.collectionTypes) s.collectionTypes.set(k, v)
    for (const [k, v] of this.collectionElements) s.collectionElements.set(k, v)
    for (const [k, v] of this.recordTypes) s.recordTypes.set(k, v)
    for (const [k, v] of this.subtypes) s.subtypes.set(k, v)
    for (const [k, v] of this.exceptions) s.exceptions.set(k, v)
    for (const [k, v] of this.localRoutines) s.localRoutines.set(k, v)
    for (const [k, v] of this.ownPackageVariables) s.ownPackageVariables.set(k, v)
    this.packageFunctions.forEach((f) => s.packageFunctions.add(f))
    return s
  }

  /** The SQL layer's generation context with this scope's name mapping. */
  generateContext(): GenerateContext {
    return {
      ...this.ctx,
      resolveName: (path) => this.resolveName(path),
      typeOfName: (path) => (path.length === 1 ? this.nativeTypes.get(path[0]!) : undefined),
      definesName: (path) => this.definesName(path),
      packageName: this.packageName,
    }
  }

  private definesName(path: readonly string[]): boolean {
    const first = path[0]!
    const last = path[path.length - 1]!
    if (this.variables.has(first) || this.collections.has(first) || this.cursors.has(first) || this.localRoutines.has(first)) return true
    if (this.collectionTypes.has(first) || this.recordTypes.has(first) || this.ownPackageVariables.has(first)) return true
    return this.packageFunctions.has(last) && (path.length === 1 || first === this.packageName)
  }

  /**
   * PL/SQL names with a different PL/pgSQL form. Returns undefined for ordinary names, which the
   * SQL layer writes itself (pgIdent of each part).
   */
  resolveName(path: readonly string[]): string | undefined {
    const [first, ...rest] = path.map((p) => p.replace(/^:/, ''))
    if (first === undefined) return undefined
    // Calls reach here too (the SQL generator resolves function names): a hoisted local routine.
    const local = rest.length === 0 && !this.variables.has(first) ? this.localRoutines.get(first) : undefined
    if (local) return local.name
    const row = this.rowReference(first)
    if (row) return [row, ...rest.map(pgIdent)].join('.')
    const packageVariable = this.packageVariable([first, ...rest])
    if (packageVariable) return `${getterName(packageVariable)}()`
    const packageField = this.packageVariableField([first, ...rest])
    if (packageField) return packageField.fields.reduce((e, f) => `(${e}).${pgIdent(f)}`, `${getterName(packageField.variable)}()`)
    if (rest.length === 0) return this.resolveSingle(first)
    if (rest.length === 1 && this.collections.has(first)) return collectionMethod(pgIdent(first), rest[0]!)
    // `rec.a.b`: PostgreSQL reads a.b as a table's column, so nested fields are selected one at a time.
    if (rest.length > 1 && this.variables.has(first)) return rest.slice(1).reduce((e, f) => `(${e}).${pgIdent(f)}`, `${pgIdent(first)}.${pgIdent(rest[0]!)}`)
    if (first === 'SELF' && rest.length > 0) return `(self).${rest.map(pgIdent).join('.')}`
    return undefined
  }

  private resolveSingle(name: string): string | undefined {
    const attribute = /^(.+)%(FOUND|NOTFOUND|ROWCOUNT|ISOPEN|BULK_ROWCOUNT)$/.exec(name)
    if (attribute) return this.cursorAttribute(attribute[1]!, attribute[2]!)
    const triggerState = /^(INSERTING|UPDATING|DELETING)(?:\('(.+)'\))?$/.exec(name)
    if (triggerState && this.trigger && !this.variables.has(name)) return this.triggerPredicate(triggerState[1]!, triggerState[2])
    if (name === 'SQLCODE') {
      this.flagOnce('SQLCODE', 'SQLCODE became SQLSTATE, a 5-character code (e.g. 23505), not an Oracle error number: review comparisons with numbers', 'warning')
      return 'SQLSTATE'
    }
    if (name === 'SQLERRM') return 'SQLERRM'
    return undefined
  }

  private rowReference(name: string): string | undefined {
    if (!this.trigger?.rowLevel) return undefined
    if (name === this.trigger.referencing.NEW) return 'NEW'
    if (name === this.trigger.referencing.OLD) return 'OLD'
    return undefined
  }

  private cursorAttribute(cursor: string, attribute: string): string {
    if (cursor === 'SQL') {
      if (attribute === 'ROWCOUNT') return ROWCOUNT_VARIABLE
      if (attribute === 'FOUND') return `(${ROWCOUNT_VARIABLE} > 0)`
      if (attribute === 'NOTFOUND') return `(${ROWCOUNT_VARIABLE} = 0)`
      if (attribute === 'ISOPEN') return 'false'
    } else {
      // FOUND is set by each FETCH: right after the FETCH it is the cursor's %FOUND, the way
      // these attributes are nearly always read (EXIT WHEN c%NOTFOUND).
      const found = this.bulkFetched.has(cursor) ? bulkFoundVariable(cursor) : 'FOUND'
      if (attribute === 'FOUND') return found
      if (attribute === 'NOTFOUND') return `(NOT ${found})`
      // A bound cursor's portal is named after its variable (PL/pgSQL "Opening Cursors").
      if (attribute === 'ISOPEN') return `EXISTS (SELECT 1 FROM pg_cursors WHERE name = ${pgIdent(cursor)}::text)`
      if (attribute === 'ROWCOUNT' && this.cursorUse.counted.has(cursor)) return fetchCounter(cursor)
    }
    throw new UnsupportedConstructError(`${cursor}%${attribute} has no PL/pgSQL equivalent; count the fetched rows in a variable`, undefined)
  }

  private triggerPredicate(state: string, column?: string): string {
    const op = state === 'INSERTING' ? 'INSERT' : state === 'UPDATING' ? 'UPDATE' : 'DELETE'
    if (!column) return `(TG_OP = '${op}')`
    // Oracle's UPDATING('C') is true when C is in the SET list; PostgreSQL cannot see the SET
    // list, so "the value changed" stands in (documented in docs/plsql-translation.md).
    const col = pgIdent(column)
    return `(TG_OP = 'UPDATE' AND NEW.${col} IS DISTINCT FROM OLD.${col})`
  }

  /** A function of the catalog or of the unit's package, named as written (`f`, `schema.f`, `pkg.f`), that no local name hides. */
  isCatalogFunction(path: readonly string[]): boolean {
    const name = path[path.length - 1]!
    if (path.length > 2 || (path.length === 1 && (this.variables.has(name) || this.cursors.has(name)))) return false
    if (path.length === 1 && this.localRoutines.has(name)) return this.localRoutines.get(name)!.kind === 'function'
    const owner = path.length === 2 ? path[0] : undefined
    if (this.packageFunctions.has(name) && (owner === undefined || owner === this.packageName)) return true
    return this.ctx.catalog.code.some((d) => d.kind === 'function' && d.name === name && (owner === undefined || d.schema === owner))
  }

  /** `var` (of the unit's own package, not hidden by a local) or `pkg.var`: a package variable. */
  packageVariable(path: readonly string[]): PackageVariable | undefined {
    if (path.length === 1) return this.variables.has(path[0]!) ? undefined : this.ownPackageVariables.get(path[0]!)
    if (path.length !== 2) return undefined
    const [pkg, name] = path as [string, string]
    if (pkg === this.packageName && this.ownPackageVariables.has(name)) return this.ownPackageVariables.get(name)
    if (this.variables.has(pkg)) return undefined
    return catalogPackageVariables(this.ctx.catalog).get(pkg)?.find((v) => v.name === name)
  }

  /**
   * `v.f…` / `pkg.v.f…` where v is a package variable of a record or row type: the variable and
   * the fields below it. Other package variables are never read with a field, so `alias.column`
   * in SQL stays a column.
   */
  packageVariableField(path: readonly string[]): { readonly variable: PackageVariable; readonly fields: readonly string[] } | undefined {
    for (const k of [1, 2]) {
      const variable = path.length > k ? this.packageVariable(path.slice(0, k)) : undefined
      if (variable && this.isRecordVariable(variable)) return { variable, fields: path.slice(k) }
    }
    return undefined
  }

  private isRecordVariable(v: PackageVariable): boolean {
    if (v.type.kind === 'anchored') return v.type.attribute === 'ROWTYPE'
    const { name, schema } = v.type.native
    return (!schema && v.pkg === this.packageName && this.recordTypes.has(name)) || catalogPackageType(this.ctx.catalog, schema ?? v.pkg, name)?.kind === 'record-type'
  }

  /** A package variable's declared type as another unit must write it: unqualified names are its package's. */
  packageVariableType(v: PackageVariable): PlType {
    if (v.type.kind !== 'native' || v.type.native.schema || v.pkg === this.packageName) return v.type
    return catalogPackageType(this.ctx.catalog, v.pkg, v.type.native.name) ? { kind: 'native', native: { ...v.type.native, schema: v.pkg } } : v.type
  }

  private readonly flagged = new Set<string>()

  /** A finding raised at most once per unit (for names read in many places). */
  private flagOnce(code: string, message: string, severity: 'action' | 'warning' | 'info'): void {
    if (this.flagged.has(code)) return
    this.flagged.add(code)
    this.flag(code, message, undefined, severity)
  }

  /** An action finding about this unit. */
  flag(code: string, message: string, at?: SourceLocation, severity: 'action' | 'warning' | 'info' = 'action'): void {
    this.ctx.findings.push({ code, severity, object: this.ctx.object, message, at })
  }
}

/**
 * After FETCH … BULK COLLECT, Oracle's %NOTFOUND says whether the cursor ran out; the loop
 * that stands for the fetch keeps that in this variable, as statements in between (a FOR loop
 * over the rows) change FOUND.
 */
export function bulkFoundVariable(cursor: string): string {
  return pgIdent(`GODWIT_${cursor}_FOUND`)
}

/** `v.COUNT`, `v.FIRST`, `v.LAST` on an array; other collection methods are refused. */
function collectionMethod(array: string, method: string): string {
  switch (method) {
    case 'COUNT':
      return `coalesce(array_length(${array}, 1), 0)`
    case 'FIRST':
      return `array_lower(${array}, 1)`
    case 'LAST':
      return `array_upper(${array}, 1)`
  }
  throw new UnsupportedConstructError(`collection method ${method} has no PostgreSQL array equivalent`)
}
