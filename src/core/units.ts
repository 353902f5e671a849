/** Bytes as people read them in a summary line (decimal units, as pg_size_pretty's peers do): 1.3 MB. `—` when unknown. */
export function formatBytes(n: number | undefined): string {
  if (n === undefined) return '—'
  const units = ['B', 'kB', 'MB', 'GB', 'TB']
  let v = n
  let u = 0
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000
    u++
  }
  return u === 0 ? `${n} B` : `${v.toFixed(1)} ${units[u]}`
}
