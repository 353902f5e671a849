import { matchesAnyGlob } from '../core/glob.js'
import type { LoadRunSummary } from '../engines/postgres/control-schema-cutover.js'

/** A table the cutover moves: its source and target `schema.table`, as the load recorded them. */
export interface CutoverTable {
  readonly source: string
  readonly target: string
}

/** The load run's tables, narrowed by --tables globs (matched against the source name). */
export function cutoverTables(run: LoadRunSummary | undefined, globs: readonly string[] | undefined): CutoverTable[] {
  const all = run?.tables ?? []
  return globs && globs.length > 0 ? all.filter((t) => matchesAnyGlob(t.source, globs)) : [...all]
}

function schemaOf(qualified: string): string {
  return qualified.slice(0, qualified.indexOf('.'))
}

export function schemasOf(tables: readonly CutoverTable[], side: 'source' | 'target'): string[] {
  return [...new Set(tables.map((t) => schemaOf(t[side])))]
}

/** Source schema → the target schema the load wrote it to. */
export function schemaMapOf(tables: readonly CutoverTable[]): Map<string, string> {
  return new Map(tables.map((t) => [schemaOf(t.source), schemaOf(t.target)]))
}
