import { oracleLogicalType } from '../../engines/oracle/oracle-types.js'
import { pgIdent } from '../naming.js'
import { UnsupportedConstructError } from '../translate-context.js'
import type { Block, PlType, Routine, RoutineHeading } from './plsql-ast.js'
import { catalogPackageType } from './package-state.js'
import { isCollectionType, pgTypeText } from './plpgsql-types.js'
import type { PlsqlScope } from './plsql-scope.js'

/**
 * Pipelined table functions (PL/SQL Language Reference, "Chaining Pipelined Table Functions")
 * become set-returning PL/pgSQL functions ("Returning from a Function": RETURN NEXT). A
 * collection of objects (or of %ROWTYPE) returns SETOF the element's composite type, whose
 * attributes are the columns, as TABLE(f(…)) shows them in Oracle. A collection of scalars
 * returns TABLE (column_value …): Oracle names that one column COLUMN_VALUE, and an OUT column
 * of that name keeps `SELECT column_value FROM f(…)` working for every caller, converted or not.
 * Callers' TABLE(f(…)) becomes FROM f(…) (sql/rewrites/pipelined-calls.ts).
 */

/** Oracle's name for the one column of a collection of scalars. */
const COLUMN_VALUE = 'COLUMN_VALUE'

/** How PIPE ROW returns a row: into the OUT column (scalar elements), or as the row itself. */
export interface PipelinedRows {
  readonly outColumn?: string
}

/** Action item text for the pipelined forms PostgreSQL cannot express, or undefined; `pkg`: the package declaring it. */
export function unsupportedPipelining(heading: RoutineHeading, pkg?: string): string | undefined {
  const implementation = heading.pipelined?.implementation
  if (!implementation) return undefined
  const name = pkg ? `${pkg}.${heading.name}` : heading.name
  if (/POLYMORPHIC/i.test(implementation)) {
    return `function ${name} is a polymorphic table function (PIPELINED ${implementation}): PostgreSQL has no polymorphic table functions; write a set-returning function for each row shape it is called with`
  }
  return `function ${name} is a pipelined table function implemented by an object type (PIPELINED ${implementation}, the ODCITable interface): rewrite its ODCITableStart/Fetch/Close logic as one set-returning PL/pgSQL function`
}

/** The element type of the collection a pipelined function returns: package-level or schema-level TABLE OF / VARRAY. */
function collectionElement(returns: PlType, scope: PlsqlScope): PlType | undefined {
  if (returns.kind !== 'native') return undefined
  const { name, schema } = returns.native
  const own = !schema || schema === scope.packageName ? scope.collectionElements.get(name) : undefined
  if (own) return own
  const declared = schema ? catalogPackageType(scope.ctx.catalog, schema, name) : undefined
  if (declared?.kind === 'collection-type') return declared.element
  const def = scope.ctx.catalog.types.find((t) => t.name === name && (t.kind === 'varray' || t.kind === 'nested-table') && (!schema || !t.schema || t.schema === schema))
  return def?.element && { kind: 'native', native: def.element.nativeType }
}

/** A row type (object type, record, %ROWTYPE), whose attributes are the rows' columns; otherwise one COLUMN_VALUE. */
function isComposite(element: PlType, scope: PlsqlScope): boolean {
  if (element.kind === 'anchored') return element.attribute === 'ROWTYPE'
  if (oracleLogicalType(element.native).kind !== 'user-defined' || isCollectionType(element, scope)) return false
  // PL/SQL's integer subtypes (PLS_INTEGER, NATURAL …) are names the SQL type table does not know.
  return pgTypeText(element, scope, true) !== 'integer'
}

/** `SETOF elem` or `TABLE (column_value elem)` for a pipelined function, and how its PIPE ROW writes. */
export function pipelinedReturns(routine: Routine, scope: PlsqlScope): { readonly returns: string; readonly rows: PipelinedRows } {
  const element = routine.returns && collectionElement(routine.returns, scope)
  if (!element) {
    const type = routine.returns?.kind === 'native' ? routine.returns.native.text : routine.returns?.path.join('.')
    throw new UnsupportedConstructError(
      `pipelined function ${routine.name} returns ${type ?? 'no type'}, which is not a TABLE OF / VARRAY type the converted scripts define at schema level or in a package specification`,
      routine.at,
    )
  }
  const text = pgTypeText(element, scope, true)
  if (isComposite(element, scope)) return { returns: `SETOF ${text}`, rows: {} }
  return { returns: `TABLE (${pgIdent(COLUMN_VALUE)} ${text})`, rows: { outColumn: pgIdent(COLUMN_VALUE) } }
}

/** PIPE ROW (value) → RETURN NEXT; `value` is PostgreSQL text. */
export function pipeRowLines(rows: PipelinedRows | undefined, value: string): string[] {
  if (!rows) throw new UnsupportedConstructError('PIPE ROW outside a PIPELINED function: Oracle allows it only there')
  if (rows.outColumn) return [`${rows.outColumn} := ${value};`, 'RETURN NEXT;']
  return [`RETURN NEXT ${value};`]
}

const NO_DATA_NEEDED = 'NO_DATA_NEEDED'

/**
 * Oracle raises NO_DATA_NEEDED in a pipelined function when its caller stops fetching early.
 * PostgreSQL runs a PL/pgSQL set-returning function to its end and keeps the rows (in memory,
 * then on disk) before the caller reads the first one, so the caller never stops it and the
 * exception has no counterpart: the handlers for it are dropped. Their body is reported (a
 * warning when it does more than end the function), as cleanup there must run at the normal end.
 */
export function withoutNoDataNeeded(routine: Routine, scope: PlsqlScope): Routine {
  let dropped = 0
  let doesWork = false
  const strip = <T>(node: T): T => {
    if (Array.isArray(node)) return node.map(strip) as T
    if (node === null || typeof node !== 'object') return node
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(node)) out[k] = strip(v)
    if (!isBlock(node)) return out as T
    const handlers = (out as unknown as Block).handlers.flatMap((h) => {
      if (!h.names.includes(NO_DATA_NEEDED)) return [h]
      dropped++
      if (h.body.some((s) => s.kind !== 'null' && s.kind !== 'return' && s.kind !== 'raise')) doesWork = true
      const names = h.names.filter((n) => n !== NO_DATA_NEEDED)
      return names.length > 0 ? [{ ...h, names }] : []
    })
    return { ...out, handlers } as T
  }
  const block = strip(routine.block)
  if (dropped > 0) {
    const message =
      `${routine.name}: PostgreSQL runs a set-returning function to its end before its caller reads a row, so the caller never stops it early and NO_DATA_NEEDED is never raised; ` +
      `its handler${dropped > 1 ? 's were' : ' was'} dropped${doesWork ? ': the cleanup it did must also happen where the function ends normally' : ''}`
    scope.flag('NO_DATA_NEEDED_DROPPED', message, routine.at, doesWork ? 'warning' : 'info')
  }
  return { ...routine, block }
}

function isBlock(node: object): node is Block {
  return 'handlers' in node && 'declarations' in node && 'body' in node
}

/** What PostgreSQL does without: PARALLEL_ENABLE and its partitioning/streaming clauses (its planner decides parallelism). */
export function flagDroppedPipelining(routine: Routine, scope: PlsqlScope): void {
  const parallel = routine.pipelined?.parallel
  if (!parallel) return
  scope.flag(
    'PIPELINED_PARALLEL_DROPPED',
    `${routine.name}: ${parallel} is dropped: PostgreSQL does not run PL/pgSQL set-returning functions in parallel workers, nor partition or order their input rows`,
    routine.at,
    'info',
  )
}
