import { Readable } from 'node:stream'
import type { LogicalType } from '../model/logical-type.js'
import { fieldEncoderFor, type EncoderTarget, type FieldEncoder } from './binary-field-encoders.js'
import { COPY_BINARY_HEADER, COPY_BINARY_TRAILER, CopyBinaryWriter } from './copy-binary-writer.js'
import { displayExcerpt } from './display-excerpt.js'
import { ValueRejected } from './value-rejected.js'

export interface RejectedRow {
  readonly key: Record<string, string>
  readonly column: string
  /** The offending value as readable text, at most 200 characters. */
  readonly value: string
  readonly reason: string
}

/** A column as the codec writes it: read as `type` from the source, written as the target's `pgType`. */
export interface TranscodeColumn extends EncoderTarget {
  readonly targetName: string
  readonly type: LogicalType
}

/**
 * Encodes decoded rows as PostgreSQL binary COPY (header, rows, trailer). A row with a value the
 * target cannot hold (NUL in text, invalid UTF-8, out-of-range date, too long, numeric overflow)
 * is not written: onReject is called with the row's key and reason, and the other rows go on.
 * Values arrive as the source decoded them (TranscodeColumn.type); what is written follows the target
 * column's type (TranscodeColumn.pgType). `keyColumns` are source column names or target names.
 */
export function transcodeToCopyBinary(
  rows: AsyncIterable<readonly (readonly unknown[])[]>,
  columns: readonly TranscodeColumn[],
  keyColumns: readonly string[],
  onReject: (r: RejectedRow) => void,
): Readable {
  // Built before the stream starts, so an untranscodable column fails the call, not the COPY.
  const encoders = columns.map((c) => fieldEncoderFor({ name: c.targetName, pgType: c.pgType }))
  const keyIndexes = keyColumns.map((k) => {
    const at = columns.findIndex((c) => c.name === k || c.targetName === k)
    if (at < 0) throw new RangeError(`key column ${k} is not among the columns transcoded`)
    return at
  })
  const encodeBatch = batchEncoder(encoders, (row, col, e) => {
    const key: Record<string, string> = {}
    keyColumns.forEach((k, i) => {
      const at = keyIndexes[i]!
      key[k] = displayExcerpt(row[at], columns[at]!.type)
    })
    onReject({ key, column: columns[col]!.targetName, value: displayExcerpt(row[col], columns[col]!.type), reason: e.reason })
  })
  async function* chunks(): AsyncGenerator<Buffer> {
    yield COPY_BINARY_HEADER
    const w = new CopyBinaryWriter()
    for await (const batch of rows) {
      encodeBatch(batch, w)
      if (w.pos > 0) yield w.take()
    }
    yield COPY_BINARY_TRAILER
  }
  return Readable.from(chunks(), { objectMode: false })
}

type RejectHandler = (row: readonly unknown[], column: number, e: ValueRejected) => void

/** The hot loop: one field encoder per column, a rejected row rolled back to where it began. */
export function batchEncoder(encoders: readonly FieldEncoder[], onReject: RejectHandler): (batch: readonly (readonly unknown[])[], w: CopyBinaryWriter) => void {
  const n = encoders.length
  return (batch, w) => {
    for (let r = 0; r < batch.length; r++) {
      const row = batch[r]!
      const start = w.pos
      let col = 0
      try {
        w.int16(n)
        for (; col < n; col++) {
          const v = row[col]
          if (v === null || v === undefined) w.int32(-1)
          else encoders[col]!(v, w)
        }
      } catch (e) {
        if (!(e instanceof ValueRejected)) throw e
        w.pos = start
        onReject(row, col, e)
      }
    }
  }
}
