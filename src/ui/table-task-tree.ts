import { Listr, ListrLogger, ProcessOutput, type ListrTaskWrapper } from 'listr2'

/** A table's line in the tree: setting its title redraws it. */
export type TableTask = ListrTaskWrapper<unknown, never, never>

/** The logger the live views draw with: stderr, so stdout stays for results. */
export function stderrLogger(): ListrLogger {
  return new ListrLogger({ processOutput: new ProcessOutput(process.stderr, process.stderr) })
}

/**
 * One concurrent line per table. A table's line runs until the promise `attach` returns settles
 * (✔ resolved, ✖ rejected, errors left expanded); one failed table stops none of the others.
 * Resolves once the last frame is drawn.
 */
export function runTableTaskTree(names: readonly string[], logger: ListrLogger, attach: (name: string, task: TableTask) => Promise<void>): Promise<unknown> {
  const listr = new Listr(
    names.map((name) => ({ title: name, task: (_: unknown, task: TableTask) => attach(name, task) })),
    {
      concurrent: true,
      exitOnError: false,
      registerSignalListeners: false,
      rendererOptions: { logger, collapseErrors: false },
      fallbackRendererOptions: { logger },
    } as never,
  )
  return listr.run().catch(() => undefined)
}
