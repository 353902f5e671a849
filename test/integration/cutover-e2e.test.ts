import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readStreamStatuses } from '../../src/cdc/cdc-control.js'
import { runCdc, type CdcResult } from '../../src/cdc/run-cdc.js'
import type { CutoverResult } from '../../src/cutover/cutover-result.js'
import { runCli } from '../cli/run-cli.js'
import { loadForCdc } from './cdc-support.js'
import { validateRecorded } from './cutover-support.js'
import { exec, sourceAndTarget, withClient } from './load-support.js'

const DEV_BIN = fileURLToPath(new URL('../../bin/dev.js', import.meta.url))
const DDL = `CREATE TABLE orders (id serial PRIMARY KEY, customer text NOT NULL, amount numeric(12,2), note text);
             CREATE TABLE notes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, order_id int, body text);`
const TABLES = ['public.orders', 'public.notes']

/** The application: commits insert/update/delete transactions as its own role until the freeze ends its session. */
async function writer(appUrl: string, stop: { now: boolean }): Promise<{ committed: number; endedBy: string }> {
  const c = new pg.Client({ connectionString: appUrl })
  c.on('error', () => undefined)
  await c.connect()
  let committed = 0
  try {
    for (let i = 0; !stop.now; i++) {
      await c.query('BEGIN')
      const { rows } = await c.query(`INSERT INTO orders (customer, amount) VALUES ($1, $2) RETURNING id`, [`live ${i}`, i % 100])
      await c.query(`INSERT INTO notes (order_id, body) VALUES ($1, $2)`, [rows[0].id, `note ${i}`])
      await c.query(`UPDATE orders SET amount = amount + 1, note = $2 WHERE id = $1`, [1 + ((i * 7) % 400), `touched ${i}`])
      if (i % 5 === 0) await c.query(`DELETE FROM orders WHERE id = $1`, [1 + ((i * 13) % 400)])
      await c.query('COMMIT')
      committed++
      await sleep(5)
    }
    return { committed, endedBy: 'stopped by the test' }
  } catch (e) {
    return { committed, endedBy: (e as Error).message }
  } finally {
    await c.end().catch(() => undefined)
  }
}

describe('cutover end to end: real load, real godwit cdc under a live writer, freeze, drain, sequences, validation, switch', () => {
  let db: Awaited<ReturnType<typeof sourceAndTarget>>
  const role = `app_${randomBytes(3).toString('hex')}`
  let appUrl: string
  beforeAll(async () => {
    db = await sourceAndTarget('cut_e2e')
    await exec(db.source, `${DDL}
      INSERT INTO orders (customer, amount) SELECT 'c' || g, g FROM generate_series(1, 2000) g;
      INSERT INTO notes (order_id, body) SELECT g, 'n' || g FROM generate_series(1, 300) g;
      CREATE ROLE ${role} LOGIN PASSWORD 'app-secret';
      GRANT ALL ON ALL TABLES IN SCHEMA public TO ${role}; GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO ${role};`)
    await exec(db.target, DDL)
    await loadForCdc(db.source, db.target, TABLES)
    await validateRecorded(db.source, db.target)
    const u = new URL(db.source)
    u.username = role
    u.password = 'app-secret'
    appUrl = u.toString()
  }, 180_000)
  afterAll(async () => {
    await db?.drop()
    await exec(db.source.replace(/\/[^/]*$/, '/postgres'), `DROP ROLE IF EXISTS ${role}`).catch(() => undefined)
  })

  it('no write lost, sequences past the source, report PASS/GO; killed during the switch, the rerun continues there', async () => {
    const abort = new AbortController()
    let cdcDone: CdcResult | Error | undefined
    const cdc = runCdc({ sourceUrl: db.source, targetUrl: db.target, tables: TABLES, signal: abort.signal }).then(
      (r) => (cdcDone = r),
      (e: Error) => (cdcDone = e),
    )
    const stopWriter = { now: false }
    const writing = writer(appUrl, stopWriter)
    try {
      // CDC is live and keeping up with the writer before the cutover starts.
      for (let i = 0; i < 200; i++) {
        const [s] = await withClient(db.target, readStreamStatuses)
        if (s?.alive && s.eventsApplied > 200 && (s.lagMs ?? Infinity) < 3000) break
        await sleep(100)
      }
      const reports = await mkdtemp(join(tmpdir(), 'godwit-cutover-e2e-'))
      const args = ['cutover', '--source', db.source, '--target', db.target, '--freeze-role', role, '--max-lag-ms', '3000', '--report', reports, '--json']
      const child = spawn(process.execPath, ['--import', 'tsx', DEV_BIN, ...args, '--switch-cmd', 'sleep 8'], { stdio: ['ignore', 'pipe', 'pipe'] })
      let output = ''
      child.stdout!.on('data', (d: Buffer) => (output += d.toString()))
      child.stderr!.on('data', (d: Buffer) => (output += d.toString()))
      let exited = false
      const killed = new Promise<string | null>((resolve) => child.on('exit', (_c, signal) => ((exited = true), resolve(signal))))
      const stepState = async () =>
        (await withClient(db.target, (c) => c.query(`SELECT step, state FROM godwit.cutover_steps ORDER BY step`).catch(() => ({ rows: [] })))).rows as { step: number; state: string }[]
      // Killed while --switch-cmd runs: after the fall-back stream was opened and recorded.
      const switching = async () => (await withClient(db.target, (c) => c.query(`SELECT 1 FROM godwit.cutover_steps WHERE step = 6 AND details ? 'fallbackStream'`).catch(() => ({ rowCount: 0 })))).rowCount === 1
      for (let i = 0; i < 1200 && !exited && !(await switching()); i++) await sleep(50)
      child.kill('SIGKILL')
      expect(await killed, output).toBe('SIGKILL')
      expect(await stepState()).toEqual([1, 2, 3, 4, 5].map((step) => ({ step, state: 'done' })).concat([{ step: 6, state: 'running' }]))

      // The fall-back stream was opened before the switch command ran; the application, half switched, writes on the target.
      expect((await withClient(db.target, (c) => c.query(`SELECT count(*)::int AS n FROM pg_replication_slots WHERE slot_name LIKE 'godwit_fallback_%'`))).rows[0]).toEqual({ n: 1 })
      await exec(db.target, `INSERT INTO orders (id, customer, amount) VALUES (900000, 'written during the switch', 1)`)

      // The freeze ended the application's session; cdc drained to the frozen position and stopped by itself.
      const app = await writing
      expect(app.committed).toBeGreaterThan(20)
      expect(app.endedBy).toMatch(/terminat|connection error/) // its session ended by the freeze
      await cdc
      expect(cdcDone).toMatchObject({ exitCode: 0 })

      const rerun = await runCli([...args, '--switch-cmd', 'echo switched'])
      expect(rerun.status).toBe(0)
      const r = (JSON.parse(rerun.stdout) as { result: CutoverResult }).result
      expect(r).toMatchObject({ state: 'done', decision: 'GO', resumedAtStep: 6, validation: { status: 'PASS' } })
      expect(r.steps.map((s) => [s.state, s.attempts])).toEqual([['done', 1], ['done', 1], ['done', 1], ['done', 1], ['done', 1], ['done', 2], ['done', 1]])
      expect(r.validation!.tables).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'public.orders', status: 'PASS', differences: 0 })]))
      expect((cdcDone as CdcResult).stoppedPosition).toBeDefined()

      // Every committed write reached the target: same rows as the frozen source (the validation says so; counted here too,
      // leaving out the row written on the target during the switch).
      const count = (url: string) => withClient(url, async (c) => (await c.query(`SELECT (SELECT count(*) FROM orders WHERE id <> 900000)::int AS o, (SELECT count(*) FROM notes)::int AS n, (SELECT max(id) FROM orders WHERE id <> 900000) AS maxid`)).rows[0] as { o: number; n: number; maxid: number })
      const [src, tgt] = [await count(db.source), await count(db.target)]
      expect(tgt).toEqual(src)
      expect(src.n).toBe(300 + app.committed)

      // The target's sequences are past the source's: the application's next insert on the target gets a new id.
      const orders = r.sequences.find((s) => s.ownedBy === 'public.orders.id')!
      expect(orders).toMatchObject({ action: 'set' })
      expect(BigInt(orders.targetAfter!)).toBeGreaterThanOrEqual(BigInt(orders.sourceValue!))
      expect(BigInt(orders.sourceValue!)).toBeGreaterThanOrEqual(BigInt(src.maxid))
      const next = await withClient(db.target, (c) => c.query(`INSERT INTO orders (customer) VALUES ('first on target') RETURNING id`))
      await exec(db.target, `UPDATE orders SET note = 'changed on target' WHERE id <= 50; DELETE FROM orders WHERE id BETWEEN 51 AND 60; INSERT INTO notes (order_id, body) VALUES (1, 'on target')`)
      expect(next.rows[0].id).toBeGreaterThan(Number(orders.sourceValue))
      expect(r.sequences.find((s) => s.ownedBy === 'public.notes.id')).toMatchObject({ identity: true, action: 'set' })

      // The source stays frozen after a GO; the slot is gone; the report states the decision.
      const probe = await withClient(appUrl, (c) => c.query(`INSERT INTO orders (customer) VALUES ('late')`)).catch((e: Error) => e.message)
      expect(String(probe)).toMatch(/read-only transaction/)
      expect(r.slotDropped).toBeDefined()
      expect((await withClient(db.source, (c) => c.query(`SELECT count(*)::int AS n FROM pg_replication_slots WHERE slot_name = $1`, [r.slotDropped]))).rows[0]).toEqual({ n: 0 })
      expect(r.lag.length).toBeGreaterThan(3)
      const md = await readFile(r.reports.find((p) => p.endsWith('.md'))!, 'utf8')
      expect(md).toMatch(/^# Cutover \d+: GO$/m)
      expect(md).toMatch(/PASS in checksum mode/)
      expect(r.fallback).toMatchObject({ reverseReplication: 'ready', stream: { name: expect.stringMatching(/^godwit_fallback_\d+$/) } })
      expect(md).toMatch(/Fall-back stream godwit\\_fallback\\_\d+ on the target holds every change since the switch/)
      expect(md).toContain('godwit cdc --reverse --source')

      // Fall-back: godwit cdc --reverse applies everything written on the target since the switch to the old source.
      const back = await runCli(['cdc', '--reverse', '--source', db.source, '--target', db.target, '--until-caught-up', '--max-lag-ms', '2000', '--max-duration', '120', '--json'])
      expect(back.status, back.stderr).toBe(0)
      const rows = (url: string) => withClient(url, async (c) => (await c.query(`SELECT (SELECT array_agg(o ORDER BY id)::text FROM orders o) AS o, (SELECT array_agg(n ORDER BY id)::text FROM notes n) AS n`)).rows[0] as { o: string; n: string })
      const [oldRows, newRows] = [await rows(db.source), await rows(db.target)]
      expect(oldRows).toEqual(newRows)
      expect(oldRows.o).toContain('written during the switch')
      expect(oldRows.o).toContain('changed on target')
      const again = await runCli(['cdc', '--reverse', '--drop-slot', '--source', db.source, '--target', db.target, '--json'])
      expect(again.status, again.stderr).toBe(0)
      expect((await withClient(db.target, (c) => c.query(`SELECT count(*)::int AS n FROM pg_replication_slots WHERE slot_name LIKE 'godwit_fallback_%'`))).rows[0]).toEqual({ n: 0 })
    } finally {
      stopWriter.now = true
      abort.abort()
      await Promise.allSettled([cdc, writing])
    }
  }, 240_000)
})
