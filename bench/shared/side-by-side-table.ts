/** A plain-text table with aligned columns: what every bench prints so tools read side by side. */
export function sideBySideTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ').trimEnd()
  const rule = widths.map((w) => '-'.repeat(w)).join('-|-')
  return [line(header), rule, ...rows.map(line)].join('\n')
}
