import { formatBytes } from '../core/units.js'
import type { RunSummary } from '../engines/postgres/control-schema-load.js'
import type { LoadPlan } from '../load/load-events.js'
import type { LoadResult, ReadPosition } from '../load/load-result.js'
import type { SourcePosition } from '../load/load-source.js'

/** Counts are printed one way everywhere in load output: 1,234,567. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US')
}

/** `1 row`, `1,234 rows`. */
export function formatRows(n: number): string {
  return `${formatCount(n)} ${Math.round(n) === 1 ? 'row' : 'rows'}`
}

export function formatPosition(p: SourcePosition): string {
  if (p.scn) return `SCN ${p.scn}`
  return `LSN ${p.lsn ?? '?'}${p.snapshot ? ` (snapshot ${p.snapshot})` : ''}`
}

/** Lines of aligned columns, two spaces apart; `right` columns are right-aligned (numbers). */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], right: ReadonlySet<number> = new Set()): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)))
  const line = (cells: readonly string[]) => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd()
  return [line(header), ...rows.map(line)]
}

/** The plan as printed before a load starts (and all `--dry-run` prints). */
export function planLines(plan: LoadPlan, dryRun: boolean): string[] {
  const head =
    plan.action === 'resume'
      ? `Plan: resume run ${plan.runId}: ${formatCount(plan.tables.reduce((n, t) => n + t.chunks - t.chunksDone, 0))} of ${formatCount(plan.tables.reduce((n, t) => n + t.chunks, 0))} chunks left`
      : `Plan: new run${plan.replaces !== undefined ? ` (abandoning unfinished run ${plan.replaces})` : ''}: ${plan.tables.length} tables, ${formatCount(plan.tables.reduce((n, t) => n + t.chunks, 0))} chunks`
  const rows = plan.tables.map((t) => [
    t.name,
    t.target,
    formatCount(t.estimatedRows),
    `${t.chunksDone}/${t.chunks}`,
    t.chunking,
    t.transfer,
    t.emptied > 0 ? formatRows(t.emptied) : '-',
    t.generated.length > 0 ? t.generated.join(', ') : '-',
  ])
  const out = [head, ...textTable(['table', 'target', 'est. rows', 'chunks', 'chunking', 'transfer', 'emptied', 'generated (left out)'], rows, new Set([2]))]
  const emptied = plan.tables.filter((t) => t.emptied > 0)
  if (emptied.length > 0) out.push(`--truncate ${dryRun ? 'would empty' : 'empties'}: ${emptied.map((t) => `${t.target} (${formatRows(t.emptied)})`).join(', ')}`)
  const generated = plan.tables.filter((t) => t.generated.length > 0)
  if (generated.length > 0) out.push(`generated columns are left out; the target computes them: ${generated.map((t) => t.generated.map((c) => `${t.name}.${c}`).join(', ')).join(', ')}`)
  if (plan.retainAs) out.push(`for CDC the run ${dryRun ? 'would keep' : 'keeps'} a replication slot and publication ${plan.retainAs} on the source (replacing any earlier one of that name)`)
  for (const a of plan.adopted) out.push(`adopted since the run was planned: ${a}`)
  if (dryRun) out.push('--dry-run: nothing was created or changed on either side.')
  return out
}

/** Where the done chunks were read: one position, or each with its chunk count when a resume read at newer ones. */
export function readPositionLine(runId: number | undefined, positions: readonly ReadPosition[], runPosition: SourcePosition): string {
  if (positions.length <= 1) return `run ${runId} read the source at ${formatPosition(positions[0]?.position ?? runPosition)}`
  const parts = positions.map((p) => `${formatCount(p.chunks)} chunks at ${formatPosition(p.position)}${p.position.snapshot === runPosition.snapshot ? " (the run's own)" : ''}`)
  return `run ${runId} read the source at ${positions.length} positions (its first snapshot had ended when it resumed): ${parts.join('; ')}; CDC starts at ${formatPosition(runPosition)} and converges`
}

/** The table of tables, the total line and what follows, as `godwit load` prints them on stdout. */
export function summaryLines(r: LoadResult, dropCommand: string): string[] {
  if (r.dryRun) return r.plan ? planLines(r.plan, true) : []
  const out: string[] = []
  if (r.alreadyDone) out.push(`run ${r.runId} already loaded these tables; nothing was done (to load them again: --restart, with --truncate to empty them)`)
  const rows = r.tables.map((t) => [
    t.name,
    formatCount(t.rows),
    formatCount(t.rejected),
    `${t.chunksDone}/${t.chunks}`,
    formatBytes(t.bytes),
    t.seconds.toFixed(1),
    t.rowsPerSecond !== undefined ? formatCount(t.rowsPerSecond) : '-',
    t.megabytesPerSecond !== undefined ? t.megabytesPerSecond.toFixed(1) : '-',
    t.transfer,
    t.status,
  ])
  out.push(...textTable(['table', 'rows', 'rejected', 'chunks', 'bytes', 'seconds', 'rows/s', 'MB/s', 'transfer', 'status'], rows, new Set([1, 2, 4, 5, 6, 7])))
  const t = r.totals
  out.push(
    `total: ${t.tables} tables, ${formatCount(t.rows)} rows${t.rejected > 0 ? ` (${formatCount(t.rejected)} rejected)` : ''}, ${formatBytes(t.bytes)}, ${t.seconds.toFixed(1)} s elapsed` +
      (r.alreadyDone ? '' : `, ${formatCount(t.rowsPerSecond)} rows/s loaded by this command`),
  )
  out.push(`${readPositionLine(r.runId, r.readPositions, r.position)}${r.resumed && !r.alreadyDone ? ' (resumed)' : ''}`)
  for (const x of r.tables.filter((x) => x.error)) out.push(`  ${x.name}: ${x.error}`)
  for (const x of r.tables.filter((x) => x.rejectsFile)) out.push(`  ${x.name}: ${formatCount(x.rejected)} rejected rows in ${x.rejectsFile}`)
  if (r.retained) {
    out.push(
      `left replication slot ${r.retained.slot}${r.retained.publication ? ` and publication ${r.retained.publication}` : ''} on the source for CDC; ` +
        `the slot retains ${formatBytes(r.retained.walBytes ?? 0)} of WAL now, more as the source changes, until CDC consumes it or it is dropped: ${dropCommand}`,
    )
  }
  if (!r.complete && !r.interrupted) out.push('Some chunks did not load: fix the cause and run the same command again to resume.')
  return out
}

/** `--list-runs`. */
export function runsLines(runs: readonly RunSummary[]): string[] {
  if (runs.length === 0) return ['no load runs recorded on this target']
  return textTable(
    ['run', 'state', 'tables', 'chunks', 'rows', 'started', 'finished', 'position', 'selection'],
    runs.map((r) => [
      String(r.id),
      r.state === 'running' ? (r.active ? 'loading' : 'unfinished') : r.state,
      r.tables.length <= 3 ? r.tables.join(', ') : `${r.tables.slice(0, 2).join(', ')} +${r.tables.length - 2}`,
      `${formatCount(r.chunksDone)}/${formatCount(r.chunks)}`,
      formatCount(r.rows),
      r.startedAt.replace(/\.\d+Z$/, 'Z'),
      r.finishedAt?.replace(/\.\d+Z$/, 'Z') ?? '-',
      `${formatPosition({ ...r.position, snapshot: undefined })}${r.position.slot ? ` slot ${r.position.slot}` : ''}`,
      r.selection.length > 0 ? r.selection.join(',') : '(all)',
    ]),
    new Set([0, 4]),
  )
}
