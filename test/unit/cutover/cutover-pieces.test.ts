import { describe, expect, it } from 'vitest'
import { parseDuration } from '../../../src/cutover/duration.js'
import { lagStats } from '../../../src/cutover/lag-stats.js'
import { redactSecrets, runShellCommand } from '../../../src/cutover/shell-command.js'
import { pairSequences, type SequenceState } from '../../../src/engines/postgres/pg-sequence-sync.js'
import { lagChartSvg } from '../../../src/report/cutover-lag-chart.js'

describe('cutover pieces', () => {
  it('reads durations as users write them, and names the flag when it cannot', () => {
    expect(parseDuration('90s', '--x')).toBe(90_000)
    expect(parseDuration('30m', '--x')).toBe(1_800_000)
    expect(parseDuration('2h', '--x')).toBe(7_200_000)
    expect(parseDuration('1d', '--x')).toBe(86_400_000)
    expect(parseDuration('45', '--x')).toBe(45_000)
    expect(() => parseDuration('soon', '--max-validation-age')).toThrow(/--max-validation-age "soon" is not a duration/)
    expect(() => parseDuration('0s', '--x')).toThrow(/not a duration/)
  })

  it('lag percentiles and trend over a window', () => {
    expect(lagStats([])).toEqual({ samples: 0, trend: 'unknown' })
    expect(lagStats([100, 110, 90, 100, 105, 95])).toMatchObject({ p50: 100, max: 110, trend: 'steady' })
    expect(lagStats([100, 120, 110, 900, 1500, 2000])).toMatchObject({ trend: 'rising', last: 2000, p95: 2000 })
    expect(lagStats([3000, 2500, 2000, 200, 150, 100])).toMatchObject({ trend: 'falling' })
    expect(lagStats([undefined, 40])).toMatchObject({ samples: 1, last: 40, trend: 'unknown' })
  })

  it('redacts URL passwords and secret-named environment values from command text and output', () => {
    const env = { PGPASSWORD: 'hunter22', API_TOKEN: 'tok-123456', HOME: '/root' }
    expect(redactSecrets('psql postgres://app:pw@db/x; curl -H "auth: tok-123456"; echo hunter22 /root', env)).toBe('psql postgres://app:***@db/x; curl -H "auth: ***"; echo *** /root')
  })

  it('runs a command with a timeout that ends its whole process group', async () => {
    const ok = await runShellCommand('echo out; echo err >&2; exit 3', { timeoutMs: 5000 })
    expect(ok).toMatchObject({ exitCode: 3, timedOut: false, stdout: 'out\n', stderr: 'err\n' })
    const started = Date.now()
    const slow = await runShellCommand('sleep 30 & sleep 30; echo never', { timeoutMs: 300 })
    expect(slow.timedOut).toBe(true)
    expect(slow.stdout).toBe('')
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('pairs source and target sequences by owning column first, then by name, across a schema rename', () => {
    const s = (name: string, ownedBy?: string, lastValue?: string): SequenceState => ({ name, ownedBy, lastValue, increment: '1', identity: false })
    const pairs = pairSequences(
      [s('app.orders_id_seq', 'app.orders.id', '10'), s('app.invoice_no', undefined, '7'), s('app.gone')],
      [s('public.orders_id_seq1', 'public.orders.id'), s('public.invoice_no')],
      new Map([['app', 'public']]),
    )
    expect(pairs.map((p) => [p.source.name, p.target?.name])).toEqual([
      ['app.orders_id_seq', 'public.orders_id_seq1'],
      ['app.invoice_no', 'public.invoice_no'],
      ['app.gone', undefined],
    ])
  })

  it('the lag chart is inline SVG with the threshold, and says so when there is nothing to draw', () => {
    const svg = lagChartSvg([{ at: '2026-01-01T00:00:00Z', lagMs: 100 }, { at: '2026-01-01T00:00:10Z', lagMs: 300 }], 1000, [{ at: '2026-01-01T00:00:05Z', label: 'frozen' }]).html
    expect(svg).toMatch(/^<svg [^>]*viewBox/)
    expect(svg).toContain('max lag 1.0 s')
    expect(svg).toContain('>frozen</text>')
    expect(svg).toMatch(/<polyline points="[\d.]+,[\d.]+ [\d.]+,[\d.]+"/)
    expect(lagChartSvg([], 1000, []).html).toContain('No lag samples')
  })
})
