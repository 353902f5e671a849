import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withClient } from '../integration/load-support.js'
import { loadedMigration, StreamStandIn } from '../integration/cutover-support.js'
import { runCli } from './run-cli.js'

const DEV_BIN = fileURLToPath(new URL('../../bin/dev.js', import.meta.url))

async function steps(target: string): Promise<{ step: number; state: string; attempts: number }[]> {
  const r = await withClient(target, (c) => c.query(`SELECT step, state, attempts FROM godwit.cutover_steps WHERE cutover_id = (SELECT max(id) FROM godwit.cutover_runs) ORDER BY step`).catch(() => ({ rows: [] })))
  return r.rows as { step: number; state: string; attempts: number }[]
}

describe('godwit cutover (the real CLI)', () => {
  let m: Awaited<ReturnType<typeof loadedMigration>>
  let cdc: StreamStandIn
  let dir: string
  beforeAll(async () => {
    m = await loadedMigration('cutcli')
    cdc = new StreamStandIn(m.target)
    await cdc.start()
    dir = await mkdtemp(join(tmpdir(), 'godwit-cutover-'))
  })
  afterAll(async () => {
    await cdc?.end()
    await m?.drop()
  })

  it('--dry-run with the lag over --max-lag-ms exits 1 and says why in the --json envelope', async () => {
    await cdc.setLag(5000)
    const r = await runCli(['cutover', '--source', m.source, '--target', m.target, '--max-lag-ms', '100', '--dry-run', '--json', '--report', join(dir, 'dry')])
    await cdc.setLag(120)
    expect(r.status).toBe(1)
    const out = JSON.parse(r.stdout) as { status: number; result: { state: string; failure: { code: string; message: string } } }
    expect(out.status).toBe(1)
    expect(out.result.state).toBe('dry-run')
    expect(out.result.failure.message).toMatch(/lag 5000 ms/)
    expect(r.stdout).not.toContain('godwit@') // the URL's password is redacted
  })

  it('SIGKILLed during the drain, run again: continues at the drain without freezing twice, ends GO with the reports', async () => {
    cdc.honourStop = false
    const frozenLog = join(dir, 'frozen.log')
    const args = ['cutover', '--source', m.source, '--target', m.target, '--freeze-cmd', `echo frozen >> ${frozenLog}`, '--switch-cmd', 'echo switched', '--report', join(dir, 'reports'), '--drain-timeout', '60']
    const child = spawn(process.execPath, ['--import', 'tsx', DEV_BIN, ...args], { stdio: 'ignore' })
    const exited = new Promise<string | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)))
    for (let i = 0; i < 400 && !(await steps(m.target)).some((s) => s.step === 3); i++) await sleep(50)
    child.kill('SIGKILL')
    expect(await exited).toBe('SIGKILL')
    expect((await steps(m.target)).map((s) => [s.step, s.state])).toEqual([[1, 'done'], [2, 'done'], [3, 'running']])
    const open = await withClient(m.target, (c) => c.query(`SELECT state FROM godwit.cutover_runs ORDER BY id DESC LIMIT 1`))
    expect(open.rows[0]).toEqual({ state: 'running' })

    cdc.honourStop = true
    const r = await runCli(args)
    expect(r.stderr + r.stdout).toMatch(/resuming cutover \d+ .* at step 3/)
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/^GO: cutover \d+ done/m)
    expect((await readFile(frozenLog, 'utf8')).trim().split('\n')).toEqual(['frozen']) // step 2 was not run again
    expect((await steps(m.target)).map((s) => [s.step, s.state, s.attempts])).toEqual([
      [1, 'done', 1], [2, 'done', 1], [3, 'done', 2], [4, 'done', 1], [5, 'done', 1], [6, 'done', 1], [7, 'done', 1],
    ])
    const reports = [...r.stdout.matchAll(/^Report: (.*)$/gm)].map((x) => x[1]!)
    expect(reports.map((p) => p.slice(p.lastIndexOf('.')))).toEqual(['.md', '.html', '.json'])
    const json = JSON.parse(await readFile(reports[2]!, 'utf8')) as { decision: string; resumedAtStep: number; validation: { status: string } }
    expect(json).toMatchObject({ decision: 'GO', resumedAtStep: 3, validation: { status: 'PASS' } })
    const html = await readFile(reports[1]!, 'utf8')
    expect(html).toContain('<svg')
    expect(html).toContain('GO: every gate passed')
    expect(html).not.toMatch(/postgres:\/\/[^:]+:godwit@/)

    const again = await runCli(args)
    expect(again.status).toBe(0)
    expect(again.stdout).toMatch(/finished at .* \(GO\); nothing to do/)
    expect(reports.every((p) => existsSync(p))).toBe(true)
  })
})
