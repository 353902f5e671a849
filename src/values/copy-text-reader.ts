/**
 * Splits PostgreSQL COPY text output (rows end in LF, fields split by TAB, NULL is `\N`,
 * backslash escapes) into fields without copying: a field is handed to its decoder as a byte
 * range of the chunk it arrived in; only fields with escapes are unescaped into a new buffer.
 */
export type FieldDecoder = (buf: Buffer, start: number, end: number) => unknown

/** A field as a string, for readers that want COPY's text as it is. */
export const decodeUtf8: FieldDecoder = (buf, start, end) => buf.toString('utf8', start, end)

const LF = 10
const TAB = 9
const BACKSLASH = 92

const ESCAPES: Record<number, number> = { 98: 8, 102: 12, 110: 10, 114: 13, 116: 9, 118: 11 } // b f n r t v

/** COPY text's escapes: \b \f \n \r \t \v, \ooo octal, \xhh hex, and a backslash before anything else is that thing. */
export function unescapeCopyText(buf: Buffer, start: number, end: number): Buffer {
  const out = Buffer.allocUnsafe(end - start)
  let o = 0
  for (let i = start; i < end; i++) {
    const c = buf[i]!
    if (c !== BACKSLASH || i + 1 >= end) {
      out[o++] = c
      continue
    }
    const n = buf[++i]!
    const mapped = ESCAPES[n]
    if (mapped !== undefined) out[o++] = mapped
    else if (n >= 48 && n <= 55) {
      let v = n - 48
      for (let k = 0; k < 2 && i + 1 < end && buf[i + 1]! >= 48 && buf[i + 1]! <= 55; k++) v = v * 8 + buf[++i]! - 48
      out[o++] = v & 0xff
    } else if (n === 120 && i + 1 < end && isHex(buf[i + 1]!)) {
      let v = hexValue(buf[++i]!)
      if (i + 1 < end && isHex(buf[i + 1]!)) v = v * 16 + hexValue(buf[++i]!)
      out[o++] = v
    } else out[o++] = n
  }
  return out.subarray(0, o)
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)
}

function hexValue(c: number): number {
  return c <= 57 ? c - 48 : (c | 32) - 87
}

export class CopyTextFormatError extends Error {}

/**
 * Turns a stream of COPY text chunks into batches of decoded rows. A row split across chunks
 * is kept until its LF arrives.
 */
export async function* readCopyText(chunks: AsyncIterable<Buffer>, decoders: readonly FieldDecoder[], minBatch = 1000): AsyncGenerator<unknown[][]> {
  const n = decoders.length
  let pending: Buffer[] = []
  let rows: unknown[][] = []
  for await (const chunk of chunks) {
    const buf = chunk
    let lineStart = 0
    let nl = buf.indexOf(LF)
    if (nl < 0) {
      pending.push(chunk)
      continue
    }
    if (pending.length > 0) {
      // The first row began in earlier chunks: join just that row.
      pending.push(chunk.subarray(0, nl + 1))
      const joined = Buffer.concat(pending)
      pending = []
      rows.push(decodeLine(joined, 0, joined.length - 1, decoders, n))
      lineStart = nl + 1
      nl = buf.indexOf(LF, lineStart)
    }
    let bs = buf.indexOf(BACKSLASH, lineStart)
    while (nl >= 0) {
      if (bs >= 0 && bs < lineStart) bs = buf.indexOf(BACKSLASH, lineStart)
      rows.push(bs >= 0 && bs < nl ? decodeLine(buf, lineStart, nl, decoders, n) : decodePlainLine(buf, lineStart, nl, decoders, n))
      lineStart = nl + 1
      nl = buf.indexOf(LF, lineStart)
    }
    if (lineStart < buf.length) pending.push(buf.subarray(lineStart))
    if (rows.length >= minBatch) {
      yield rows
      rows = []
    }
  }
  if (pending.length > 0) throw new CopyTextFormatError(`COPY output ended inside a row (${Buffer.concat(pending).length} bytes without a line end)`)
  if (rows.length > 0) yield rows
}

function fieldEnd(buf: Buffer, fs: number, end: number, last: boolean, n: number): number {
  const tab = buf.indexOf(TAB, fs)
  if (last) {
    if (tab >= 0 && tab < end) throw new CopyTextFormatError(`COPY row has more than ${n} fields`)
    return end
  }
  if (tab < 0 || tab > end) throw new CopyTextFormatError(`COPY row has fewer than ${n} fields`)
  return tab
}

/** A line without backslashes: no NULLs, no escapes. */
function decodePlainLine(buf: Buffer, start: number, end: number, decoders: readonly FieldDecoder[], n: number): unknown[] {
  const row = new Array<unknown>(n)
  let fs = start
  for (let i = 0; i < n; i++) {
    const fe = fieldEnd(buf, fs, end, i === n - 1, n)
    row[i] = decoders[i]!(buf, fs, fe)
    fs = fe + 1
  }
  return row
}

function decodeLine(buf: Buffer, start: number, end: number, decoders: readonly FieldDecoder[], n: number): unknown[] {
  const row = new Array<unknown>(n)
  let fs = start
  for (let i = 0; i < n; i++) {
    const fe = fieldEnd(buf, fs, end, i === n - 1, n)
    if (fe - fs === 2 && buf[fs] === BACKSLASH && buf[fs + 1] === 78 /* N */) row[i] = null
    else {
      const bs = buf.indexOf(BACKSLASH, fs)
      if (bs >= 0 && bs < fe) {
        const u = unescapeCopyText(buf, fs, fe)
        row[i] = decoders[i]!(u, 0, u.length)
      } else row[i] = decoders[i]!(buf, fs, fe)
    }
    fs = fe + 1
  }
  return row
}
