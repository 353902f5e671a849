import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { finished } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import type { Stage } from './redshift-stage.js'

/** One gzip CSV part as staged: its key, rows and compressed size (the manifest's content_length). */
export interface StagedPart {
  readonly key: string
  readonly rows: number
  readonly bytes: number
}

export interface PartsPlan {
  /** Parts per chunk: the cluster's slice count, so each slice reads its share of every chunk. */
  readonly parts: number
  /** Rows before the next part starts; the last part takes whatever remains. */
  readonly rowsPerPart: number
  /** Key of part `i` (0-based). */
  readonly keyOf: (i: number) => string
}

/**
 * Writes encoded rows (CSV lines, each ending in a newline; undefined for a row left out) as
 * exactly `parts` gzip files, one after another: a finished part is put on the stage while the
 * next is written, so the upload overlaps the encoding and at most the parts in flight sit on
 * local disk. Parts the rows do not reach are staged empty (a valid gzip of nothing), so every
 * chunk has the same number of parts. Resolves once every part is on the stage.
 */
export async function writeParts(
  stage: Stage,
  lines: AsyncIterable<readonly string[]>,
  plan: PartsPlan,
  onBytes: (n: number) => void,
): Promise<{ rows: number; bytes: number; parts: StagedPart[] }> {
  const dir = await stage.scratch()
  const puts: Promise<StagedPart>[] = []
  let rows = 0
  let bytes = 0
  let index = 0
  let current = open(dir, index)
  const write = async (part: OpenPart, text: string) => {
    const n = await part.write(text)
    onBytes(n)
    return n
  }
  const finish = (part: OpenPart) => puts.push(part.close().then((size) => put(stage, plan.keyOf(part.index), part.path, part.rows, size)))
  try {
    for await (const batch of lines) {
      let text = ''
      for (const line of batch) {
        text += line
        current.rows++
        rows++
        if (current.rows >= plan.rowsPerPart && index < plan.parts - 1) {
          bytes += await write(current, text)
          text = ''
          finish(current)
          current = open(dir, ++index)
        }
      }
      if (text !== '') bytes += await write(current, text)
    }
    for (;;) {
      finish(current)
      if (++index >= plan.parts) break
      current = open(dir, index)
    }
    const parts = await Promise.all(puts)
    return { rows, bytes, parts }
  } catch (err) {
    current.abort()
    await Promise.allSettled(puts)
    throw err
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

async function put(stage: Stage, key: string, path: string, rows: number, bytes: number): Promise<StagedPart> {
  await stage.putFile(key, path)
  return { key, rows, bytes }
}

interface OpenPart {
  readonly index: number
  readonly path: string
  rows: number
  /** Writes text; resolves to its uncompressed byte count once the stream can take more. */
  write(text: string): Promise<number>
  /** Ends the part; resolves to its compressed size. */
  close(): Promise<number>
  abort(): void
}

function open(dir: string, index: number): OpenPart {
  const path = join(dir, `part-${index}.csv.gz`)
  const gzip = createGzip()
  const file = createWriteStream(path)
  let size = 0
  gzip.on('data', (b: Buffer) => {
    size += b.length
  })
  gzip.on('error', (err) => file.destroy(err))
  gzip.pipe(file)
  const done = finished(file)
  // Awaited in close(); a write failure before then (disk full) must not surface as an unhandled rejection.
  done.catch(() => undefined)
  return {
    index,
    path,
    rows: 0,
    async write(text) {
      if (!gzip.write(text)) await once(gzip, 'drain')
      return Buffer.byteLength(text)
    },
    async close() {
      gzip.end()
      await done
      return size
    },
    abort() {
      gzip.destroy()
      file.destroy()
    },
  }
}
