import { createWriteStream, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { finished } from 'node:stream/promises'
import { format } from 'fast-csv'
import type { RejectedRow } from '../values/transcode.js'

export interface RejectsFile {
  write(r: RejectedRow): void
  /** Flushes and closes the file (a no-op when nothing was rejected). */
  close(): Promise<void>
  readonly count: number
  /** Where the rows go: `<dir>/<table>.rejects.csv`. */
  readonly path: string
}

/**
 * One CSV per table of the rows the target could not hold: key (JSON object of key column →
 * value text), column, value excerpt, reason. The file is created at the first reject, so a
 * clean table leaves none behind.
 */
export function openRejectsFile(dir: string, table: string): RejectsFile {
  const path = join(dir, `${table.replace(/[^\w.-]/g, '_')}.rejects.csv`)
  let open: { csv: ReturnType<typeof format<string[], string[]>>; done: Promise<void> } | undefined
  let count = 0
  return {
    path,
    get count() {
      return count
    },
    write(r) {
      if (!open) {
        mkdirSync(dir, { recursive: true })
        const out = createWriteStream(path)
        const csv = format<string[], string[]>({ headers: ['key', 'column', 'value', 'reason'] })
        csv.pipe(out)
        open = { csv, done: finished(out) }
      }
      open.csv.write([JSON.stringify(r.key), r.column, r.value, r.reason])
      count++
    },
    async close() {
      if (!open) return
      open.csv.end()
      await open.done
    },
  }
}
