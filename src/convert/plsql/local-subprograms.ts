import { UnsupportedConstructError } from '../translate-context.js'
import type { Declaration, Routine } from './plsql-ast.js'

/** A local subprogram moved out of its routine, with the name it gets beside it. */
export interface HoistedRoutine {
  readonly routine: Routine
  /** The source-style name of the new routine: `OUTER_INNER`. */
  readonly name: string
}

/**
 * PL/pgSQL has no nested subprograms. A local function or procedure of a routine's declare
 * section that reads none of the routine's parameters, variables or cursors behaves the same as
 * a separate routine, so it becomes one (`outer_inner`) and calls are renamed. One that does
 * read them (a closure) is refused: passing that state is a design decision.
 */
export function hoistLocalSubprograms(routine: Routine): { readonly routine: Routine; readonly hoisted: readonly HoistedRoutine[] } {
  const locals = routine.block.declarations.filter((d): d is Extract<Declaration, { kind: 'subprogram' }> => d.kind === 'subprogram')
  if (locals.length === 0) return { routine, hoisted: [] }
  const outerNames = new Set([
    ...routine.params.map((p) => p.name),
    ...routine.block.declarations.flatMap((d) => (d.kind === 'variable' || d.kind === 'cursor' ? [d.name] : [])),
  ])
  const hoisted = locals.map((d) => {
    const used = [...identifiersIn(d.routine)].filter((n) => outerNames.has(n))
    if (used.length > 0) {
      throw new UnsupportedConstructError(
        `local ${d.routine.kind} ${d.routine.name} reads ${used.join(', ')} of ${routine.name}: PL/pgSQL has no nested subprograms; pass them as parameters and move it to a separate routine`,
        d.routine.at,
      )
    }
    return { routine: d.routine, name: `${routine.name}_${d.routine.name}` }
  })
  const declarations = routine.block.declarations.filter((d) => d.kind !== 'subprogram' && d.kind !== 'subprogram-spec')
  return { routine: { ...routine, block: { ...routine.block, declarations } }, hoisted }
}

/**
 * Every string in a plain-data tree: names of columns, variables, targets, cursors (and string
 * literals, which can only make the check stricter). The inner routine's own names are included
 * too, so an inner variable that shadows an outer one also counts: the safe side.
 */
function identifiersIn(node: unknown, out = new Set<string>()): Set<string> {
  if (typeof node === 'string') out.add(node)
  else if (Array.isArray(node)) node.forEach((n) => identifiersIn(n, out))
  else if (node !== null && typeof node === 'object') Object.values(node).forEach((v) => identifiersIn(v, out))
  return out
}
