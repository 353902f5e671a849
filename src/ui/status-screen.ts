import type { MigrationStatus } from '../status/migration-status.js'

function age(seconds: number): string {
  if (seconds < 120) return `${seconds} s ago`
  if (seconds < 7200) return `${Math.round(seconds / 60)} min ago`
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h ago`
  return `${Math.round(seconds / 86_400)} d ago`
}

function bytes(n: number | undefined): string {
  if (n === undefined) return '?'
  return n >= 1_073_741_824 ? `${(n / 1_073_741_824).toFixed(1)} GB` : n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} kB` : `${n} B`
}

function pad(cells: readonly string[], widths: readonly number[], right: ReadonlySet<number>): string {
  return cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd()
}

/** `godwit status` as one screen of plain text (no colours, so it pipes and logs cleanly). */
export function renderStatusScreen(s: MigrationStatus): string {
  const out: string[] = [`godwit status  ${s.target}  at ${s.at}`, '']
  out.push(s.load ? `Load     run ${s.load.runId}: ${s.load.state}${s.load.finishedAt ? `, finished ${s.load.finishedAt}` : ''}` : 'Load     no load run recorded')
  const head = ['table', 'loaded', 'rows', 'last validation', 'age']
  const rows = s.tables.map((t) => [t.name, t.loaded ? 'yes' : `${t.chunksDone}/${t.chunks} chunks`, String(t.rows), t.validation?.status ?? '—', t.validation ? age(t.validation.ageSeconds) : '—'])
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const right = new Set([2])
  if (rows.length > 0) out.push('', `  ${pad(head, widths, right)}`, ...rows.map((r) => `  ${pad(r, widths, right)}`))
  out.push('')
  const c = s.cdc
  if (!c) out.push('CDC      not started on this target')
  else {
    const lag = c.lagMs === undefined ? 'lag ?' : `lag ${c.lagMs} ms`
    const trend = c.lag.samples > 0 ? `, ${c.lag.trend === 'unknown' ? 'too few samples for a trend' : `${c.lag.trend} over 5 min`} (p50 ${c.lag.p50} ms, p95 ${c.lag.p95} ms, max ${c.lag.max} ms)` : ''
    out.push(`CDC      stream ${c.streamId} ${c.state}${c.alive ? '' : c.state === 'running' || c.state === 'stopping' ? ' (process not reporting)' : ''}; ${lag}${trend}`)
    out.push(`         applied ${c.appliedPosition ?? '—'}, ${c.eventsApplied} changes, ${bytes(c.bytesBehind)} behind, slot retains ${bytes(c.retainedWalBytes)}${c.stopRequestedPosition ? `; stop requested at ${c.stopRequestedPosition}` : ''}`)
    if (c.error) out.push(`         error: ${c.error}`)
  }
  out.push(`         dead letters: ${s.deadLetters}`)
  if (s.source) out.push(`Source   ${s.source.error ? `unreachable: ${s.source.error}` : `at ${s.source.position}${s.source.slot ? `; slot ${s.source.slot.slot} ${s.source.slot.exists ? `${s.source.slot.walStatus ?? ''}, retains ${bytes(s.source.slot.retainedWalBytes)}` : 'MISSING'}` : ''}`}`)
  const k = s.cutover
  out.push(
    k
      ? `Cutover  ${k.id}: ${k.state}${k.decision ? ` ${k.decision}` : ''}${k.step ? `, step ${k.step}` : ''}${k.interrupted ? ' — interrupted, rerun godwit cutover' : ''} (${k.ranBy}, ${k.startedAt})`
      : 'Cutover  not started',
  )
  out.push('', s.attention.length === 0 ? 'OK: nothing needs attention (exit 0)' : `Needs attention (exit 1):\n${s.attention.map((a) => `  - ${a}`).join('\n')}`)
  return out.join('\n')
}
