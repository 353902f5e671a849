import { runLoad, type LoadResult } from '../load/run-load.js'

export interface DemoLoadOptions {
  /** A database holding the demo schema with its rows (the demo's source). */
  readonly sourceUrl: string
  /** A database with the same schema applied and no rows (the demo's target). */
  readonly targetUrl: string
  /** The demo schema's name on both sides. */
  readonly schema: string
  readonly progress?: (line: string) => void
}

/**
 * The demo's load step: every table of the demo schema, source → target, in small chunks so
 * even the demo's 200,000 sightings show chunking and parallel workers. Returns the load's own result.
 */
export async function runDemoLoad(o: DemoLoadOptions): Promise<LoadResult & { readonly runId: number }> {
  const say = o.progress ?? (() => undefined)
  const result = await runLoad({
    sourceUrl: o.sourceUrl,
    targetUrl: o.targetUrl,
    tables: [`${o.schema}.*`],
    jobs: 2,
    chunkRows: 20_000,
    onEvent: (e) => {
      if (e.kind === 'warning') say(`load: warning: ${e.message}`)
      if (e.kind === 'table-failed') say(`load: ${e.table} failed: ${e.error}`)
    },
  })
  for (const t of result.tables) say(`load: ${t.name}: ${t.rows} rows in ${t.chunksDone}/${t.chunks} chunks (${t.transfer})${t.error ? `, FAILED: ${t.error}` : ''}`)
  const at = result.position.slot ? `slot ${result.position.slot} at LSN ${result.position.lsn}` : `LSN ${result.position.lsn ?? '?'}`
  say(`load: read the source at ${at}${result.complete ? '' : ' (incomplete: rerun to resume)'}`)
  const { runId } = result
  // Only a dry run has no run; the demo never asks for one.
  if (runId === undefined) throw new Error('the demo load recorded no run')
  return { ...result, runId }
}
