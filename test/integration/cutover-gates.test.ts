import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readStreamStatus } from '../../src/cdc/cdc-control.js'
import { insertDeadLetters } from '../../src/engines/postgres/control-schema-cdc.js'
import { runCutover, type CutoverOptions } from '../../src/cutover/run-cutover.js'
import { exec, withClient } from './load-support.js'
import { appCanWrite, loadedMigration, StreamStandIn, validateRecorded } from './cutover-support.js'

describe('cutover gates: each failing gate stops with its reason, exit code, and the source writable again', () => {
  let m: Awaited<ReturnType<typeof loadedMigration>>
  let cdc: StreamStandIn
  let options: CutoverOptions
  beforeAll(async () => {
    m = await loadedMigration('cutgate')
    cdc = new StreamStandIn(m.target)
    await cdc.start()
    options = { sourceUrl: m.source, targetUrl: m.target, freezeRole: m.role, maxLagMs: 1000, drainTimeoutMs: 10_000 }
  })
  afterAll(async () => {
    await cdc?.end()
    await m?.drop()
  })

  it('--dry-run runs only the pre-checks, all passing, and freezes nothing', async () => {
    const r = await runCutover({ ...options, dryRun: true })
    expect(r.state).toBe('dry-run')
    expect(r.failure).toBeUndefined()
    expect(r.checks.map((c) => [c.id, c.ok])).toEqual([
      ['cdc-stream', true], ['lag', true], ['dead-letters', true], ['slot', true], ['loaded', true], ['validation', true], ['target-objects', true],
    ])
    expect(r.steps.map((s) => s.state)).toEqual(['done', 'pending', 'pending', 'pending', 'pending', 'pending', 'pending'])
    expect(await appCanWrite(m.appUrl)).toBe(true)
  })

  it('lag too high: stops at the pre-checks, exit 1, nothing frozen', async () => {
    await cdc.setLag(60_000)
    const r = await runCutover(options)
    await cdc.setLag(120)
    expect(r).toMatchObject({ state: 'failed', decision: 'NO-GO', failure: { step: 'pre-checks', code: 'CUTOVER_GATE_FAILED', exitCode: 1 } })
    expect(r.failure!.message).toMatch(/lag under 1000 ms \(lag 60000 ms/)
    expect(r.checks.find((c) => c.id === 'lag')).toMatchObject({ ok: false })
    expect(r.undo).toBeUndefined()
    expect(await appCanWrite(m.appUrl)).toBe(true)
  })

  it('dead letters present: stops at the pre-checks, exit 1', async () => {
    await insertDeadLetters(await targetClient(), cdc.streamId, [{ table: 'public.orders', op: 'insert', key: { id: '9' }, position: '0/1', error: 'value too long' }])
    const r = await runCutover(options)
    expect(r.failure).toMatchObject({ step: 'pre-checks', code: 'CUTOVER_GATE_FAILED', exitCode: 1 })
    expect(r.failure!.message).toMatch(/1 changes in godwit.cdc_dead_letters were not applied/)
    await exec(m.target, `DELETE FROM godwit.cdc_dead_letters`)
    expect(await appCanWrite(m.appUrl)).toBe(true)
  })

  it('drain timeout: the source was frozen, cdc never stopped: exit 69, role restored, stop request withdrawn', async () => {
    cdc.honourStop = false
    const app = await withClient(m.appUrl, async (c) => c.query('SELECT 1')) // the role can log in before
    expect(app.rowCount).toBe(1)
    const r = await runCutover({ ...options, drainTimeoutMs: 1500 })
    cdc.honourStop = true
    expect(r.failure).toMatchObject({ step: 'drain', code: 'CDC_STOP_TIMEOUT', exitCode: 69 })
    expect(r.freeze).toMatchObject({ method: 'role', role: m.role })
    expect(r.freeze!.frozenPosition).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/)
    expect(r.undo).toMatchObject({ sourceWritable: true })
    expect(r.undo!.actions.join('\n')).toMatch(/withdrew the stop request/)
    expect((await readStreamStatus(await targetClient(), cdc.streamId))?.stopRequestedPosition).toBeUndefined()
    expect(await appCanWrite(m.appUrl)).toBe(true)
    await cdc.restart() // what the undo tells the user: start godwit cdc again
  })

  it('final validation failed: a target row changed behind godwit’s back is found at the frozen position: exit 1, source writable', async () => {
    await exec(m.target, `UPDATE orders SET amount = amount + 1 WHERE id = 7`)
    const r = await runCutover(options)
    expect(r.failure, JSON.stringify(r.failure)).toMatchObject({ step: "final validation", code: "CUTOVER_VALIDATION_FAILED", exitCode: 1 })
    expect(r.validation).toMatchObject({ status: 'FAIL' })
    expect(r.validation!.tables.find((t) => t.name === 'public.orders')).toMatchObject({ status: 'FAIL', differences: 1 })
    expect(r.steps.map((s) => s.state)).toEqual(['done', 'done', 'done', 'done', 'failed', 'pending', 'pending'])
    expect(r.decision).toBe('NO-GO')
    expect(await appCanWrite(m.appUrl)).toBe(true)
    await exec(m.target, `UPDATE orders SET amount = amount - 1 WHERE id = 7`)
    await cdc.restart()
  })

  it('switch command failed: NO-GO, the fall-back stream opened for it is dropped again, source writable', async () => {
    await validateRecorded(m.source, m.target)
    const r = await runCutover({ ...options, switchCmd: 'echo "dns api down" >&2; exit 3' })
    expect(r.failure).toMatchObject({ step: 'switch', code: 'CUTOVER_COMMAND_FAILED', exitCode: 1 })
    expect(r.undo!.actions.join('\n')).toMatch(/dropped the fall-back stream godwit_fallback_\d+ on the target/)
    expect(r.fallback.reverseReplication).toBe('not available')
    expect((await withClient(m.target, (c) => c.query(`SELECT count(*)::int AS n FROM pg_replication_slots WHERE slot_name LIKE 'godwit_fallback_%'`))).rows[0]).toEqual({ n: 0 })
    expect((await withClient(m.source, (c) => c.query(`SELECT state FROM godwit.load_runs WHERE options ? 'fallbackOfCutover'`))).rows).toEqual([{ state: 'abandoned' }])
    expect(await appCanWrite(m.appUrl)).toBe(true)
    await cdc.restart()
  })

  it('all gates pass: GO, the role read-only with its sessions ended, sequences past the source, slot dropped', async () => {
    await validateRecorded(m.source, m.target)
    // An application session open across the freeze: it must be ended.
    const session = await withClient(m.appUrl, async (c) => {
      const pid = (await c.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number
      const ended = new Promise<string>((resolve) => c.on('error', (e) => resolve(e.message)))
      const r = await runCutover({ ...options, switchCmd: 'echo switched to $GODWIT_FROZEN_POSITION' })
      return { pid, r, ended: await Promise.race([ended, new Promise<string>((res) => setTimeout(() => res('still open'), 2000))]) }
    }).catch((e: Error) => ({ pid: 0, r: undefined, ended: e.message }))
    const r = session.r!
    expect(r.failure).toBeUndefined()
    expect(r).toMatchObject({ state: 'done', decision: 'GO' })
    expect(r.steps.every((s) => s.state === 'done')).toBe(true)
    expect(r.freeze!.sessionsTerminated).toBeGreaterThanOrEqual(1)
    expect(session.ended).toMatch(/terminat/)
    expect(r.switch!.command!.stdout).toBe(`switched to ${r.freeze!.frozenPosition}\n`)
    const orders = r.sequences.find((s) => s.ownedBy === 'public.orders.id')!
    expect(orders.action).toBe('set')
    expect(BigInt(orders.targetAfter!)).toBeGreaterThanOrEqual(BigInt(orders.sourceValue!))
    expect(BigInt(orders.sourceValue!)).toBeGreaterThan(500n) // the probes above used ids past the loaded rows
    expect(r.sequences.find((s) => s.ownedBy === 'public.notes.id')).toMatchObject({ identity: true, sourceValue: '40', targetAfter: '40' })
    const next = await withClient(m.target, (c) => c.query(`INSERT INTO orders (customer) VALUES ('after switch') RETURNING id`))
    expect(BigInt(next.rows[0].id as number)).toBeGreaterThan(BigInt(orders.sourceValue!))
    expect(String(await appCanWrite(m.appUrl))).toMatch(/read-only transaction/)
    expect(r.slotDropped).toBeDefined()
    expect(r.fallback).toMatchObject({ reverseReplication: 'ready', stream: { name: `godwit_fallback_${r.id}` } })
    expect(r.fallback.commands).toContain(`godwit cdc --reverse --source "${r.source}" --target "${r.target}"`)
    // A finished cutover run again reports it and does nothing.
    const again = await runCutover(options)
    expect(again).toMatchObject({ id: r.id, alreadyFinished: true, decision: 'GO' })
  })

  let target: Awaited<ReturnType<typeof connectTarget>> | undefined
  async function connectTarget() {
    const pg = (await import('pg')).default
    const c = new pg.Client({ connectionString: m.target })
    await c.connect()
    return c
  }
  async function targetClient() {
    target ??= await connectTarget()
    return target
  }
  afterAll(async () => target?.end())
})
