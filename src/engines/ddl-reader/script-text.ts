/** A script file's text: UTF-8 when the bytes are valid UTF-8, else Latin-1 (some real exports, Oracle's and Teradata LATIN ones, are Latin-1 encoded). */
export function decodeScript(bytes: Buffer): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes)
  return text.includes('\uFFFD') ? bytes.toString('latin1') : text
}
