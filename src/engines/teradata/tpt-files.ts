import { createReadStream } from 'node:fs'
import { SourceError } from '../../core/errors.js'
import type { LoadColumn } from '../../load/load-source.js'
import { CopyTextFormatError, decodeUtf8, readCopyText, type FieldDecoder } from '../../values/copy-text-reader.js'
import { pgTextDecoderFor } from '../../values/pg-text-decoders.js'
import { teradataDecoderFor } from './teradata-extract-decode.js'
import { TPT_LINE_END } from './tpt-script.js'

/**
 * Reads back the files a godwit TPT export wrote (tpt-script.ts): COPY text lines whose fields
 * are the Teradata text forms of the live load, plus the end marker. Values are decoded with
 * the live load's decoders, so both paths hand the target the same values.
 */
export async function* readTptExportFile(path: string, columns: readonly LoadColumn[], batch = 1000): AsyncGenerator<unknown[][]> {
  const decoders: FieldDecoder[] = [...columns.map((c) => fieldDecoder(c)), decodeUtf8]
  let line = 0
  const cut = (where: string, what: string) =>
    new SourceError('TPT_LINE_CUT', `${where}: ${what}: it was cut (longer than the export allows) or is not from a godwit TPT export`, {
      object: where,
      hint: 'Load that table without --via tpt; rows wider than the TPT line limit (docs/teradata-data.md) need the live path.',
    })
  try {
    for await (const rows of readCopyText(createReadStream(path) as AsyncIterable<Buffer>, decoders, batch)) {
      for (const row of rows) {
        line++
        if (row.at(-1) !== TPT_LINE_END) throw cut(`${path}:${line}`, "the line does not end in godwit's end marker")
        row.pop()
      }
      yield rows
    }
  } catch (e) {
    if (e instanceof SourceError) throw e
    if (e instanceof CopyTextFormatError) throw cut(`${path} after line ${line}`, e.message)
    throw new SourceError('TPT_FILE_UNREADABLE', `${path}: ${(e as Error).message}`, { object: path, hint: 'Check that the TPT job finished and wrote this file.', cause: e })
  }
}

/** COPY's bytea text for binary columns; the text forms of the live load, read by its decoders, for the rest. */
function fieldDecoder(c: LoadColumn): FieldDecoder {
  if (c.type.kind === 'binary') return pgTextDecoderFor(c.type)
  const decode = teradataDecoderFor(c.type)
  return (buf, start, end) => decode(decodeUtf8(buf, start, end))
}
