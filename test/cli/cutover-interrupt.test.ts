import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withClient } from '../integration/load-support.js'
import { loadedMigration, StreamStandIn } from '../integration/cutover-support.js'
import { runCli } from './run-cli.js'

async function steps(target: string): Promise<[number, string, number][]> {
  const r = await withClient(target, (c) => c.query(`SELECT step, state, attempts FROM godwit.cutover_steps WHERE cutover_id = (SELECT max(id) FROM godwit.cutover_runs) ORDER BY step`))
  return (r.rows as { step: number; state: string; attempts: number }[]).map((s) => [s.step, s.state, s.attempts])
}

const count = (url: string, sql: string) => withClient(url, async (c) => ((await c.query(sql)).rows[0] as { n: number }).n)

describe('godwit cutover and status --watch: Ctrl-C, through the real binary', () => {
  let m: Awaited<ReturnType<typeof loadedMigration>>
  let cdc: StreamStandIn
  let dir: string
  beforeAll(async () => {
    m = await loadedMigration('cutint')
    cdc = new StreamStandIn(m.target)
    await cdc.start()
    dir = await mkdtemp(join(tmpdir(), 'godwit-cutover-int-'))
  }, 120_000)
  afterAll(async () => {
    await cdc?.end()
    await m?.drop()
  })

  it('Ctrl-C during the switch: exit 130 naming the step; the rerun continues at the switch, freezing and opening nothing twice', { timeout: 240_000 }, async () => {
    const log = join(dir, 'commands.log')
    const base = ['cutover', '--source', m.source, '--target', m.target, '--freeze-cmd', `echo frozen >> ${log}`, '--unfreeze-cmd', 'true', '--report', join(dir, 'reports')]
    // The switch command announces itself, then hangs until Ctrl-C.
    const first = await runCli([...base, '--switch-cmd', `echo switching >> ${log}; sleep 60`, '--json'], { interruptWhen: /running --switch-cmd/ })
    expect(first.status, first.stderr).toBe(130)
    expect(first.stdout).toMatch(/Cutover stopped during step 6 \(switch\); it is recorded as running\. The source stays frozen meanwhile\. Run the same command again/)
    expect(first.stdout + first.stderr).not.toContain(`:${new URL(m.source).password}@`)
    expect(await steps(m.target)).toEqual([[1, 'done', 1], [2, 'done', 1], [3, 'done', 1], [4, 'done', 1], [5, 'done', 1], [6, 'running', 1]])
    const slots = `SELECT count(*)::int AS n FROM pg_replication_slots WHERE slot_name LIKE 'godwit_fallback_%'`
    expect(await count(m.target, slots)).toBe(1)

    const again = await runCli([...base, '--switch-cmd', `echo switched >> ${log}`])
    expect(again.status, again.stderr).toBe(0)
    expect(again.stdout + again.stderr).toMatch(/resuming cutover \d+ .* at step 6/)
    expect(again.stdout).toMatch(/^GO: cutover \d+ done/m)
    expect(await steps(m.target)).toEqual([[1, 'done', 1], [2, 'done', 1], [3, 'done', 1], [4, 'done', 1], [5, 'done', 1], [6, 'done', 2], [7, 'done', 1]])
    const lines = (await readFile(log, 'utf8')).trim().split('\n')
    expect(lines.filter((l) => l === 'frozen')).toHaveLength(1)
    expect(lines.at(-1)).toBe('switched')
    // One fall-back stream: the rerun kept the slot opened before the Ctrl-C, and recorded one run for it.
    expect(await count(m.target, slots)).toBe(1)
    expect(await count(m.source, `SELECT count(*)::int AS n FROM godwit.load_runs WHERE options ? 'fallbackOfCutover' AND state = 'done'`)).toBe(1)
  })

  it('status --watch redraws until Ctrl-C, then exits with the last screen\'s code', { timeout: 120_000 }, async () => {
    const screens = (stdout: string) => stdout.split('\x1b[2J').length - 1
    const r = await runCli(['status', '--target', m.target, '--watch', '--interval', '1'], { interruptOnStdout: (out) => screens(out) >= 2 })
    expect(screens(r.stdout)).toBeGreaterThanOrEqual(2)
    expect(r.stdout).toMatch(/cutover/i)
    expect(r.stderr).toContain('watch ended')
    expect(r.status, r.stdout.slice(-1500)).toBe(0) // the cutover is done (GO): nothing needs attention
  })
})
