/**
 * The text of a Teradata capture position (src/model/change-position.ts): the poll number,
 * then the state a restart needs, `;`-separated: `wm:<table>=<value>` per watermark table (the
 * highest watermark value applied, as TO_CHAR text) and nothing for change tables (their rows
 * carry the poll that claimed them). Table names are URI-encoded so `;` and `=` stay separators.
 */
export interface CapturePosition {
  readonly poll: bigint
  /** `db.table` → highest watermark value applied. */
  readonly watermarks: ReadonlyMap<string, string>
}

export function formatCapturePosition(p: CapturePosition): string {
  const marks = [...p.watermarks].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([t, v]) => `;wm:${encodeURIComponent(t)}=${encodeURIComponent(v)}`)
  return `${p.poll}${marks.join('')}`
}

export function parseCapturePosition(text: string): CapturePosition {
  const [poll, ...parts] = text.trim().split(';')
  if (!poll || !/^\d+$/.test(poll)) throw new Error(`not a Teradata capture position: ${JSON.stringify(text)} (expected a poll number first)`)
  const watermarks = new Map<string, string>()
  for (const part of parts) {
    const m = /^wm:([^=]*)=(.*)$/.exec(part)
    if (!m) throw new Error(`Teradata capture position ${JSON.stringify(text)}: cannot read ${JSON.stringify(part)}`)
    watermarks.set(decodeURIComponent(m[1]!), decodeURIComponent(m[2]!))
  }
  return { poll: BigInt(poll), watermarks }
}
