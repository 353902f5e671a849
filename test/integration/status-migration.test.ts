import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertDeadLetters } from '../../src/engines/postgres/control-schema-cdc.js'
import { ensureCutoverControlSchema, insertCutoverRun, markStepStarted } from '../../src/engines/postgres/control-schema-cutover.js'
import { runCutover } from '../../src/cutover/run-cutover.js'
import { readMigrationStatus } from '../../src/status/read-status.js'
import { renderStatusScreen } from '../../src/ui/status-screen.js'
import { runCli } from '../cli/run-cli.js'
import { exec, withClient } from './load-support.js'
import { loadedMigration, StreamStandIn } from './cutover-support.js'

describe('godwit status: the whole migration on one screen, exit code for scripts', () => {
  let m: Awaited<ReturnType<typeof loadedMigration>>
  let cdc: StreamStandIn
  beforeAll(async () => {
    m = await loadedMigration('status')
    cdc = new StreamStandIn(m.target)
  })
  afterAll(async () => {
    await cdc?.end()
    await m?.drop()
  })

  it('after load and validation, before cdc: tables loaded and validated, exit 1 because cdc has not started', async () => {
    const s = await readMigrationStatus({ targetUrl: m.target })
    expect(s.tables).toEqual([
      expect.objectContaining({ name: 'public.notes', loaded: true, rows: 40, validation: expect.objectContaining({ status: 'PASS' }) }),
      expect.objectContaining({ name: 'public.orders', loaded: true, rows: 500, validation: expect.objectContaining({ status: 'PASS' }) }),
    ])
    expect(s.attention).toEqual(['cdc has not started on this target'])
    expect(s.exitCode).toBe(1)
  })

  it('cdc running under the threshold: exit 0, lag and its trend shown; the CLI agrees in text and --json', async () => {
    await cdc.start()
    await new Promise((r) => setTimeout(r, 1200))
    const s = await readMigrationStatus({ targetUrl: m.target, sourceUrl: m.source })
    expect(s.attention).toEqual([])
    expect(s.cdc).toMatchObject({ alive: true, state: 'running', lagMs: 120, lag: { trend: 'steady', p50: 120 } })
    expect(s.source?.slot).toMatchObject({ exists: true })
    const screen = renderStatusScreen(s)
    expect(screen).toMatch(/CDC {6}stream \d+ running; lag 120 ms, steady over 5 min/)
    expect(screen).toMatch(/public\.orders +yes +500 +PASS/)
    const text = await runCli(['status', '--target', m.target])
    expect(text.status).toBe(0)
    expect(text.stdout).toContain('OK: nothing needs attention (exit 0)')
    expect(text.stdout).not.toContain(':godwit@') // password redacted
    await cdc.setLag(9000)
    const json = await runCli(['status', '--target', m.target, '--json'])
    await cdc.setLag(120)
    expect(json.status).toBe(1)
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 1, result: { attention: ['cdc lag 9000 ms is over 5000 ms'] } })
  })

  it('dead letters and an interrupted cutover need attention', async () => {
    await withClient(m.target, (c) => insertDeadLetters(c, cdc.streamId, [{ table: 'public.orders', op: 'update', position: '0/1', error: 'boom' }]))
    const c = await withClient(m.target, async (client) => {
      await ensureCutoverControlSchema(client)
      const run = await insertCutoverRun(client, { source: 'x', tables: [], dryRun: false, options: {}, ranBy: 'someone@somewhere' })
      await markStepStarted(client, run.id, 3, 'drain')
      return run
    })
    const s = await readMigrationStatus({ targetUrl: m.target })
    expect(s.attention).toEqual(['1 dead letters in godwit.cdc_dead_letters', `cutover ${c.id} stopped at step 3 drain (running): run godwit cutover again to continue`])
    expect(s.cutover).toMatchObject({ id: c.id, interrupted: true })
    await exec(m.target, `DELETE FROM godwit.cdc_dead_letters; DELETE FROM godwit.cutover_runs`)
  })

  it('after a GO cutover a stopped cdc is expected: exit 0', async () => {
    const r = await runCutover({ sourceUrl: m.source, targetUrl: m.target })
    expect(r.decision).toBe('GO')
    const s = await readMigrationStatus({ targetUrl: m.target })
    expect(s.cdc?.state).toBe('stopped')
    expect(s.cutover).toMatchObject({ state: 'done', decision: 'GO', step: '7 fall-back plan (done)' })
    expect(s.exitCode).toBe(0)
  })
})
