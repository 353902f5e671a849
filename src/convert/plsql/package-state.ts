import { SqlSyntaxError } from '../../core/errors.js'
import type { SchemaModel } from '../../model/schema.js'
import { UnsupportedConstructError } from '../translate-context.js'
import { pgIdent, pgStoredName } from '../naming.js'
import type { Declaration, PackageSpec } from './plsql-ast.js'
import { parseCodeUnit } from './plsql-unit-parser.js'
import { conditionalUnit, plsqlCursor } from './plsql-source.js'

/** A package-level variable or constant, emulated with a session setting named `<package>.<variable>`. */
export type PackageVariable = Extract<Declaration, { kind: 'variable' }> & { readonly pkg: string }

/**
 * Oracle package variables live for the session. PostgreSQL's closest equivalent is a custom
 * setting (set_config / current_setting, "Customized Options"): a variable is read through a
 * generated getter `pkg.godwit_get_<var>()` that falls back to the declared initial value until
 * the session assigns it, and written with set_config. The stored text is `v:<value>`, or `n`
 * for NULL, because set_config(…, NULL) would reset the setting to "never assigned".
 */
export function settingName(v: PackageVariable): string {
  return `${pgStoredName(v.pkg)}.${pgStoredName(v.name)}`
}

export function getterName(v: PackageVariable): string {
  return `${pgIdent(v.pkg)}.${pgIdent(`GODWIT_GET_${v.name}`)}`
}

/** The PL/pgSQL statement assigning `value` (already PostgreSQL text) to the variable. */
export function setterStatement(v: PackageVariable, value: string): string {
  return `PERFORM set_config('${settingName(v)}', coalesce('v:' || (${value})::text, 'n'), false);`
}

/** The getter's body: `declaredType` and `initial` are PostgreSQL text. */
export function getterBody(v: PackageVariable, declaredType: string, initial: string): string[] {
  if (v.constant) return ['BEGIN', `  RETURN ${initial};`, 'END;']
  return [
    'DECLARE',
    `  stored text := current_setting('${settingName(v)}', true);`,
    `  result ${declaredType};`,
    'BEGIN',
    "  IF stored IS NULL OR stored = '' THEN",
    `    RETURN ${initial};`,
    "  ELSIF stored = 'n' THEN",
    '    RETURN NULL;',
    '  END IF;',
    '  result := substr(stored, 3);',
    '  RETURN result;',
    'END;',
  ]
}

export function packageVariables(pkg: string, declarations: readonly Declaration[]): PackageVariable[] {
  return declarations.flatMap((d) => (d.kind === 'variable' ? [{ ...d, pkg }] : []))
}

const specCache = new WeakMap<SchemaModel, { readonly specs: Map<string, PackageSpec>; readonly variables: Map<string, PackageVariable[]> }>()

function catalogSpecs(catalog: SchemaModel): { readonly specs: Map<string, PackageSpec>; readonly variables: Map<string, PackageVariable[]> } {
  const cached = specCache.get(catalog)
  if (cached) return cached
  const specs = new Map<string, PackageSpec>()
  for (const def of catalog.code.filter((d) => d.kind === 'package')) {
    try {
      const unit = parseCodeUnit(plsqlCursor(def.source, conditionalUnit(def)).cursor)
      if (unit.kind === 'package') specs.set(unit.spec.name, unit.spec)
    } catch (e) {
      // Reported where the specification itself is translated.
      if (!(e instanceof SqlSyntaxError) && !(e instanceof UnsupportedConstructError)) throw e
    }
  }
  const variables = new Map([...specs].map(([name, spec]) => [name, packageVariables(name, spec.declarations)]))
  const out = { specs, variables }
  specCache.set(catalog, out)
  return out
}

/**
 * Every package specification in the catalog, parsed, by package name, so any unit can read
 * `pkg.var` and declare `pkg.type`. A specification that does not parse is left out (its own
 * translation reports the error).
 */
export function catalogPackageVariables(catalog: SchemaModel): Map<string, PackageVariable[]> {
  return catalogSpecs(catalog).variables
}

/** The catalog's package specifications that parse, by package name (types declared there are `pkg.t` elsewhere). */
export function catalogPackageSpecs(catalog: SchemaModel): ReadonlyMap<string, PackageSpec> {
  return catalogSpecs(catalog).specs
}

/** A type the catalog package `pkg` declares in its specification (`pkg.t` from another unit). */
export function catalogPackageType(catalog: SchemaModel, pkg: string, name: string): Declaration | undefined {
  return catalogPackageSpecs(catalog)
    .get(pkg)
    ?.declarations.find((d) => (d.kind === 'record-type' || d.kind === 'collection-type' || d.kind === 'subtype') && d.name === name)
}
