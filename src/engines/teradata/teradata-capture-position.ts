/**
 * The text of a Teradata capture position (src/model/change-position.ts): the poll number, then
 * `;to:<UTC clock>` — every change the captured tables committed before that source clock was
 * read by this poll or an earlier one (what a cutover drain stops at) — then the state a restart
 * needs: `;wm:<table>=<value>` per watermark table (the highest watermark value applied, as
 * TO_CHAR text) and nothing for change tables (their rows carry the poll that claimed them).
 * Table names and values are URI-encoded so `;` and `=` stay separators. Positions stored before
 * `to:` existed (and the start after a load) have none: they read as before.
 */
export interface CapturePosition {
  readonly poll: bigint
  /** UTC clock text (`2026-12-06 10:00:00.123456`): changes committed before it are captured. */
  readonly to?: string
  /** `db.table` → highest watermark value applied. */
  readonly watermarks: ReadonlyMap<string, string>
}

export function formatCapturePosition(p: CapturePosition): string {
  const marks = [...p.watermarks].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([t, v]) => `;wm:${encodeURIComponent(t)}=${encodeURIComponent(v)}`)
  return `${p.poll}${p.to !== undefined ? `;to:${p.to}` : ''}${marks.join('')}`
}

export function parseCapturePosition(text: string): CapturePosition {
  const [poll, ...parts] = text.trim().split(';')
  if (!poll || !/^\d+$/.test(poll)) throw new Error(`not a Teradata capture position: ${JSON.stringify(text)} (expected a poll number first)`)
  const watermarks = new Map<string, string>()
  let to: string | undefined
  for (const part of parts) {
    if (part.startsWith('to:')) {
      to = decodeURIComponent(part.slice(3))
      continue
    }
    const m = /^wm:([^=]*)=(.*)$/.exec(part)
    if (!m) throw new Error(`Teradata capture position ${JSON.stringify(text)}: cannot read ${JSON.stringify(part)}`)
    watermarks.set(decodeURIComponent(m[1]!), decodeURIComponent(m[2]!))
  }
  return { poll: BigInt(poll), ...(to !== undefined ? { to } : {}), watermarks }
}
