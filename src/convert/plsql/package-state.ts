import { SqlSyntaxError } from '../../core/errors.js'
import type { SchemaModel } from '../../model/schema.js'
import { UnsupportedConstructError } from '../translate-context.js'
import { pgIdent, pgStoredName } from '../naming.js'
import type { Declaration, PackageSpec } from './plsql-ast.js'
import { parseCodeUnit } from './plsql-unit-parser.js'
import { plsqlCursor } from './plsql-source.js'

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

const specCache = new WeakMap<SchemaModel, Map<string, PackageSpec>>()

/**
 * Every package specification in the catalog, parsed, by package name, so any unit can read
 * `pkg.var` and declare `pkg.type`. A specification that does not parse is left out (its own
 * translation reports the error).
 */
export function catalogPackageSpecs(catalog: SchemaModel): Map<string, PackageSpec> {
  const cached = specCache.get(catalog)
  if (cached) return cached
  const out = new Map<string, PackageSpec>()
  for (const def of catalog.code.filter((d) => d.kind === 'package')) {
    try {
      const unit = parseCodeUnit(plsqlCursor(def.source).cursor)
      if (unit.kind === 'package') out.set(unit.spec.name, unit.spec)
    } catch (e) {
      // Reported where the specification itself is translated.
      if (!(e instanceof SqlSyntaxError) && !(e instanceof UnsupportedConstructError)) throw e
    }
  }
  specCache.set(catalog, out)
  return out
}

/** The public variables of a catalog package, for reading `pkg.var` from any unit. */
export function catalogPackageVariables(catalog: SchemaModel, pkg: string): PackageVariable[] | undefined {
  const spec = catalogPackageSpecs(catalog).get(pkg)
  return spec && packageVariables(pkg, spec.declarations)
}

/** A type the catalog package `pkg` declares in its specification (`pkg.t` from another unit). */
export function catalogPackageType(catalog: SchemaModel, pkg: string, name: string): Declaration | undefined {
  return catalogPackageSpecs(catalog)
    .get(pkg)
    ?.declarations.find((d) => (d.kind === 'record-type' || d.kind === 'collection-type' || d.kind === 'subtype') && d.name === name)
}
