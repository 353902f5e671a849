import { pgIdent } from '../naming.js'
import { UnsupportedConstructError } from '../translate-context.js'
import type { Block, Param, Routine } from './plsql-ast.js'
import { PlpgsqlWriter } from './plpgsql-generator.js'
import { pgTypeText } from './plpgsql-types.js'
import { ROWCOUNT_VARIABLE, type PlsqlScope } from './plsql-scope.js'
import { allStatements } from './plsql-statements.js'
import { dollarQuote } from './pg-names.js'
import { hoistLocalSubprograms } from './local-subprograms.js'

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
  const { routine, hoisted } = hoistLocalSubprograms(source)
  for (const h of hoisted) scope.localRoutines.set(h.routine.name, { name: `${placement.schema}.${pgIdent(h.name)}`, kind: h.routine.kind })
  const locals = hoisted.flatMap((h) => routineDdl(h.routine, { schema: placement.schema, name: h.name, searchPath: placement.searchPath }, scope.sibling(h.routine.kind)))
  return [...locals, createRoutine(routine, placement, scope)]
}

function createRoutine(routine: Routine, placement: RoutinePlacement, scope: PlsqlScope): string {
  const writer = new PlpgsqlWriter(scope)
  writer.declareParams(routine.params)
  const params = [...(placement.self ? [`${placement.self.mode === 'INOUT' ? 'INOUT ' : ''}self ${placement.self.type}`] : []), ...signature(routine.params, scope)]
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

function signature(params: readonly Param[], scope: PlsqlScope): string[] {
  let defaults = false
  return params.map((p) => {
    const mode = p.mode === 'IN' ? '' : p.mode === 'OUT' ? 'OUT ' : 'INOUT '
    if (p.default) defaults = true
    else if (defaults && p.mode !== 'OUT') {
      throw new UnsupportedConstructError(`parameter ${p.name} has no default but follows one that has: PostgreSQL requires defaults on all later parameters; call with named arguments and reorder`, undefined)
    }
    const writer = new PlpgsqlWriter(scope)
    const init = p.default ? ` DEFAULT ${writer.expr(p.default)}` : ''
    return `${mode}${pgIdent(p.name)} ${pgTypeText(p.type, scope, true)}${init}`
  })
}

function returnType(routine: Routine, scope: PlsqlScope): string {
  if (!routine.returns) throw new UnsupportedConstructError(`${routine.name} returns SELF AS RESULT (a constructor); PostgreSQL builds composite values with ROW(…)::type`, routine.at)
  if (routine.params.some((p) => p.mode !== 'IN')) {
    throw new UnsupportedConstructError(`function ${routine.name} has OUT parameters and a RETURN value; PostgreSQL functions return either, so make it a procedure or return a composite`, routine.at)
  }
  return pgTypeText(routine.returns, scope, true)
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
  return `\nSET search_path = ${[...placement.searchPath, 'public'].join(', ')}`
}
