import { sideBySideTable } from '../shared/side-by-side-table.js'
import { OBJECT_KINDS, type ObjectCounts } from './object-counts.js'
import type { OnPostgres } from './on-postgres.js'

export interface ToolFigures {
  readonly tool: string
  readonly seconds: number
  readonly allSeconds: readonly number[]
  readonly onPostgres: OnPostgres
}

/** The side-by-side table: the source's own counts first, then each tool's. */
export function printResults(source: ObjectCounts, tools: readonly ToolFigures[]): void {
  const header = ['tool', 'convert s (median)', 'runs s', ...OBJECT_KINDS.map((k) => k.label), 'failed stmts']
  const sourceRow = ['Oracle source', '', '', ...OBJECT_KINDS.map((k) => String(source[k.key])), '']
  const rows = tools.map((t) => [
    t.tool,
    t.seconds.toFixed(2),
    t.allSeconds.map((s) => s.toFixed(2)).join(' '),
    ...OBJECT_KINDS.map((k) => `${t.onPostgres.objects[k.key]}`),
    String(t.onPostgres.failedStatements),
  ])
  console.log(sideBySideTable(header, [sourceRow, ...rows]))
  console.log(
    [
      '',
      'Oracle source: what godwit\'s parser read from the scripts (synonyms, types and object-type methods not counted).',
      'Tool rows: objects that exist in the corpus schemas on PostgreSQL after applying the output; a tool may exceed',
      'the source where it re-creates an object in another form (a synonym as a view, a type method as a function).',
      'convert s: godwit as a library call in this process (runConvert per schema, files written); ora2pg as one',
      'process per schema and export type, perl start-up included. Applying the output is not timed.',
    ].join('\n'),
  )
  const [first, second] = tools
  if (first && second) {
    console.log(`\nconvert time ratio ${second.tool} / ${first.tool}: ${(second.seconds / first.seconds).toFixed(1)}x`)
  }
  for (const t of tools) {
    if (t.onPostgres.sampleErrors.length === 0) continue
    console.log(`\nfirst errors of ${t.tool}'s output on PostgreSQL:`)
    for (const e of t.onPostgres.sampleErrors) console.log(`  ${e.length > 160 ? `${e.slice(0, 157)}...` : e}`)
  }
}
