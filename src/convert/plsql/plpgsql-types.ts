import type { TypeDef } from '../../model/schema.js'
import { pgIdent } from '../naming.js'
import type { PlType } from './plsql-ast.js'
import type { PlsqlScope } from './plsql-scope.js'
import { catalogPackageType } from './package-state.js'

/** PL/SQL-only datatypes; everything else goes through the converter's type rule (ctx.formatType). */
const PLSQL_TYPES: Readonly<Record<string, string>> = {
  BOOLEAN: 'boolean',
  PLS_INTEGER: 'integer',
  BINARY_INTEGER: 'integer',
  SIMPLE_INTEGER: 'integer',
  NATURAL: 'integer',
  NATURALN: 'integer',
  POSITIVE: 'integer',
  POSITIVEN: 'integer',
  SIGNTYPE: 'integer',
  SYS_REFCURSOR: 'refcursor',
}

/**
 * The PostgreSQL type of a declaration. `%TYPE` and `%ROWTYPE` are kept (PL/pgSQL has both);
 * in a routine signature `t%ROWTYPE` is written as the table's row type `t`, and a cursor's
 * `%ROWTYPE` becomes `record`, PL/pgSQL having no cursor row types.
 */
export function pgTypeText(t: PlType, scope: PlsqlScope, inSignature = false): string {
  if (t.kind === 'anchored') {
    const first = t.path[0]!
    if (t.attribute === 'ROWTYPE' && scope.cursors.has(first)) return 'record'
    const path = t.path.map(pgIdent).join('.')
    if (t.attribute === 'ROWTYPE') return inSignature ? path : `${path}%ROWTYPE`
    return `${path}%TYPE`
  }
  const n = t.native
  if (!n.schema && PLSQL_TYPES[n.name]) return PLSQL_TYPES[n.name]!
  const declared = n.schema ? undefined : scope.subtypes.get(n.name)?.base
  if (declared) return pgTypeText(declared, scope, inSignature)
  const record = n.schema ? undefined : scope.recordTypes.get(n.name)
  if (record) return record.pgName
  const packaged = n.schema ? packageTypeText(n.schema, n.name, scope, inSignature) : undefined
  if (packaged) return packaged
  // A VARRAY / nested table type is an array of its element in PostgreSQL.
  return (!n.schema ? collectionTypeText(n.name, scope) : undefined) ?? scope.ctx.formatType(n)
}

/**
 * `pkg.t` declared in a catalog package's specification: a record is the composite type the
 * package created (`pkg.t`), a collection an array and a subtype its base, each read in the package.
 */
function packageTypeText(pkg: string, name: string, scope: PlsqlScope, inSignature: boolean): string | undefined {
  const d = catalogPackageType(scope.ctx.catalog, pkg, name)
  if (d?.kind === 'record-type') return `${pgIdent(pkg)}.${pgIdent(name)}`
  if (d?.kind === 'collection-type') return `${packageMemberText(pkg, d.element, scope, inSignature)}[]`
  if (d?.kind === 'subtype') return packageMemberText(pkg, d.base, scope, inSignature)
  return undefined
}

/** A type written inside package `pkg`: an unqualified name may be another of its types. */
function packageMemberText(pkg: string, t: PlType, scope: PlsqlScope, inSignature: boolean): string {
  const own = t.kind === 'native' && !t.native.schema ? packageTypeText(pkg, t.native.name, scope, inSignature) : undefined
  return own ?? pgTypeText(t, scope, inSignature)
}

function catalogCollection(name: string, scope: PlsqlScope): TypeDef | undefined {
  return scope.ctx.catalog.types.find((d) => d.name === name && (d.kind === 'varray' || d.kind === 'nested-table'))
}

/** The PostgreSQL array type of a collection type named `name` (local or in the catalog), if it is one. */
export function collectionTypeText(name: string, scope: PlsqlScope): string | undefined {
  const local = scope.collectionTypes.get(name)
  if (local) return local
  const element = catalogCollection(name, scope)?.element
  return element ? `${scope.ctx.formatType(element.nativeType)}[]` : undefined
}

/** A SUBTYPE's or REF CURSOR type's base type (through chains of them); any other type as it is. */
export function baseType(t: PlType, scope: PlsqlScope): PlType {
  const subtype = t.kind === 'native' && !t.native.schema ? scope.subtypes.get(t.native.name) : undefined
  return subtype ? baseType(subtype.base, scope) : t
}

/** Whether a declared type is a collection (a local VARRAY/TABLE type or one in the catalog). */
export function isCollectionType(declared: PlType, scope: PlsqlScope): boolean {
  const t = baseType(declared, scope)
  if (t.kind !== 'native') return false
  const name = t.native.name
  if (t.native.schema && catalogPackageType(scope.ctx.catalog, t.native.schema, name)?.kind === 'collection-type') return true
  return scope.collectionTypes.has(name) || catalogCollection(name, scope) !== undefined
}
