import { pgIdent } from '../naming.js'
import type { TranslateContext } from '../translate-context.js'
import type { Declaration, PackageBody, PackageSpec } from './plsql-ast.js'
import { PlpgsqlWriter } from './plpgsql-generator.js'
import { pgTypeText } from './plpgsql-types.js'
import { PlsqlScope } from './plsql-scope.js'
import { getterBody, getterName, packageVariables, settingName, type PackageVariable } from './package-state.js'
import { routineDdl } from './routine.js'
import { recordInitializer } from './record-types.js'
import { unsupportedPipelining } from './pipelined.js'
import { dollarQuote, storedIdent } from './pg-names.js'
import { NO_CURSOR_USE, type CursorUse } from './plsql-tokens.js'

/**
 * A package becomes a PostgreSQL schema of the same name holding its subprograms, so calls
 * written `pkg.proc(…)` keep working. Package variables and constants are emulated with session
 * settings (package-state.ts); package cursors are not. Each is an action finding
 * (PACKAGE_VARIABLE) because the semantics differ.
 */
export function packageSpecDdl(spec: PackageSpec, ctx: TranslateContext): string[] {
  const variables = packageVariables(spec.name, spec.declarations)
  flagPackageState(spec.name, spec.declarations, ctx)
  const scope = packageScope(spec.name, variables, spec.declarations.filter(isShared), ctx, 'function', NO_CURSOR_USE)
  return [`CREATE SCHEMA IF NOT EXISTS ${pgIdent(spec.name)}`, ...packageTypesDdl(spec.name, [], spec.declarations, ctx), ...variables.map((v) => getterDdl(v, scope))]
}

/**
 * The body's subprograms (public and private) as routines in the package's schema. `spec` is
 * the package specification when the catalog has it: its types, exceptions and variables are
 * in scope.
 */
export function packageBodyDdl(body: PackageBody, spec: PackageSpec | undefined, ctx: TranslateContext, cursorUse: CursorUse): string[] {
  flagPackageState(body.name, body.declarations, ctx)
  if (body.initialization) {
    ctx.findings.push({
      code: 'PACKAGE_INITIALIZATION',
      severity: 'action',
      object: ctx.object,
      message: `package ${body.name} has an initialization section that Oracle runs once per session; PostgreSQL has no equivalent, call its logic explicitly`,
      at: body.initialization.at,
    })
  }
  const schema = pgIdent(body.name)
  const bodyVariables = packageVariables(body.name, body.declarations)
  const variables = [...packageVariables(body.name, spec?.declarations ?? []), ...bodyVariables]
  const shared = [...(spec?.declarations ?? []), ...body.declarations].filter(isShared)
  const functions = body.declarations.flatMap((d) => (d.kind === 'subprogram' && d.routine.kind === 'function' ? [d.routine.name] : []))
  const routines = body.declarations.flatMap((d) => {
    if (d.kind !== 'subprogram') return []
    const scope = packageScope(body.name, variables, shared, ctx, d.routine.kind, cursorUse)
    functions.forEach((f) => scope.packageFunctions.add(f))
    return routineDdl(d.routine, { schema, name: d.routine.name, searchPath: searchPath(body.name, ctx) }, scope)
  })
  const getterScope = packageScope(body.name, variables, shared, ctx, 'function', NO_CURSOR_USE)
  const types = packageTypesDdl(body.name, spec?.declarations ?? [], body.declarations, ctx)
  return [`CREATE SCHEMA IF NOT EXISTS ${schema}`, ...types, ...bodyVariables.map((v) => getterDdl(v, getterScope)), ...routines]
}

/** A scope that sees the package's variables and its package-level types and exceptions. */
function packageScope(
  pkg: string,
  variables: readonly PackageVariable[],
  shared: readonly Declaration[],
  ctx: TranslateContext,
  unit: 'function' | 'procedure',
  cursorUse: CursorUse,
): PlsqlScope {
  const scope = new PlsqlScope(ctx, unit, cursorUse, undefined, pkg)
  scope.typeNamespace = { schema: pgIdent(pkg), prefix: '' }
  const reported = ctx.findings.length
  new PlpgsqlWriter(scope).declarations(shared)
  // The package's own DDL creates the types and reports on them once (packageTypesDdl), not each routine's.
  scope.createdTypes.length = 0
  ctx.findings.splice(reported)
  for (const v of variables) scope.ownPackageVariables.set(v.name, v)
  return scope
}

/** Declarations a package's subprograms all see: its types and exceptions. */
function isShared(d: Declaration): boolean {
  return d.kind === 'collection-type' || d.kind === 'record-type' || d.kind === 'subtype' || d.kind === 'exception' || d.kind === 'exception-init'
}

/**
 * CREATE TYPE for the record types `declarations` (a spec's or a body's) declare, in the package's
 * schema; `known` (the spec, for a body) declares types they may use.
 */
function packageTypesDdl(pkg: string, known: readonly Declaration[], declarations: readonly Declaration[], ctx: TranslateContext): string[] {
  const scope = packageScope(pkg, [], known.filter(isShared), ctx, 'function', NO_CURSOR_USE)
  new PlpgsqlWriter(scope).declarations(declarations.filter(isShared))
  return scope.createdTypes
}

function searchPath(pkg: string, ctx: TranslateContext): string[] {
  return [pgIdent(pkg), storedIdent(ctx.targetSchema)]
}

function getterDdl(v: PackageVariable, scope: PlsqlScope): string {
  const writer = new PlpgsqlWriter(scope)
  const initial = v.init ? writer.expr(v.init) : (recordInitializer(v.type, scope) ?? 'NULL')
  const body = getterBody(v, pgTypeText(v.type, scope), initial).join('\n')
  const quote = dollarQuote(body)
  const path = searchPath(v.pkg, scope.ctx).join(', ')
  return `CREATE OR REPLACE FUNCTION ${getterName(v)}() RETURNS ${pgTypeText(v.type, scope, true)}\nLANGUAGE plpgsql\nSET search_path = ${path}, public\nAS ${quote}\n${body}\n${quote}`
}

function flagPackageState(pkg: string, declarations: readonly Declaration[], ctx: TranslateContext): void {
  for (const d of declarations) {
    if (d.kind === 'subprogram-spec') {
      const unsupported = unsupportedPipelining(d.routine, pkg)
      if (unsupported) ctx.findings.push({ code: 'UNSUPPORTED_CONSTRUCT', severity: 'action', object: ctx.object, message: unsupported, at: d.routine.at })
    } else if (d.kind === 'cursor') {
      ctx.findings.push({
        code: 'PACKAGE_VARIABLE',
        severity: 'action',
        object: ctx.object,
        message: `package cursor ${pkg}.${d.name} keeps its position for the session in Oracle; PostgreSQL has no package state: declare the cursor where it is used`,
        at: d.at,
      })
    } else if (d.kind === 'variable') {
      const what = d.constant ? 'constant' : 'variable'
      const v = { ...d, pkg }
      ctx.findings.push({
        code: 'PACKAGE_VARIABLE',
        severity: 'action',
        object: ctx.object,
        message:
          `package ${what} ${pkg}.${d.name} is emulated with the session setting ${settingName(v)} read by ${getterName(v)}(): ` +
          'unlike Oracle, an assignment is undone when its transaction rolls back, and values go through text',
        at: d.at,
      })
    }
  }
}
