import type { Readable } from 'node:stream'

/**
 * Rows of a `COPY … TO STDOUT` in text format: fields split on TAB, `\N` read as NULL, backslash
 * escapes undone. Lines are cut on the LF byte before decoding, so a multi-byte character split
 * across chunks stays whole.
 */
export async function* parseCopyTextLines(stream: Readable): AsyncIterable<(string | null)[]> {
  let rest: Buffer = Buffer.alloc(0)
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const data = rest.length === 0 ? chunk : Buffer.concat([rest, chunk])
    let start = 0
    let nl = data.indexOf(0x0a, start)
    while (nl !== -1) {
      yield parseCopyTextLine(data.toString('utf8', start, nl))
      start = nl + 1
      nl = data.indexOf(0x0a, start)
    }
    rest = data.subarray(start)
  }
  if (rest.length > 0) yield parseCopyTextLine(rest.toString('utf8'))
}

const UNESCAPES: Readonly<Record<string, string>> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' }

export function parseCopyTextLine(line: string): (string | null)[] {
  return line.split('\t').map((f) => (f === '\\N' ? null : f.includes('\\') ? f.replace(/\\([0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/g, unescape) : f))
}

function unescape(_: string, e: string): string {
  if (/^[0-7]+$/.test(e)) return String.fromCharCode(parseInt(e, 8))
  if (e.startsWith('x') && e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16))
  return UNESCAPES[e] ?? e
}
