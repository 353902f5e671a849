import { pgIdent } from '../naming.js'
import { UnsupportedConstructError } from '../translate-context.js'
import type { Block, Declaration, Param, Routine } from './plsql-ast.js'
import { PlpgsqlWriter } from './plpgsql-generator.js'
import { pgTypeText } from './plpgsql-types.js'
import { ROWCOUNT_VARIABLE, type PlsqlScope } from './plsql-scope.js'
import { allStatements } from './plsql-statements.js'
import { dollarQuote } from './pg-names.js'
import { hoistLocalSubprograms } from './local-subprograms.js'
import { flagDroppedPipelining, pipelinedReturns, withoutNoDataNeeded } from './pipelined.js'

export interface RoutinePlacement {
  /** The schema the routine is created in, as an identifier (`hr`, a package's schema). */
  readonly schema: string
  /** Source-style name of the routine (upper case when unquoted). */
  readonly name: string
  /** Schemas (already identifiers) for the routine's SET search_path, before `public`. */
  readonly searchPath: readonly string[]
  /** Type-body member methods: the object type, passed first as `self`. */
  readonly self?: { readonly type: string; readonly mode: 'IN' | 'INOUT' }
}

/**
 * CREATE OR REPLACE FUNCTION / PROCEDURE for a PL/SQL routine, preceded by its hoisted local
 * subprograms (local-subprograms.ts). Each routine pins its search_path so that names resolve
 * the same whoever calls it (Oracle resolves names in the owner's schema), and uses
 * `#variable_conflict use_column` because Oracle resolves a name that is both a column and a
 * variable to the column inside SQL statements.
 */
export function routineDdl(source: Routine, placement: RoutinePlacement, scope: PlsqlScope): string[] {
  const { routine: withTypes, hoisted } = hoistLocalSubprograms(source)
  // The routine's own types come first: its hoisted local routines may use them too.
  scope.typeNamespace = { schema: placement.schema, prefix: `${placement.name}_` }
  const declarations = withTypes.block.declarations
  // Fields may be anchored to parameters (p%TYPE) and cursors (c%ROWTYPE): both are known first.
  const writer = new PlpgsqlWriter(scope)
  writer.declareParams(withTypes.params)
  for (const d of declarations) {
    if (d.kind !== 'cursor') continue
    scope.cursors.add(d.name)
    scope.cursorQueries.set(d.name, d.query)
  }
  writer.declarations(declarations.filter(isTypeDeclaration))
  const types = scope.createdTypes.splice(0)
  const routine = { ...withTypes, block: { ...withTypes.block, declarations: declarations.filter((d) => !isTypeDeclaration(d)) } }
  for (const h of hoisted) scope.localRoutines.set(h.routine.name, { name: `${placement.schema}.${pgIdent(h.name)}`, kind: h.routine.kind })
  const locals = hoisted.flatMap((h) => routineDdl(h.routine, { schema: placement.schema, name: h.name, searchPath: placement.searchPath }, scope.sibling(h.routine.kind)))
  const created = createRoutine(routine, placement, scope)
  // Then the types of its nested blocks, created while its body was written.
  return [...types, ...locals, ...scope.createdTypes.splice(0), created]
}

function isTypeDeclaration(d: Declaration): boolean {
  return d.kind === 'record-type' || d.kind === 'collection-type' || d.kind === 'subtype'
}

function createRoutine(source: Routine, placement: RoutinePlacement, scope: PlsqlScope): string {
  const routine = source.pipelined ? withoutNoDataNeeded(source, scope) : source
  const writer = new PlpgsqlWriter(scope)
  writer.declareParams(routine.params)
  const params = [...(placement.self ? [`${placement.self.mode === 'INOUT' ? 'INOUT ' : ''}self ${placement.self.type}`] : []), ...signature(routine.params, routine.kind, scope)]
  const head = `CREATE OR REPLACE ${routine.kind === 'function' ? 'FUNCTION' : 'PROCEDURE'} ${placement.schema}.${pgIdent(placement.name)}(${params.join(', ')})`
  const returns = routine.kind === 'function' ? ` RETURNS ${returnType(routine, scope)}` : ''
  const setPath = searchPathClause(routine, placement, scope)
  const body = plpgsqlBody(writer, routine)
  const quote = dollarQuote(body)
  return `${head}${returns}\nLANGUAGE plpgsql${setPath}\nAS ${quote}\n${body}\n${quote}`
}

/** The text between the dollar quotes: the option line and the translated block. */
export function plpgsqlBody(writer: PlpgsqlWriter, routine: Pick<Routine, 'block'>, epilogue: readonly string[] = []): string {
  const extra = writer.scope.cursorUse.implicit ? [`${ROWCOUNT_VARIABLE} bigint := 0;`] : []
  const block = routine.block
  // The epilogue (a trigger's RETURN) must also run after an exception handler: nest the block.
  const outer: Block =
    epilogue.length > 0 && block.handlers.length > 0
      ? { declarations: [], body: [{ kind: 'block', block, at: block.at }], handlers: [], at: block.at }
      : block
  return ['#variable_conflict use_column', ...writer.block(outer, { extraDeclarations: extra, epilogue })].join('\n')
}

/**
 * PostgreSQL wants defaults on every input parameter after the first one that has a default,
 * and a procedure's OUT parameters count as arguments there too (and cannot have defaults).
 * Oracle has neither rule (callers skip defaulted parameters with named notation), and the
 * parameters cannot be reordered (positional callers would pass values to the wrong ones), so
 * the defaults before the last parameter a call must pass are dropped, with a warning: calls
 * that left those parameters out must now pass them.
 */
function signature(params: readonly Param[], kind: Routine['kind'], scope: PlsqlScope): string[] {
  const required = (p: Param) => !p.default && (p.mode !== 'OUT' || kind === 'procedure')
  const lastRequired = params.reduce((last, p, i) => (required(p) ? i : last), -1)
  return params.map((p, i) => {
    const mode = p.mode === 'IN' ? '' : p.mode === 'OUT' ? 'OUT ' : 'INOUT '
    const keepDefault = p.default !== undefined && i > lastRequired
    if (p.default && !keepDefault) {
      scope.flag('PARAMETER_DEFAULT_DROPPED', `parameter ${p.name} loses its DEFAULT: PostgreSQL allows defaults only on parameters after the last one a call must pass (${params[lastRequired]!.name}); calls that leave ${p.name} out must now pass it`, undefined, 'warning')
    }
    const subtype = p.type.kind === 'native' && !p.type.native.schema ? scope.subtypes.get(p.type.native.name) : undefined
    if (subtype?.notNull) {
      scope.flag('SUBTYPE_NOT_NULL', `parameter ${p.name} is of the NOT NULL subtype ${subtype.name}: a PostgreSQL parameter cannot refuse NULL, so passing NULL no longer fails`, undefined, 'warning')
    }
    const writer = new PlpgsqlWriter(scope)
    const init = keepDefault ? ` DEFAULT ${writer.expr(p.default!)}` : ''
    return `${mode}${pgIdent(p.name)} ${pgTypeText(p.type, scope, true)}${init}`
  })
}

function returnType(routine: Routine, scope: PlsqlScope): string {
  if (!routine.returns) throw new UnsupportedConstructError(`${routine.name} returns SELF AS RESULT (a constructor); PostgreSQL builds composite values with ROW(…)::type`, routine.at)
  if (routine.params.some((p) => p.mode !== 'IN')) {
    throw new UnsupportedConstructError(`function ${routine.name} has OUT parameters and a RETURN value; PostgreSQL functions return either, so make it a procedure or return a composite`, routine.at)
  }
  if (!routine.pipelined) return pgTypeText(routine.returns, scope, true)
  flagDroppedPipelining(routine, scope)
  const { returns, rows } = pipelinedReturns(routine, scope)
  scope.pipelinedRows = rows
  return returns
}

/**
 * A procedure with a SET clause may not COMMIT or ROLLBACK (CREATE PROCEDURE notes), so such
 * procedures rely on the caller's search_path instead, with a warning.
 */
function searchPathClause(routine: Routine, placement: RoutinePlacement, scope: PlsqlScope): string {
  const commits = allStatements(routine.block).some((s) => s.kind === 'transaction')
  if (routine.kind === 'procedure' && commits) {
    scope.flag('SEARCH_PATH_NOT_SET', `${routine.name} commits, and PostgreSQL procedures with SET search_path cannot: it uses the caller's search_path`, routine.at, 'warning')
    return ''
  }
  // public last, once: extensions the output creates live there.
  return `\nSET search_path = ${[...new Set([...placement.searchPath, 'public'])].join(', ')}`
}
